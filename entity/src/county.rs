//! Counties (powiaty, including cities with county rights), TERYT level 2.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::CountyKind;

/// A row of `county`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "county")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Region the county lies in.
    pub region_id: i64,
    /// Four-digit TERYT code (e.g. "2604").
    #[sea_orm(column_type = "String(StringLen::N(4))", unique)]
    pub teryt_code: String,
    /// Polish name.
    pub name: String,
    /// Ordinary county or city with county rights.
    pub kind: CountyKind,
}

/// Relations of `county`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region the county lies in.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_county_region_id"
    )]
    Region,
    /// Municipalities in the county.
    #[sea_orm(has_many = "super::municipality::Entity", via_rel = "Relation::County")]
    Municipality,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl Related<super::municipality::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Municipality.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
