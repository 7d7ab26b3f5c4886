//! cusnet: the GraphQL API of the cooperation network of Polish social-services centres.
//!
//! Layout: `config` (settings), `startup` (schema and HTTP app), `routes` (endpoints),
//! `auth` (tokens → principal), `access` (principal → SQL scope), `service` (use-cases),
//! `graphql` (thin resolvers and types), `seed` (demo network), `db` (connection, migrations).

pub mod access;
pub mod auth;
pub mod commands;
pub mod config;
pub mod db;
pub mod error;
pub mod graphql;
pub mod outage;
pub mod routes;
pub mod seed;
pub mod service;
pub mod startup;
pub mod sync_client;
pub mod telemetry;
pub mod text;
