//! Voivodeships (województwa), TERYT level 1; the unit of access scoping.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `region`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "region")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Two-digit TERYT code, zero-padded (e.g. "26").
    #[sea_orm(column_type = "String(StringLen::N(2))", unique)]
    pub teryt_code: String,
    /// ISO 3166-2 code (e.g. "PL-26").
    #[sea_orm(column_type = "String(StringLen::N(8))")]
    pub iso_code: String,
    /// Polish name as in TERC, lower case (e.g. "świętokrzyskie").
    pub name: String,
    /// English name (e.g. "Świętokrzyskie").
    pub name_en: String,
    /// Whether the region's ROPS belongs to the cooperation network.
    #[sea_orm(default_value = false)]
    pub is_network_member: bool,
}

/// Relations of `region`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Counties (powiaty) in the region.
    #[sea_orm(has_many = "super::county::Entity", via_rel = "Relation::Region")]
    County,
    /// Municipalities (gminy) in the region.
    #[sea_orm(has_many = "super::municipality::Entity", via_rel = "Relation::Region")]
    Municipality,
    /// The region's ROPS, for member regions.
    #[sea_orm(has_one = "super::regional_office::Entity")]
    RegionalOffice,
}

impl Related<super::county::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::County.def()
    }
}

impl Related<super::municipality::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Municipality.def()
    }
}

impl Related<super::regional_office::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RegionalOffice.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
