//! Writing organisations: validation, the seat municipality, the parent organisation (visible
//! to the caller, never the organisation itself or one of its descendants) and the owner
//! region. Regional offices (`regional_office`) stay read-only: they are reference data of the
//! member regions; the organisation of an office cannot move to another region.

use super::audit::Changes;
use super::links;
use super::validate::{self as v, MAX_NAME};
use super::write::{self, RequestInfo, Writable};
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::mutation::organisation::{OrganisationInput, OrganisationPatch};
use crate::text::{fold_all, json_strings};
use entity::organisation::{ActiveModel, Entity, Model};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

impl Writable for Entity {
    fn search_text(m: &Model) -> String {
        fold_all(
            [m.name.as_str()]
                .into_iter()
                .chain(m.short_name.as_deref())
                .chain(json_strings(&m.aliases)),
        )
    }
}

/// Fails with BAD_USER_INPUT on `field` unless the municipality exists.
pub(crate) async fn check_municipality<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    field: &str,
    id: i64,
) -> AppResult<()> {
    links::check_reference::<entity::municipality::Entity, _>(
        db,
        conn,
        field,
        entity::municipality::Column::Id,
        &[id],
    )
    .await
}

/// Fails with BAD_USER_INPUT on `field` unless `parent` is a live organisation the caller can
/// see and (for an existing organisation `child`) neither `child` nor one of its descendants.
async fn check_parent<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    field: &str,
    parent: i64,
    child: Option<i64>,
) -> AppResult<()> {
    links::check_visible::<Entity, _>(db, conn, field, &[parent]).await?;
    let Some(child) = child else {
        return Ok(());
    };
    // Walk up from the new parent; meeting the child would close a cycle. The walk reads all
    // rows (deleted and invisible ones too): a cycle is wrong whoever can see it.
    let mut at = Some(parent);
    let mut steps = 0;
    while let Some(id) = at {
        if id == child {
            return Err(AppError::bad_input(
                field,
                "an organisation cannot be its own parent or the parent of one of its parents",
            ));
        }
        steps += 1;
        if steps > 1000 {
            break;
        }
        at = Entity::find_by_id(id)
            .one(conn)
            .await?
            .and_then(|o| o.parent_id);
    }
    Ok(())
}

/// Creates an organisation in the requested (or the caller's only) region.
pub async fn create(
    db: &ScopedDb,
    info: &RequestInfo,
    input: OrganisationInput,
    key: Option<&str>,
) -> AppResult<Model> {
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    let name = v::name("input.name", &input.name, MAX_NAME)?;
    let short_name = v::opt_name("input.shortName", input.short_name.as_deref(), MAX_NAME)?;
    let aliases = v::names_json(
        "input.aliases",
        input.aliases.as_deref().unwrap_or_default(),
    )?;
    let website = v::opt_url("input.website", input.website.as_deref())?;
    let municipality = v::opt_id(
        "input.municipalityId",
        input.municipality_id.as_ref(),
        Kind::Municipality,
    )?;
    let parent = v::opt_id(
        "input.parentId",
        input.parent_id.as_ref(),
        Kind::Organisation,
    )?;
    if let Some(m) = municipality {
        check_municipality(db, db.conn(), "input.municipalityId", m).await?;
    }
    if let Some(p) = parent {
        check_parent(db, db.conn(), "input.parentId", p, None).await?;
    }
    let am = ActiveModel {
        name: Set(name),
        short_name: Set(short_name),
        aliases: Set(aliases),
        kind: Set(input.kind.into()),
        municipality_id: Set(municipality),
        parent_id: Set(parent),
        website: Set(website),
        owner_region_id: Set(region),
        visibility: Set(input
            .visibility
            .map(Into::into)
            .unwrap_or(entity::enums::Visibility::Public)),
        ..Default::default()
    };
    write::create::<Entity>(db, info, "createOrganisation", key, am, async |_, _| {
        Ok(Changes::new())
    })
    .await
}

/// Applies a partial update to an organisation.
pub async fn update(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: OrganisationPatch,
) -> AppResult<Model> {
    write::update::<Entity>(
        db,
        info,
        id,
        version,
        async |txn, _before: &Model, am: &mut ActiveModel| {
            if let Some(name) = &patch.name {
                am.name = Set(v::name("input.name", name, MAX_NAME)?);
            }
            if let Some(s) = v::patch_text("input.shortName", &patch.short_name, |f, s| {
                v::opt_name(f, s, MAX_NAME)
            })? {
                am.short_name = Set(s);
            }
            if let Some(aliases) = &patch.aliases {
                am.aliases = Set(v::names_json("input.aliases", aliases)?);
            }
            if let Some(kind) = patch.kind {
                am.kind = Set(kind.into());
            }
            if let Some(w) = v::patch_text("input.website", &patch.website, v::opt_url)? {
                am.website = Set(w);
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            if let Some(m) = v::patch_value(&patch.municipality_id, |id| {
                decode_as("input.municipalityId", &id, Kind::Municipality)
            })? {
                if let Some(m) = m {
                    check_municipality(db, txn, "input.municipalityId", m).await?;
                }
                am.municipality_id = Set(m);
            }
            if let Some(p) = v::patch_value(&patch.parent_id, |id| {
                decode_as("input.parentId", &id, Kind::Organisation)
            })? {
                if let Some(p) = p {
                    check_parent(db, txn, "input.parentId", p, Some(id)).await?;
                }
                am.parent_id = Set(p);
            }
            if let Some(code) = &patch.region_code {
                let region = v::region_code("input.regionCode", code)?;
                // The organisation of a regional office belongs to the office's region.
                let office = db
                    .reference::<entity::regional_office::Entity>()
                    .filter(entity::regional_office::Column::OrganisationId.eq(id))
                    .one(txn)
                    .await?;
                if let Some(office) = office
                    && office.region_id != region
                {
                    return Err(AppError::bad_input(
                        "input.regionCode",
                        "the organisation of a regional office stays in the office's region",
                    ));
                }
                // Moving needs write access to the new region (checked by the pipeline).
                am.owner_region_id = Set(region);
            }
            Ok(Changes::new())
        },
    )
    .await
}
