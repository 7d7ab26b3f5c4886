//! The personal-data access log's person rows lose their foreign key to the log entry on
//! PostgreSQL. Every read that returns personal data appends one row per person named (a
//! dashboard page of 85 experts appends 85), and the key check ran once per row: it doubled
//! the cost of the log's busiest insert. The check guarded nothing the log does not already
//! guarantee: the rows are written by one transaction together with their entry, and
//! triggers refuse every update and delete of both tables. SQLite cannot drop a constraint
//! without rebuilding the table, and its in-process check is cheap, so it keeps the key.

use crate::postgres_only::on_postgres;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const TABLE: &str = "personal_data_access_person";
const KEY: &str = "fk_personal_data_access_person_access_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        on_postgres(
            manager,
            &format!("ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {KEY}"),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        on_postgres(
            manager,
            &format!(
                "ALTER TABLE {TABLE} ADD CONSTRAINT {KEY} FOREIGN KEY (access_id) \
                 REFERENCES personal_data_access (id) ON DELETE RESTRICT"
            ),
        )
        .await
    }
}
