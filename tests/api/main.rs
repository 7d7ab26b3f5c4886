//! Integration tests: the real server over SQLite and PostgreSQL, spoken to over HTTP.

mod helpers;

mod access;
mod bad_input;
mod changes;
mod cli;
mod compiled;
mod http;
mod mutations_activities;
mod mutations_centre;
mod mutations_knowledge;
mod mutations_network;
mod mutations_people;
mod outage;
mod raw_http;
mod read;
mod read_lanes;
mod schema;
mod shutdown;
mod sync_cli;
mod sync_push;
mod synthetic;
mod timeouts;
mod training_records;
mod writes;

mod cors;
mod custom_server;
mod production;
mod rate_limits;
mod tokens;
