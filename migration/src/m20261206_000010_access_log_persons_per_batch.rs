//! The personal-data access log's person rows become one row per person per written batch
//! instead of one per person per entry. The writer stores the entries of many responses in
//! one transaction; under load they name the same persons again and again (every reader of a
//! dashboard page names its 85 experts), and one row per person and entry made that insert
//! the heaviest statement of a read. A row now names its person once with every entry of the
//! batch that contains the person: `access_id` is the first of them and `access_ids` the whole
//! list. Rows written before keep `access_ids` empty (NULL) and stand for `access_id` alone.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const TABLE: &str = "personal_data_access_person";
const COLUMN: &str = "access_ids";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(TABLE)
                    .add_column(ColumnDef::new(COLUMN).json().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(TABLE).drop_column(COLUMN).to_owned())
            .await
    }
}
