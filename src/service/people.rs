//! Writing people (with their time-bound positions), expert profiles and contact persons.
//!
//! Names, e-mail addresses and phone numbers are personal data: validation errors name the
//! input field, never the value, and nothing here logs them.
//!
//! The search texts of experts and contact persons include the person's name, so the service
//! computes them itself (and refreshes them when a person's name changes).

use super::audit::Changes;
use super::links;
use super::validate::{self as v, MAX_NAME};
use super::write::{self, RequestInfo, Writable};
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::mutation::people::{
    ContactPersonInput, ContactPersonPatch, ExpertInput, ExpertPatch, PersonInput, PersonPatch,
    PositionInput,
};
use crate::text::fold_all;
use entity::enums::Visibility;
use entity::{contact_person, expert, person, position};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value as Json, json};

/// Longest given or family name.
pub const MAX_PERSON_NAME: usize = 100;
/// Longest honorific („prof. dr hab.”).
pub const MAX_HONORIFIC: usize = 64;

impl Writable for person::Entity {
    fn search_text(m: &person::Model) -> String {
        fold_all([m.given_name.as_str(), m.family_name.as_str()])
    }
}

impl Writable for expert::Entity {
    /// The service sets the search text (it includes the person's name); a write that leaves
    /// it alone (delete, restore) keeps the stored one.
    fn search_text(m: &expert::Model) -> String {
        m.search_text.clone()
    }
}

impl Writable for contact_person::Entity {
    /// As for experts: the service sets it, other writes keep it.
    fn search_text(m: &contact_person::Model) -> String {
        m.search_text.clone()
    }
}

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

/// The name of a person the caller can see, as the seed labels it („Given Family”), or
/// BAD_USER_INPUT on `field`.
async fn person_label<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    field: &str,
    id: i64,
) -> AppResult<String> {
    db.owned::<person::Entity>()
        .filter(person::Column::Id.eq(id))
        .one(conn)
        .await?
        .map(|p| format!("{} {}", p.given_name, p.family_name))
        .ok_or_else(|| AppError::bad_input(field, "refers to a record that does not exist"))
}

fn visibility(v: Option<crate::graphql::enums::Visibility>, default: Visibility) -> Visibility {
    v.map(Into::into).unwrap_or(default)
}

// ---------------------------------------------------------------------------------------
// People and positions
// ---------------------------------------------------------------------------------------

/// A validated position, ready to insert.
#[derive(Debug, Clone)]
struct NewPosition {
    organisation_id: i64,
    role_type: entity::enums::RoleType,
    title: String,
    unit_name: Option<String>,
    valid_from: Option<chrono::NaiveDate>,
    valid_to: Option<chrono::NaiveDate>,
    as_of: Option<chrono::NaiveDate>,
}

/// Validates a list of positions (`input.positions[i].…`), without touching the database.
fn positions(list: &[PositionInput]) -> AppResult<Vec<NewPosition>> {
    v::list_len("input.positions", list)?;
    list.iter()
        .enumerate()
        .map(|(i, p)| {
            let f = |name: &str| format!("input.positions[{i}].{name}");
            let valid_from = p.valid_from.map(|d| d.0);
            let valid_to = p.valid_to.map(|d| d.0);
            v::date_range(&f("validTo"), valid_from, valid_to)?;
            Ok(NewPosition {
                organisation_id: decode_as(
                    &f("organisationId"),
                    &p.organisation_id,
                    Kind::Organisation,
                )?,
                role_type: p.role_type.into(),
                title: v::name(&f("title"), &p.title, MAX_NAME)?,
                unit_name: v::opt_name(&f("unitName"), p.unit_name.as_deref(), MAX_NAME)?,
                valid_from,
                valid_to,
                as_of: p.as_of.map(|d| d.0),
            })
        })
        .collect()
}

/// Checks every position's organisation is visible to the caller (field of the first bad one).
async fn check_position_organisations<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    list: &[NewPosition],
) -> AppResult<()> {
    for (i, p) in list.iter().enumerate() {
        links::check_visible::<entity::organisation::Entity, C>(
            db,
            conn,
            &format!("input.positions[{i}].organisationId"),
            &[p.organisation_id],
        )
        .await?;
    }
    Ok(())
}

/// The audit form of a position (no ids: positions are replaced as a whole).
fn position_json(
    organisation_id: i64,
    role_type: entity::enums::RoleType,
    title: &str,
    unit_name: Option<&str>,
    valid_from: Option<chrono::NaiveDate>,
    valid_to: Option<chrono::NaiveDate>,
    as_of: Option<chrono::NaiveDate>,
) -> Json {
    json!({
        "organisation_id": organisation_id,
        "role_type": role_type,
        "title": title,
        "unit_name": unit_name,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "as_of": as_of,
    })
}

/// Replaces a person's positions and returns the change (`positions`: before/after lists).
async fn set_positions(
    txn: &DatabaseTransaction,
    person_id: i64,
    list: &[NewPosition],
) -> AppResult<Changes> {
    let before: Vec<Json> = position::Entity::find()
        .filter(position::Column::PersonId.eq(person_id))
        .order_by_asc(position::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|p| {
            position_json(
                p.organisation_id,
                p.role_type,
                &p.title,
                p.unit_name.as_deref(),
                p.valid_from,
                p.valid_to,
                p.as_of,
            )
        })
        .collect();
    position::Entity::delete_many()
        .filter(position::Column::PersonId.eq(person_id))
        .exec(txn)
        .await?;
    if !list.is_empty() {
        let rows = list.iter().map(|p| position::ActiveModel {
            person_id: Set(person_id),
            organisation_id: Set(p.organisation_id),
            role_type: Set(p.role_type),
            title: Set(p.title.clone()),
            unit_name: Set(p.unit_name.clone()),
            valid_from: Set(p.valid_from),
            valid_to: Set(p.valid_to),
            as_of: Set(p.as_of),
            ..Default::default()
        });
        position::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await?;
    }
    let after: Vec<Json> = list
        .iter()
        .map(|p| {
            position_json(
                p.organisation_id,
                p.role_type,
                &p.title,
                p.unit_name.as_deref(),
                p.valid_from,
                p.valid_to,
                p.as_of,
            )
        })
        .collect();
    let mut changes = Changes::new();
    if before != after {
        changes.insert(
            "positions".to_owned(),
            json!({ "before": before, "after": after }),
        );
    }
    Ok(changes)
}

/// Recomputes the search texts of the experts and contact persons of a person whose name
/// changed (derived columns: no new version, no audit entry of their own).
pub(crate) async fn refresh_related_texts(
    txn: &DatabaseTransaction,
    person_id: i64,
    label: &str,
) -> AppResult<()> {
    for e in expert::Entity::find()
        .filter(expert::Column::PersonId.eq(person_id))
        .all(txn)
        .await?
    {
        let text = expert_text(label, &e.specialisations);
        if text != e.search_text {
            expert::Entity::update_many()
                .col_expr(expert::Column::SearchText, text.into())
                .filter(expert::Column::Id.eq(e.id))
                .exec(txn)
                .await?;
        }
    }
    for c in contact_person::Entity::find()
        .filter(contact_person::Column::PersonId.eq(person_id))
        .all(txn)
        .await?
    {
        let text = contact_text(label, c.role_title.as_deref());
        if text != c.search_text {
            contact_person::Entity::update_many()
                .col_expr(contact_person::Column::SearchText, text.into())
                .filter(contact_person::Column::Id.eq(c.id))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// Creates a person with their positions.
pub async fn create_person(
    db: &ScopedDb,
    info: &RequestInfo,
    input: PersonInput,
    key: Option<&str>,
) -> AppResult<person::Model> {
    let given = v::name("input.givenName", &input.given_name, MAX_PERSON_NAME)?;
    let family = v::name("input.familyName", &input.family_name, MAX_PERSON_NAME)?;
    let honorific = v::opt_name("input.honorific", input.honorific.as_deref(), MAX_HONORIFIC)?;
    let email = v::opt_email("input.email", input.email.as_deref())?;
    let phone = v::opt_phone("input.phone", input.phone.as_deref())?;
    let list = positions(input.positions.as_deref().unwrap_or_default())?;
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    check_position_organisations(db, db.conn(), &list).await?;
    let am = person::ActiveModel {
        given_name: Set(given),
        family_name: Set(family),
        honorific: Set(honorific),
        email: Set(email),
        phone: Set(phone),
        owner_region_id: Set(region),
        visibility: Set(visibility(input.visibility, Visibility::Network)),
        ..Default::default()
    };
    write::create::<person::Entity>(db, info, "createPerson", key, am, async |txn, id| {
        set_positions(txn, id, &list).await
    })
    .await
}

/// Applies a partial update to a person; `positions`, when given, replaces the list.
pub async fn update_person(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: PersonPatch,
) -> AppResult<person::Model> {
    // Everything that needs no database is checked before the transaction starts.
    let given = patch
        .given_name
        .as_deref()
        .map(|s| v::name("input.givenName", s, MAX_PERSON_NAME))
        .transpose()?;
    let family = patch
        .family_name
        .as_deref()
        .map(|s| v::name("input.familyName", s, MAX_PERSON_NAME))
        .transpose()?;
    let honorific = v::patch_text("input.honorific", &patch.honorific, |f, s| {
        v::opt_name(f, s, MAX_HONORIFIC)
    })?;
    let email = v::patch_text("input.email", &patch.email, v::opt_email)?;
    let phone = v::patch_text("input.phone", &patch.phone, v::opt_phone)?;
    let list = patch.positions.as_deref().map(positions).transpose()?;
    let region = patch
        .region_code
        .as_deref()
        .map(|c| v::region_code("input.regionCode", c))
        .transpose()?;
    write::update::<person::Entity>(
        db,
        info,
        id,
        version,
        async |txn, before: &person::Model, am: &mut person::ActiveModel| {
            let mut changes = Changes::new();
            if let Some(g) = given {
                am.given_name = Set(g);
            }
            if let Some(f) = family {
                am.family_name = Set(f);
            }
            if let Some(h) = honorific {
                am.honorific = Set(h);
            }
            if let Some(e) = email {
                am.email = Set(e);
            }
            if let Some(p) = phone {
                am.phone = Set(p);
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            if let Some(r) = region {
                am.owner_region_id = Set(r);
            }
            if let Some(list) = &list {
                check_position_organisations(db, txn, list).await?;
                changes.extend(set_positions(txn, id, list).await?);
            }
            let (g, f) = (am.given_name.as_ref(), am.family_name.as_ref());
            if *g != before.given_name || *f != before.family_name {
                refresh_related_texts(txn, id, &format!("{g} {f}")).await?;
            }
            Ok(changes)
        },
    )
    .await
}

// ---------------------------------------------------------------------------------------
// Experts
// ---------------------------------------------------------------------------------------

/// The search text of an expert, as the seed builds it: the person's name and the
/// specialisations (underscores read as spaces).
fn expert_text(person: &str, specialisations: &Json) -> String {
    let readable: Vec<String> = crate::graphql::types::strings(specialisations)
        .iter()
        .map(|s| s.replace('_', " "))
        .collect();
    fold_all(std::iter::once(person).chain(readable.iter().map(String::as_str)))
}

/// Validated specialisations as stored (a JSON array), without repeats.
fn specialisations(list: &[String]) -> AppResult<Json> {
    let mut out: Vec<String> = Vec::new();
    for s in v::names("input.specialisations", list)? {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Ok(Json::Array(out.into_iter().map(Json::String).collect()))
}

/// Creates an expert profile of a person the caller can see.
pub async fn create_expert(
    db: &ScopedDb,
    info: &RequestInfo,
    input: ExpertInput,
    key: Option<&str>,
) -> AppResult<expert::Model> {
    let person_id = decode_as("input.personId", &input.person_id, Kind::Person)?;
    let organisation_id = v::opt_id(
        "input.organisationId",
        input.organisation_id.as_ref(),
        Kind::Organisation,
    )?;
    let centre_id = v::opt_id("input.centreId", input.centre_id.as_ref(), Kind::Centre)?;
    let specs = specialisations(input.specialisations.as_deref().unwrap_or_default())?;
    let summary = v::opt_text("input.summary", input.summary.as_deref())?;
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    let conn = db.conn();
    let label = person_label(db, conn, "input.personId", person_id).await?;
    links::check_visible_opt::<entity::organisation::Entity, _>(
        db,
        conn,
        "input.organisationId",
        organisation_id,
    )
    .await?;
    links::check_visible_opt::<entity::centre::Entity, _>(db, conn, "input.centreId", centre_id)
        .await?;
    let am = expert::ActiveModel {
        person_id: Set(person_id),
        organisation_id: Set(organisation_id),
        centre_id: Set(centre_id),
        summary: Set(summary),
        search_text: Set(expert_text(&label, &specs)),
        specialisations: Set(specs),
        owner_region_id: Set(region),
        visibility: Set(visibility(input.visibility, Visibility::Network)),
        ..Default::default()
    };
    write::create::<expert::Entity>(db, info, "createExpert", key, am, async |_, _| {
        Ok(Changes::new())
    })
    .await
}

/// Applies a partial update to an expert profile.
pub async fn update_expert(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: ExpertPatch,
) -> AppResult<expert::Model> {
    let person_id = patch
        .person_id
        .as_ref()
        .map(|p| decode_as("input.personId", p, Kind::Person))
        .transpose()?;
    let organisation_id = v::patch_id(
        "input.organisationId",
        &patch.organisation_id,
        Kind::Organisation,
    )?;
    let centre_id = v::patch_id("input.centreId", &patch.centre_id, Kind::Centre)?;
    let specs = patch
        .specialisations
        .as_deref()
        .map(specialisations)
        .transpose()?;
    let summary = v::patch_text("input.summary", &patch.summary, v::opt_text)?;
    let region = patch
        .region_code
        .as_deref()
        .map(|c| v::region_code("input.regionCode", c))
        .transpose()?;
    write::update::<expert::Entity>(
        db,
        info,
        id,
        version,
        async |txn, before: &expert::Model, am: &mut expert::ActiveModel| {
            let person = person_id.unwrap_or(before.person_id);
            // A new person must be visible; the current one is read as stored (the caller
            // may change the profile of a person it no longer sees by name).
            let label = match person_id {
                Some(p) => Some(person_label(db, txn, "input.personId", p).await?),
                None => person::Entity::find_by_id(person)
                    .one(txn)
                    .await?
                    .map(|p| format!("{} {}", p.given_name, p.family_name)),
            };
            am.person_id = Set(person);
            if let Some(o) = organisation_id {
                links::check_visible_opt::<entity::organisation::Entity, _>(
                    db,
                    txn,
                    "input.organisationId",
                    o,
                )
                .await?;
                am.organisation_id = Set(o);
            }
            if let Some(c) = centre_id {
                links::check_visible_opt::<entity::centre::Entity, _>(db, txn, "input.centreId", c)
                    .await?;
                am.centre_id = Set(c);
            }
            if let Some(s) = &specs {
                am.specialisations = Set(s.clone());
            }
            if let Some(s) = summary {
                am.summary = Set(s);
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            if let Some(r) = region {
                am.owner_region_id = Set(r);
            }
            if let Some(label) = label {
                am.search_text = Set(expert_text(&label, am.specialisations.as_ref()));
            }
            Ok(Changes::new())
        },
    )
    .await
}

// ---------------------------------------------------------------------------------------
// Contact persons
// ---------------------------------------------------------------------------------------

/// The search text of a contact person, as the seed builds it: name and role title.
fn contact_text(person: &str, role_title: Option<&str>) -> String {
    fold_all(std::iter::once(person).chain(role_title))
}

fn needs_target() -> AppError {
    AppError::bad_input(
        "input.organisationId",
        "a contact person is the contact for an organisation or a centre; give at least one",
    )
}

/// Creates a contact person (a person the caller can see, for an organisation and/or centre).
pub async fn create_contact(
    db: &ScopedDb,
    info: &RequestInfo,
    input: ContactPersonInput,
    key: Option<&str>,
) -> AppResult<contact_person::Model> {
    let person_id = decode_as("input.personId", &input.person_id, Kind::Person)?;
    let organisation_id = v::opt_id(
        "input.organisationId",
        input.organisation_id.as_ref(),
        Kind::Organisation,
    )?;
    let centre_id = v::opt_id("input.centreId", input.centre_id.as_ref(), Kind::Centre)?;
    if organisation_id.is_none() && centre_id.is_none() {
        return Err(needs_target());
    }
    let role_title = v::opt_name("input.roleTitle", input.role_title.as_deref(), MAX_NAME)?;
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    let conn = db.conn();
    let label = person_label(db, conn, "input.personId", person_id).await?;
    links::check_visible_opt::<entity::organisation::Entity, _>(
        db,
        conn,
        "input.organisationId",
        organisation_id,
    )
    .await?;
    links::check_visible_opt::<entity::centre::Entity, _>(db, conn, "input.centreId", centre_id)
        .await?;
    let am = contact_person::ActiveModel {
        person_id: Set(person_id),
        organisation_id: Set(organisation_id),
        centre_id: Set(centre_id),
        search_text: Set(contact_text(&label, role_title.as_deref())),
        role_title: Set(role_title),
        owner_region_id: Set(region),
        visibility: Set(visibility(input.visibility, Visibility::Region)),
        ..Default::default()
    };
    write::create::<contact_person::Entity>(
        db,
        info,
        "createContactPerson",
        key,
        am,
        async |_, _| Ok(Changes::new()),
    )
    .await
}

/// Applies a partial update to a contact person.
pub async fn update_contact(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: ContactPersonPatch,
) -> AppResult<contact_person::Model> {
    let person_id = patch
        .person_id
        .as_ref()
        .map(|p| decode_as("input.personId", p, Kind::Person))
        .transpose()?;
    let organisation_id = v::patch_id(
        "input.organisationId",
        &patch.organisation_id,
        Kind::Organisation,
    )?;
    let centre_id = v::patch_id("input.centreId", &patch.centre_id, Kind::Centre)?;
    let role_title = v::patch_text("input.roleTitle", &patch.role_title, |f, s| {
        v::opt_name(f, s, MAX_NAME)
    })?;
    let region = patch
        .region_code
        .as_deref()
        .map(|c| v::region_code("input.regionCode", c))
        .transpose()?;
    write::update::<contact_person::Entity>(
        db,
        info,
        id,
        version,
        async |txn, before: &contact_person::Model, am: &mut contact_person::ActiveModel| {
            let person = person_id.unwrap_or(before.person_id);
            let label = match person_id {
                Some(p) => Some(person_label(db, txn, "input.personId", p).await?),
                None => person::Entity::find_by_id(person)
                    .one(txn)
                    .await?
                    .map(|p| format!("{} {}", p.given_name, p.family_name)),
            };
            am.person_id = Set(person);
            if let Some(o) = organisation_id {
                links::check_visible_opt::<entity::organisation::Entity, _>(
                    db,
                    txn,
                    "input.organisationId",
                    o,
                )
                .await?;
                am.organisation_id = Set(o);
            }
            if let Some(c) = centre_id {
                links::check_visible_opt::<entity::centre::Entity, _>(db, txn, "input.centreId", c)
                    .await?;
                am.centre_id = Set(c);
            }
            if am.organisation_id.as_ref().is_none() && am.centre_id.as_ref().is_none() {
                return Err(needs_target());
            }
            if let Some(r) = role_title {
                am.role_title = Set(r);
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            if let Some(r) = region {
                am.owner_region_id = Set(r);
            }
            if let Some(label) = label {
                am.search_text = Set(contact_text(&label, am.role_title.as_ref().as_deref()));
            }
            Ok(Changes::new())
        },
    )
    .await
}
