//! The append-only audit trail of every write, and the idempotency keys of create mutations.
//! Database triggers refuse UPDATE and DELETE on `audit_entry`, so not even a bug in the
//! application can rewrite history.

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
                table_with_id("audit_entry")
                    .col(timestamp_with_time_zone("occurred_at"))
                    .col(string("actor_sub"))
                    .col(string_len("actor_role", 32))
                    .col(json("actor_regions"))
                    .col(big_integer_null("actor_org"))
                    .col(string_len("entity_type", 32))
                    .col(big_integer("entity_id"))
                    .col(big_integer("owner_region_id"))
                    .col(big_integer_null("previous_owner_region_id"))
                    .col(string_len("operation", 16))
                    .col(json("changes"))
                    .col(string_null("request_id"))
                    .col(string_null("operation_name"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("audit_entry", &["entity_type", "entity_id"]))
            .await?;
        manager
            .create_index(index("audit_entry", &["occurred_at", "id"]))
            .await?;
        manager
            .create_index(index("audit_entry", &["owner_region_id", "id"]))
            .await?;
        manager
            .create_index(index("audit_entry", &["actor_sub", "id"]))
            .await?;
        manager
            .create_table(
                table_with_id("idempotency_key")
                    .col(string("actor_sub"))
                    .col(string_len("operation", 64))
                    .col(string_len("key", 128))
                    .col(string_len("entity_type", 32))
                    .col(big_integer("entity_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "idempotency_key",
                &["actor_sub", "operation", "key"],
            ))
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                     BEGIN RAISE EXCEPTION 'audit_entry is append-only'; END $$;
                     CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry
                     FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();",
                )
                .await?;
            }
            DbBackend::Sqlite => {
                db.execute_unprepared(
                    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
                     BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
                     BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;",
                )
                .await?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_entry_is_append_only() CASCADE")
                .await?;
        }
        for t in ["idempotency_key", "audit_entry"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
