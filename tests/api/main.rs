//! Integration tests: the real server over SQLite and PostgreSQL, spoken to over HTTP.

mod helpers;

mod access;
mod cli;
mod http;
mod mutations_centre;
mod mutations_knowledge;
mod read;
mod schema;
mod writes;
