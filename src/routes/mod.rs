//! HTTP endpoints: `/graphql`, GraphiQL, `/healthz` and `/readyz`; CORS and rate limits.

mod cors;
mod graphql;
mod health;
pub mod rate_limit;

pub use cors::{cors, validate_origins};
pub use graphql::{graphiql, graphql_get, graphql_post};
pub use health::{healthz, readyz};
