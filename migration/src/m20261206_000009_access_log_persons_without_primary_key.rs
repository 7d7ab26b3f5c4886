//! The personal-data access log's person rows lose their primary key `(access_id,
//! person_id)` on PostgreSQL. No read goes through it: the log is searched by person
//! (`person_id` index) and by owner region (`owner_region_id, access_id` index), and the
//! writer appends each person once per entry, from a set. Keeping it meant a third index
//! update for every person of every response with personal data, a third of the cost of
//! the log's busiest insert. SQLite cannot drop a primary key without rebuilding the table,
//! and keeps it.

use crate::postgres_only::on_postgres;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const TABLE: &str = "personal_data_access_person";
const KEY: &str = "personal_data_access_person_pkey";

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
            &format!("ALTER TABLE {TABLE} ADD CONSTRAINT {KEY} PRIMARY KEY (access_id, person_id)"),
        )
        .await
    }
}
