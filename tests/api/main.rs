//! Integration tests: the real server over SQLite and PostgreSQL, spoken to over HTTP.

mod helpers;

mod http;
mod schema;
