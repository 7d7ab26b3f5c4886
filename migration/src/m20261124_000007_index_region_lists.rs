//! The index behind the commonest list: one region's centres in name order (a portal's or a
//! dashboard's first page). Without it PostgreSQL walks the name index of all regions and
//! filters, or sorts the region's rows on every request.

use crate::columns::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("centre", &["owner_region_id", "name", "id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_centre_owner_region_id_name_id")
                    .table("centre")
                    .to_owned(),
            )
            .await
    }
}
