//! HTTP endpoints: `/graphql`, GraphiQL, `/healthz` and `/readyz`.

mod graphql;
mod health;

pub use graphql::{graphiql, graphql_get, graphql_post};
pub use health::{healthz, readyz};
