//! Writing projects: validation (amounts, dates, the programme and its action), the
//! participating organisations with their roles and the centres a project funds.

use super::audit::Changes;
use super::links;
use super::validate::{self as v, MAX_NAME};
use super::write::{self, RequestInfo, Writable};
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::mutation::project::{
    ProjectAmountInput, ProjectInput, ProjectParticipantInput, ProjectPatch,
};
use crate::text::fold_all;
use async_graphql::MaybeUndefined;
use entity::enums::ParticipantRole;
use entity::project::{ActiveModel, Entity, Model};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set, TryIntoModel,
};
use serde_json::json;

/// Longest grant agreement number.
const MAX_AGREEMENT_NUMBER: usize = 100;

impl Writable for Entity {
    /// The search text of a project also holds its programme's code, which the row does not:
    /// the service sets it on every create and update, and a delete or restore keeps it.
    fn search_text(m: &Model) -> String {
        if m.search_text.is_empty() {
            fold_all(
                [m.title.as_str()]
                    .into_iter()
                    .chain(m.short_title.as_deref()),
            )
        } else {
            m.search_text.clone()
        }
    }
}

fn search_text(title: &str, short_title: Option<&str>, programme_code: &str) -> String {
    fold_all(
        [title]
            .into_iter()
            .chain(short_title)
            .chain([programme_code]),
    )
}

/// An amount in grosze and its approximate flag (`None` → no amount).
fn amount(field: &str, a: Option<&ProjectAmountInput>) -> AppResult<(Option<i64>, bool)> {
    match a {
        None => Ok((None, false)),
        Some(a) => Ok((
            Some(v::money(&format!("{field}.amount"), &a.amount)?),
            a.approximate.unwrap_or(false),
        )),
    }
}

/// An amount of a patch: `None` when absent.
fn patch_amount(
    field: &str,
    a: &MaybeUndefined<ProjectAmountInput>,
) -> AppResult<Option<(Option<i64>, bool)>> {
    match a {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Null => Ok(Some((None, false))),
        MaybeUndefined::Value(a) => amount(field, Some(a)).map(Some),
    }
}

/// The participants of an input: organisation ids (each once) and roles (at most one lead).
fn participants(
    field: &str,
    list: &[ProjectParticipantInput],
) -> AppResult<Vec<(i64, ParticipantRole)>> {
    v::list_len(field, list)?;
    let mut out: Vec<(i64, ParticipantRole)> = Vec::with_capacity(list.len());
    for (i, p) in list.iter().enumerate() {
        let org_field = format!("{field}[{i}].organisationId");
        let org = decode_as(&org_field, &p.organisation_id, Kind::Organisation)?;
        if out.iter().any(|(o, _)| *o == org) {
            return Err(AppError::bad_input(
                org_field,
                "the organisation is listed twice",
            ));
        }
        let role: ParticipantRole = p.role.into();
        if role == ParticipantRole::Lead && out.iter().any(|(_, r)| *r == ParticipantRole::Lead) {
            return Err(AppError::bad_input(
                format!("{field}[{i}].role"),
                "a project has at most one lead",
            ));
        }
        out.push((org, role));
    }
    Ok(out)
}

/// Checks that the organisations and centres exist and are visible to the caller.
async fn check_links<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    parts: Option<&[(i64, ParticipantRole)]>,
    centres: Option<&[i64]>,
) -> AppResult<()> {
    if let Some(parts) = parts {
        let ids: Vec<i64> = parts.iter().map(|(o, _)| *o).collect();
        links::check_visible_each::<entity::organisation::Entity, _>(
            db,
            conn,
            |i| format!("input.participants[{i}].organisationId"),
            &ids,
        )
        .await?;
    }
    if let Some(centres) = centres {
        links::check_visible_each::<entity::centre::Entity, _>(
            db,
            conn,
            |i| format!("input.centreIds[{i}]"),
            centres,
        )
        .await?;
    }
    Ok(())
}

/// The code of a funding programme, or BAD_USER_INPUT on `field`.
async fn programme_code<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    field: &str,
    id: i64,
) -> AppResult<String> {
    db.reference::<entity::funding_programme::Entity>()
        .filter(entity::funding_programme::Column::Id.eq(id))
        .one(conn)
        .await?
        .map(|p| p.code)
        .ok_or_else(|| AppError::bad_input(field, "no such funding programme"))
}

/// Fails with BAD_USER_INPUT on `field` unless the action exists and belongs to `programme`.
async fn check_action<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    field: &str,
    action: i64,
    programme: i64,
) -> AppResult<()> {
    let found = db
        .reference::<entity::funding_action::Entity>()
        .filter(entity::funding_action::Column::Id.eq(action))
        .one(conn)
        .await?
        .ok_or_else(|| AppError::bad_input(field, "no such funding action"))?;
    if found.programme_id != programme {
        return Err(AppError::bad_input(
            field,
            "the action belongs to another funding programme",
        ));
    }
    Ok(())
}

/// Replaces the project's participants and returns the change (organisations with roles).
async fn set_participants(
    txn: &DatabaseTransaction,
    project_id: i64,
    parts: &[(i64, ParticipantRole)],
) -> AppResult<Changes> {
    use entity::project_participant::{ActiveModel as Row, Column, Entity as Link};
    let mut before: Vec<(i64, ParticipantRole)> = Link::find()
        .filter(Column::ProjectId.eq(project_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| (r.organisation_id, r.role))
        .collect();
    Link::delete_many()
        .filter(Column::ProjectId.eq(project_id))
        .exec(txn)
        .await?;
    if !parts.is_empty() {
        let rows = parts.iter().map(|(org, role)| Row {
            project_id: Set(project_id),
            organisation_id: Set(*org),
            role: Set(*role),
        });
        Link::insert_many(rows).exec_without_returning(txn).await?;
    }
    let mut after = parts.to_vec();
    before.sort_by_key(|(o, _)| *o);
    after.sort_by_key(|(o, _)| *o);
    let mut changes = Changes::new();
    if before != after {
        let as_json = |v: &[(i64, ParticipantRole)]| {
            v.iter()
                .map(|(o, r)| json!({ "organisationId": o, "role": r }))
                .collect::<Vec<_>>()
        };
        changes.insert(
            "participants".to_owned(),
            json!({ "before": as_json(&before), "after": as_json(&after) }),
        );
    }
    Ok(changes)
}

/// Replaces the centres the project funds and returns the change.
async fn set_centres(
    txn: &DatabaseTransaction,
    project_id: i64,
    centres: &[i64],
) -> AppResult<Changes> {
    use entity::centre_project::{ActiveModel as Row, Column, Entity as Link};
    let rows = centres
        .iter()
        .map(|c| Row {
            centre_id: Set(*c),
            project_id: Set(project_id),
        })
        .collect();
    links::replace::<Link, _>(
        txn,
        "centres",
        Column::ProjectId,
        Column::CentreId,
        project_id,
        rows,
        centres,
    )
    .await
}

/// Creates a project with its participants and centres.
pub async fn create(
    db: &ScopedDb,
    info: &RequestInfo,
    input: ProjectInput,
    key: Option<&str>,
) -> AppResult<Model> {
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    let title = v::name("input.title", &input.title, MAX_NAME)?;
    let short_title = v::opt_name("input.shortTitle", input.short_title.as_deref(), MAX_NAME)?;
    let programme = decode_as(
        "input.programmeId",
        &input.programme_id,
        Kind::FundingProgramme,
    )?;
    let action = v::opt_id(
        "input.actionId",
        input.action_id.as_ref(),
        Kind::FundingAction,
    )?;
    let agreement_number = v::opt_name(
        "input.agreementNumber",
        input.agreement_number.as_deref(),
        MAX_AGREEMENT_NUMBER,
    )?;
    let (start, end) = (input.start_date.map(|d| d.0), input.end_date.map(|d| d.0));
    v::date_range("input.endDate", start, end)?;
    let total = amount("input.totalValue", input.total_value.as_ref())?;
    let requested = amount("input.grantRequested", input.grant_requested.as_ref())?;
    let awarded = amount("input.grantAwarded", input.grant_awarded.as_ref())?;
    let website = v::opt_url("input.website", input.website.as_deref())?;
    let description = v::opt_text("input.description", input.description.as_deref())?;
    let parts = participants(
        "input.participants",
        input.participants.as_deref().unwrap_or_default(),
    )?;
    let centres = v::unique_ids(
        "input.centreIds",
        input.centre_ids.as_deref().unwrap_or_default(),
        Kind::Centre,
    )?;

    let conn = db.conn();
    let code = programme_code(db, conn, "input.programmeId", programme).await?;
    if let Some(a) = action {
        check_action(db, conn, "input.actionId", a, programme).await?;
    }
    check_links(db, conn, Some(&parts), Some(&centres)).await?;

    let am = ActiveModel {
        search_text: Set(search_text(&title, short_title.as_deref(), &code)),
        title: Set(title),
        short_title: Set(short_title),
        programme_id: Set(programme),
        action_id: Set(action),
        status: Set(input.status.into()),
        selection_mode: Set(input.selection_mode.map(Into::into)),
        agreement_number: Set(agreement_number),
        agreement_signed_on: Set(input.agreement_signed_on.map(|d| d.0)),
        start_date: Set(start),
        end_date: Set(end),
        total_value_grosze: Set(total.0),
        total_value_approximate: Set(total.1),
        grant_requested_grosze: Set(requested.0),
        grant_requested_approximate: Set(requested.1),
        grant_awarded_grosze: Set(awarded.0),
        grant_awarded_approximate: Set(awarded.1),
        website: Set(website),
        description: Set(description),
        owner_region_id: Set(region),
        visibility: Set(input
            .visibility
            .map(Into::into)
            .unwrap_or(entity::enums::Visibility::Network)),
        ..Default::default()
    };
    write::create::<Entity>(db, info, "createProject", key, am, async |txn, id| {
        let mut changes = set_participants(txn, id, &parts).await?;
        changes.extend(set_centres(txn, id, &centres).await?);
        Ok(changes)
    })
    .await
}

/// Applies a partial update to a project.
pub async fn update(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: ProjectPatch,
) -> AppResult<Model> {
    write::update::<Entity>(
        db,
        info,
        id,
        version,
        async |txn, _before: &Model, am: &mut ActiveModel| {
            if let Some(t) = &patch.title {
                am.title = Set(v::name("input.title", t, MAX_NAME)?);
            }
            if let Some(s) = v::patch_text("input.shortTitle", &patch.short_title, |f, s| {
                v::opt_name(f, s, MAX_NAME)
            })? {
                am.short_title = Set(s);
            }
            if let Some(p) = &patch.programme_id {
                am.programme_id = Set(decode_as("input.programmeId", p, Kind::FundingProgramme)?);
            }
            if let Some(a) = v::patch_value(&patch.action_id, |a| {
                decode_as("input.actionId", &a, Kind::FundingAction)
            })? {
                am.action_id = Set(a);
            }
            if let Some(s) = patch.status {
                am.status = Set(s.into());
            }
            if let Some(m) = v::patch_value(&patch.selection_mode, |m| Ok(m.into()))? {
                am.selection_mode = Set(m);
            }
            if let Some(n) =
                v::patch_text("input.agreementNumber", &patch.agreement_number, |f, s| {
                    v::opt_name(f, s, MAX_AGREEMENT_NUMBER)
                })?
            {
                am.agreement_number = Set(n);
            }
            if let Some(d) = v::patch_value(&patch.agreement_signed_on, |d| Ok(d.0))? {
                am.agreement_signed_on = Set(d);
            }
            if let Some(d) = v::patch_value(&patch.start_date, |d| Ok(d.0))? {
                am.start_date = Set(d);
            }
            if let Some(d) = v::patch_value(&patch.end_date, |d| Ok(d.0))? {
                am.end_date = Set(d);
            }
            if let Some((g, a)) = patch_amount("input.totalValue", &patch.total_value)? {
                am.total_value_grosze = Set(g);
                am.total_value_approximate = Set(a);
            }
            if let Some((g, a)) = patch_amount("input.grantRequested", &patch.grant_requested)? {
                am.grant_requested_grosze = Set(g);
                am.grant_requested_approximate = Set(a);
            }
            if let Some((g, a)) = patch_amount("input.grantAwarded", &patch.grant_awarded)? {
                am.grant_awarded_grosze = Set(g);
                am.grant_awarded_approximate = Set(a);
            }
            if let Some(w) = v::patch_text("input.website", &patch.website, v::opt_url)? {
                am.website = Set(w);
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
            let parts = patch
                .participants
                .as_deref()
                .map(|p| participants("input.participants", p))
                .transpose()?;
            let centres = patch
                .centre_ids
                .as_deref()
                .map(|c| v::unique_ids("input.centreIds", c, Kind::Centre))
                .transpose()?;

            let after = am.clone().try_into_model().map_err(|e| {
                AppError::Internal(anyhow::Error::new(e).context("incomplete record"))
            })?;
            let range_field = if patch.end_date.is_undefined() {
                "input.startDate"
            } else {
                "input.endDate"
            };
            v::date_range(range_field, after.start_date, after.end_date)?;
            let code = programme_code(db, txn, "input.programmeId", after.programme_id).await?;
            if let Some(a) = after.action_id
                && (patch.programme_id.is_some() || !patch.action_id.is_undefined())
            {
                check_action(db, txn, "input.actionId", a, after.programme_id).await?;
            }
            check_links(db, txn, parts.as_deref(), centres.as_deref()).await?;
            am.search_text = Set(search_text(
                &after.title,
                after.short_title.as_deref(),
                &code,
            ));

            let mut changes = Changes::new();
            if let Some(parts) = &parts {
                changes.extend(set_participants(txn, id, parts).await?);
            }
            if let Some(centres) = &centres {
                changes.extend(set_centres(txn, id, centres).await?);
            }
            Ok(changes)
        },
    )
    .await
}
