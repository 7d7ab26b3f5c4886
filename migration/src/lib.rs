//! cusnet database migrations.
//!
//! Every migration runs unchanged on SQLite (the embedded default) and PostgreSQL.
//! An applied migration is never edited: a change to the schema is a new file.

#![allow(
    elided_lifetimes_in_paths,
    reason = "MigrationTrait declares `&SchemaManager` without its lifetime; implementations must match"
)]

pub use sea_orm_migration::prelude::*;

mod columns;
mod m20261123_000001_create_reference_data;
mod m20261123_000002_create_network_records;
mod m20261123_000003_create_audit_trail;
mod m20261123_000004_create_change_feed;
mod m20261123_000005_create_sync_push;
mod m20261123_000006_create_training_records;
mod m20261124_000007_index_region_lists;
mod m20261205_000008_access_log_persons_without_key_check;
mod m20261206_000009_access_log_persons_without_primary_key;
mod m20261206_000010_access_log_persons_per_batch;
mod m20261207_000011_access_log_batches_on_postgres;
mod postgres_only;

/// Applies cusnet's migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_reference_data::Migration),
            Box::new(m20261123_000002_create_network_records::Migration),
            Box::new(m20261123_000003_create_audit_trail::Migration),
            Box::new(m20261123_000004_create_change_feed::Migration),
            Box::new(m20261123_000005_create_sync_push::Migration),
            Box::new(m20261123_000006_create_training_records::Migration),
            Box::new(m20261124_000007_index_region_lists::Migration),
            Box::new(m20261205_000008_access_log_persons_without_key_check::Migration),
            Box::new(m20261206_000009_access_log_persons_without_primary_key::Migration),
            Box::new(m20261206_000010_access_log_persons_per_batch::Migration),
            Box::new(m20261207_000011_access_log_batches_on_postgres::Migration),
        ]
    }
}
