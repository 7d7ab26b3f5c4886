//! Replacing join rows (a record's municipalities, partners, organisers …) inside a write
//! transaction, and checking that referenced records exist and are visible to the caller.

use super::audit::{Changes, list_change};
use crate::access::{Readable, Reference, ScopedDb};
use crate::error::{AppError, AppResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeSet;

/// Fails with BAD_USER_INPUT on `field` unless every id names reference data that exists.
pub async fn check_reference<E: Reference, C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    field: &str,
    id_column: E::Column,
    ids: &[i64],
) -> AppResult<()> {
    let wanted: BTreeSet<i64> = ids.iter().copied().collect();
    let found: Vec<i64> = db
        .reference::<E>()
        .select_only()
        .column(id_column)
        .filter(id_column.is_in(wanted.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    if found.len() != wanted.len() {
        return Err(AppError::bad_input(
            field,
            "refers to a record that does not exist",
        ));
    }
    Ok(())
}

/// The live records among `ids` that the caller can see (one query).
pub async fn visible_ids<E: Readable, C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    ids: &[i64],
) -> AppResult<BTreeSet<i64>> {
    if ids.is_empty() {
        return Ok(BTreeSet::new());
    }
    let found: Vec<i64> = db
        .owned::<E>()
        .select_only()
        .column(E::id_column())
        .filter(E::id_column().is_in(ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(found.into_iter().collect())
}

fn missing(field: impl Into<String>) -> AppError {
    AppError::bad_input(field, "refers to a record that does not exist")
}

/// Fails with BAD_USER_INPUT on `field` unless every id names a live record the caller can see.
pub async fn check_visible<E: Readable, C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    field: &str,
    ids: &[i64],
) -> AppResult<()> {
    let found = visible_ids::<E, C>(db, conn, ids).await?;
    if ids.iter().any(|id| !found.contains(id)) {
        return Err(missing(field));
    }
    Ok(())
}

/// As [`check_visible`], naming the first offending item: `field_of(index)`, e.g.
/// `input.partners[2].organisationId`.
pub async fn check_visible_each<E: Readable, C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    field_of: impl Fn(usize) -> String,
    ids: &[i64],
) -> AppResult<()> {
    let found = visible_ids::<E, C>(db, conn, ids).await?;
    match ids.iter().position(|id| !found.contains(id)) {
        Some(i) => Err(missing(field_of(i))),
        None => Ok(()),
    }
}

/// As [`check_visible`] for an optional single id.
pub async fn check_visible_opt<E: Readable, C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    field: &str,
    id: Option<i64>,
) -> AppResult<()> {
    match id {
        Some(id) => check_visible::<E, C>(db, conn, field, &[id]).await,
        None => Ok(()),
    }
}

/// Ids a join table holds for one parent.
pub async fn current<J: EntityTrait, C: ConnectionTrait>(
    conn: &C,
    parent: J::Column,
    child: J::Column,
    parent_id: i64,
) -> AppResult<Vec<i64>> {
    Ok(J::find()
        .select_only()
        .column(child)
        .filter(parent.eq(parent_id))
        .into_tuple()
        .all(conn)
        .await?)
}

/// Deletes a parent's join rows and inserts `rows` instead; reports the change of child ids.
pub async fn replace<J, C>(
    conn: &C,
    field: &str,
    parent: J::Column,
    child: J::Column,
    parent_id: i64,
    rows: Vec<J::ActiveModel>,
    new_ids: &[i64],
) -> AppResult<Changes>
where
    J: EntityTrait,
    C: ConnectionTrait,
{
    let before = current::<J, C>(conn, parent, child, parent_id).await?;
    J::delete_many()
        .filter(parent.eq(parent_id))
        .exec(conn)
        .await?;
    if !rows.is_empty() {
        J::insert_many(rows).exec_without_returning(conn).await?;
    }
    Ok(list_change(field, &before, new_ids))
}
