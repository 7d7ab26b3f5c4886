//! Batched writing: rows go to the database in multi-row `INSERT`s of a few hundred rows,
//! inside the load's one transaction, with a progress bar on standard error.

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait,
};

/// Rows per `INSERT`: at most ~25 columns × 400 rows stays below the parameter limits of
/// SQLite (32,766) and PostgreSQL (65,535).
const ROWS_PER_STATEMENT: usize = 400;

/// Writes rows in batches and reports progress.
pub(super) struct Writer<'a> {
    pub(super) txn: &'a DatabaseTransaction,
    bar: ProgressBar,
}

impl<'a> Writer<'a> {
    /// A writer over the load's transaction; `total` rows are expected. The bar is drawn only
    /// when `progress` is set (and standard error is a terminal).
    pub(super) fn new(txn: &'a DatabaseTransaction, total: u64, progress: bool) -> Self {
        let bar = if progress {
            let bar = ProgressBar::new(total);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} rows ({per_sec}) {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        Self { txn, bar }
    }

    /// Inserts `rows` of one table in batches; `what` names the table in errors and on the bar.
    pub(super) async fn put<A>(&self, what: &'static str, rows: Vec<A>) -> anyhow::Result<()>
    where
        A: ActiveModelTrait + Send,
    {
        self.bar.set_message(what);
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
            let n = chunk.len() as u64;
            <A::Entity as EntityTrait>::insert_many(chunk)
                .exec_without_returning(self.txn)
                .await
                .with_context(|| format!("inserting {what}"))?;
            self.bar.inc(n);
        }
        Ok(())
    }

    /// Moves PostgreSQL's id sequences past the ids the load chose itself, so rows created
    /// later through the API get fresh ids. SQLite does this on its own.
    pub(super) async fn advance_sequences(&self, tables: &[&str]) -> anyhow::Result<()> {
        if self.txn.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        for table in tables {
            self.txn
                .execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     GREATEST((SELECT MAX(id) FROM \"{table}\"), 1))"
                ))
                .await
                .with_context(|| format!("advancing the id sequence of {table}"))?;
        }
        Ok(())
    }

    /// Ends the progress bar.
    pub(super) fn finish(&self) {
        self.bar.finish_with_message("done");
    }
}
