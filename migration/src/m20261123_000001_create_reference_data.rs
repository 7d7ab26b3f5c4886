//! Reference data owned by the network and readable by everyone: voivodeships, counties,
//! municipalities (TERYT) and funding programmes with their actions.

use crate::columns::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                table_with_id("region")
                    .col(string_len("teryt_code", 2).unique_key())
                    .col(string_len("iso_code", 8))
                    .col(string("name"))
                    .col(string("name_en"))
                    .col(boolean("is_network_member").default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                table_with_id("county")
                    .col(big_integer("region_id"))
                    .col(string_len("teryt_code", 4).unique_key())
                    .col(string("name"))
                    .col(string_len("kind", 16))
                    .foreign_key(&mut fk("county", "region_id", "region"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                table_with_id("municipality")
                    .col(big_integer("region_id"))
                    .col(big_integer("county_id"))
                    .col(string_len("teryt_code", 7))
                    .col(date("teryt_valid_from"))
                    .col(date_null("teryt_valid_to"))
                    .col(string("name"))
                    .col(string_len("kind", 16))
                    .col(text("search_text").default(""))
                    .foreign_key(&mut fk("municipality", "region_id", "region"))
                    .foreign_key(&mut fk("municipality", "county_id", "county"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("municipality", &["teryt_code", "teryt_valid_from"]))
            .await?;
        manager
            .create_index(index("municipality", &["region_id", "name"]))
            .await?;
        manager
            .create_table(
                table_with_id("funding_programme")
                    .col(string_len("code", 32).unique_key())
                    .col(string("name"))
                    .col(string_len("fund", 16))
                    .col(integer("period_start_year"))
                    .col(integer("period_end_year"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                table_with_id("funding_action")
                    .col(big_integer("programme_id"))
                    .col(string_len("code", 32).unique_key())
                    .col(string("name"))
                    .foreign_key(&mut fk(
                        "funding_action",
                        "programme_id",
                        "funding_programme",
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "funding_action",
            "funding_programme",
            "municipality",
            "county",
            "region",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
