//! Runs one GraphQL request with a time limit and with panic isolation.
//!
//! async-graphql does not catch panics, and a panic that unwinds out of an actix handler takes
//! down the worker thread together with every other request it is serving. Here a panic fails
//! its own request only. Whatever the request held is dropped while unwinding (or, on a
//! timeout, when its future is dropped): an open database transaction rolls back and its
//! connection returns to the pool, the SQLite write gate opens.

use crate::error::code;
use crate::outage::{Outage, REASON_KEY};
use actix_web::http::StatusCode;
use async_graphql::{ObjectType, Request, Response, Schema, SubscriptionType};
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

/// Why a request produced no GraphQL response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// It ran past the request timeout and was cancelled.
    TimedOut,
    /// A resolver panicked.
    Panicked,
}

impl Failure {
    /// The HTTP status and the GraphQL error body the client gets.
    pub fn response(self) -> (StatusCode, serde_json::Value) {
        match self {
            Self::TimedOut => (
                StatusCode::SERVICE_UNAVAILABLE,
                serde_json::json!({ "errors": [{
                    "message": "the request took longer than the server allows and was cancelled; try again shortly",
                    "extensions": { "code": code::INTERNAL, "reason": Outage::Timeout.reason() },
                }] }),
            ),
            Self::Panicked => (
                StatusCode::INTERNAL_SERVER_ERROR,
                serde_json::json!({ "errors": [{
                    "message": "internal server error",
                    "extensions": { "code": code::INTERNAL },
                }] }),
            ),
        }
    }
}

/// Executes `req` on `schema`, cancelled after `limit` (zero: no limit).
pub async fn execute_guarded<Q, M, S>(
    schema: &Schema<Q, M, S>,
    req: Request,
    limit: Duration,
) -> Result<Response, Failure>
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let run = AssertUnwindSafe(schema.execute(req)).catch_unwind();
    let outcome = if limit.is_zero() {
        run.await
    } else {
        match tokio::time::timeout(limit, run).await {
            Ok(outcome) => outcome,
            Err(_) => {
                tracing::warn!(
                    limit_ms = limit.as_millis() as u64,
                    "request cancelled: it ran past the request timeout"
                );
                return Err(Failure::TimedOut);
            }
        }
    };
    outcome.map_err(|_| {
        // The span carries the request id; the panic message went to standard error.
        tracing::error!("a resolver panicked; the request failed and its work was rolled back");
        Failure::Panicked
    })
}

/// True when the response has no data because the database was unavailable or too slow: the
/// whole request failed for reasons the client may retry.
pub fn failed_for_outage(response: &Response) -> bool {
    response.data == async_graphql::Value::Null
        && response.errors.iter().any(|e| {
            e.extensions
                .as_ref()
                .and_then(|x| x.get(REASON_KEY))
                .is_some()
        })
}

#[cfg(test)]
mod tests {
    use super::{Failure, execute_guarded};
    use async_graphql::{Context, EmptySubscription, Object, Schema};
    use sea_orm::{
        ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement, TransactionTrait,
    };
    use std::time::Duration;

    struct Query;

    #[Object]
    impl Query {
        /// Rows in the test table.
        async fn rows(&self, ctx: &Context<'_>) -> i64 {
            let db = ctx.data_unchecked::<DatabaseConnection>();
            let sql =
                Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) AS n FROM t");
            let row = db.query_one_raw(sql).await.expect("count").expect("a row");
            row.try_get::<i64>("", "n").expect("n")
        }
    }

    struct Mutation;

    #[Object]
    impl Mutation {
        /// Writes a row in a transaction, then commits — or, with `fail`, panics before
        /// committing (a resolver bug).
        async fn write(&self, ctx: &Context<'_>, fail: bool) -> bool {
            let db = ctx.data_unchecked::<DatabaseConnection>();
            let txn = db.begin().await.expect("begin");
            txn.execute_unprepared("INSERT INTO t (v) VALUES (1)")
                .await
                .expect("insert");
            if fail {
                panic!("a resolver bug");
            }
            txn.commit().await.is_ok()
        }

        /// Writes a row in a transaction, then takes far too long.
        async fn dawdle(&self, ctx: &Context<'_>) -> bool {
            let db = ctx.data_unchecked::<DatabaseConnection>();
            let txn = db.begin().await.expect("begin");
            txn.execute_unprepared("INSERT INTO t (v) VALUES (2)")
                .await
                .expect("insert");
            tokio::time::sleep(Duration::from_secs(60)).await;
            txn.commit().await.is_ok()
        }
    }

    /// A schema over a database with one connection: a transaction that is not rolled back
    /// and returned to the pool would leave the next request without a connection.
    async fn schema() -> Schema<Query, Mutation, EmptySubscription> {
        let mut opts = ConnectOptions::new("sqlite::memory:");
        opts.max_connections(1)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(3))
            .sqlx_logging(false);
        let db = Database::connect(opts).await.expect("connect");
        db.execute_unprepared("CREATE TABLE t (v INTEGER NOT NULL)")
            .await
            .expect("create");
        Schema::build(Query, Mutation, EmptySubscription)
            .data(db)
            .finish()
    }

    async fn rows(schema: &Schema<Query, Mutation, EmptySubscription>) -> serde_json::Value {
        let resp = execute_guarded(schema, "{ rows }".into(), Duration::from_secs(5))
            .await
            .expect("the query runs");
        assert!(resp.errors.is_empty(), "{:?}", resp.errors);
        resp.data.into_json().expect("json")["rows"].clone()
    }

    #[tokio::test]
    async fn a_panicking_resolver_fails_its_request_only_and_its_transaction_rolls_back() {
        let schema = schema().await;
        let limit = Duration::from_secs(5);
        let outcome =
            execute_guarded(&schema, "mutation { write(fail: true) }".into(), limit).await;
        assert_eq!(outcome.err(), Some(Failure::Panicked));
        // The next request gets the only connection back, and the insert is gone.
        assert_eq!(rows(&schema).await, 0);
        // The same write without the bug commits.
        let outcome =
            execute_guarded(&schema, "mutation { write(fail: false) }".into(), limit).await;
        assert!(outcome.is_ok_and(|r| r.errors.is_empty()));
        assert_eq!(rows(&schema).await, 1);
        let (status, body) = Failure::Panicked.response();
        assert_eq!(status.as_u16(), 500);
        assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL");
        assert_eq!(body["errors"][0]["message"], "internal server error");
    }

    #[tokio::test]
    async fn a_request_past_its_limit_is_cancelled_and_its_transaction_rolls_back() {
        let schema = schema().await;
        let started = std::time::Instant::now();
        let outcome = execute_guarded(
            &schema,
            "mutation { dawdle }".into(),
            Duration::from_millis(200),
        )
        .await;
        assert_eq!(outcome.err(), Some(Failure::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(rows(&schema).await, 0);
        let (status, body) = Failure::TimedOut.response();
        assert_eq!(status.as_u16(), 503);
        assert_eq!(body["errors"][0]["extensions"]["reason"], "TIMEOUT");
    }
}
