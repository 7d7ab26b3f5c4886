//! Connecting to the database (SQLite or PostgreSQL) and applying migrations.

use crate::config::Settings;
use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::postgres::PgConnectOptions;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

mod lane;
mod lookups;
pub use lane::{LaneSettings, LaneStats, ReadLane, Reads};
pub use lookups::KeyedRows;

/// Counts the SQL statements the server executes; tests and benchmarks read it to prove that
/// nested queries do not issue one statement per row.
#[derive(Debug, Clone, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    /// Statements executed so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Counts one statement (the pool's, or a [`ReadLane`]'s).
    fn add_one(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// The SQLite URL with `mode=rwc`, so a missing database file is created.
fn normalise_url(url: &str) -> String {
    if url.starts_with("sqlite:") && !url.contains("mode=") && !url.contains(":memory:") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_owned()
    }
}

/// How long a pooled connection may sit idle before it is checked on checkout.
const PING_IF_IDLE_FOR: std::time::Duration = std::time::Duration::from_secs(5);

/// How much of a SQLite database file is read through memory mapping.
const SQLITE_MMAP_BYTES: u64 = 1 << 30;

/// Opens the connection pool.
pub async fn connect(
    settings: &Settings,
) -> anyhow::Result<(DatabaseConnection, StatementCounter)> {
    let mut opts = ConnectOptions::new(normalise_url(&settings.database_url));
    opts.max_connections(settings.db_max_connections)
        .min_connections(1)
        .acquire_timeout(settings.db_acquire_timeout)
        .connect_timeout(settings.db_acquire_timeout)
        .sqlx_logging(false)
        // A pooled connection is checked with a round trip only when it has been idle long
        // enough to have been dropped by the server or a proxy; a busy connection goes
        // straight to its statement. (Checking on every checkout doubled the round trips of
        // every statement.) A connection that broke anyway fails its statement with a
        // retryable error and leaves the pool.
        .test_before_acquire_if_idle_for(PING_IF_IDLE_FOR);
    let statement_timeout = settings.statement_timeout;
    let generic_plans = settings.db_generic_plans;
    opts.map_sqlx_postgres_opts(move |o| postgres_session(o, statement_timeout, generic_plans));
    // SQLite, on every pooled connection: WAL lets readers proceed while a write commits, and
    // with WAL the NORMAL sync level is crash-safe (a power cut may lose the last commits,
    // never corrupt the file). SQLite has no statement timeout; the closest is how long a
    // statement waits for another writer's lock.
    opts.map_sqlx_sqlite_opts(move |o| {
        let o = o
            .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Reads take pages straight from the mapped file (shared by every connection and
            // the OS page cache) instead of copying each through a read call.
            .pragma("mmap_size", SQLITE_MMAP_BYTES.to_string());
        if statement_timeout.is_zero() {
            o
        } else {
            o.busy_timeout(statement_timeout)
        }
    });
    opts.map_sqlx_sqlite_pool_opts(|pool| {
        pool.after_connect(|conn, _| Box::pin(async move { stable_plans(conn).await }))
    });
    let mut db = Database::connect(opts)
        .await
        .context("connecting to the database (check DATABASE_URL)")?;
    let counter = StatementCounter::default();
    let c = counter.clone();
    db.set_metric_callback(move |_| c.add_one());
    Ok((db, counter))
}

/// SQLite: the query planner's stability guarantee on a new connection.
///
/// SQLite compiles a statement again whenever a parameter that its planner looked at is
/// bound anew, and it looks at `LIMIT ?`: every page read was compiled on every execution
/// (a twentieth of the server's time for one region's nested page). With the guarantee a
/// statement keeps the plan it was prepared with, made without its values (the page size
/// included), as PostgreSQL's generic plans are, and that page did 60 % more requests at
/// concurrency 1. The plans of pages of centres by name over one region, several and all
/// were compared with `EXPLAIN QUERY PLAN`, with and without the guarantee: the same.
/// Searches match patterns that start with a wildcard, which no index serves either way.
async fn stable_plans(
    conn: &mut sea_orm::sqlx::SqliteConnection,
) -> Result<(), sea_orm::sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let raw = handle.as_raw_handle();
    // SAFETY: the handle is locked for this call alone, and ENABLE_QPSG takes an int (1:
    // on) and an int pointer for the setting's new state, which may be null.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_db_config(
            raw.as_ptr(),
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            1,
            std::ptr::null_mut::<std::ffi::c_int>(),
        )
    };
    if rc == libsqlite3_sys::SQLITE_OK {
        Ok(())
    } else {
        Err(sea_orm::sqlx::Error::Configuration(
            format!("SQLite refused a stable query plan setting (code {rc})").into(),
        ))
    }
}

/// Whether a SQLite connection keeps its statements' plans ([`stable_plans`]).
#[doc(hidden)]
pub async fn keeps_plans(
    conn: &mut sea_orm::sqlx::SqliteConnection,
) -> Result<bool, sea_orm::sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let raw = handle.as_raw_handle();
    let mut on: std::ffi::c_int = 0;
    // SAFETY: as in `stable_plans`; -1 leaves the setting as it is and only reports it.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_db_config(
            raw.as_ptr(),
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            -1,
            &mut on as *mut std::ffi::c_int,
        )
    };
    if rc != libsqlite3_sys::SQLITE_OK {
        return Err(sea_orm::sqlx::Error::Configuration(
            format!("SQLite did not report its query plan setting (code {rc})").into(),
        ));
    }
    Ok(on == 1)
}

/// PostgreSQL: the startup parameters of every connection, pooled or a worker's own.
/// - `statement_timeout` (unless zero), so the server cancels a statement that runs too long.
/// - With `generic_plans`, `plan_cache_mode = force_generic_plan`: with its default `auto`
///   mode the server plans a prepared statement anew on most executions while the custom
///   plans look cheaper than the generic one (`= ANY($1)` keys, region lists), and planning
///   then costs more than running the statement; the plan made once per connection is
///   reused instead.
fn postgres_session(
    o: PgConnectOptions,
    statement_timeout: std::time::Duration,
    generic_plans: bool,
) -> PgConnectOptions {
    let o = if statement_timeout.is_zero() {
        o
    } else {
        o.options([(
            "statement_timeout",
            statement_timeout.as_millis().to_string(),
        )])
    };
    if generic_plans {
        o.options([("plan_cache_mode", "force_generic_plan")])
    } else {
        o
    }
}

/// Read connections of a worker when `CUSNET_DB_READ_CONNECTIONS` is not set, up to
/// [`READS_BY_DEFAULT_AT_MOST`] in all.
///
/// Two statements at once per worker keep its thread busy while one of them runs, and keep
/// the database from switching between many more statements than it can run at once: on a
/// 2-core machine running PostgreSQL beside cusnet, four connections in all (instead of
/// eight) cut the 99th percentile of a nested dashboard page at concurrency 16 from 46 to
/// 26 ms, at no loss of throughput.
pub const READS_PER_WORKER: usize = 2;

/// Most read connections a server opens when `CUSNET_DB_READ_CONNECTIONS` is not set (a server
/// with many cores still keeps one per worker): the database's cores, not the server's, bound
/// how many statements it runs well at once, and its `max_connections` is shared by every
/// server.
pub const READS_BY_DEFAULT_AT_MOST: usize = 16;

/// The settings of the workers' read lanes (see [`ReadLane`]): PostgreSQL sessions like the
/// pool's, `CUSNET_DB_READ_CONNECTIONS` shared out between `workers` (at least one each),
/// [`READS_PER_WORKER`] each (at most [`READS_BY_DEFAULT_AT_MOST`] in all) when it is not
/// set. `None` on SQLite or when the lanes are turned off.
pub fn lane_settings(
    settings: &Settings,
    workers: usize,
    statements: StatementCounter,
) -> anyhow::Result<Option<LaneSettings>> {
    use sea_orm::sqlx::ConnectOptions as _;
    use std::str::FromStr;
    let total = settings.db_read_connections.map_or(
        (READS_PER_WORKER * workers.max(1)).min(READS_BY_DEFAULT_AT_MOST),
        |n| n as usize,
    );
    if settings.is_sqlite() || total == 0 {
        return Ok(None);
    }
    let options = postgres_session(
        PgConnectOptions::from_str(&settings.database_url)
            .context("reading DATABASE_URL")?
            .disable_statement_logging(),
        settings.statement_timeout,
        settings.db_generic_plans,
    );
    // Shared out without exceeding the setting, unless there are more workers than
    // connections: every worker has at least one.
    let per_worker = (total / workers.max(1)).max(1);
    Ok(LaneSettings::new(
        options,
        per_worker,
        settings.db_acquire_timeout,
        statements,
    ))
}

/// Undoes the latest `steps` applied migrations.
pub async fn undo_migrations(db: &DatabaseConnection, steps: u32) -> anyhow::Result<()> {
    Migrator::down(db, Some(steps))
        .await
        .context("undoing migrations")
}

/// Applies pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("applying migrations")
}

/// Begins a transaction that writes. On SQLite it is IMMEDIATE: it takes the write lock
/// before its first statement, so meeting another writer (in this process or another) means
/// waiting for it, up to the busy timeout, instead of failing on a stale snapshot or a lock
/// upgrade. PostgreSQL ignores the mode.
pub async fn begin_write(
    conn: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::TransactionTrait;
    conn.begin_with_options(sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// The keys written as a list, `1,2,3`.
fn joined(keys: impl IntoIterator<Item = i64>) -> String {
    keys.into_iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The keys as one PostgreSQL array literal, `{1,2,3}`, to bind as a single parameter and
/// `CAST(… AS bigint[])` in the statement.
pub fn bigint_array(keys: impl IntoIterator<Item = i64>) -> sea_orm::Value {
    sea_orm::Value::from(format!("{{{}}}", joined(keys)))
}

/// `column IN (keys)` written so that the statement text is the same for any number of keys,
/// so each connection prepares it once: PostgreSQL receives the keys as one array parameter
/// (`= ANY`), SQLite as one JSON list (`json_each`). A list of literal placeholders would be
/// a new statement for every batch size, evicting others from the connection's cache.
pub fn key_in<C: sea_orm::ColumnTrait>(
    backend: sea_orm::DbBackend,
    column: C,
    keys: &[i64],
) -> sea_orm::sea_query::Expr {
    use sea_orm::sea_query::Expr;
    let column = Expr::col(column.as_column_ref());
    let keys = Expr::val(keys_value(backend, keys.iter().copied()));
    match backend {
        sea_orm::DbBackend::Postgres => {
            Expr::cust_with_exprs("$1 = ANY(CAST($2 AS bigint[]))", [column, keys])
        }
        // SQLite's placeholder is `?`, taken in order.
        _ => Expr::cust_with_exprs("? IN (SELECT value FROM json_each(?))", [column, keys]),
    }
}

/// The keys of [`key_in`] as the one value its statement takes them in.
pub fn keys_value(
    backend: sea_orm::DbBackend,
    keys: impl IntoIterator<Item = i64>,
) -> sea_orm::Value {
    match backend {
        sea_orm::DbBackend::Postgres => bigint_array(keys),
        _ => sea_orm::Value::from(format!("[{}]", joined(keys))),
    }
}
