//! Writing events: validation, dates (a partial date as known plus exact first and last
//! days), the venue, the owner region, and the organisers, participations and good practices
//! presented. Also the link helpers the study-visit service shares.

use super::audit::Changes;
use super::links;
use super::validate::{self as v, MAX_NAME};
use super::write::{self, RequestInfo, Writable};
use crate::access::{Readable, ScopedDb};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::mutation::event::{EventInput, EventParticipationInput, EventPatch};
use crate::text::{fold_all, json_strings};
use entity::enums::{EventRole, TargetGroup, Visibility};
use entity::event::{ActiveModel, Entity, Model};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value as Json, json};

impl Writable for Entity {
    fn search_text(m: &Model) -> String {
        fold_all(
            [Some(m.title.as_str()), m.venue_name.as_deref()]
                .into_iter()
                .flatten()
                .chain(json_strings(&m.topics)),
        )
    }
}

/// Replaces the links of a record to records of `E` (organisers, good practices) with `given`
/// (already checked visible). Links to records the caller cannot see (another region's
/// internal records, deleted ones) are kept: the caller could not have listed them.
#[allow(
    clippy::too_many_arguments,
    reason = "one join table has this many facts"
)]
pub(super) async fn replace_links<J, E>(
    db: &ScopedDb,
    txn: &DatabaseTransaction,
    field: &str,
    parent: J::Column,
    child: J::Column,
    parent_id: i64,
    given: &[i64],
    row: impl Fn(i64) -> J::ActiveModel,
) -> AppResult<Changes>
where
    J: EntityTrait,
    E: Readable,
{
    let current = links::current::<J, _>(txn, parent, child, parent_id).await?;
    let seen = links::visible_ids::<E, _>(db, txn, &current).await?;
    let mut ids: Vec<i64> = current
        .into_iter()
        .filter(|id| !seen.contains(id))
        .collect();
    for id in given {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    let rows = ids.iter().map(|id| row(*id)).collect();
    links::replace::<J, _>(txn, field, parent, child, parent_id, rows, &ids).await
}

/// A date as precisely as it is known: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
fn partial_date(field: &str, s: &str) -> AppResult<String> {
    let s = s.trim();
    let bad = || {
        AppError::bad_input(
            field,
            "a date as precisely as known: YYYY-MM-DD, YYYY-MM or YYYY (e.g. \"2021-10\")",
        )
    };
    let shape_ok = matches!(s.len(), 4 | 7 | 10)
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(bad());
    }
    let full = match s.len() {
        4 => format!("{s}-01-01"),
        7 => format!("{s}-01"),
        _ => s.to_owned(),
    };
    chrono::NaiveDate::parse_from_str(&full, "%Y-%m-%d").map_err(|_| bad())?;
    Ok(s.to_owned())
}

fn day_text(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The final dates of an event must agree: an end needs a start, the end is not before the
/// start, and the partial date is the start day or a prefix of it.
fn check_dates(
    date_text: Option<&str>,
    start: Option<chrono::NaiveDate>,
    end: Option<chrono::NaiveDate>,
) -> AppResult<()> {
    if end.is_some() && start.is_none() {
        return Err(AppError::bad_input(
            "input.startDate",
            "required when endDate is given",
        ));
    }
    v::date_range("input.endDate", start, end)?;
    if let (Some(text), Some(start)) = (date_text, start)
        && !day_text(start).starts_with(text)
    {
        return Err(AppError::bad_input(
            "input.date",
            "does not agree with startDate",
        ));
    }
    Ok(())
}

/// Audience group codes (`CUS_STAFF`, `LOCAL_GOVERNMENT` …) as the JSON array stored;
/// repeated codes count once.
fn audience(field: &str, items: &[String]) -> AppResult<Json> {
    v::list_len(field, items)?;
    let mut out: Vec<TargetGroup> = Vec::new();
    for (i, code) in items.iter().enumerate() {
        let group: TargetGroup = serde_json::from_value(Json::String(code.trim().to_owned()))
            .map_err(|_| {
                AppError::bad_input(
                    format!("{field}[{i}]"),
                    "not a target group code (e.g. \"CUS_STAFF\", \"LOCAL_GOVERNMENT\")",
                )
            })?;
        if !out.contains(&group) {
            out.push(group);
        }
    }
    serde_json::to_value(out).map_err(|e| AppError::Internal(e.into()))
}

/// A validated participation: person, role, title on the day.
#[derive(Debug, Clone, PartialEq)]
struct Participation {
    person_id: i64,
    role: EventRole,
    title_at_event: Option<String>,
}

impl Participation {
    fn audited(&self) -> Json {
        json!({
            "person_id": self.person_id,
            "role": self.role,
            "title_at_event": self.title_at_event,
        })
    }
}

/// Validates participations (a person appears once).
fn participations(field: &str, items: &[EventParticipationInput]) -> AppResult<Vec<Participation>> {
    v::list_len(field, items)?;
    let mut out: Vec<Participation> = Vec::with_capacity(items.len());
    for (i, p) in items.iter().enumerate() {
        let person_id = decode_as(
            &format!("{field}[{i}].personId"),
            &p.person_id,
            Kind::Person,
        )?;
        if out.iter().any(|o| o.person_id == person_id) {
            return Err(AppError::bad_input(
                format!("{field}[{i}].personId"),
                "this person is already listed",
            ));
        }
        out.push(Participation {
            person_id,
            role: p.role.into(),
            title_at_event: v::opt_name(
                &format!("{field}[{i}].titleAtEvent"),
                p.title_at_event.as_deref(),
                MAX_NAME,
            )?,
        });
    }
    Ok(out)
}

/// Replaces an event's participations with `given` (people already checked visible), keeping
/// those of people the caller cannot see, and returns the change.
async fn set_participations(
    db: &ScopedDb,
    txn: &DatabaseTransaction,
    event_id: i64,
    given: &[Participation],
) -> AppResult<Changes> {
    use entity::event_participation::{ActiveModel as Row, Column, Entity as Link};
    let before: Vec<Participation> = Link::find()
        .filter(Column::EventId.eq(event_id))
        .order_by_asc(Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|r| Participation {
            person_id: r.person_id,
            role: r.role,
            title_at_event: r.title_at_event,
        })
        .collect();
    let people: Vec<i64> = before.iter().map(|p| p.person_id).collect();
    let seen = links::visible_ids::<entity::person::Entity, _>(db, txn, &people).await?;
    let after: Vec<Participation> = before
        .iter()
        .filter(|p| !seen.contains(&p.person_id))
        .chain(given)
        .cloned()
        .collect();
    let mut changes = Changes::new();
    if after == before {
        return Ok(changes);
    }
    Link::delete_many()
        .filter(Column::EventId.eq(event_id))
        .exec(txn)
        .await?;
    if !after.is_empty() {
        let rows = after.iter().map(|p| Row {
            event_id: Set(event_id),
            person_id: Set(p.person_id),
            role: Set(p.role),
            title_at_event: Set(p.title_at_event.clone()),
            ..Default::default()
        });
        Link::insert_many(rows).exec_without_returning(txn).await?;
    }
    let list = |v: &[Participation]| Json::Array(v.iter().map(Participation::audited).collect());
    changes.insert(
        "participants".to_owned(),
        json!({ "before": list(&before), "after": list(&after) }),
    );
    Ok(changes)
}

async fn set_organisers(
    db: &ScopedDb,
    txn: &DatabaseTransaction,
    event_id: i64,
    ids: &[i64],
) -> AppResult<Changes> {
    use entity::event_organiser::{ActiveModel as Row, Column, Entity as Link};
    replace_links::<Link, entity::organisation::Entity>(
        db,
        txn,
        "organisers",
        Column::EventId,
        Column::OrganisationId,
        event_id,
        ids,
        |id| Row {
            event_id: Set(event_id),
            organisation_id: Set(id),
        },
    )
    .await
}

async fn set_good_practices(
    db: &ScopedDb,
    txn: &DatabaseTransaction,
    event_id: i64,
    ids: &[i64],
) -> AppResult<Changes> {
    use entity::event_good_practice::{ActiveModel as Row, Column, Entity as Link};
    replace_links::<Link, entity::good_practice::Entity>(
        db,
        txn,
        "goodPractices",
        Column::EventId,
        Column::GoodPracticeId,
        event_id,
        ids,
        |id| Row {
            event_id: Set(event_id),
            good_practice_id: Set(id),
        },
    )
    .await
}

/// Checks the records an event input refers to: the venue municipality exists; the project,
/// organisers, people and good practices are live and visible to the caller.
#[allow(clippy::too_many_arguments, reason = "one check per reference")]
async fn check_references<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    municipality: Option<i64>,
    project: Option<i64>,
    organisers: Option<&[i64]>,
    people: Option<&[Participation]>,
    practices: Option<&[i64]>,
) -> AppResult<()> {
    if let Some(m) = municipality {
        links::check_reference::<entity::municipality::Entity, _>(
            db,
            conn,
            "input.venueMunicipalityId",
            entity::municipality::Column::Id,
            &[m],
        )
        .await?;
    }
    links::check_visible_opt::<entity::project::Entity, _>(db, conn, "input.projectId", project)
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
    if let Some(people) = people {
        let ids: Vec<i64> = people.iter().map(|p| p.person_id).collect();
        let found = links::visible_ids::<entity::person::Entity, _>(db, conn, &ids).await?;
        if let Some(i) = ids.iter().position(|id| !found.contains(id)) {
            return Err(AppError::bad_input(
                format!("input.participants[{i}].personId"),
                "refers to a record that does not exist",
            ));
        }
    }
    if let Some(ids) = practices {
        links::check_visible_each::<entity::good_practice::Entity, _>(
            db,
            conn,
            |i| format!("input.goodPracticeIds[{i}]"),
            ids,
        )
        .await?;
    }
    Ok(())
}

/// Creates an event with its organisers, participations and good practices presented.
pub async fn create(
    db: &ScopedDb,
    info: &RequestInfo,
    input: EventInput,
    key: Option<&str>,
) -> AppResult<Model> {
    let title = v::name("input.title", &input.title, MAX_NAME)?;
    let start = input.start_date.map(|d| d.0);
    let end = input.end_date.map(|d| d.0);
    let date_text = match input.date.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => Some(partial_date("input.date", s)?),
        _ => start.map(day_text),
    };
    check_dates(date_text.as_deref(), start, end)?;
    let venue_name = v::opt_name("input.venueName", input.venue_name.as_deref(), MAX_NAME)?;
    let municipality = v::opt_id(
        "input.venueMunicipalityId",
        input.venue_municipality_id.as_ref(),
        Kind::Municipality,
    )?;
    let project = v::opt_id("input.projectId", input.project_id.as_ref(), Kind::Project)?;
    let description = v::opt_text("input.description", input.description.as_deref())?;
    let audience = audience("input.audience", input.audience.as_deref().unwrap_or(&[]))?;
    let goals = v::names_json("input.goals", input.goals.as_deref().unwrap_or(&[]))?;
    let topics = v::names_json("input.topics", input.topics.as_deref().unwrap_or(&[]))?;
    let organisers = v::id_list(
        "input.organiserIds",
        input.organiser_ids.as_deref().unwrap_or(&[]),
        Kind::Organisation,
    )?;
    let people = participations(
        "input.participants",
        input.participants.as_deref().unwrap_or(&[]),
    )?;
    let practices = v::id_list(
        "input.goodPracticeIds",
        input.good_practice_ids.as_deref().unwrap_or(&[]),
        Kind::GoodPractice,
    )?;
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    check_references(
        db,
        db.conn(),
        municipality,
        project,
        Some(&organisers),
        Some(&people),
        Some(&practices),
    )
    .await?;
    let am = ActiveModel {
        title: Set(title),
        kind: Set(input.kind.into()),
        format: Set(input.format.into()),
        date_text: Set(date_text),
        start_date: Set(start),
        end_date: Set(end),
        venue_name: Set(venue_name),
        venue_municipality_id: Set(municipality),
        project_id: Set(project),
        description: Set(description),
        audience: Set(audience),
        goals: Set(goals),
        topics: Set(topics),
        owner_region_id: Set(region),
        visibility: Set(input
            .visibility
            .map(Into::into)
            .unwrap_or(Visibility::Public)),
        ..Default::default()
    };
    write::create::<Entity>(db, info, "createEvent", key, am, async |txn, id| {
        let mut changes = set_organisers(db, txn, id, &organisers).await?;
        changes.extend(set_participations(db, txn, id, &people).await?);
        changes.extend(set_good_practices(db, txn, id, &practices).await?);
        Ok(changes)
    })
    .await
}

/// Applies a partial update to an event.
pub async fn update(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: EventPatch,
) -> AppResult<Model> {
    write::update::<Entity>(
        db,
        info,
        id,
        version,
        async |txn, before: &Model, am: &mut ActiveModel| {
            // Validate the whole patch first.
            let title = patch
                .title
                .as_deref()
                .map(|t| v::name("input.title", t, MAX_NAME))
                .transpose()?;
            let start = v::patch_value(&patch.start_date, |d| Ok(d.0))?;
            let end = v::patch_value(&patch.end_date, |d| Ok(d.0))?;
            let date_text = v::patch_text("input.date", &patch.date, |f, s| {
                s.map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(|s| partial_date(f, s))
                    .transpose()
            })?;
            let final_start = start.unwrap_or(before.start_date);
            let final_end = end.unwrap_or(before.end_date);
            // A new start day also becomes the date as known, unless that is given as well;
            // without a date as known, the start day is it (as on create).
            let final_text = match (&date_text, start) {
                (Some(t), _) => t.clone(),
                (None, Some(Some(s))) => Some(day_text(s)),
                (None, _) => before.date_text.clone(),
            }
            .or(final_start.map(day_text));
            check_dates(final_text.as_deref(), final_start, final_end)?;
            let venue_name = v::patch_text("input.venueName", &patch.venue_name, |f, s| {
                v::opt_name(f, s, MAX_NAME)
            })?;
            let municipality = v::patch_value(&patch.venue_municipality_id, |i| {
                decode_as("input.venueMunicipalityId", &i, Kind::Municipality)
            })?;
            let project = v::patch_value(&patch.project_id, |i| {
                decode_as("input.projectId", &i, Kind::Project)
            })?;
            let description = v::patch_text("input.description", &patch.description, v::opt_text)?;
            let audience = patch
                .audience
                .as_deref()
                .map(|a| audience("input.audience", a))
                .transpose()?;
            let goals = patch
                .goals
                .as_deref()
                .map(|g| v::names_json("input.goals", g))
                .transpose()?;
            let topics = patch
                .topics
                .as_deref()
                .map(|t| v::names_json("input.topics", t))
                .transpose()?;
            let organisers = patch
                .organiser_ids
                .as_deref()
                .map(|l| v::id_list("input.organiserIds", l, Kind::Organisation))
                .transpose()?;
            let people = patch
                .participants
                .as_deref()
                .map(|p| participations("input.participants", p))
                .transpose()?;
            let practices = patch
                .good_practice_ids
                .as_deref()
                .map(|l| v::id_list("input.goodPracticeIds", l, Kind::GoodPractice))
                .transpose()?;
            let region = patch
                .region_code
                .as_deref()
                .map(|c| v::region_code("input.regionCode", c))
                .transpose()?;
            // Only references that change are checked: a record may keep a link the caller
            // no longer sees.
            check_references(
                db,
                txn,
                municipality.flatten(),
                project.flatten(),
                organisers.as_deref(),
                people.as_deref(),
                practices.as_deref(),
            )
            .await?;

            if let Some(t) = title {
                am.title = Set(t);
            }
            if let Some(k) = patch.kind {
                am.kind = Set(k.into());
            }
            if let Some(f) = patch.format {
                am.format = Set(f.into());
            }
            am.date_text = Set(final_text);
            am.start_date = Set(final_start);
            am.end_date = Set(final_end);
            if let Some(n) = venue_name {
                am.venue_name = Set(n);
            }
            if let Some(m) = municipality {
                am.venue_municipality_id = Set(m);
            }
            if let Some(p) = project {
                am.project_id = Set(p);
            }
            if let Some(d) = description {
                am.description = Set(d);
            }
            if let Some(a) = audience {
                am.audience = Set(a);
            }
            if let Some(g) = goals {
                am.goals = Set(g);
            }
            if let Some(t) = topics {
                am.topics = Set(t);
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            if let Some(r) = region {
                // Moving the event: the pipeline checks the caller may write the new region.
                am.owner_region_id = Set(r);
            }
            let mut changes = Changes::new();
            if let Some(ids) = &organisers {
                changes.extend(set_organisers(db, txn, id, ids).await?);
            }
            if let Some(people) = &people {
                changes.extend(set_participations(db, txn, id, people).await?);
            }
            if let Some(ids) = &practices {
                changes.extend(set_good_practices(db, txn, id, ids).await?);
            }
            Ok(changes)
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_are_checked() {
        assert_eq!(partial_date("d", " 2021-10 ").ok(), Some("2021-10".into()));
        assert!(partial_date("d", "2021").is_ok());
        assert!(partial_date("d", "2021-10-28").is_ok());
        assert!(partial_date("d", "2021-13").is_err());
        assert!(partial_date("d", "2021-02-30").is_err());
        assert!(partial_date("d", "21-10-28").is_err());
        assert!(partial_date("d", "2021/10/28").is_err());
    }

    #[test]
    fn dates_must_agree() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert!(check_dates(Some("2021-10"), d("2021-10-28"), d("2021-10-29")).is_ok());
        assert!(check_dates(Some("2021-11"), d("2021-10-28"), None).is_err());
        assert!(check_dates(None, None, d("2021-10-28")).is_err());
        assert!(check_dates(None, d("2021-10-29"), d("2021-10-28")).is_err());
        assert!(check_dates(Some("2021"), None, None).is_ok());
    }
}
