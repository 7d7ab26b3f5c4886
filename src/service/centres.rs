//! Writing centres: validation, the owner region (that of the primary municipality), the
//! municipalities a centre serves and its service categories.

use super::audit::{Changes, list_change};
use super::links;
use super::validate::{self as v, MAX_NAME};
use super::write::{self, RequestInfo, Writable};
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::Kind;
use crate::graphql::mutation::centre::{CentreInput, CentrePatch, ResolutionInput};
use crate::service::filters;
use crate::text::fold_all;
use async_graphql::MaybeUndefined;
use entity::centre::{ActiveModel, Entity, Model};
use entity::enums::ServiceCategory;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

impl Writable for Entity {
    fn search_text(m: &Model) -> String {
        fold_all(
            [
                Some(m.name.as_str()),
                m.address.as_deref(),
                m.predecessor_name.as_deref(),
            ]
            .into_iter()
            .flatten(),
        )
    }
}

/// The region of a municipality (reference data), or BAD_USER_INPUT on `field`.
async fn municipality_region(
    db: &ScopedDb,
    txn: &DatabaseTransaction,
    field: &str,
    id: i64,
) -> AppResult<i64> {
    db.reference::<entity::municipality::Entity>()
        .filter(entity::municipality::Column::Id.eq(id))
        .one(txn)
        .await?
        .map(|m| m.region_id)
        .ok_or_else(|| AppError::bad_input(field, "no such municipality"))
}

fn resolution(
    field: &str,
    r: Option<&ResolutionInput>,
) -> AppResult<(Option<String>, Option<chrono::NaiveDate>, Option<String>)> {
    match r {
        None => Ok((None, None, None)),
        Some(r) => Ok((
            Some(v::name(&format!("{field}.number"), &r.number, 64)?),
            r.adopted_on.map(|d| d.0),
            v::opt_name(&format!("{field}.body"), r.body.as_deref(), MAX_NAME)?,
        )),
    }
}

/// Replaces the centre's municipalities (primary first) and returns the change.
async fn set_municipalities(
    db: &ScopedDb,
    txn: &DatabaseTransaction,
    centre_id: i64,
    primary: i64,
    others: &[i64],
) -> AppResult<Changes> {
    let mut ids = vec![primary];
    ids.extend(others.iter().copied().filter(|id| *id != primary));
    ids.dedup();
    links::check_reference::<entity::municipality::Entity, _>(
        db,
        txn,
        "input.otherMunicipalityIds",
        entity::municipality::Column::Id,
        &ids,
    )
    .await?;
    let rows = ids
        .iter()
        .map(|id| entity::centre_municipality::ActiveModel {
            centre_id: Set(centre_id),
            municipality_id: Set(*id),
            is_primary: Set(*id == primary),
        })
        .collect();
    use entity::centre_municipality::{Column, Entity as Link};
    links::replace::<Link, _>(
        txn,
        "municipalities",
        Column::CentreId,
        Column::MunicipalityId,
        centre_id,
        rows,
        &ids,
    )
    .await
}

/// Replaces the centre's service categories and returns the change.
async fn set_categories(
    txn: &DatabaseTransaction,
    centre_id: i64,
    cats: &[ServiceCategory],
) -> AppResult<Changes> {
    use entity::centre_service_category::{ActiveModel as Row, Column, Entity as Link};
    let mut cats = cats.to_vec();
    cats.sort_by_key(|c| c.ordinal());
    cats.dedup();
    let before: Vec<ServiceCategory> = Link::find()
        .filter(Column::CentreId.eq(centre_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.category)
        .collect();
    Link::delete_many()
        .filter(Column::CentreId.eq(centre_id))
        .exec(txn)
        .await?;
    if !cats.is_empty() {
        let rows = cats.iter().map(|c| Row {
            centre_id: Set(centre_id),
            category: Set(*c),
        });
        Link::insert_many(rows).exec_without_returning(txn).await?;
    }
    let ord = |v: &[ServiceCategory]| v.iter().map(|c| i64::from(c.ordinal())).collect::<Vec<_>>();
    Ok(list_change("serviceCategories", &ord(&before), &ord(&cats)))
}

fn ids(field: &str, list: Option<&Vec<async_graphql::ID>>, kind: Kind) -> AppResult<Vec<i64>> {
    match list {
        Some(l) => {
            v::list_len(field, l)?;
            filters::ids(field, l, kind)
        }
        None => Ok(Vec::new()),
    }
}

/// Creates a centre; its owner region is the region of its primary municipality.
pub async fn create(
    db: &ScopedDb,
    info: &RequestInfo,
    input: CentreInput,
    key: Option<&str>,
) -> AppResult<Model> {
    let name = v::name("input.name", &input.name, MAX_NAME)?;
    let primary = filters::ids(
        "input.primaryMunicipalityId",
        std::slice::from_ref(&input.primary_municipality_id),
        Kind::Municipality,
    )?[0];
    let others = ids(
        "input.otherMunicipalityIds",
        input.other_municipality_ids.as_ref(),
        Kind::Municipality,
    )?;
    let cats: Vec<ServiceCategory> = input
        .service_categories
        .iter()
        .flatten()
        .map(|c| (*c).into())
        .collect();
    v::list_len("input.serviceCategories", &cats)?;
    let (res_number, res_date, res_body) = resolution(
        "input.establishingResolution",
        input.establishing_resolution.as_ref(),
    )?;
    let region = {
        let conn = db.conn();
        db.reference::<entity::municipality::Entity>()
            .filter(entity::municipality::Column::Id.eq(primary))
            .one(conn)
            .await?
            .map(|m| m.region_id)
            .ok_or_else(|| {
                AppError::bad_input("input.primaryMunicipalityId", "no such municipality")
            })?
    };
    db.check_write(region)?;
    let am = ActiveModel {
        name: Set(name),
        status: Set(input.status.into()),
        creation_mode: Set(input.creation_mode.map(Into::into)),
        operating_since: Set(input.operating_since.map(|d| d.0)),
        predecessor_name: Set(v::opt_name(
            "input.predecessorName",
            input.predecessor_name.as_deref(),
            MAX_NAME,
        )?),
        resolution_number: Set(res_number),
        resolution_adopted_on: Set(res_date),
        resolution_body: Set(res_body),
        address: Set(v::opt_name(
            "input.address",
            input.address.as_deref(),
            MAX_NAME,
        )?),
        website: Set(v::opt_url("input.website", input.website.as_deref())?),
        description: Set(v::opt_text(
            "input.description",
            input.description.as_deref(),
        )?),
        primary_municipality_id: Set(primary),
        owner_region_id: Set(region),
        visibility: Set(input
            .visibility
            .map(Into::into)
            .unwrap_or(entity::enums::Visibility::Public)),
        ..Default::default()
    };
    write::create::<Entity>(db, info, "createCentre", key, am, async |txn, id| {
        let mut changes = set_municipalities(db, txn, id, primary, &others).await?;
        changes.extend(set_categories(txn, id, &cats).await?);
        Ok(changes)
    })
    .await
}

/// Applies a partial update to a centre.
pub async fn update(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: CentrePatch,
) -> AppResult<Model> {
    write::update::<Entity>(
        db,
        info,
        id,
        version,
        async |txn, before: &Model, am: &mut ActiveModel| {
            let mut changes = Changes::new();
            if let Some(name) = &patch.name {
                am.name = Set(v::name("input.name", name, MAX_NAME)?);
            }
            if let Some(status) = patch.status {
                am.status = Set(status.into());
            }
            match patch.creation_mode {
                MaybeUndefined::Undefined => {}
                MaybeUndefined::Null => am.creation_mode = Set(None),
                MaybeUndefined::Value(m) => am.creation_mode = Set(Some(m.into())),
            }
            match patch.operating_since {
                MaybeUndefined::Undefined => {}
                MaybeUndefined::Null => am.operating_since = Set(None),
                MaybeUndefined::Value(d) => am.operating_since = Set(Some(d.0)),
            }
            if let Some(v) =
                v::patch_text("input.predecessorName", &patch.predecessor_name, |f, s| {
                    v::opt_name(f, s, MAX_NAME)
                })?
            {
                am.predecessor_name = Set(v);
            }
            if let Some(v) = v::patch_text("input.address", &patch.address, |f, s| {
                v::opt_name(f, s, MAX_NAME)
            })? {
                am.address = Set(v);
            }
            if let Some(v) = v::patch_text("input.website", &patch.website, v::opt_url)? {
                am.website = Set(v);
            }
            if let Some(v) = v::patch_text("input.description", &patch.description, v::opt_text)? {
                am.description = Set(v);
            }
            match &patch.establishing_resolution {
                MaybeUndefined::Undefined => {}
                MaybeUndefined::Null => {
                    am.resolution_number = Set(None);
                    am.resolution_adopted_on = Set(None);
                    am.resolution_body = Set(None);
                }
                MaybeUndefined::Value(r) => {
                    let (n, d, b) = resolution("input.establishingResolution", Some(r))?;
                    am.resolution_number = Set(n);
                    am.resolution_adopted_on = Set(d);
                    am.resolution_body = Set(b);
                }
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            let primary = match &patch.primary_municipality_id {
                Some(pid) => {
                    let primary = filters::ids(
                        "input.primaryMunicipalityId",
                        std::slice::from_ref(pid),
                        Kind::Municipality,
                    )?[0];
                    // A centre belongs to the region of its primary municipality; moving it there
                    // needs write access to that region (checked by the pipeline).
                    let region =
                        municipality_region(db, txn, "input.primaryMunicipalityId", primary)
                            .await?;
                    am.primary_municipality_id = Set(primary);
                    am.owner_region_id = Set(region);
                    primary
                }
                None => before.primary_municipality_id,
            };
            if patch.primary_municipality_id.is_some() || patch.other_municipality_ids.is_some() {
                let others = match &patch.other_municipality_ids {
                    Some(list) => {
                        ids("input.otherMunicipalityIds", Some(list), Kind::Municipality)?
                    }
                    None => {
                        use entity::centre_municipality::Column;
                        links::current::<entity::centre_municipality::Entity, _>(
                            txn,
                            Column::CentreId,
                            Column::MunicipalityId,
                            id,
                        )
                        .await?
                        .into_iter()
                        .filter(|m| *m != before.primary_municipality_id)
                        .collect()
                    }
                };
                changes.extend(set_municipalities(db, txn, id, primary, &others).await?);
            }
            if let Some(cats) = &patch.service_categories {
                v::list_len("input.serviceCategories", cats)?;
                let cats: Vec<ServiceCategory> = cats.iter().map(|c| (*c).into()).collect();
                changes.extend(set_categories(txn, id, &cats).await?);
            }
            Ok(changes)
        },
    )
    .await
}
