//! Integration tests: the real server over SQLite and PostgreSQL, spoken to over HTTP.

mod helpers;

mod access;
mod cli;
mod http;
mod mutations_network;
mod mutations_centre;
mod read;
mod schema;
mod writes;
