//! Time-bound positions people hold in organisations (e.g. director, marshal).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::RoleType;

/// A row of `position`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "position")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// Organisation the position is in.
    pub organisation_id: i64,
    /// Kind of role.
    pub role_type: RoleType,
    /// Exact Polish title as published.
    pub title: String,
    /// Organisational unit, if any.
    pub unit_name: Option<String>,
    /// First day in the position, if known.
    pub valid_from: Option<Date>,
    /// Last day in the position, if known.
    pub valid_to: Option<Date>,
    /// Date a source confirms the position on.
    pub as_of: Option<Date>,
}

/// Relations of `position`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The person.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_position_person_id"
    )]
    Person,
    /// Organisation the position is in.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_position_organisation_id"
    )]
    Organisation,
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

impl ActiveModelBehavior for ActiveModel {}
