//! The write pipeline every mutation goes through: one transaction holding the change, its
//! audit entry and (for creates) its idempotency key; optimistic concurrency on `version`;
//! soft delete and restore. If any step fails — validation, a conflict, the audit insert —
//! nothing is written.

use super::audit::{self, Changes, Operation};
use super::feed::{self, Facts};
use super::lists::Listed;
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use entity::enums::Visibility;
use entity::owned::OwnedModel;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, DatabaseTransaction, IntoActiveModel,
    QueryFilter, Set, SqlErr, TryIntoModel, Value,
};
use serde::Serialize;

/// What a write knows about the request it serves, for the audit entry.
#[derive(Debug, Clone, Default)]
pub struct RequestInfo {
    /// The HTTP request id.
    pub request_id: Option<String>,
    /// The GraphQL operation name.
    pub operation_name: Option<String>,
    /// For sync pushes: the office's id for a record being created, recorded with it.
    pub external: Option<ExternalRef>,
    /// Run every check and write, then roll back instead of committing.
    pub dry_run: bool,
    /// When given, an update reports the names of the fields it changes here.
    pub changed_fields: Option<std::sync::Arc<std::sync::Mutex<Vec<String>>>>,
}

/// An office's own id for a record, scoped by its region and source system.
#[derive(Debug, Clone)]
pub struct ExternalRef {
    /// The pushing office's region.
    pub region_id: i64,
    /// The source system.
    pub source: String,
    /// The office's id.
    pub external_id: String,
}

/// Commits, or rolls back for a dry run.
async fn finish(txn: DatabaseTransaction, info: &RequestInfo) -> AppResult<()> {
    if info.dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    Ok(())
}

/// A region-owned record type that mutations can write.
pub trait Writable: Listed
where
    Self::Model: OwnedModel + Serialize + IntoActiveModel<Self::ActiveModel> + Sync,
    Self::ActiveModel:
        ActiveModelTrait<Entity = Self> + ActiveModelBehavior + TryIntoModel<Self::Model> + Send,
{
    /// The folded search text of a record, used unless the service set the search text of the
    /// active model itself.
    fn search_text(m: &Self::Model) -> String;

    /// Who may see the record, as the change feed records it; records with an extra reading
    /// rule (drafts) narrow their visibility here.
    fn feed_visibility(m: &Self::Model) -> Visibility {
        m.visibility()
    }
}

/// The feed's view of a record's state.
fn facts<E>(m: &E::Model) -> Facts
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    Facts {
        owner_region_id: m.owner_region_id(),
        visibility: E::feed_visibility(m),
        deleted: m.is_deleted(),
    }
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn conflict(current: i32) -> AppError {
    AppError::Conflict {
        message: format!("the record changed since you read it; its current version is {current}"),
        current_version: Some(current),
    }
}

/// Begins a write transaction. On SQLite, writes are serialised in the process first (SQLite
/// has one writer; taking turns here avoids lock-upgrade failures between transactions).
async fn begin(
    db: &ScopedDb,
) -> AppResult<(
    DatabaseTransaction,
    Option<tokio::sync::OwnedMutexGuard<()>>,
)> {
    let guard = match db.write_gate() {
        Some(gate) => Some(gate.lock_owned().await),
        None => None,
    };
    Ok((crate::db::begin_write(db.conn()).await?, guard))
}

/// Sets the computed columns of a record about to be written.
fn stamp<E>(
    am: &mut E::ActiveModel,
    version: i32,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<E::Model>
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    am.set(E::version_column(), Value::from(version));
    am.set(E::updated_at_column(), Value::from(at));
    // The search text derives from the finished record (`Writable::search_text`), unless the
    // service set it itself because it needs more than the row (a related person's name). A
    // stored record's model keeps its stored text; a new record has no id and no text yet, so
    // placeholders stand in while the model is built.
    let own_search_text = am.get(E::search_text_column()).is_set();
    if am.get(E::search_text_column()).is_not_set() {
        am.set(E::search_text_column(), Value::from(String::new()));
    }
    let had_id = am.get(E::id_column()).is_set() || am.get(E::id_column()).is_unchanged();
    if !had_id {
        am.set(E::id_column(), Value::from(0i64));
    }
    let model = am
        .clone()
        .try_into_model()
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("incomplete record")))?;
    if !had_id {
        am.not_set(E::id_column());
    }
    if !own_search_text {
        am.set(E::search_text_column(), Value::from(E::search_text(&model)));
    }
    Ok(model)
}

/// Creates a record in `owner_region` (already checked by the caller through the access
/// layer), then runs `children` (join rows) in the same transaction.
pub async fn create<E>(
    db: &ScopedDb,
    info: &RequestInfo,
    operation: &str,
    idempotency_key: Option<&str>,
    am: E::ActiveModel,
    children: impl AsyncFnOnce(&DatabaseTransaction, i64) -> AppResult<Changes>,
) -> AppResult<E::Model>
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    create_inner::<E>(db, info, operation, idempotency_key, am, children, |c| c).await
}

/// As [`create`] without join rows, for records holding personal data: `redact` removes the
/// personal values from the audited changes.
pub async fn create_redacted<E>(
    db: &ScopedDb,
    info: &RequestInfo,
    operation: &str,
    idempotency_key: Option<&str>,
    am: E::ActiveModel,
    redact: fn(Changes) -> Changes,
) -> AppResult<E::Model>
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    let none = async |_: &DatabaseTransaction, _: i64| Ok(Changes::new());
    create_inner::<E>(db, info, operation, idempotency_key, am, none, redact).await
}

async fn create_inner<E>(
    db: &ScopedDb,
    info: &RequestInfo,
    operation: &str,
    idempotency_key: Option<&str>,
    mut am: E::ActiveModel,
    children: impl AsyncFnOnce(&DatabaseTransaction, i64) -> AppResult<Changes>,
    redact: fn(Changes) -> Changes,
) -> AppResult<E::Model>
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    if let Some(key) = idempotency_key {
        if key.is_empty() || key.len() > 128 || key.chars().any(char::is_control) {
            return Err(AppError::bad_input(
                "idempotencyKey",
                "1 to 128 printable characters",
            ));
        }
        if let Some(id) = audit::find_idempotent(db, operation, key).await? {
            return load_visible::<E>(db, id).await;
        }
    }
    let (txn, _gate) = begin(db).await?;
    let at = now();
    am.set(E::created_at_column(), Value::from(at));
    am.set(
        E::deleted_at_column(),
        Value::from(None::<chrono::DateTime<chrono::Utc>>),
    );
    stamp::<E>(&mut am, 1, at)?;
    let model = am.insert(&txn).await?;
    let mut changes = audit::diff(None, Some(&model));
    changes.extend(children(&txn, model.id()).await?);
    audit::append(
        &txn,
        db,
        info,
        E::KIND,
        model.id(),
        model.owner_region_id(),
        None,
        Operation::Create,
        redact(changes),
    )
    .await?;
    feed::append(
        &txn,
        E::KIND,
        model.id(),
        Operation::Create,
        model.version(),
        None,
        facts::<E>(&model),
        at,
    )
    .await?;
    if let Some(ext) = &info.external {
        let inserted = entity::external_ref::ActiveModel {
            region_id: Set(ext.region_id),
            source: Set(ext.source.clone()),
            entity_type: Set(E::KIND.name().to_owned()),
            external_id: Set(ext.external_id.clone()),
            entity_id: Set(model.id()),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await;
        if let Err(e) = inserted {
            if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
                return Err(AppError::Conflict {
                    message: "another push created a record with this external id first".into(),
                    current_version: None,
                });
            }
            return Err(e.into());
        }
    }
    if let Some(key) = idempotency_key
        && let Err(e) =
            audit::remember_idempotent(&txn, db, operation, key, E::KIND, model.id(), at).await
    {
        drop(txn);
        // A parallel call with the same key committed first: return its result.
        if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
            && let Some(id) = audit::find_idempotent(db, operation, key).await?
        {
            return load_visible::<E>(db, id).await;
        }
        return Err(e.into());
    }
    finish(txn, info).await?;
    Ok(model)
}

/// Reads a record through the caller's scope (NOT_FOUND otherwise).
async fn load_visible<E>(db: &ScopedDb, id: i64) -> AppResult<E::Model>
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    db.owned::<E>()
        .filter(E::id_column().eq(id))
        .one(db.conn())
        .await?
        .ok_or(AppError::NotFound { what: "record" })
}

/// Writes `am` over the row if it still has `expected` version; CONFLICT otherwise.
async fn save_if_version<E>(
    txn: &DatabaseTransaction,
    am: E::ActiveModel,
    id: i64,
    expected: i32,
) -> AppResult<()>
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    let res = E::update_many()
        .set(am)
        .filter(E::id_column().eq(id))
        .filter(Expr::col(E::version_column()).eq(expected))
        .exec(txn)
        .await?;
    if res.rows_affected == 1 {
        return Ok(());
    }
    let current = E::find()
        .filter(E::id_column().eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound { what: "record" })?;
    Err(conflict(current.version()))
}

/// Updates a record the caller may change. `apply` validates the input and sets the changed
/// fields (and replaces join rows in the same transaction), returning the join-row changes.
pub async fn update<E>(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    expected_version: i32,
    apply: impl AsyncFnOnce(&DatabaseTransaction, &E::Model, &mut E::ActiveModel) -> AppResult<Changes>,
) -> AppResult<E::Model>
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    update_redacted::<E>(db, info, id, expected_version, |c| c, apply).await
}

/// As [`update`], for records holding personal data: `redact` removes the personal values
/// from the audited changes (the field names stay).
pub async fn update_redacted<E>(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    expected_version: i32,
    redact: fn(Changes) -> Changes,
    apply: impl AsyncFnOnce(&DatabaseTransaction, &E::Model, &mut E::ActiveModel) -> AppResult<Changes>,
) -> AppResult<E::Model>
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    let (txn, _gate) = begin(db).await?;
    let before = db.load_for_write::<E, _>(&txn, id).await?;
    if before.version() != expected_version {
        return Err(conflict(before.version()));
    }
    let mut am = before.clone().into_active_model();
    let mut changes = apply(&txn, &before, &mut am).await?;
    let after_fields = am
        .clone()
        .try_into_model()
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("incomplete record")))?;
    changes.extend(audit::diff(Some(&before), Some(&after_fields)));
    if let Some(report) = &info.changed_fields
        && let Ok(mut names) = report.lock()
    {
        names.extend(changes.keys().cloned());
    }
    if changes.is_empty() {
        // Nothing changed: no new version, no audit entry.
        return Ok(before);
    }
    let moved_from = (after_fields.owner_region_id() != before.owner_region_id())
        .then_some(before.owner_region_id());
    if moved_from.is_some() {
        db.check_write(after_fields.owner_region_id())?;
    }
    let at = now();
    let after = stamp::<E>(&mut am, expected_version + 1, at)?;
    save_if_version::<E>(&txn, am, id, expected_version).await?;
    audit::append(
        &txn,
        db,
        info,
        E::KIND,
        id,
        after.owner_region_id(),
        moved_from,
        Operation::Update,
        redact(changes),
    )
    .await?;
    feed::append(
        &txn,
        E::KIND,
        id,
        Operation::Update,
        after.version(),
        Some(facts::<E>(&before)),
        facts::<E>(&after),
        at,
    )
    .await?;
    if info.dry_run {
        txn.rollback().await?;
        return Ok(after);
    }
    txn.commit().await?;
    load_visible::<E>(db, id).await
}

/// Keeps the stored search text of a record whose content does not change (delete, restore):
/// a service may have built it from related names the row alone does not hold.
fn keep_search_text<E>(am: &mut E::ActiveModel)
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    if let Some(text) = am.get(E::search_text_column()).into_value() {
        am.set(E::search_text_column(), text);
    }
}

/// Soft-deletes (`restore == false`) or restores a record.
pub async fn set_deleted<E>(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    expected_version: i32,
    restore: bool,
) -> AppResult<E::Model>
where
    E: Writable,
    E::Model: OwnedModel + Serialize + IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel:
        ActiveModelTrait<Entity = E> + ActiveModelBehavior + TryIntoModel<E::Model> + Send,
{
    let (txn, _gate) = begin(db).await?;
    let before = if restore {
        db.load_for_restore::<E, _>(&txn, id).await?
    } else {
        db.load_for_write::<E, _>(&txn, id).await?
    };
    if before.version() != expected_version {
        return Err(conflict(before.version()));
    }
    let at = now();
    let mut am = before.clone().into_active_model();
    let deleted_at: Option<chrono::DateTime<chrono::Utc>> = if restore { None } else { Some(at) };
    am.set(E::deleted_at_column(), Value::from(deleted_at));
    keep_search_text::<E>(&mut am);
    let after = stamp::<E>(&mut am, expected_version + 1, at)?;
    save_if_version::<E>(&txn, am, id, expected_version).await?;
    let op = if restore {
        Operation::Restore
    } else {
        Operation::Delete
    };
    let changes = audit::diff(Some(&before), Some(&after));
    audit::append(
        &txn,
        db,
        info,
        E::KIND,
        id,
        after.owner_region_id(),
        None,
        op,
        changes,
    )
    .await?;
    feed::append(
        &txn,
        E::KIND,
        id,
        op,
        after.version(),
        Some(facts::<E>(&before)),
        facts::<E>(&after),
        at,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The owner region of a new record from an optional `regionCode` input: the named region
/// (which the caller must be allowed to write), or the caller's only region.
pub fn owner_region(db: &ScopedDb, field: &str, code: Option<&str>) -> AppResult<i64> {
    let requested = code
        .map(|c| super::validate::region_code(field, c))
        .transpose()?;
    db.owner_region_for_create(requested)
}
