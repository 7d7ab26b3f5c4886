//! Failures that are nobody's fault in the request: the database is unreachable, or it (or the
//! whole request) took longer than its configured limit. Clients get a clear, retryable error
//! instead of a bare „internal server error”.
//!
//! They keep the `INTERNAL` code (the set of codes is fixed) and add `extensions.reason`:
//!
//! - `DATABASE_UNAVAILABLE`: no connection within `CUSNET_DB_ACQUIRE_TIMEOUT`, or the
//!   connection broke (PostgreSQL stopped or restarting);
//! - `TIMEOUT`: a statement ran past `CUSNET_STATEMENT_TIMEOUT` (on SQLite: waited that long
//!   for another writer's lock), or the request ran past `CUSNET_REQUEST_TIMEOUT`.
//!
//! When such an error leaves a request without data, the HTTP status is 503 with `Retry-After`.

use sea_orm::{DbErr, RuntimeErr, sqlx};

/// The `extensions.reason` of an outage error.
pub const REASON_KEY: &str = "reason";
/// Seconds a client should wait before retrying (`Retry-After`).
pub const RETRY_AFTER_SECS: u64 = 1;

/// Why a request could not be served in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outage {
    /// No database connection could be had, or it broke.
    DatabaseUnavailable,
    /// A statement or the whole request took too long.
    Timeout,
}

impl Outage {
    /// The value of `extensions.reason`.
    pub fn reason(self) -> &'static str {
        match self {
            Self::DatabaseUnavailable => "DATABASE_UNAVAILABLE",
            Self::Timeout => "TIMEOUT",
        }
    }

    /// The message the client sees.
    pub fn message(self) -> &'static str {
        match self {
            Self::DatabaseUnavailable => "the database is unavailable; try again shortly",
            Self::Timeout => {
                "the database was busy or slow and the operation was cancelled; try again shortly"
            }
        }
    }

    /// The outage behind an error, if any: the first database error in its chain decides.
    pub fn of(err: &anyhow::Error) -> Option<Self> {
        err.chain()
            .find_map(|e| e.downcast_ref::<DbErr>())
            .and_then(Self::of_db)
    }

    /// The outage a database error reports, if any.
    pub fn of_db(err: &DbErr) -> Option<Self> {
        match err {
            DbErr::ConnectionAcquire(_) => Some(Self::DatabaseUnavailable),
            DbErr::Conn(RuntimeErr::SqlxError(e))
            | DbErr::Exec(RuntimeErr::SqlxError(e))
            | DbErr::Query(RuntimeErr::SqlxError(e)) => Self::of_sqlx(e),
            _ => None,
        }
    }

    fn of_sqlx(err: &sqlx::Error) -> Option<Self> {
        match err {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => Some(Self::DatabaseUnavailable),
            sqlx::Error::Database(db) => {
                let code = db.code()?;
                Self::of_sql_state(&code)
            }
            _ => None,
        }
    }

    /// PostgreSQL SQLSTATEs and SQLite result codes (as sqlx reports them).
    fn of_sql_state(code: &str) -> Option<Self> {
        match code {
            // query_canceled: statement_timeout fired.
            "57014" => Some(Self::Timeout),
            // admin_shutdown, crash_shutdown, cannot_connect_now, and class 08 (connection
            // exception): the server went away or is not accepting connections yet.
            "57P01" | "57P02" | "57P03" => Some(Self::DatabaseUnavailable),
            c if c.starts_with("08") => Some(Self::DatabaseUnavailable),
            // SQLite (shorter than a five-character SQLSTATE): SQLITE_BUSY and its extended
            // codes, whose primary code is the low byte.
            c if c.len() < 5 => match c.parse::<u32>() {
                Ok(n) if n & 0xff == 5 => Some(Self::Timeout),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Outage;
    use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr, sqlx};
    use std::sync::Arc;

    #[test]
    fn pool_timeouts_and_broken_connections_are_outages() {
        let acquire = DbErr::ConnectionAcquire(ConnAcquireErr::Timeout);
        assert_eq!(Outage::of_db(&acquire), Some(Outage::DatabaseUnavailable));
        let io = DbErr::Conn(RuntimeErr::SqlxError(Arc::new(sqlx::Error::Io(
            std::io::Error::from(std::io::ErrorKind::ConnectionRefused),
        ))));
        assert_eq!(Outage::of_db(&io), Some(Outage::DatabaseUnavailable));
        let wrapped = anyhow::Error::new(acquire).context("loading centres");
        assert_eq!(Outage::of(&wrapped), Some(Outage::DatabaseUnavailable));
    }

    #[test]
    fn sql_states_are_classified() {
        assert_eq!(Outage::of_sql_state("57014"), Some(Outage::Timeout));
        assert_eq!(
            Outage::of_sql_state("57P01"),
            Some(Outage::DatabaseUnavailable)
        );
        assert_eq!(
            Outage::of_sql_state("08006"),
            Some(Outage::DatabaseUnavailable)
        );
        assert_eq!(Outage::of_sql_state("5"), Some(Outage::Timeout));
        assert_eq!(Outage::of_sql_state("517"), Some(Outage::Timeout));
        // Unique violations and the like are not outages.
        assert_eq!(Outage::of_sql_state("23505"), None);
        assert_eq!(Outage::of_sql_state("2067"), None);
        let other = DbErr::RecordNotFound("x".into());
        assert_eq!(Outage::of_db(&other), None);
        assert_eq!(Outage::of(&anyhow::anyhow!("no database here")), None);
    }
}
