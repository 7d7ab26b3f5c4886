//! Column and constraint shapes shared by the migrations, so every table spells them alike.

use sea_orm_migration::{prelude::*, schema::*};

/// A new table with a big-integer auto-increment `id` primary key.
pub(crate) fn table_with_id(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .if_not_exists()
        .col(big_pk_auto("id"))
        .to_owned()
}

/// Adds the columns every region-owned record carries: owner region, visibility,
/// optimistic-concurrency version, timestamps, the soft-delete mark and the folded
/// search text (lower case, Polish diacritics removed) used by text search.
pub(crate) fn region_owned(
    mut table: TableCreateStatement,
    name: &'static str,
) -> TableCreateStatement {
    table
        .col(big_integer("owner_region_id"))
        .col(string_len("visibility", 16))
        .col(integer("version").default(1))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(timestamp_with_time_zone_null("deleted_at"))
        .col(text("search_text").default(""))
        .foreign_key(&mut fk(name, "owner_region_id", "region"));
    table
}

/// A foreign key from `table.column` to `target.id`.
pub(crate) fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

/// A foreign key that removes the row when the parent goes (join tables).
pub(crate) fn fk_cascade(
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A (non-unique) index on the given columns.
pub(crate) fn index(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(format!("idx_{table}_{}", cols.join("_")))
        .table(table)
        .if_not_exists();
    for c in cols {
        idx.col(*c);
    }
    idx.to_owned()
}

/// A unique index on the given columns.
pub(crate) fn unique(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = index(table, cols);
    idx.name(format!("uq_{table}_{}", cols.join("_"))).unique();
    idx
}

/// The indexes every region-owned table gets: scope filter and the default sort.
pub(crate) fn region_owned_indexes(table: &'static str) -> Vec<IndexCreateStatement> {
    vec![
        index(table, &["owner_region_id", "visibility"]),
        index(table, &["updated_at", "id"]),
    ]
}
