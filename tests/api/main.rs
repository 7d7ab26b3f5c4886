//! Integration tests: the real server over SQLite and PostgreSQL, spoken to over HTTP.

mod helpers;

mod access;
mod changes;
mod cli;
mod http;
mod mutations_activities;
mod mutations_centre;
mod mutations_knowledge;
mod mutations_network;
mod mutations_people;
mod read;
mod schema;
mod sync_cli;
mod sync_push;
mod synthetic;
mod writes;
