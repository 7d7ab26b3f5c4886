//! Writing study visits: validation, the host centre, the owner region and the organisers.

use super::audit::Changes;
use super::events::replace_links;
use super::links;
use super::validate::{self as v, MAX_NAME};
use super::write::{self, RequestInfo, Writable};
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::mutation::study_visit::{StudyVisitInput, StudyVisitPatch};
use crate::text::{fold_all, json_strings};
use entity::enums::Visibility;
use entity::study_visit::{ActiveModel, Entity, Model};
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait, Set, TryIntoModel};
use serde_json::Value as Json;

/// Largest visiting group accepted.
const MAX_HEADCOUNT: i32 = 10_000;

impl Writable for Entity {
    /// The service computes the search text with the host centre's name when it writes the
    /// visit; a write that leaves the visit's fields alone (delete, restore) keeps it.
    fn search_text(m: &Model) -> String {
        if m.search_text.is_empty() {
            search_text(m, None)
        } else {
            m.search_text.clone()
        }
    }
}

/// The folded search text: who visited, where, and the programme (as the demo seed builds it).
fn search_text(m: &Model, host: Option<&str>) -> String {
    fold_all(
        [m.group_description.as_str()]
            .into_iter()
            .chain(host)
            .chain(json_strings(&m.agenda)),
    )
}

fn headcount(n: i32) -> AppResult<i32> {
    if !(1..=MAX_HEADCOUNT).contains(&n) {
        return Err(AppError::bad_input(
            "input.headcount",
            format!("a number of visitors from 1 to {MAX_HEADCOUNT}"),
        ));
    }
    Ok(n)
}

/// The name of the host centre, for the search text.
async fn host_name<C: ConnectionTrait>(conn: &C, centre_id: i64) -> AppResult<Option<String>> {
    Ok(entity::centre::Entity::find_by_id(centre_id)
        .one(conn)
        .await?
        .map(|c| c.name))
}

/// Checks the records a study-visit input refers to: the host centre, project, training and
/// organisers must be live and visible to the caller.
async fn check_references<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    host: Option<i64>,
    project: Option<i64>,
    training: Option<i64>,
    organisers: Option<&[i64]>,
) -> AppResult<()> {
    links::check_visible_opt::<entity::centre::Entity, _>(db, conn, "input.hostCentreId", host)
        .await?;
    links::check_visible_opt::<entity::project::Entity, _>(db, conn, "input.projectId", project)
        .await?;
    links::check_visible_opt::<entity::training::Entity, _>(db, conn, "input.trainingId", training)
        .await?;
    if let Some(ids) = organisers {
        links::check_visible_each::<entity::organisation::Entity, _>(
            db,
            conn,
            |i| format!("input.organiserIds[{i}]"),
            ids,
        )
        .await?;
    }
    Ok(())
}

async fn set_organisers(
    db: &ScopedDb,
    txn: &DatabaseTransaction,
    visit_id: i64,
    ids: &[i64],
) -> AppResult<Changes> {
    use entity::study_visit_organiser::{ActiveModel as Row, Column, Entity as Link};
    replace_links::<Link, entity::organisation::Entity>(
        db,
        txn,
        "organisers",
        Column::StudyVisitId,
        Column::OrganisationId,
        visit_id,
        ids,
        |id| Row {
            study_visit_id: Set(visit_id),
            organisation_id: Set(id),
        },
    )
    .await
}

/// Creates a study visit with its organisers.
pub async fn create(
    db: &ScopedDb,
    info: &RequestInfo,
    input: StudyVisitInput,
    key: Option<&str>,
) -> AppResult<Model> {
    let host = decode_as("input.hostCentreId", &input.host_centre_id, Kind::Centre)?;
    let group = v::name("input.groupDescription", &input.group_description, MAX_NAME)?;
    let count = input.headcount.map(headcount).transpose()?;
    let agenda = v::names_json("input.agenda", input.agenda.as_deref().unwrap_or(&[]))?;
    let project = v::opt_id("input.projectId", input.project_id.as_ref(), Kind::Project)?;
    let training = v::opt_id(
        "input.trainingId",
        input.training_id.as_ref(),
        Kind::Training,
    )?;
    let organisers = v::id_list(
        "input.organiserIds",
        input.organiser_ids.as_deref().unwrap_or(&[]),
        Kind::Organisation,
    )?;
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    check_references(
        db,
        db.conn(),
        Some(host),
        project,
        training,
        Some(&organisers),
    )
    .await?;
    let host_name = host_name(db.conn(), host).await?;
    let mut am = ActiveModel {
        host_centre_id: Set(host),
        visit_date: Set(input.date.0),
        project_id: Set(project),
        training_id: Set(training),
        group_description: Set(group.clone()),
        headcount: Set(count),
        agenda: Set(agenda.clone()),
        owner_region_id: Set(region),
        visibility: Set(input
            .visibility
            .map(Into::into)
            .unwrap_or(Visibility::Public)),
        ..Default::default()
    };
    am.search_text = Set(fold_all(
        [group.as_str()]
            .into_iter()
            .chain(host_name.as_deref())
            .chain(json_strings(&agenda)),
    ));
    write::create::<Entity>(db, info, "createStudyVisit", key, am, async |txn, id| {
        set_organisers(db, txn, id, &organisers).await
    })
    .await
}

/// Applies a partial update to a study visit.
pub async fn update(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: StudyVisitPatch,
) -> AppResult<Model> {
    write::update::<Entity>(
        db,
        info,
        id,
        version,
        async |txn, _before: &Model, am: &mut ActiveModel| {
            let host = patch
                .host_centre_id
                .as_ref()
                .map(|h| decode_as("input.hostCentreId", h, Kind::Centre))
                .transpose()?;
            let group = patch
                .group_description
                .as_deref()
                .map(|g| v::name("input.groupDescription", g, MAX_NAME))
                .transpose()?;
            let count = v::patch_value(&patch.headcount, headcount)?;
            let agenda: Option<Json> = patch
                .agenda
                .as_deref()
                .map(|a| v::names_json("input.agenda", a))
                .transpose()?;
            let project = v::patch_value(&patch.project_id, |i| {
                decode_as("input.projectId", &i, Kind::Project)
            })?;
            let training = v::patch_value(&patch.training_id, |i| {
                decode_as("input.trainingId", &i, Kind::Training)
            })?;
            let organisers = patch
                .organiser_ids
                .as_deref()
                .map(|l| v::id_list("input.organiserIds", l, Kind::Organisation))
                .transpose()?;
            let region = patch
                .region_code
                .as_deref()
                .map(|c| v::region_code("input.regionCode", c))
                .transpose()?;
            // Only references that change are checked: a visit may keep a link the caller no
            // longer sees.
            check_references(
                db,
                txn,
                host,
                project.flatten(),
                training.flatten(),
                organisers.as_deref(),
            )
            .await?;

            if let Some(h) = host {
                am.host_centre_id = Set(h);
            }
            if let Some(d) = patch.date {
                am.visit_date = Set(d.0);
            }
            if let Some(g) = group {
                am.group_description = Set(g);
            }
            if let Some(c) = count {
                am.headcount = Set(c);
            }
            if let Some(a) = agenda {
                am.agenda = Set(a);
            }
            if let Some(p) = project {
                am.project_id = Set(p);
            }
            if let Some(t) = training {
                am.training_id = Set(t);
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            if let Some(r) = region {
                // Moving the visit: the pipeline checks the caller may write the new region.
                am.owner_region_id = Set(r);
            }
            if host.is_some() || patch.group_description.is_some() || patch.agenda.is_some() {
                let after = am.clone().try_into_model().map_err(|e| {
                    AppError::Internal(anyhow::Error::new(e).context("incomplete record"))
                })?;
                let name = host_name(txn, after.host_centre_id).await?;
                am.search_text = Set(search_text(&after, name.as_deref()));
            }
            let mut changes = Changes::new();
            if let Some(ids) = &organisers {
                changes.extend(set_organisers(db, txn, id, ids).await?);
            }
            Ok(changes)
        },
    )
    .await
}
