//! Sync pushes: an office's batch of records, upserted by its own ids through the same
//! services (validation, access checks, audit, change feed) as every other write.

use super::write::{self, ExternalRef, RequestInfo};
use crate::access::{Readable, ScopedDb};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, Kind};
use crate::graphql::mutation::sync::{
    SyncItemError, SyncItemInput, SyncItemResult, SyncItemStatus, SyncPushResult,
};
use async_graphql::InputType;
use entity::owned::OwnedModel;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, SqlErr};
use std::sync::{Arc, Mutex};

/// A push as the resolver received it.
pub struct Push {
    /// The office's source system.
    pub source: String,
    /// Idempotency key of the whole push.
    pub key: String,
    /// The items.
    pub items: Vec<SyncItemInput>,
    /// Check without writing.
    pub dry_run: bool,
    /// The region the records belong to.
    pub region_code: Option<String>,
    /// Most items allowed.
    pub max_items: usize,
}

fn check_text(field: &str, value: &str, max: usize) -> AppResult<()> {
    if value.trim().is_empty() || value.chars().count() > max || value.chars().any(char::is_control)
    {
        return Err(AppError::bad_input(
            field,
            format!("1 to {max} printable characters"),
        ));
    }
    Ok(())
}

/// Runs a push: replays a stored result, or processes every item and stores the result.
pub async fn push(db: &ScopedDb, info: &RequestInfo, push: Push) -> AppResult<SyncPushResult> {
    check_text("source", &push.source, 64)?;
    check_text("idempotencyKey", &push.key, 128)?;
    if push.items.len() > push.max_items {
        return Err(AppError::bad_input(
            "items",
            format!("at most {} items per push", push.max_items),
        ));
    }
    let region = write::owner_region(db, "regionCode", push.region_code.as_deref())?;
    let subject = db.principal().subject().to_owned();
    if !push.dry_run
        && let Some(stored) = stored_result(db, &subject, &push.key).await?
    {
        return Ok(stored);
    }
    let mut result = SyncPushResult {
        dry_run: push.dry_run,
        replayed: false,
        created: 0,
        updated: 0,
        unchanged: 0,
        conflicts: 0,
        rejected: 0,
        items: Vec::with_capacity(push.items.len()),
    };
    for (index, item) in push.items.iter().enumerate() {
        let r = push_item(db, info, region, &push.source, push.dry_run, index, item).await?;
        match r.status {
            SyncItemStatus::Created => result.created += 1,
            SyncItemStatus::Updated => result.updated += 1,
            SyncItemStatus::Unchanged => result.unchanged += 1,
            SyncItemStatus::Conflict => result.conflicts += 1,
            SyncItemStatus::Rejected => result.rejected += 1,
        }
        result.items.push(r);
    }
    if !push.dry_run {
        let stored = entity::sync_push::ActiveModel {
            actor_sub: Set(subject.clone()),
            key: Set(push.key.clone()),
            result: Set(serde_json::to_value(&result).map_err(anyhow::Error::new)?),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db.conn())
        .await;
        if let Err(e) = stored {
            // A parallel replay stored its result first: answer with that one.
            if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
                && let Some(first) = stored_result(db, &subject, &push.key).await?
            {
                return Ok(first);
            }
            return Err(e.into());
        }
    }
    Ok(result)
}

async fn stored_result(
    db: &ScopedDb,
    subject: &str,
    key: &str,
) -> AppResult<Option<SyncPushResult>> {
    use entity::sync_push::{Column, Entity};
    let row = Entity::find()
        .filter(Column::ActorSub.eq(subject))
        .filter(Column::Key.eq(key))
        .one(db.conn())
        .await?;
    match row {
        None => Ok(None),
        Some(r) => {
            let mut result: SyncPushResult =
                serde_json::from_value(r.result).map_err(anyhow::Error::new)?;
            result.replayed = true;
            Ok(Some(result))
        }
    }
}

/// The record an external id stands for, if it was pushed before.
async fn find_ref(
    db: &ScopedDb,
    region: i64,
    source: &str,
    kind: Kind,
    external_id: &str,
) -> AppResult<Option<i64>> {
    use entity::external_ref::{Column, Entity};
    Ok(Entity::find()
        .filter(Column::RegionId.eq(region))
        .filter(Column::Source.eq(source))
        .filter(Column::EntityType.eq(kind.name()))
        .filter(Column::ExternalId.eq(external_id))
        .one(db.conn())
        .await?
        .map(|r| r.entity_id))
}

/// The current version of a live record the caller can see.
async fn current_version<E: Readable>(db: &ScopedDb, id: i64) -> AppResult<Option<i32>>
where
    E::Model: OwnedModel,
{
    Ok(db
        .owned::<E>()
        .filter(E::id_column().eq(id))
        .one(db.conn())
        .await?
        .map(|m| m.version()))
}

fn item_result(index: usize, item: &SyncItemInput, status: SyncItemStatus) -> SyncItemResult {
    SyncItemResult {
        index: i32::try_from(index).unwrap_or(i32::MAX),
        kind: item.kind.clone(),
        external_id: item.external_id.clone(),
        status,
        id: None,
        version: None,
        server_version: None,
        differing_fields: Vec::new(),
        errors: Vec::new(),
    }
}

fn rejected(
    index: usize,
    item: &SyncItemInput,
    field: Option<String>,
    message: String,
) -> SyncItemResult {
    let mut r = item_result(index, item, SyncItemStatus::Rejected);
    r.errors.push(SyncItemError { field, message });
    r
}

/// An item's failure as a result, or the push's failure when the server is at fault.
fn failed(index: usize, item: &SyncItemInput, err: AppError) -> AppResult<SyncItemResult> {
    match err {
        AppError::Internal(_) => Err(err),
        AppError::BadUserInput { field, message } => {
            let field = field
                .strip_prefix("input.")
                .map_or(field.clone(), str::to_owned);
            Ok(rejected(
                index,
                item,
                Some(format!("data.{field}")),
                message,
            ))
        }
        AppError::Conflict {
            current_version, ..
        } => {
            let mut r = item_result(index, item, SyncItemStatus::Conflict);
            r.server_version = current_version;
            Ok(r)
        }
        other => Ok(rejected(index, item, None, other.client_message())),
    }
}

/// Parses an item's data as the input type `T`; a refusal names the field to blame (a
/// required field that is missing, or else the data as a whole). The input type's
/// description is built only for data that does not parse.
fn parse_data<T: InputType>(data: async_graphql::Value) -> Result<T, (String, String)> {
    let error = match T::parse(Some(data.clone())) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    if let async_graphql::Value::Object(obj) = &data {
        let mut registry = async_graphql::registry::Registry::default();
        T::create_type_info(&mut registry);
        if let Some(async_graphql::registry::MetaType::InputObject { input_fields, .. }) =
            registry.types.get(T::type_name().as_ref())
            && let Some(missing) = input_fields.values().find(|f| {
                f.ty.ends_with('!')
                    && f.default_value.is_none()
                    && obj
                        .get(f.name.as_str())
                        .is_none_or(|v| *v == async_graphql::Value::Null)
            })
        {
            return Err((format!("data.{}", missing.name), "is required".to_owned()));
        }
    }
    Err((
        "data".to_owned(),
        error.into_server_error(Default::default()).message,
    ))
}

/// Audit field names (`primary_municipality_id`) as input names (`primaryMunicipalityId`).
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[allow(clippy::too_many_arguments, reason = "one item has this much context")]
async fn push_item(
    db: &ScopedDb,
    info: &RequestInfo,
    region: i64,
    source: &str,
    dry_run: bool,
    index: usize,
    item: &SyncItemInput,
) -> AppResult<SyncItemResult> {
    let Some(kind) = Kind::from_name(&item.kind).filter(|k| k.is_region_owned()) else {
        return Ok(rejected(
            index,
            item,
            Some("type".into()),
            "not a record type that can be pushed".into(),
        ));
    };
    if let Err(e) = check_text("externalId", &item.external_id, 128) {
        return failed(index, item, e);
    }
    let data = async_graphql::Value::from_json(item.data.0.clone())
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("push data")))?;
    let existing = find_ref(db, region, source, kind, &item.external_id).await?;
    let base = RequestInfo {
        dry_run,
        ..info.clone()
    };

    macro_rules! upsert {
        ($m:ident, $input:ty, $patch:ty, $create:path, $update:path) => {{
            match existing {
                None => {
                    let input = match parse_data::<$input>(data) {
                        Ok(v) => v,
                        Err((field, message)) => {
                            return Ok(rejected(index, item, Some(field), message));
                        }
                    };
                    let info = RequestInfo {
                        external: Some(ExternalRef {
                            region_id: region,
                            source: source.to_owned(),
                            external_id: item.external_id.clone(),
                        }),
                        ..base.clone()
                    };
                    match $create(db, &info, input, None).await {
                        Ok(m) => {
                            let mut r = item_result(index, item, SyncItemStatus::Created);
                            r.id = (!dry_run).then(|| ids::encode(kind, m.id()));
                            r.version = Some(m.version());
                            Ok(r)
                        }
                        Err(e) => failed(index, item, e),
                    }
                }
                Some(id) => {
                    let patch = match parse_data::<$patch>(data) {
                        Ok(v) => v,
                        Err((field, message)) => {
                            return Ok(rejected(index, item, Some(field), message));
                        }
                    };
                    let Some(current) = current_version::<entity::$m::Entity>(db, id).await? else {
                        return Ok(rejected(
                            index,
                            item,
                            Some("externalId".into()),
                            "the record pushed under this id was deleted or is no longer visible"
                                .into(),
                        ));
                    };
                    if let Some(base_version) = item.base_version
                        && base_version != current
                    {
                        // Which fields differ: apply the office's record to the server's in a
                        // dry run and see what would change.
                        let report = Arc::new(Mutex::new(Vec::new()));
                        let probe = RequestInfo {
                            dry_run: true,
                            changed_fields: Some(report.clone()),
                            ..base.clone()
                        };
                        let _ = $update(db, &probe, id, current, patch).await;
                        let mut r = item_result(index, item, SyncItemStatus::Conflict);
                        r.id = Some(ids::encode(kind, id));
                        r.server_version = Some(current);
                        let mut fields: Vec<String> = report
                            .lock()
                            .map(|f| f.iter().map(|n| camel(n)).collect())
                            .unwrap_or_default();
                        fields.sort();
                        fields.dedup();
                        r.differing_fields = fields;
                        return Ok(r);
                    }
                    match $update(db, &base, id, current, patch).await {
                        Ok(m) => {
                            let status = if m.version() == current {
                                SyncItemStatus::Unchanged
                            } else {
                                SyncItemStatus::Updated
                            };
                            let mut r = item_result(index, item, status);
                            r.id = Some(ids::encode(kind, id));
                            r.version = Some(m.version());
                            Ok(r)
                        }
                        Err(e) => failed(index, item, e),
                    }
                }
            }
        }};
    }

    use super::*;
    use crate::graphql::mutation as gm;
    match kind {
        Kind::Centre => upsert!(
            centre,
            gm::centre::CentreInput,
            gm::centre::CentrePatch,
            centres::create,
            centres::update
        ),
        Kind::Organisation => upsert!(
            organisation,
            gm::organisation::OrganisationInput,
            gm::organisation::OrganisationPatch,
            organisations::create,
            organisations::update
        ),
        Kind::Project => upsert!(
            project,
            gm::project::ProjectInput,
            gm::project::ProjectPatch,
            projects::create,
            projects::update
        ),
        Kind::Document => upsert!(
            document,
            gm::document::DocumentInput,
            gm::document::DocumentPatch,
            documents::create,
            documents::update
        ),
        Kind::Person => upsert!(
            person,
            gm::people::PersonInput,
            gm::people::PersonPatch,
            people::create_person,
            people::update_person
        ),
        Kind::Expert => upsert!(
            expert,
            gm::people::ExpertInput,
            gm::people::ExpertPatch,
            people::create_expert,
            people::update_expert
        ),
        Kind::ContactPerson => upsert!(
            contact_person,
            gm::people::ContactPersonInput,
            gm::people::ContactPersonPatch,
            people::create_contact,
            people::update_contact
        ),
        Kind::Event => upsert!(
            event,
            gm::event::EventInput,
            gm::event::EventPatch,
            events::create,
            events::update
        ),
        Kind::StudyVisit => upsert!(
            study_visit,
            gm::study_visit::StudyVisitInput,
            gm::study_visit::StudyVisitPatch,
            study_visits::create,
            study_visits::update
        ),
        Kind::Training => upsert!(
            training,
            gm::training::TrainingInput,
            gm::training::TrainingPatch,
            trainings::create,
            trainings::update
        ),
        Kind::GoodPractice => upsert!(
            good_practice,
            gm::good_practice::GoodPracticeInput,
            gm::good_practice::GoodPracticePatch,
            good_practices::create,
            good_practices::update
        ),
        Kind::TrainingEnrollment | Kind::Certificate => Ok(rejected(
            index,
            item,
            Some("type".into()),
            "training participants and certificates are written with their own mutations".into(),
        )),
        Kind::Region
        | Kind::County
        | Kind::Municipality
        | Kind::FundingProgramme
        | Kind::FundingAction => Ok(rejected(
            index,
            item,
            Some("type".into()),
            "reference data cannot be pushed".into(),
        )),
    }
}
