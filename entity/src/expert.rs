//! Expert profiles of people (professional data only), shared across the network.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Visibility;

/// A row of `expert`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "expert")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// Organisation the expert works for or represents.
    pub organisation_id: Option<i64>,
    /// Centre the expert works at (practitioner experts).
    pub centre_id: Option<i64>,
    /// Short professional summary.
    #[sea_orm(column_type = "Text")]
    pub summary: Option<String>,
    /// Areas of expertise (JSON array).
    pub specialisations: Json,
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

/// Relations of `expert`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_expert_owner_region_id"
    )]
    OwnerRegion,
    /// The person.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_expert_person_id"
    )]
    Person,
    /// Organisation the expert works for or represents.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_expert_organisation_id"
    )]
    Organisation,
    /// Centre the expert works at.
    #[sea_orm(
        belongs_to = "super::centre::Entity",
        from = "Column::CentreId",
        to = "super::centre::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_expert_centre_id"
    )]
    Centre,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::centre::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Centre.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
