//! Timeouts: a statement that waits past the statement timeout and a request that runs past
//! the request timeout fail with a clear, retryable error (`INTERNAL`, `reason: TIMEOUT`,
//! HTTP 503), change nothing, and the server keeps serving.
//!
//! A slow statement is made from outside: a second connection holds a lock the server's
//! write needs (PostgreSQL: an exclusive lock on `centre`; SQLite: the database's write lock).

use crate::helpers::*;
use crate::writes::snapshot;
use sea_orm::{ConnectionTrait, DatabaseTransaction, TransactionTrait};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const UPDATE: &str = "mutation Update($id: ID!, $v: Int!, $input: CentrePatch!) {
    updateCentre(id: $id, expectedVersion: $v, input: $input) { id version website }
}";

/// A centre's id and version.
async fn some_centre(app: &TestApp) -> (String, i64) {
    let data = app
        .data(
            &Caller::Admin,
            "{ centres(first: 1) { nodes { id version } } }",
            json!({}),
        )
        .await;
    let node = &data["centres"]["nodes"][0];
    (
        node["id"].as_str().expect("id").to_owned(),
        node["version"].as_i64().expect("version"),
    )
}

/// Takes, in a transaction of its own, a lock the server's centre update must wait for.
pub(crate) async fn hold_write_lock(app: &TestApp, backend: Backend) -> DatabaseTransaction {
    let conn = app.connect().await;
    let txn = conn.begin().await.expect("begin");
    let sql = match backend {
        Backend::Postgres => "LOCK TABLE centre IN ACCESS EXCLUSIVE MODE",
        // Any write takes SQLite's single write lock until the transaction ends.
        Backend::Sqlite => "UPDATE region SET name = name",
    };
    txn.execute_unprepared(sql).await.expect("take the lock");
    txn
}

/// Sends the update and returns HTTP status, body and how long it took.
async fn update(app: &TestApp, id: &str, version: i64) -> (u16, Value, Duration) {
    let body = json!({
        "query": UPDATE,
        "variables": { "id": id, "v": version, "input": { "website": "https://cus.timeout.example" } },
    })
    .to_string();
    let auth = format!("Bearer {}", app.token(&Caller::Admin).expect("admin token"));
    let started = Instant::now();
    let (status, resp) = app
        .post_raw("application/json", &body, &[("authorization", &auth)])
        .await;
    (status, resp, started.elapsed())
}

fn assert_timeout(status: u16, resp: &Value) {
    assert_eq!(status, 503, "a retryable failure: {resp}");
    assert_eq!(error_code(resp), Some("INTERNAL"), "{resp}");
    assert_eq!(
        resp["errors"][0]["extensions"]["reason"], "TIMEOUT",
        "{resp}"
    );
    assert_eq!(resp["data"], Value::Null, "{resp}");
}

dual_test_with!(
    a_statement_past_the_statement_timeout_fails_cleanly_and_changes_nothing,
    |s| s.statement_timeout = Duration::from_secs(1),
    |app, backend| {
        let (id, version) = some_centre(&app).await;
        let before = snapshot(&app).await;

        let lock = hold_write_lock(&app, backend).await;
        let (status, resp, took) = update(&app, &id, version).await;
        lock.rollback().await.expect("release the lock");

        assert_timeout(status, &resp);
        assert!(
            took >= Duration::from_millis(900),
            "the statement waited for its timeout: {took:?}"
        );
        assert!(took < Duration::from_secs(10), "and no longer: {took:?}");
        assert_eq!(snapshot(&app).await, before, "nothing was written");

        // The server keeps serving, and the same write now goes through.
        let (status, resp, _) = update(&app, &id, version).await;
        assert_eq!(status, 200, "{resp}");
        assert_eq!(
            resp["data"]["updateCentre"]["version"],
            version + 1,
            "{resp}"
        );
    }
);

dual_test_with!(
    a_request_past_the_request_timeout_is_cancelled_and_changes_nothing,
    |s| {
        s.request_timeout = Duration::from_secs(1);
        s.statement_timeout = Duration::from_secs(30);
    },
    |app, backend| {
        let (id, version) = some_centre(&app).await;
        let before = snapshot(&app).await;

        let lock = hold_write_lock(&app, backend).await;
        let (status, resp, took) = update(&app, &id, version).await;
        assert_timeout(status, &resp);
        assert!(
            resp["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("took longer than the server allows")),
            "the request timeout fired, not the statement timeout: {resp}"
        );
        assert!(
            took >= Duration::from_millis(900) && took < Duration::from_secs(10),
            "cancelled at the request timeout: {took:?}"
        );
        // Reads do not wait for the lock on SQLite; on PostgreSQL they do, so release first.
        lock.rollback().await.expect("release the lock");
        assert_eq!(
            snapshot(&app).await,
            before,
            "the cancelled write left nothing"
        );

        let (status, resp, _) = update(&app, &id, version).await;
        assert_eq!(status, 200, "{resp}");
        assert_eq!(
            resp["data"]["updateCentre"]["version"],
            version + 1,
            "{resp}"
        );
    }
);

/// Every pooled PostgreSQL connection starts with the settings cusnet gives it: the
/// statement timeout and, unless turned off, plans reused across executions.
#[actix_web::test]
async fn pooled_postgres_connections_carry_their_startup_settings() {
    let Some(db) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    for (generic, mode) in [(true, "force_generic_plan"), (false, "auto")] {
        let mut s = settings(&db.url);
        s.db_generic_plans = generic;
        s.statement_timeout = Duration::from_secs(7);
        let (conn, _) = cusnet::db::connect(&s).await.expect("pool");
        // Several connections at once, so more than the first one is asked.
        let asked = futures_util::future::join_all((0..3).map(|_| async {
            let conn = conn.clone();
            let txn = conn.begin().await.expect("a connection of its own");
            let row = txn
                .query_one_raw(sea_orm::Statement::from_string(
                    txn.get_database_backend(),
                    "SELECT current_setting('plan_cache_mode') AS m, current_setting('statement_timeout') AS t",
                ))
                .await
                .expect("query")
                .expect("a row");
            let got = (
                row.try_get::<String>("", "m").expect("mode"),
                row.try_get::<String>("", "t").expect("timeout"),
            );
            txn.rollback().await.expect("rollback");
            got
        }))
        .await;
        for (m, t) in asked {
            assert_eq!(m, mode, "generic plans {generic}");
            assert_eq!(t, "7s");
        }
        conn.close().await.expect("close");
    }
}
