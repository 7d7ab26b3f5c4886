//! Writing trainings: validation, the organiser and project (visible records), teaching
//! methods and audience codes, and the partner organisations with their validity windows.
//! Enrollments and certificates are not part of this.

use super::audit::Changes;
use super::links;
use super::validate::{self as v, MAX_NAME};
use super::write::{self, RequestInfo, Writable};
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::mutation::training::{TrainingInput, TrainingPartnerInput, TrainingPatch};
use crate::text::fold_all;
use async_graphql::MaybeUndefined;
use chrono::NaiveDate;
use entity::enums::{TargetGroup, TeachingMethod};
use entity::training::{ActiveModel, Entity, Model};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, Iterable,
    QueryFilter, Set,
};
use serde_json::{Value as Json, json};

/// Most people a training can report as having completed it.
const MAX_COMPLETED: i32 = 1_000_000;

impl Writable for Entity {
    /// The title only; the services add the organiser's name (see [`search_text`]).
    fn search_text(m: &Model) -> String {
        fold_all([m.title.as_str()])
    }
}

/// The folded search text of a training: its title and its organiser's name.
async fn search_text<C: ConnectionTrait>(
    conn: &C,
    title: &str,
    organiser_id: i64,
) -> AppResult<String> {
    let organiser = entity::organisation::Entity::find_by_id(organiser_id)
        .one(conn)
        .await?
        .map(|o| o.name);
    Ok(fold_all(
        [Some(title), organiser.as_deref()].into_iter().flatten(),
    ))
}

/// A list of enum codes (`LECTURE`, `CUS_STAFF` …) as the stored JSON array; duplicates are
/// dropped, the order kept.
fn codes<T>(field: &str, items: &[String]) -> AppResult<Json>
where
    T: ActiveEnum<Value = String> + Iterable,
{
    v::list_len(field, items)?;
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let code = item.trim();
        let known = T::try_from_value(&code.to_owned()).is_ok();
        if !known {
            let allowed: Vec<String> = T::iter().map(|t| t.to_value()).collect();
            return Err(AppError::bad_input(
                format!("{field}[{i}]"),
                format!("not a known code; one of {}", allowed.join(", ")),
            ));
        }
        if !out.iter().any(|c| c == code) {
            out.push(code.to_owned());
        }
    }
    Ok(Json::Array(out.into_iter().map(Json::String).collect()))
}

fn completed(field: &str, n: i32) -> AppResult<i32> {
    if !(0..=MAX_COMPLETED).contains(&n) {
        return Err(AppError::bad_input(
            field,
            format!("a number from 0 to {MAX_COMPLETED}"),
        ));
    }
    Ok(n)
}

/// A validated partnership.
#[derive(Debug, Clone, PartialEq)]
struct Partner {
    organisation_id: i64,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
}

/// Validates the partner list: ids of organisations, each once, windows that do not end
/// before they start.
fn partners(list: &[TrainingPartnerInput]) -> AppResult<Vec<Partner>> {
    v::list_len("input.partners", list)?;
    let mut out: Vec<Partner> = Vec::with_capacity(list.len());
    for (i, p) in list.iter().enumerate() {
        let org_field = format!("input.partners[{i}].organisationId");
        let org = decode_as(&org_field, &p.organisation_id, Kind::Organisation)?;
        if out.iter().any(|q| q.organisation_id == org) {
            return Err(AppError::bad_input(
                org_field,
                "the organisation is already a partner in this list",
            ));
        }
        let (from, to) = (p.valid_from.map(|d| d.0), p.valid_to.map(|d| d.0));
        v::date_range(&format!("input.partners[{i}].validTo"), from, to)?;
        out.push(Partner {
            organisation_id: org,
            valid_from: from,
            valid_to: to,
        });
    }
    Ok(out)
}

/// Every partner organisation must be visible to the caller.
async fn check_partners<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    list: &[Partner],
) -> AppResult<()> {
    let ids: Vec<i64> = list.iter().map(|p| p.organisation_id).collect();
    links::check_visible_each::<entity::organisation::Entity, _>(
        db,
        conn,
        |i| format!("input.partners[{i}].organisationId"),
        &ids,
    )
    .await
}

/// The partnerships as audited: sorted by organisation, with their windows.
fn partners_json(mut list: Vec<Partner>) -> Json {
    list.sort_by_key(|p| p.organisation_id);
    Json::Array(
        list.into_iter()
            .map(|p| {
                json!({
                    "organisationId": p.organisation_id,
                    "validFrom": p.valid_from,
                    "validTo": p.valid_to,
                })
            })
            .collect(),
    )
}

/// Replaces the training's partners and returns the change (windows included).
async fn set_partners(
    txn: &DatabaseTransaction,
    training_id: i64,
    list: &[Partner],
) -> AppResult<Changes> {
    use entity::training_partner::{ActiveModel as Row, Column, Entity as Link};
    let before: Vec<Partner> = Link::find()
        .filter(Column::TrainingId.eq(training_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| Partner {
            organisation_id: r.organisation_id,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
        })
        .collect();
    Link::delete_many()
        .filter(Column::TrainingId.eq(training_id))
        .exec(txn)
        .await?;
    if !list.is_empty() {
        let rows = list.iter().map(|p| Row {
            training_id: Set(training_id),
            organisation_id: Set(p.organisation_id),
            valid_from: Set(p.valid_from),
            valid_to: Set(p.valid_to),
        });
        Link::insert_many(rows).exec_without_returning(txn).await?;
    }
    let (b, a) = (partners_json(before), partners_json(list.to_vec()));
    let mut changes = Changes::new();
    if b != a {
        changes.insert("partners".to_owned(), json!({ "before": b, "after": a }));
    }
    Ok(changes)
}

/// Creates a training in the requested (or the caller's only) region.
pub async fn create(
    db: &ScopedDb,
    info: &RequestInfo,
    input: TrainingInput,
    key: Option<&str>,
) -> AppResult<Model> {
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    let title = v::name("input.title", &input.title, MAX_NAME)?;
    let organiser = decode_as("input.organiserId", &input.organiser_id, Kind::Organisation)?;
    let project = input
        .project_id
        .as_ref()
        .map(|id| decode_as("input.projectId", id, Kind::Project))
        .transpose()?;
    let (start, end) = (input.start_date.map(|d| d.0), input.end_date.map(|d| d.0));
    v::date_range("input.endDate", start, end)?;
    let methods = codes::<TeachingMethod>(
        "input.methods",
        input.methods.as_deref().unwrap_or_default(),
    )?;
    let curriculum = v::names_json(
        "input.curriculum",
        input.curriculum.as_deref().unwrap_or_default(),
    )?;
    let audience = codes::<TargetGroup>(
        "input.audience",
        input.audience.as_deref().unwrap_or_default(),
    )?;
    let completed_count = input
        .completed_count
        .map(|n| completed("input.completedCount", n))
        .transpose()?;
    let description = v::opt_text("input.description", input.description.as_deref())?;
    let partners = partners(input.partners.as_deref().unwrap_or_default())?;

    let conn = db.conn();
    links::check_visible::<entity::organisation::Entity, _>(
        db,
        conn,
        "input.organiserId",
        &[organiser],
    )
    .await?;
    if let Some(p) = project {
        links::check_visible::<entity::project::Entity, _>(db, conn, "input.projectId", &[p])
            .await?;
    }
    check_partners(db, conn, &partners).await?;
    let search = search_text(conn, &title, organiser).await?;

    let am = ActiveModel {
        title: Set(title),
        kind: Set(input.kind.into()),
        organiser_id: Set(organiser),
        project_id: Set(project),
        start_date: Set(start),
        end_date: Set(end),
        format: Set(input.format.map(Into::into)),
        methods: Set(methods),
        curriculum: Set(curriculum),
        audience: Set(audience),
        completed_count: Set(completed_count),
        description: Set(description),
        owner_region_id: Set(region),
        visibility: Set(input
            .visibility
            .map(Into::into)
            .unwrap_or(entity::enums::Visibility::Network)),
        search_text: Set(search),
        ..Default::default()
    };
    write::create::<Entity>(db, info, "createTraining", key, am, async |txn, id| {
        set_partners(txn, id, &partners).await
    })
    .await
}

/// The value a patch leaves in a nullable field: the new one when given, else the old one.
fn patched<T: Copy>(value: &MaybeUndefined<T>, old: Option<T>) -> Option<T> {
    match value {
        MaybeUndefined::Undefined => old,
        MaybeUndefined::Null => None,
        MaybeUndefined::Value(v) => Some(*v),
    }
}

/// Applies a partial update to a training.
pub async fn update(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: TrainingPatch,
) -> AppResult<Model> {
    write::update::<Entity>(
        db,
        info,
        id,
        version,
        async |txn, before: &Model, am: &mut ActiveModel| {
            let mut changes = Changes::new();
            let title = match &patch.title {
                Some(t) => v::name("input.title", t, MAX_NAME)?,
                None => before.title.clone(),
            };
            am.title = Set(title.clone());
            if let Some(kind) = patch.kind {
                am.kind = Set(kind.into());
            }
            let (start, end) = (
                patched(&patch.start_date.map_value(|d| d.0), before.start_date),
                patched(&patch.end_date.map_value(|d| d.0), before.end_date),
            );
            let range_field = if patch.end_date.is_undefined() {
                "input.startDate"
            } else {
                "input.endDate"
            };
            v::date_range(range_field, start, end)?;
            am.start_date = Set(start);
            am.end_date = Set(end);
            if let Some(f) = v::patch_value(&patch.format, |f| Ok(f.into()))? {
                am.format = Set(f);
            }
            if let Some(list) = &patch.methods {
                am.methods = Set(codes::<TeachingMethod>("input.methods", list)?);
            }
            if let Some(list) = &patch.curriculum {
                am.curriculum = Set(v::names_json("input.curriculum", list)?);
            }
            if let Some(list) = &patch.audience {
                am.audience = Set(codes::<TargetGroup>("input.audience", list)?);
            }
            if let Some(n) = v::patch_value(&patch.completed_count, |n| {
                completed("input.completedCount", n)
            })? {
                am.completed_count = Set(n);
            }
            if let Some(d) = v::patch_text("input.description", &patch.description, v::opt_text)? {
                am.description = Set(d);
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            if let Some(code) = &patch.region_code {
                // Moving needs write access to the new region (checked by the pipeline).
                am.owner_region_id = Set(v::region_code("input.regionCode", code)?);
            }
            let new_partners = patch.partners.as_deref().map(partners).transpose()?;

            let organiser = match &patch.organiser_id {
                Some(oid) => {
                    let o = decode_as("input.organiserId", oid, Kind::Organisation)?;
                    links::check_visible::<entity::organisation::Entity, _>(
                        db,
                        txn,
                        "input.organiserId",
                        &[o],
                    )
                    .await?;
                    am.organiser_id = Set(o);
                    o
                }
                None => before.organiser_id,
            };
            if let Some(p) = v::patch_value(&patch.project_id, |pid| {
                decode_as("input.projectId", &pid, Kind::Project)
            })? {
                if let Some(p) = p {
                    links::check_visible::<entity::project::Entity, _>(
                        db,
                        txn,
                        "input.projectId",
                        &[p],
                    )
                    .await?;
                }
                am.project_id = Set(p);
            }
            if let Some(list) = &new_partners {
                check_partners(db, txn, list).await?;
                changes.extend(set_partners(txn, id, list).await?);
            }
            am.search_text = Set(search_text(txn, &title, organiser).await?);
            Ok(changes)
        },
    )
    .await
}
