//! Training records with personal data: enrollments and certificates, the append-only log of
//! reads of personal data (RODO art. 30 and 15: who read whose data, when), and the register
//! of erased persons. Certificates store only a hash of their verification code.

use crate::columns::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// Refuses UPDATE and DELETE on `table` (the log is append-only, like `audit_entry`).
async fn append_only(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_unprepared(&format!(
                "CREATE FUNCTION {table}_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN RAISE EXCEPTION '{table} is append-only'; END $$;
                 CREATE TRIGGER {table}_no_update BEFORE UPDATE OR DELETE ON {table}
                 FOR EACH ROW EXECUTE FUNCTION {table}_is_append_only();"
            ))
            .await?;
        }
        DbBackend::Sqlite => {
            for (op, name) in [("UPDATE", "no_update"), ("DELETE", "no_delete")] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {table}_{name} BEFORE {op} ON {table}
                     BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
                ))
                .await?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(region_owned(
                table_with_id("training_enrollment")
                    .col(big_integer("training_id"))
                    .col(big_integer("person_id"))
                    .col(big_integer_null("employer_id"))
                    .col(string_len("status", 16))
                    .col(date_null("completed_on"))
                    .col(integer_null("hours"))
                    .col(string("participant_name"))
                    .col(timestamp_with_time_zone_null("anonymised_at"))
                    .foreign_key(&mut fk("training_enrollment", "training_id", "training"))
                    .foreign_key(&mut fk("training_enrollment", "person_id", "person"))
                    .foreign_key(&mut fk(
                        "training_enrollment",
                        "employer_id",
                        "organisation",
                    ))
                    .to_owned(),
                "training_enrollment",
            ))
            .await?;
        manager
            .create_index(unique("training_enrollment", &["training_id", "person_id"]))
            .await?;
        manager
            .create_index(index("training_enrollment", &["person_id"]))
            .await?;
        for idx in region_owned_indexes("training_enrollment") {
            manager.create_index(idx).await?;
        }
        manager
            .create_table(region_owned(
                table_with_id("certificate")
                    .col(big_integer("enrollment_id"))
                    .col(string_len("kind", 32))
                    .col(string_len("number", 64))
                    .col(date("issued_on"))
                    .col(big_integer("issuer_id"))
                    .col(string("holder_name"))
                    .col(string_len("code_hash", 128))
                    .col(boolean("revoked").default(false))
                    .col(text_null("revoked_reason"))
                    .foreign_key(&mut fk(
                        "certificate",
                        "enrollment_id",
                        "training_enrollment",
                    ))
                    .foreign_key(&mut fk("certificate", "issuer_id", "organisation"))
                    .to_owned(),
                "certificate",
            ))
            .await?;
        manager
            .create_index(unique("certificate", &["issuer_id", "number"]))
            .await?;
        manager
            .create_index(unique("certificate", &["enrollment_id"]))
            .await?;
        manager
            .create_index(index("certificate", &["number"]))
            .await?;
        for idx in region_owned_indexes("certificate") {
            manager.create_index(idx).await?;
        }
        manager
            .create_table(
                table_with_id("personal_data_access")
                    .col(timestamp_with_time_zone("occurred_at"))
                    .col(string("actor_sub"))
                    .col(string_len("actor_role", 32))
                    .col(json("actor_regions"))
                    .col(big_integer_null("actor_org"))
                    .col(string_null("operation_name"))
                    .col(string_null("request_id"))
                    .col(json("person_ids"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("personal_data_access", &["occurred_at", "id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("personal_data_access_person")
                    .if_not_exists()
                    .col(big_integer("access_id"))
                    .col(big_integer("person_id"))
                    .col(big_integer("owner_region_id"))
                    .primary_key(Index::create().col("access_id").col("person_id"))
                    .foreign_key(&mut fk(
                        "personal_data_access_person",
                        "access_id",
                        "personal_data_access",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "personal_data_access_person",
                &["owner_region_id", "access_id"],
            ))
            .await?;
        manager
            .create_index(index("personal_data_access_person", &["person_id"]))
            .await?;
        append_only(manager, "personal_data_access").await?;
        append_only(manager, "personal_data_access_person").await?;
        manager
            .create_table(
                table_with_id("person_erasure")
                    .col(big_integer("person_id"))
                    .col(big_integer("owner_region_id"))
                    .col(timestamp_with_time_zone("erased_at"))
                    .col(string("actor_sub"))
                    .col(text("reason"))
                    .foreign_key(&mut fk("person_erasure", "person_id", "person"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("person_erasure", &["person_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            for t in ["personal_data_access", "personal_data_access_person"] {
                manager
                    .get_connection()
                    .execute_unprepared(&format!(
                        "DROP FUNCTION IF EXISTS {t}_is_append_only() CASCADE"
                    ))
                    .await?;
            }
        }
        for t in [
            "person_erasure",
            "personal_data_access_person",
            "personal_data_access",
            "certificate",
            "training_enrollment",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
