//! Municipalities a centre serves (more than one for inter-municipal centres).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `centre_municipality`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "centre_municipality")]
pub struct Model {
    /// The centre.
    #[sea_orm(primary_key, auto_increment = false)]
    pub centre_id: i64,
    /// A municipality it serves.
    #[sea_orm(primary_key, auto_increment = false)]
    pub municipality_id: i64,
    /// Whether this is the centre's primary municipality.
    #[sea_orm(default_value = false)]
    pub is_primary: bool,
}

/// Relations of `centre_municipality`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The centre.
    #[sea_orm(
        belongs_to = "super::centre::Entity",
        from = "Column::CentreId",
        to = "super::centre::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_centre_municipality_centre_id"
    )]
    Centre,
    /// The municipality.
    #[sea_orm(
        belongs_to = "super::municipality::Entity",
        from = "Column::MunicipalityId",
        to = "super::municipality::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_centre_municipality_municipality_id"
    )]
    Municipality,
}

impl Related<super::centre::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Centre.def()
    }
}

impl Related<super::municipality::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Municipality.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
