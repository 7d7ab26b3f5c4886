//! People named in the network's records (personal data: officials, experts, contacts).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Visibility;

/// A row of `person`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Academic title or honorific as published (e.g. "dr hab.").
    pub honorific: Option<String>,
    /// Work e-mail address.
    pub email: Option<String>,
    /// Work phone number.
    pub phone: Option<String>,
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

/// Relations of `person`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_person_owner_region_id"
    )]
    OwnerRegion,
    /// Positions the person holds or held.
    #[sea_orm(has_many = "super::position::Entity", via_rel = "Relation::Person")]
    Position,
    /// Expert profiles of the person.
    #[sea_orm(has_many = "super::expert::Entity", via_rel = "Relation::Person")]
    Expert,
    /// Contact roles of the person.
    #[sea_orm(
        has_many = "super::contact_person::Entity",
        via_rel = "Relation::Person"
    )]
    ContactPerson,
    /// Appearances at events.
    #[sea_orm(
        has_many = "super::event_participation::Entity",
        via_rel = "Relation::Person"
    )]
    EventParticipation,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::position::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Position.def()
    }
}

impl Related<super::expert::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Expert.def()
    }
}

impl Related<super::contact_person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ContactPerson.def()
    }
}

impl Related<super::event_participation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventParticipation.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_participation::Relation::Event.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::event_participation::Relation::Person.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
