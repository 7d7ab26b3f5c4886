//! Writing good practices: validation, publication status, the centre and contact person
//! (visible records), service categories, topics and the linked documents.

use super::audit::Changes;
use super::links;
use super::validate::{self as v, MAX_NAME};
use super::write::{self, RequestInfo, Writable};
use crate::access::ScopedDb;
use crate::error::AppResult;
use crate::graphql::enums::ServiceCategory;
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::mutation::good_practice::{GoodPracticeInput, GoodPracticePatch};
use crate::graphql::types::strings;
use crate::text::fold_all;
use entity::enums::{PublicationStatus, Visibility};
use entity::good_practice::{ActiveModel, Entity, Model};
use sea_orm::{ConnectionTrait, DatabaseTransaction, Set};
use serde_json::Value as Json;

impl Writable for Entity {
    fn search_text(m: &Model) -> String {
        let topics = strings(&m.topics);
        fold_all(
            [m.title.as_str(), m.summary.as_str()]
                .into_iter()
                .chain(topics.iter().map(String::as_str)),
        )
    }

    /// A draft is seen only by its region, whatever its visibility says (the access layer's
    /// rule for reads); the change feed records it so.
    fn feed_visibility(m: &Model) -> Visibility {
        if m.status == PublicationStatus::Published {
            m.visibility
        } else {
            Visibility::Region
        }
    }
}

/// Service categories as the stored JSON array (duplicates dropped, order kept).
fn categories(field: &str, list: &[ServiceCategory]) -> AppResult<Json> {
    v::list_len(field, list)?;
    let mut out: Vec<entity::enums::ServiceCategory> = Vec::with_capacity(list.len());
    for c in list {
        let c: entity::enums::ServiceCategory = (*c).into();
        if !out.contains(&c) {
            out.push(c);
        }
    }
    Ok(serde_json::to_value(out).map_err(anyhow::Error::new)?)
}

/// Every document must be visible to the caller.
async fn check_documents<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    ids: &[i64],
) -> AppResult<()> {
    links::check_visible_each::<entity::document::Entity, _>(
        db,
        conn,
        |i| format!("input.documentIds[{i}]"),
        ids,
    )
    .await
}

/// Replaces the practice's documents and returns the change.
async fn set_documents(
    txn: &DatabaseTransaction,
    practice_id: i64,
    ids: &[i64],
) -> AppResult<Changes> {
    use entity::good_practice_document::{ActiveModel as Row, Column, Entity as Link};
    let rows = ids
        .iter()
        .map(|d| Row {
            good_practice_id: Set(practice_id),
            document_id: Set(*d),
        })
        .collect();
    links::replace::<Link, _>(
        txn,
        "documents",
        Column::GoodPracticeId,
        Column::DocumentId,
        practice_id,
        rows,
        ids,
    )
    .await
}

/// Creates a good practice in the requested (or the caller's only) region.
pub async fn create(
    db: &ScopedDb,
    info: &RequestInfo,
    input: GoodPracticeInput,
    key: Option<&str>,
) -> AppResult<Model> {
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    let title = v::name("input.title", &input.title, MAX_NAME)?;
    let summary = v::text("input.summary", &input.summary)?;
    let cats = categories(
        "input.categories",
        input.categories.as_deref().unwrap_or_default(),
    )?;
    let topics = v::names_json("input.topics", input.topics.as_deref().unwrap_or_default())?;
    let docs = v::unique_ids(
        "input.documentIds",
        input.document_ids.as_deref().unwrap_or_default(),
        Kind::Document,
    )?;
    let centre = input
        .centre_id
        .as_ref()
        .map(|id| decode_as("input.centreId", id, Kind::Centre))
        .transpose()?;
    let contact = input
        .contact_id
        .as_ref()
        .map(|id| decode_as("input.contactId", id, Kind::ContactPerson))
        .transpose()?;

    let conn = db.conn();
    if let Some(c) = centre {
        links::check_visible::<entity::centre::Entity, _>(db, conn, "input.centreId", &[c]).await?;
    }
    if let Some(c) = contact {
        links::check_visible::<entity::contact_person::Entity, _>(
            db,
            conn,
            "input.contactId",
            &[c],
        )
        .await?;
    }
    check_documents(db, conn, &docs).await?;

    let am = ActiveModel {
        title: Set(title),
        summary: Set(summary),
        centre_id: Set(centre),
        status: Set(input
            .status
            .map(Into::into)
            .unwrap_or(PublicationStatus::Draft)),
        contact_id: Set(contact),
        categories: Set(cats),
        topics: Set(topics),
        owner_region_id: Set(region),
        visibility: Set(input
            .visibility
            .map(Into::into)
            .unwrap_or(Visibility::Public)),
        ..Default::default()
    };
    write::create::<Entity>(db, info, "createGoodPractice", key, am, async |txn, id| {
        set_documents(txn, id, &docs).await
    })
    .await
}

/// Applies a partial update to a good practice.
pub async fn update(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: GoodPracticePatch,
) -> AppResult<Model> {
    write::update::<Entity>(
        db,
        info,
        id,
        version,
        async |txn, _before: &Model, am: &mut ActiveModel| {
            let mut changes = Changes::new();
            if let Some(t) = &patch.title {
                am.title = Set(v::name("input.title", t, MAX_NAME)?);
            }
            if let Some(s) = &patch.summary {
                am.summary = Set(v::text("input.summary", s)?);
            }
            if let Some(s) = patch.status {
                am.status = Set(s.into());
            }
            if let Some(list) = &patch.categories {
                am.categories = Set(categories("input.categories", list)?);
            }
            if let Some(list) = &patch.topics {
                am.topics = Set(v::names_json("input.topics", list)?);
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            if let Some(code) = &patch.region_code {
                // Moving needs write access to the new region (checked by the pipeline).
                am.owner_region_id = Set(v::region_code("input.regionCode", code)?);
            }
            let docs = patch
                .document_ids
                .as_deref()
                .map(|d| v::unique_ids("input.documentIds", d, Kind::Document))
                .transpose()?;
            let centre = v::patch_value(&patch.centre_id, |c| {
                decode_as("input.centreId", &c, Kind::Centre)
            })?;
            let contact = v::patch_value(&patch.contact_id, |c| {
                decode_as("input.contactId", &c, Kind::ContactPerson)
            })?;

            if let Some(centre) = centre {
                if let Some(c) = centre {
                    links::check_visible::<entity::centre::Entity, _>(
                        db,
                        txn,
                        "input.centreId",
                        &[c],
                    )
                    .await?;
                }
                am.centre_id = Set(centre);
            }
            if let Some(contact) = contact {
                if let Some(c) = contact {
                    links::check_visible::<entity::contact_person::Entity, _>(
                        db,
                        txn,
                        "input.contactId",
                        &[c],
                    )
                    .await?;
                }
                am.contact_id = Set(contact);
            }
            if let Some(docs) = &docs {
                check_documents(db, txn, docs).await?;
                changes.extend(set_documents(txn, id, docs).await?);
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
    fn search_text_holds_title_summary_and_topics() {
        let m = Model {
            id: 1,
            title: "Standard współpracy".into(),
            summary: "Szkic ROPS w Kielcach".into(),
            centre_id: None,
            status: PublicationStatus::Draft,
            contact_id: None,
            categories: Json::Array(vec![]),
            topics: serde_json::json!(["współpraca międzysektorowa"]),
            owner_region_id: 26,
            visibility: Visibility::Network,
            version: 1,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
            deleted_at: None,
            search_text: String::new(),
        };
        let text = <Entity as Writable>::search_text(&m);
        assert_eq!(
            text,
            fold_all([
                "Standard współpracy",
                "Szkic ROPS w Kielcach",
                "współpraca międzysektorowa"
            ])
        );
        assert!(text.contains("miedzysektorowa"));
    }
}
