//! PostgreSQL reads run on the serving worker's own connections (`CUSNET_DB_READ_CONNECTIONS`):
//! they carry the pool's session settings, are counted like every statement, are reused from
//! request to request, a read cancelled mid-statement costs its connection, never a later
//! answer, a nested page's rows are taken apart as they arrive, and lookups by key that arrive
//! together share one statement, as they do on SQLite through the pool.

use crate::helpers::*;
use crate::timeouts::hold_write_lock;
use cusnet::db::{ReadLane, Reads, StatementCounter};
use futures_util::future::join_all;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

const NESTED: &str = "{ centres(first: 10, sort: NAME_ASC) { nodes { id name
    primaryMunicipality { name } projects { title } experts { summary person { familyName } } } } }";

/// A pool on `s` and one worker's read lane beside it (a worker of two), with the lane's
/// counts.
async fn a_lane(
    s: &cusnet::config::Settings,
) -> (
    sea_orm::DatabaseConnection,
    StatementCounter,
    Arc<ReadLane>,
    Arc<cusnet::db::LaneStats>,
) {
    let (pool, counter) = cusnet::db::connect(s).await.expect("pool");
    let lanes = cusnet::db::lane_settings(s, 2, counter.clone())
        .expect("settings")
        .expect("PostgreSQL has lanes");
    let stats = lanes.stats();
    (pool, counter, Arc::new(ReadLane::new(lanes)), stats)
}

#[actix_web::test]
async fn lane_connections_carry_the_pools_session_settings_and_are_reused() {
    let Some(db) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let mut s = settings(&db.url);
    s.statement_timeout = Duration::from_secs(7);
    let (pool, counter, lane, stats) = a_lane(&s).await;
    let reads = Reads::new(&pool, Some(&lane));
    let before = counter.get();
    for _ in 0..3 {
        let row = reads
            .query_one_raw(Statement::from_string(
                reads.get_database_backend(),
                "SELECT current_setting('plan_cache_mode') AS m, \
                 current_setting('statement_timeout') AS t, pg_backend_pid() AS pid",
            ))
            .await
            .expect("query")
            .expect("a row");
        assert_eq!(
            row.try_get::<String>("", "m").expect("m"),
            "force_generic_plan"
        );
        assert_eq!(row.try_get::<String>("", "t").expect("t"), "7s");
    }
    assert_eq!(counter.get() - before, 3, "each statement is counted");
    assert_eq!(stats.served(), 3, "all three ran on the lane");
    assert_eq!(stats.opened(), 1, "one after another, on one connection");

    // Turned off, reads go to the pool.
    s.db_read_connections = Some(0);
    assert!(
        cusnet::db::lane_settings(&s, 2, StatementCounter::default())
            .expect("settings")
            .is_none()
    );
}

#[actix_web::test]
async fn a_read_hands_its_rows_over_as_they_arrive_and_an_error_ends_it() {
    let Some(db) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let (pool, counter, lane, stats) = a_lane(&settings(&db.url)).await;
    let reads = Reads::new(&pool, Some(&lane));
    let series = || {
        Statement::from_string(
            DbBackend::Postgres,
            "SELECT n FROM generate_series(1, 5000) AS n ORDER BY n",
        )
    };
    let before = counter.get();
    let mut seen = Vec::new();
    reads
        .query_each(series(), |row| {
            seen.push(row.try_get_by_index::<i32>(0)?);
            Ok(())
        })
        .await
        .expect("read");
    assert_eq!(seen, (1..=5000).collect::<Vec<_>>(), "every row, in order");
    assert_eq!(counter.get() - before, 1, "one statement, counted");
    assert_eq!((stats.served(), stats.discarded()), (1, 0));

    // A row the reader refuses ends the read; the connection, with the rest of the rows
    // still coming, is closed rather than kept.
    let mut taken = 0;
    let refused = reads
        .query_each(series(), |_| {
            taken += 1;
            if taken == 10 {
                Err(sea_orm::DbErr::Custom("refused".into()))
            } else {
                Ok(())
            }
        })
        .await;
    assert!(
        matches!(refused, Err(sea_orm::DbErr::Custom(_))),
        "{refused:?}"
    );
    assert_eq!(taken, 10, "no row after the refused one");
    assert_eq!(stats.discarded(), 1);

    // The next read gets all its rows on a fresh connection.
    let mut count = 0;
    reads
        .query_each(series(), |_| {
            count += 1;
            Ok(())
        })
        .await
        .expect("read");
    assert_eq!(count, 5000);
    assert_eq!(stats.opened(), 2);

    // A statement that fails after some rows: the reader had them, the read reports the
    // database's error, and the connection is closed.
    let mut taken = 0;
    let failed = reads
        .query_each(
            Statement::from_string(
                DbBackend::Postgres,
                "SELECT CASE WHEN n < 5000 THEN n ELSE 1 / (n - 5000) END \
                 FROM generate_series(1, 5000) AS n",
            ),
            |_| {
                taken += 1;
                Ok(())
            },
        )
        .await;
    assert!(
        matches!(failed, Err(sea_orm::DbErr::Query(_))),
        "{failed:?}"
    );
    assert!(taken > 0, "rows before the failure were handed over");
    assert_eq!(stats.discarded(), 2);

    // Rows are handed over while the database is still producing the next ones: each row
    // here (larger than the server's send buffer, which holds back at most the end of the
    // row before) comes 200 ms after the one before.
    let started = std::time::Instant::now();
    let mut arrived = Vec::new();
    reads
        .query_each(
            Statement::from_string(
                DbBackend::Postgres,
                "SELECT n, repeat('x', 20000) AS filler, pg_sleep(0.2) \
                 FROM generate_series(1, 5) AS n",
            ),
            |_| {
                arrived.push(started.elapsed());
                Ok(())
            },
        )
        .await
        .expect("read");
    let ended = started.elapsed();
    assert_eq!(arrived.len(), 5);
    assert!(
        ended - arrived[0] >= Duration::from_millis(300),
        "the first row came at {:?}, the read ended at {ended:?}",
        arrived[0]
    );
}

#[actix_web::test]
async fn sqlite_connections_keep_each_statements_plan() {
    let Some(db) = TestDatabase::create(Backend::Sqlite).await else {
        return;
    };
    let (pool, _) = cusnet::db::connect(&settings(&db.url)).await.expect("pool");
    let sqlite = pool.get_sqlite_connection_pool();
    let mut conns = Vec::new();
    for _ in 0..2 {
        let mut conn = sqlite.acquire().await.expect("a connection");
        assert!(
            cusnet::db::keeps_plans(&mut conn).await.expect("asked"),
            "every pooled connection has the planner's stability guarantee"
        );
        conns.push(conn);
    }
}

#[test]
fn each_worker_gets_two_read_connections_unless_told_otherwise() {
    let capacity = |setting: Option<u32>, workers: usize| {
        let mut s = settings("postgres://postgres@127.0.0.1:5432/cusnet");
        s.db_read_connections = setting;
        cusnet::db::lane_settings(&s, workers, StatementCounter::default())
            .expect("settings")
            .map(|l| l.capacity())
    };
    assert_eq!(capacity(None, 2), Some(2), "by default two per worker");
    assert_eq!(capacity(None, 8), Some(2));
    assert_eq!(capacity(None, 16), Some(1), "at most 16 in all by default");
    assert_eq!(capacity(None, 32), Some(1), "but one per worker at least");
    assert_eq!(capacity(Some(8), 2), Some(4), "a total shared out evenly");
    assert_eq!(capacity(Some(3), 4), Some(1), "at least one each");
    assert_eq!(capacity(Some(0), 2), None, "0 sends every read to the pool");
}

#[actix_web::test]
async fn nested_reads_run_on_the_workers_lanes() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        return;
    };
    let lanes = app.read_lanes.clone().expect("PostgreSQL has lanes");
    let first = app.data(&Caller::Viewer("26"), NESTED, json!({})).await;
    let before = lanes.served();
    for _ in 0..20 {
        let again = app.data(&Caller::Viewer("26"), NESTED, json!({})).await;
        assert_eq!(again, first, "the same answer every time");
    }
    // One read per compiled request (the centres with their municipalities, projects and
    // experts with their persons); the access log is written through the pool.
    assert_eq!(lanes.served() - before, 20, "reads on the lanes");
    assert!(
        lanes.opened() <= 4,
        "connections are kept and reused, within CUSNET_DB_READ_CONNECTIONS: opened {}",
        lanes.opened()
    );
}

#[actix_web::test]
async fn a_read_cancelled_mid_statement_closes_its_connection() {
    let Some(app) = TestApp::spawn_with(Backend::Postgres, |s| {
        s.request_timeout = Duration::from_secs(1);
        s.statement_timeout = Duration::from_secs(30);
    })
    .await
    else {
        return;
    };
    let lanes = app.read_lanes.clone().expect("PostgreSQL has lanes");
    let caller = Caller::Viewer("26");
    let expected = app.data(&caller, NESTED, json!({})).await;
    assert_eq!(lanes.discarded(), 0);

    // The read waits for the lock until the request timeout cancels it mid-statement.
    let lock = hold_write_lock(&app, Backend::Postgres).await;
    let cancelled = app.gql(&caller, NESTED, json!({})).await;
    lock.rollback().await.expect("release the lock");
    assert_eq!(error_code(&cancelled), Some("INTERNAL"), "{cancelled}");
    assert_eq!(cancelled["errors"][0]["extensions"]["reason"], "TIMEOUT");

    // The interrupted connection was closed, not kept for the next read; later reads get
    // whole, right answers.
    assert_eq!(lanes.discarded(), 1, "the cancelled statement's connection");
    for _ in 0..5 {
        assert_eq!(app.data(&caller, NESTED, json!({})).await, expected);
    }
    assert_eq!(lanes.discarded(), 1);
}

#[actix_web::test]
async fn a_lane_that_cannot_connect_sends_reads_to_the_pool() {
    let Some(db) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let s = settings(&db.url);
    let (pool, counter) = cusnet::db::connect(&s).await.expect("pool");
    // Nothing listens on port 1.
    let nowhere = sea_orm::sqlx::postgres::PgConnectOptions::new()
        .host("127.0.0.1")
        .port(1)
        .username("postgres");
    let lanes =
        cusnet::db::LaneSettings::new(nowhere, 2, Duration::from_secs(2), counter).expect("lanes");
    let stats = lanes.stats();
    let lane = Arc::new(ReadLane::new(lanes));
    let reads = Reads::new(&pool, Some(&lane));
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let row = reads
            .query_one_raw(Statement::from_string(
                reads.get_database_backend(),
                "SELECT COUNT(*) AS n FROM pg_class",
            ))
            .await
            .expect("the pool answers")
            .expect("a row");
        assert!(row.try_get::<i64>("", "n").expect("n") > 0);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a refused connection is not waited out"
        );
    }
    assert_eq!(stats.opened(), 0);
    assert_eq!(stats.served(), 0, "every read went to the pool");
}

/// A lookup of the keys `keys` in 1‥10 by a statement whose value `by` divides 100 by
/// `key - by` (so on PostgreSQL a batch holding the key `by` fails), on `reads`.
async fn lookup(reads: &Reads<'_>, by: i64, keys: &[i64]) -> Result<Vec<(i64, i64)>, String> {
    let backend = reads.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT g AS id, 100 / (g - $1) AS q FROM generate_series(1::bigint, 10::bigint) AS g \
             WHERE g = ANY(CAST($2 AS bigint[]))"
        }
        _ => {
            "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 10) \
             SELECT g AS id, 100 / (g - ?) AS q FROM s \
             WHERE g IN (SELECT value FROM json_each(?))"
        }
    };
    let stmt = Statement::from_sql_and_values(
        backend,
        sql,
        [
            by.into(),
            cusnet::db::keys_value(backend, keys.iter().copied()),
        ],
    );
    let rows = reads
        .lookup(stmt, keys, 0)
        .await
        .map_err(|e| e.to_string())?;
    Ok(rows
        .iter()
        .map(|r| {
            let id = r.try_get_by_index::<i64>(0).expect("id");
            (id, r.try_get_by_index::<i64>(1).expect("q"))
        })
        .collect())
}

/// Lookups that arrive together on `reads`: those of one statement (the same text and values)
/// go as one, each with the rows of its own keys, duplicates and misses included; a statement
/// with another value goes apart. Two statements in all, counted by `counter`.
async fn lookups_made_together_take_two_statements(reads: &Reads<'_>, counter: &StatementCounter) {
    let before = counter.get();
    let found = join_all([
        lookup(reads, 0, &[3]),
        lookup(reads, 0, &[5]),
        lookup(reads, 0, &[5]),
        lookup(reads, 0, &[7, 2]),
        lookup(reads, 0, &[42]),
        lookup(reads, 20, &[5]),
    ])
    .await;
    assert_eq!(
        found,
        vec![
            Ok(vec![(3, 33)]),
            Ok(vec![(5, 20)]),
            Ok(vec![(5, 20)]),
            Ok(vec![(2, 50), (7, 14)]),
            Ok(vec![]),
            Ok(vec![(5, -6)]),
        ]
    );
    assert_eq!(
        counter.get() - before,
        2,
        "one statement for each text and values"
    );
}

#[actix_web::test]
async fn concurrent_lookups_share_one_statement_and_each_gets_its_own_rows() {
    let Some(db) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let (pool, counter, lane, stats) = a_lane(&settings(&db.url)).await;
    let reads = Reads::new(&pool, Some(&lane));
    assert!(reads.shares_lookups());

    lookups_made_together_take_two_statements(&reads, &counter).await;
    assert_eq!(stats.served(), 2, "both on the lane");

    // A failing statement fails the lookups it served, and no later one.
    let found = join_all([lookup(&reads, 4, &[4]), lookup(&reads, 4, &[6])]).await;
    assert!(
        found
            .iter()
            .all(|f| f.as_ref().is_err_and(|e| e.contains("division by zero"))),
        "{found:?}"
    );
    assert_eq!(lookup(&reads, 4, &[6]).await, Ok(vec![(6, 50)]));

    // Without a lane, a lookup is the statement as it is.
    let alone = Reads::new(&pool, None);
    assert!(!alone.shares_lookups());
    assert_eq!(
        lookup(&alone, 0, &[9, 1]).await,
        Ok(vec![(1, 100), (9, 11)])
    );
}

#[actix_web::test]
async fn on_sqlite_concurrent_lookups_share_one_statement_through_the_pool() {
    let Some(db) = TestDatabase::create(Backend::Sqlite).await else {
        return;
    };
    let (pool, counter) = cusnet::db::connect(&settings(&db.url)).await.expect("pool");
    // A SQLite worker has no connections of its own: its lane shares lookups on the pool.
    let lane = Arc::new(ReadLane::pooled());
    let reads = Reads::new(&pool, Some(&lane));
    assert!(reads.shares_lookups());
    lookups_made_together_take_two_statements(&reads, &counter).await;
}

#[actix_web::test]
async fn engine_lookups_made_together_share_statements_and_answer_as_alone() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        return;
    };
    let lanes = app.read_lanes.clone().expect("PostgreSQL has lanes");
    let ids = app.ids_of("projects").await;
    assert!(ids.len() >= 10, "{ids:?}");
    // Projects are not compiled: the engine's loader looks each one up.
    let q = "query($id: ID!) { node(id: $id) { ... on Project { id title status } } }";
    let callers = [Caller::Viewer("26"), Caller::Viewer("18")];
    let asks = asks(&ids, &callers);
    let alone = app.ask_each(q, &asks).await;
    let before = lanes.served();
    assert_eq!(
        app.ask_at_once(q, &asks).await,
        alone,
        "each caller's own answers"
    );
    let used = lanes.served() - before;
    assert!(
        used < asks.len() as u64,
        "{used} statements for {} lookups",
        asks.len()
    );
}
