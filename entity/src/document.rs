//! Documents and materials: brochures, procedures, presentations, reports, legal acts.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{DocumentKind, Visibility};

/// A row of `document`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "document")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Document title.
    pub title: String,
    /// Kind of document.
    pub kind: DocumentKind,
    /// Publishing organisation.
    pub publisher_id: Option<i64>,
    /// Authors as published (JSON array of strings).
    pub authors: Json,
    /// Series the document belongs to.
    pub series_name: Option<String>,
    /// Number within the series.
    pub series_number: Option<i32>,
    /// Year of publication.
    pub published_year: Option<i32>,
    /// Language code (e.g. "pl").
    #[sea_orm(column_type = "String(StringLen::N(8))")]
    pub language: String,
    /// Where the document can be found.
    pub url: Option<String>,
    /// Licence, if known.
    pub licence: Option<String>,
    /// Project the document was produced in.
    pub project_id: Option<i64>,
    /// Free-text description.
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    /// Region whose ROPS curates (and may edit) the record.
    pub owner_region_id: i64,
    /// Who besides the owner region may read the record.
    pub visibility: Visibility,
    /// Optimistic-concurrency version, bumped on every update.
    #[sea_orm(default_value = 1)]
    pub version: i32,
    /// When the record was created.
    pub created_at: DateTimeUtc,
    /// When the record was last changed.
    pub updated_at: DateTimeUtc,
    /// Soft-delete mark; set when the record was deleted.
    pub deleted_at: Option<DateTimeUtc>,
    /// Folded search text (lower case, Polish diacritics removed).
    #[sea_orm(column_type = "Text", default_value = "")]
    pub search_text: String,
}

/// Relations of `document`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_document_owner_region_id"
    )]
    OwnerRegion,
    /// Publishing organisation.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::PublisherId",
        to = "super::organisation::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_document_publisher_id"
    )]
    Publisher,
    /// Project the document was produced in.
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_document_project_id"
    )]
    Project,
    /// Links to good practices using it.
    #[sea_orm(
        has_many = "super::good_practice_document::Entity",
        via_rel = "Relation::Document"
    )]
    GoodPracticeDocument,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Publisher.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::good_practice_document::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GoodPracticeDocument.def()
    }
}

impl Related<super::good_practice::Entity> for Entity {
    fn to() -> RelationDef {
        super::good_practice_document::Relation::GoodPractice.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::good_practice_document::Relation::Document
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
