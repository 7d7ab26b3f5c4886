//! Organisations that organised a study visit.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `study_visit_organiser`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "study_visit_organiser")]
pub struct Model {
    /// The study visit.
    #[sea_orm(primary_key, auto_increment = false)]
    pub study_visit_id: i64,
    /// An organising organisation.
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
}

/// Relations of `study_visit_organiser`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The study visit.
    #[sea_orm(
        belongs_to = "super::study_visit::Entity",
        from = "Column::StudyVisitId",
        to = "super::study_visit::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_study_visit_organiser_study_visit_id"
    )]
    StudyVisit,
    /// The organising organisation.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_study_visit_organiser_organisation_id"
    )]
    Organisation,
}

impl Related<super::study_visit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StudyVisit.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
