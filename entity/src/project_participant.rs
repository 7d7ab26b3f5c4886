//! Organisations taking part in a project and their consortium role.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::ParticipantRole;

/// A row of `project_participant`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "project_participant")]
pub struct Model {
    /// The project.
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: i64,
    /// A participating organisation.
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    /// Role in the consortium.
    pub role: ParticipantRole,
}

/// Relations of `project_participant`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The project.
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_project_participant_project_id"
    )]
    Project,
    /// The participating organisation.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_project_participant_organisation_id"
    )]
    Organisation,
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
