//! Municipalities (gminy), TERYT level 3, versioned by the TERYT validity date.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::MunicipalityKind;

/// A row of `municipality`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "municipality")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Region the municipality lies in.
    pub region_id: i64,
    /// County the municipality lies in.
    pub county_id: i64,
    /// Seven-digit TERYT code WWPPGGR (e.g. "2604062").
    #[sea_orm(column_type = "String(StringLen::N(7))", unique_key = "teryt")]
    pub teryt_code: String,
    /// TERYT "stan na" date the code is valid from.
    #[sea_orm(unique_key = "teryt")]
    pub teryt_valid_from: Date,
    /// Date the TERYT record stopped being valid, if it did.
    pub teryt_valid_to: Option<Date>,
    /// Polish name (e.g. "Górno").
    pub name: String,
    /// Urban, rural or urban-rural municipality.
    pub kind: MunicipalityKind,
    /// Folded search text (lower case, Polish diacritics removed).
    #[sea_orm(column_type = "Text", default_value = "")]
    pub search_text: String,
}

/// Relations of `municipality`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region the municipality lies in.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_municipality_region_id"
    )]
    Region,
    /// County the municipality lies in.
    #[sea_orm(
        belongs_to = "super::county::Entity",
        from = "Column::CountyId",
        to = "super::county::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_municipality_county_id"
    )]
    County,
    /// Organisations seated in the municipality.
    #[sea_orm(
        has_many = "super::organisation::Entity",
        via_rel = "Relation::Municipality"
    )]
    Organisation,
    /// Centres whose primary municipality this is.
    #[sea_orm(
        has_many = "super::centre::Entity",
        via_rel = "Relation::PrimaryMunicipality"
    )]
    PrimaryCentre,
    /// Links to the centres serving the municipality.
    #[sea_orm(
        has_many = "super::centre_municipality::Entity",
        via_rel = "Relation::Municipality"
    )]
    CentreMunicipality,
    /// Events held in the municipality.
    #[sea_orm(
        has_many = "super::event::Entity",
        via_rel = "Relation::VenueMunicipality"
    )]
    Event,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl Related<super::county::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::County.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::centre_municipality::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CentreMunicipality.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
