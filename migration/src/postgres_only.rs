//! Statements only PostgreSQL runs (constraints SQLite cannot drop without rebuilding a table).

use sea_orm_migration::prelude::*;

/// Runs `sql` on PostgreSQL; on other backends it does nothing.
pub(crate) async fn on_postgres(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    manager.get_connection().execute_unprepared(sql).await?;
    Ok(())
}
