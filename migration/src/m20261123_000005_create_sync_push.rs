//! Sync pushes: the external ids offices give their records (so a re-sent record updates
//! instead of duplicating) and the stored results of pushes (so a replayed push returns them).

use crate::columns::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                table_with_id("external_ref")
                    .col(big_integer("region_id"))
                    .col(string_len("source", 64))
                    .col(string_len("entity_type", 32))
                    .col(string_len("external_id", 128))
                    .col(big_integer("entity_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "external_ref",
                &["region_id", "source", "entity_type", "external_id"],
            ))
            .await?;
        manager
            .create_table(
                table_with_id("sync_push")
                    .col(string("actor_sub"))
                    .col(string_len("key", 128))
                    .col(json("result"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("sync_push", &["actor_sub", "key"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["sync_push", "external_ref"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
