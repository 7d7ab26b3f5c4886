//! Projects that fund a centre (creation or development grants).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `centre_project`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "centre_project")]
pub struct Model {
    /// The centre.
    #[sea_orm(primary_key, auto_increment = false)]
    pub centre_id: i64,
    /// A project funding it.
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: i64,
}

/// Relations of `centre_project`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The centre.
    #[sea_orm(
        belongs_to = "super::centre::Entity",
        from = "Column::CentreId",
        to = "super::centre::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_centre_project_centre_id"
    )]
    Centre,
    /// The project.
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_centre_project_project_id"
    )]
    Project,
}

impl Related<super::centre::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Centre.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
