//! PostgreSQL: the personal-data access log's index becomes one row per written batch,
//! `personal_data_access_batch`, instead of one row per person and batch. A row lists the
//! batch's entries, the persons they name and those persons' owner regions as arrays, each
//! person and region array searched through a GIN index. A read naming 1,300 persons wrote
//! 1,300 index rows, each with two B-tree entries, and the log's insert cost the database
//! as much as the read itself; now it is one row, and the GIN index gathers its keys in a
//! pending list that is merged in bulk.
//!
//! A batch row finds the batch's entries; which of them name a person (or a person of a
//! region) is then decided by each entry's own `person_ids` and `person_regions`. Rows
//! written before stay in `personal_data_access_person`, which readers keep searching.
//! SQLite has no GIN index and keeps writing person rows.
//!
//! Undoing it writes the batches out as person rows, as they were written before.

use crate::postgres_only::on_postgres;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        on_postgres(
            manager,
            "CREATE TABLE personal_data_access_batch (
               first_access_id bigint NOT NULL,
               access_ids bigint[] NOT NULL,
               person_ids bigint[] NOT NULL,
               region_ids bigint[] NOT NULL);
             CREATE INDEX idx_personal_data_access_batch_person_ids
               ON personal_data_access_batch USING gin (person_ids);
             CREATE INDEX idx_personal_data_access_batch_region_ids
               ON personal_data_access_batch USING gin (region_ids);
             CREATE FUNCTION personal_data_access_batch_is_append_only() RETURNS trigger
               LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'personal_data_access_batch is append-only'; END $$;
             CREATE TRIGGER personal_data_access_batch_no_update
               BEFORE UPDATE OR DELETE ON personal_data_access_batch
               FOR EACH ROW EXECUTE FUNCTION personal_data_access_batch_is_append_only();",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One person row per person of a batch, naming every entry of the batch that names
        // the person, with the owner region the entries noted.
        on_postgres(
            manager,
            "INSERT INTO personal_data_access_person (access_id, person_id, owner_region_id, access_ids)
             SELECT MIN(e.id), CAST(p.value AS bigint), MIN(CAST(g.value AS bigint)),
                    json_agg(e.id ORDER BY e.id)
             FROM personal_data_access_batch b
             JOIN personal_data_access e ON e.id = ANY(b.access_ids)
             CROSS JOIN LATERAL json_array_elements_text(e.person_ids) WITH ORDINALITY AS p
             JOIN LATERAL json_array_elements_text(e.person_regions) WITH ORDINALITY AS g
               ON g.ordinality = p.ordinality
             WHERE g.value IS NOT NULL
             GROUP BY b.first_access_id, p.value;
             DROP TABLE personal_data_access_batch;
             DROP FUNCTION personal_data_access_batch_is_append_only();",
        )
        .await
    }
}
