//! A server worker's reads: its own PostgreSQL connections, and the lookups it shares.
//!
//! The shared pool checks every connection with a round trip each time one is given back, and a
//! pooled connection's socket is watched by the worker thread that happened to open it, so a
//! reply to another worker wakes two threads. A lane belongs to one worker: it opens its
//! connections on that worker's thread and takes them back without a check. A connection whose
//! statement did not finish (an error, a cancelled request, a reader that stopped taking its
//! rows) is closed, not kept. A lane holds a fixed number of connections: a read waits for one
//! to be free, so the worker runs no more reads at once than that (more would only make the
//! database switch between them). When the lane cannot connect, the statement goes to the pool.
//!
//! Every worker has a lane; one without connections of its own (SQLite, or PostgreSQL with
//! `CUSNET_DB_READ_CONNECTIONS=0`) sends its reads to the pool and still lets its requests
//! share their lookups by key ([`super::lookups`]).

use super::StatementCounter;
use super::lookups::{KeyedRows, Lookups};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::SelectStatement;
use sea_orm::sqlx::postgres::{PgConnectOptions, PgConnection};
use sea_orm::sqlx::{self, Connection};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, ExecResult, QueryResult, RuntimeErr,
    Statement,
};
use sea_query_sqlx::SqlxValues;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, SemaphorePermit};

/// How long the lane leaves the database alone after it failed to connect.
const RETRY_CONNECT_AFTER: Duration = Duration::from_secs(5);

/// How long a connection serves before it is closed and replaced, as the pool does: the
/// server's memory for a session does not grow without end, and after a failover the
/// lanes move to the new primary.
const MAX_LIFETIME: Duration = Duration::from_secs(30 * 60);

/// What every lane of a server shares: where to connect, how many connections a lane may
/// hold, and the server's statement counter.
#[derive(Clone)]
pub struct LaneSettings {
    options: PgConnectOptions,
    capacity: usize,
    connect_timeout: Duration,
    idle_check_after: Duration,
    statements: StatementCounter,
    stats: Arc<LaneStats>,
}

/// What the lanes of a server did, together.
#[derive(Debug, Default)]
pub struct LaneStats {
    served: AtomicU64,
    opened: AtomicU64,
    discarded: AtomicU64,
}

impl LaneStats {
    /// Statements the lanes ran (the rest of the reads went to the pool).
    pub fn served(&self) -> u64 {
        self.served.load(Ordering::Relaxed)
    }

    /// Connections the lanes opened.
    pub fn opened(&self) -> u64 {
        self.opened.load(Ordering::Relaxed)
    }

    /// Connections closed because their statement did not finish (it failed, its request was
    /// cancelled, or its reader refused a row).
    pub fn discarded(&self) -> u64 {
        self.discarded.load(Ordering::Relaxed)
    }
}

impl LaneSettings {
    /// Lanes connecting with `options`, each holding up to `capacity` connections; `None`
    /// when lanes are turned off (`capacity` 0).
    pub fn new(
        options: PgConnectOptions,
        capacity: usize,
        connect_timeout: Duration,
        statements: StatementCounter,
    ) -> Option<Self> {
        (capacity > 0).then_some(Self {
            options,
            capacity,
            connect_timeout,
            idle_check_after: super::PING_IF_IDLE_FOR,
            statements,
            stats: Arc::default(),
        })
    }

    /// How many connections each lane holds at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// What the lanes made with these settings did.
    pub fn stats(&self) -> Arc<LaneStats> {
        self.stats.clone()
    }
}

/// A connection waiting in the lane, with the times it was opened and last used.
struct Parked {
    conn: PgConnection,
    opened: Instant,
    since: Instant,
}

/// One worker's reads: its own connections, if it has them, and the lookups its requests
/// share.
pub struct ReadLane {
    own: Option<OwnConnections>,
    /// Lookups by key waiting to share a statement (see [`super::lookups`]).
    pub(super) lookups: Lookups,
}

/// A worker's own PostgreSQL connections.
struct OwnConnections {
    settings: LaneSettings,
    idle: Mutex<Vec<Parked>>,
    /// One permit per connection the lane may hold: a read takes one before it takes or
    /// opens a connection, so the worker never runs more reads at once than that.
    permits: Semaphore,
    retry_at: Mutex<Option<Instant>>,
}

impl ReadLane {
    /// An empty lane; connections are opened when reads need them.
    pub fn new(settings: LaneSettings) -> Self {
        Self {
            own: Some(OwnConnections {
                permits: Semaphore::new(settings.capacity),
                settings,
                idle: Mutex::new(Vec::new()),
                retry_at: Mutex::new(None),
            }),
            lookups: Lookups::default(),
        }
    }

    /// A lane without connections of its own: its reads go to the pool, and its lookups by
    /// key are still shared.
    pub fn pooled() -> Self {
        Self {
            own: None,
            lookups: Lookups::default(),
        }
    }

    /// The first row of a read (see [`Self::query_all`]).
    pub async fn query_one(
        &self,
        stmt: Statement,
        pool: &DatabaseConnection,
    ) -> Result<Option<QueryResult>, DbErr> {
        match self.own {
            Some(_) => Ok(self.query_all(stmt, pool).await?.into_iter().next()),
            None => pool.query_one_raw(stmt).await,
        }
    }

    /// Runs a read on a connection of the lane, or on `pool` when the lane cannot connect.
    pub async fn query_all(
        &self,
        stmt: Statement,
        pool: &DatabaseConnection,
    ) -> Result<Vec<QueryResult>, DbErr> {
        if self.own.is_none() {
            return pool.query_all_raw(stmt).await;
        }
        let mut rows = Vec::new();
        self.query_each(stmt, pool, |row| {
            rows.push(row);
            Ok(())
        })
        .await?;
        Ok(rows)
    }

    /// Runs a read on a connection of the lane (on `pool` when the lane cannot connect),
    /// handing each row to `each` as it arrives: on a connection of the lane the rows are taken
    /// apart while the database is still sending the rest. An error of `each` ends the read
    /// (and closes the connection, as any statement that did not finish). `each` runs while the
    /// read holds one of the lane's connections, so it must not read through the same lane.
    pub async fn query_each(
        &self,
        stmt: Statement,
        pool: &DatabaseConnection,
        mut each: impl FnMut(QueryResult) -> Result<(), DbErr> + Send,
    ) -> Result<(), DbErr> {
        use futures_util::TryStreamExt;
        let held = match &self.own {
            Some(own) => own.take().await.map(|held| (own, held)),
            None => None,
        };
        let Some((own, mut held)) = held else {
            return pool
                .query_all_raw(stmt)
                .await?
                .into_iter()
                .try_for_each(each);
        };
        own.settings.statements.add_one();
        let values = stmt
            .values
            .unwrap_or(sea_orm::sea_query::Values(Vec::new()));
        let query = sqlx::query_with(sqlx::AssertSqlSafe(stmt.sql), SqlxValues(values));
        let conn = held.conn.as_mut().expect("a held connection");
        let mut rows = query.fetch(conn);
        while let Some(row) = rows
            .try_next()
            .await
            .map_err(|e| DbErr::Query(RuntimeErr::SqlxError(Arc::new(e))))?
        {
            each(QueryResult::from(row))?;
        }
        drop(rows);
        own.settings.stats.served.fetch_add(1, Ordering::Relaxed);
        held.park();
        Ok(())
    }
}

impl OwnConnections {
    /// A connection of the lane once one is free: an idle one, or a new one. `None` (the
    /// statement goes to the pool) when no permit comes within the connect timeout or the
    /// database refuses a new connection.
    async fn take(&self) -> Option<Held<'_>> {
        let permit = tokio::time::timeout(self.settings.connect_timeout, self.permits.acquire())
            .await
            .ok()?
            .ok()?;
        loop {
            let parked = self.idle.lock().expect("lane lock").pop();
            let Some(mut parked) = parked else { break };
            if parked.opened.elapsed() >= MAX_LIFETIME {
                continue;
            }
            // A connection idle long enough to have been dropped by the server or a proxy is
            // checked first, as the pool does.
            if parked.since.elapsed() < self.settings.idle_check_after
                || parked.conn.ping().await.is_ok()
            {
                return Some(Held::new(self, parked.conn, parked.opened, permit));
            }
        }
        if self
            .retry_at
            .lock()
            .expect("lane lock")
            .is_some_and(|at| Instant::now() < at)
        {
            return None;
        }
        let connect = PgConnection::connect_with(&self.settings.options);
        match tokio::time::timeout(self.settings.connect_timeout, connect).await {
            Ok(Ok(conn)) => {
                self.settings.stats.opened.fetch_add(1, Ordering::Relaxed);
                Some(Held::new(self, conn, Instant::now(), permit))
            }
            failed => {
                let error = match failed {
                    Ok(Err(e)) => e.to_string(),
                    _ => "timed out".to_owned(),
                };
                tracing::warn!(%error, "read lane could not connect; reads use the pool");
                *self.retry_at.lock().expect("lane lock") =
                    Some(Instant::now() + RETRY_CONNECT_AFTER);
                None
            }
        }
    }
}

/// A connection taken from the lane, with its permit. Dropped without [`Held::park`] (the
/// statement failed or its request was cancelled), the connection is closed.
struct Held<'a> {
    lane: &'a OwnConnections,
    conn: Option<PgConnection>,
    opened: Instant,
    _permit: SemaphorePermit<'a>,
}

impl<'a> Held<'a> {
    fn new(
        lane: &'a OwnConnections,
        conn: PgConnection,
        opened: Instant,
        permit: SemaphorePermit<'a>,
    ) -> Self {
        Self {
            lane,
            conn: Some(conn),
            opened,
            _permit: permit,
        }
    }

    /// Gives the connection back to the lane after a finished statement.
    fn park(mut self) {
        if let Some(conn) = self.conn.take() {
            self.lane.idle.lock().expect("lane lock").push(Parked {
                conn,
                opened: self.opened,
                since: Instant::now(),
            });
        }
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        if self.conn.take().is_some() {
            let stats = &self.lane.settings.stats;
            stats.discarded.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The handle reads go through: the worker's lane when there is one, the pool otherwise.
/// Anything but a read (it has no business here, but the trait asks for it) goes to the pool.
pub struct Reads<'a> {
    pool: &'a DatabaseConnection,
    lane: Option<&'a Arc<ReadLane>>,
}

impl<'a> Reads<'a> {
    /// Reads through `lane`, falling back to `pool`.
    pub fn new(pool: &'a DatabaseConnection, lane: Option<&'a Arc<ReadLane>>) -> Self {
        Self { pool, lane }
    }

    /// True when lookups by key are shared between concurrent requests (on a lane).
    pub fn shares_lookups(&self) -> bool {
        self.lane.is_some()
    }

    /// Runs a read and hands each row to `each` as it arrives (see [`ReadLane::query_each`]);
    /// without a lane, once all have come.
    pub async fn query_each(
        &self,
        stmt: Statement,
        each: impl FnMut(QueryResult) -> Result<(), DbErr> + Send,
    ) -> Result<(), DbErr> {
        match self.lane {
            Some(lane) => lane.query_each(stmt, self.pool, each).await,
            None => self
                .pool
                .query_all_raw(stmt)
                .await?
                .into_iter()
                .try_for_each(each),
        }
    }

    /// The rows of `stmt` whose column `key_at` holds one of `keys`: on a lane, shared with
    /// the worker's concurrent lookups of the same statement (see [`ReadLane::lookup`]);
    /// otherwise `stmt` runs as it is.
    pub async fn lookup(
        &self,
        stmt: Statement,
        keys: &[i64],
        key_at: usize,
    ) -> Result<KeyedRows, DbErr> {
        match self.lane {
            Some(lane) => lane.lookup(stmt, keys, key_at, self.pool).await,
            None => Ok(KeyedRows::all(self.pool.query_all_raw(stmt).await?)),
        }
    }

    /// The rows of `select` whose `column` (the select's column `key_at`) is one of `keys`.
    /// On a lane it is a lookup shared with the worker's concurrent requests (see
    /// [`ReadLane::lookup`]); otherwise the select runs with `column = key` for one key, or
    /// [`super::key_in`] for several.
    pub async fn rows_by_keys<C: ColumnTrait>(
        &self,
        mut select: SelectStatement,
        column: C,
        keys: &[i64],
        key_at: usize,
    ) -> Result<KeyedRows, DbErr> {
        let backend = self.get_database_backend();
        match (self.lane, keys) {
            (None, [key]) => {
                select.and_where(column.eq(*key));
            }
            // On a lane the keys' array must be the statement's last value: the lane swaps
            // in every sharer's keys.
            _ => {
                select.and_where(super::key_in(backend, column, keys));
            }
        }
        self.lookup(backend.build(&select), keys, key_at).await
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Reads<'_> {
    fn get_database_backend(&self) -> DbBackend {
        self.pool.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.pool.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.pool.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        match self.lane {
            Some(lane) => lane.query_one(stmt, self.pool).await,
            None => self.pool.query_one_raw(stmt).await,
        }
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match self.lane {
            Some(lane) => lane.query_all(stmt, self.pool).await,
            None => self.pool.query_all_raw(stmt).await,
        }
    }
}
