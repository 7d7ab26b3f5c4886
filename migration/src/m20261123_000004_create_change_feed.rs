//! The change feed (an outbox): one row per write, appended in the writing transaction, that
//! offices pull in order. On PostgreSQL each row records the id of the transaction that wrote
//! it, so a reader can stop at the horizon of transactions still in flight and never skip a
//! change that commits late.

use crate::columns::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                table_with_id("change_event")
                    .col(big_integer("tx_id").default(0))
                    .col(timestamp_with_time_zone("occurred_at"))
                    .col(string_len("entity_type", 32))
                    .col(big_integer("entity_id"))
                    .col(string_len("operation", 16))
                    .col(integer("version"))
                    .col(big_integer("owner_region_id"))
                    .col(string_len("visibility", 16))
                    .col(boolean("is_deleted"))
                    .col(big_integer_null("previous_owner_region_id"))
                    .col(string_len_null("previous_visibility", 16))
                    .col(boolean_null("previously_deleted"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("change_event", &["tx_id", "id"]))
            .await?;
        manager
            .create_index(index("change_event", &["entity_type", "entity_id"]))
            .await?;
        // Each pruning of old changes records the last position it removed: a cursor before it
        // can no longer be continued.
        manager
            .create_table(
                table_with_id("change_feed_prune")
                    .col(big_integer("floor_tx_id"))
                    .col(big_integer("floor_id"))
                    .col(timestamp_with_time_zone("pruned_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("change_event", &["occurred_at"]))
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            // The writing transaction's id, filled in by the database itself.
            manager
                .get_connection()
                .execute_unprepared(
                    "ALTER TABLE change_event ALTER COLUMN tx_id \
                     SET DEFAULT (pg_current_xact_id()::text::bigint)",
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["change_feed_prune", "change_event"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
