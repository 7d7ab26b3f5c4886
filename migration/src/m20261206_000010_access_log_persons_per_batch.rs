//! The personal-data access log's person rows become one row per person per written batch
//! instead of one per person per entry. The writer stores the entries of many responses in
//! one transaction; under load they name the same persons again and again (every reader of a
//! dashboard page names its 85 experts), and one row per person and entry made that insert
//! the heaviest statement of a read. A row now names its person once with every entry of the
//! batch that contains the person: `access_id` is the first of them and `access_ids` the whole
//! list. Rows written before keep `access_ids` empty (NULL) and stand for `access_id` alone.
//!
//! Each entry also keeps the owner region of each of its persons (`person_regions`), so a
//! region administrator's page of entries is cut to its own persons from the entries alone.
//!
//! Undoing it writes one row per further entry of every batched row before the list goes.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// The new columns: `(table, column)`.
const COLUMNS: [(&str, &str); 2] = [
    ("personal_data_access_person", "access_ids"),
    ("personal_data_access", "person_regions"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(ColumnDef::new(column).json().null())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let expand = match manager.get_database_backend() {
            DbBackend::Postgres => {
                "INSERT INTO personal_data_access_person (access_id, person_id, owner_region_id) \
                 SELECT CAST(e.value AS bigint), p.person_id, p.owner_region_id \
                 FROM personal_data_access_person p \
                 CROSS JOIN LATERAL json_array_elements_text(p.access_ids) AS e \
                 WHERE p.access_ids IS NOT NULL AND CAST(e.value AS bigint) <> p.access_id"
            }
            _ => {
                "INSERT INTO personal_data_access_person (access_id, person_id, owner_region_id) \
                 SELECT e.value, p.person_id, p.owner_region_id \
                 FROM personal_data_access_person p, json_each(p.access_ids) AS e \
                 WHERE p.access_ids IS NOT NULL AND e.value <> p.access_id"
            }
        };
        manager.get_connection().execute_unprepared(expand).await?;
        for (table, column) in COLUMNS {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
