//! Funding programmes (e.g. FERS, POWER, FESW) with their fund and period.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Fund;

/// A row of `funding_programme`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "funding_programme")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Programme code (e.g. "FERS").
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    /// Full programme name.
    pub name: String,
    /// EU or national fund behind the programme.
    pub fund: Fund,
    /// First year of the programming period.
    pub period_start_year: i32,
    /// Last year of the programming period.
    pub period_end_year: i32,
}

/// Relations of `funding_programme`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Actions (działania) of the programme.
    #[sea_orm(
        has_many = "super::funding_action::Entity",
        via_rel = "Relation::Programme"
    )]
    FundingAction,
    /// Projects funded from the programme.
    #[sea_orm(has_many = "super::project::Entity", via_rel = "Relation::Programme")]
    Project,
}

impl Related<super::funding_action::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FundingAction.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
