//! Good practices (dobre praktyki) shared across the network.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{PublicationStatus, Visibility};

/// A row of `good_practice`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "good_practice")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Title of the practice.
    pub title: String,
    /// Summary of the practice.
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    /// Centre the practice comes from.
    pub centre_id: Option<i64>,
    /// Draft or published.
    pub status: PublicationStatus,
    /// Contact person for the practice.
    pub contact_id: Option<i64>,
    /// Service categories (JSON array of `ServiceCategory` values).
    pub categories: Json,
    /// Topics (JSON array of strings).
    pub topics: Json,
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

/// Relations of `good_practice`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_good_practice_owner_region_id"
    )]
    OwnerRegion,
    /// Centre the practice comes from.
    #[sea_orm(
        belongs_to = "super::centre::Entity",
        from = "Column::CentreId",
        to = "super::centre::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_good_practice_centre_id"
    )]
    Centre,
    /// Contact person for the practice.
    #[sea_orm(
        belongs_to = "super::contact_person::Entity",
        from = "Column::ContactId",
        to = "super::contact_person::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_good_practice_contact_id"
    )]
    Contact,
    /// Links to events where it was presented.
    #[sea_orm(
        has_many = "super::event_good_practice::Entity",
        via_rel = "Relation::GoodPractice"
    )]
    EventGoodPractice,
    /// Links to its documents.
    #[sea_orm(
        has_many = "super::good_practice_document::Entity",
        via_rel = "Relation::GoodPractice"
    )]
    GoodPracticeDocument,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::centre::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Centre.def()
    }
}

impl Related<super::contact_person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Contact.def()
    }
}

impl Related<super::event_good_practice::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventGoodPractice.def()
    }
}

impl Related<super::good_practice_document::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GoodPracticeDocument.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_good_practice::Relation::Event.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::event_good_practice::Relation::GoodPractice
                .def()
                .rev(),
        )
    }
}

impl Related<super::document::Entity> for Entity {
    fn to() -> RelationDef {
        super::good_practice_document::Relation::Document.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::good_practice_document::Relation::GoodPractice
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
