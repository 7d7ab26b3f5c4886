//! Actions (działania) of funding programmes (e.g. FERS.04.13).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `funding_action`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "funding_action")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Programme the action belongs to.
    pub programme_id: i64,
    /// Full action code (e.g. "FERS.04.13").
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    /// Action name.
    pub name: String,
}

/// Relations of `funding_action`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Programme the action belongs to.
    #[sea_orm(
        belongs_to = "super::funding_programme::Entity",
        from = "Column::ProgrammeId",
        to = "super::funding_programme::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_funding_action_programme_id"
    )]
    Programme,
    /// Projects funded from the action.
    #[sea_orm(has_many = "super::project::Entity", via_rel = "Relation::Action")]
    Project,
}

impl Related<super::funding_programme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Programme.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
