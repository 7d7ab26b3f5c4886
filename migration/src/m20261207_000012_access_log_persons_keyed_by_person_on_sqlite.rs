//! SQLite: the personal-data access log's person rows are stored in the order of their
//! person (a table without row ids whose key is `(person_id, access_id)`), and the separate
//! index by person goes.
//!
//! Every read that returns personal data adds one row per person to the log's next batch (a
//! page across all regions names some 1,300 persons). Each row went into four B-trees: the
//! table by row id, the key `(access_id, person_id)`, the index by owner region and the
//! index by person. Keyed by person, the table is itself the index the log is searched by,
//! and a row goes into two. In a profile of that page at concurrency 1 the inserts took a
//! sixth of the server's time. PostgreSQL keeps its table (it writes one row per batch, see
//! 000011), and this migration does nothing there.
//!
//! SQLite cannot change a table's key in place: the table is rebuilt, its rows copied, in
//! one transaction. Undoing it rebuilds the table as it was.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const TABLE: &str = "personal_data_access_person";

/// Rebuilds the table with `key` (and `without_rowid`), copies its rows, and restores its
/// indexes (`by_person` adds the index by person) and its append-only triggers.
async fn rebuild(
    manager: &SchemaManager<'_>,
    key: &str,
    without_rowid: bool,
    by_person: bool,
) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    let db = manager.get_connection();
    let rowid = if without_rowid { " WITHOUT ROWID" } else { "" };
    db.execute_unprepared(&format!(
        "CREATE TABLE {TABLE}_rebuilt (
           access_id integer NOT NULL,
           person_id integer NOT NULL,
           owner_region_id integer NOT NULL,
           access_ids json_text NULL,
           PRIMARY KEY ({key}),
           FOREIGN KEY (access_id) REFERENCES personal_data_access (id) ON DELETE RESTRICT
         ){rowid};
         INSERT INTO {TABLE}_rebuilt (access_id, person_id, owner_region_id, access_ids)
           SELECT access_id, person_id, owner_region_id, access_ids FROM {TABLE};
         DROP TABLE {TABLE};
         ALTER TABLE {TABLE}_rebuilt RENAME TO {TABLE};
         CREATE INDEX idx_{TABLE}_owner_region_id_access_id ON {TABLE} (owner_region_id, access_id);"
    ))
    .await?;
    if by_person {
        db.execute_unprepared(&format!(
            "CREATE INDEX idx_{TABLE}_person_id ON {TABLE} (person_id)"
        ))
        .await?;
    }
    for (op, name) in [("UPDATE", "no_update"), ("DELETE", "no_delete")] {
        db.execute_unprepared(&format!(
            "CREATE TRIGGER {TABLE}_{name} BEFORE {op} ON {TABLE}
             BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END;"
        ))
        .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rebuild(manager, "person_id, access_id", true, false).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rebuild(manager, "access_id, person_id", false, true).await
    }

    /// The rebuild is all or nothing, on SQLite too.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
