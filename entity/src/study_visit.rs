//! Study visits (wizyty studyjne) of trainee groups to a host centre, one record per visit day.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Visibility;

/// A row of `study_visit`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "study_visit")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Centre hosting the visit.
    pub host_centre_id: i64,
    /// Day of the visit.
    pub visit_date: Date,
    /// Project the visit belongs to.
    pub project_id: Option<i64>,
    /// Training whose participants made the visit.
    pub training_id: Option<i64>,
    /// Who the visiting group was.
    pub group_description: String,
    /// Size of the visiting group, if known.
    pub headcount: Option<i32>,
    /// Agenda items (JSON array of strings).
    pub agenda: Json,
    /// Region whose ROPS curates (and may edit) the record.
    pub owner_region_id: i64,
    /// Who besides the owner region may read the record.
    pub visibility: Visibility,
    /// Optimistic-concurrency version, bumped on every update.
    #[sea_orm(default_value = 1)]
    pub version: i32,
    /// When the record was created.
    pub created_at: DateTimeUtc,
    /// When the record was last changed.
    pub updated_at: DateTimeUtc,
    /// Soft-delete mark; set when the record was deleted.
    pub deleted_at: Option<DateTimeUtc>,
    /// Folded search text (lower case, Polish diacritics removed).
    #[sea_orm(column_type = "Text", default_value = "")]
    pub search_text: String,
}

/// Relations of `study_visit`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_study_visit_owner_region_id"
    )]
    OwnerRegion,
    /// Centre hosting the visit.
    #[sea_orm(
        belongs_to = "super::centre::Entity",
        from = "Column::HostCentreId",
        to = "super::centre::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_study_visit_host_centre_id"
    )]
    HostCentre,
    /// Project the visit belongs to.
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_study_visit_project_id"
    )]
    Project,
    /// Training whose participants made the visit.
    #[sea_orm(
        belongs_to = "super::training::Entity",
        from = "Column::TrainingId",
        to = "super::training::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_study_visit_training_id"
    )]
    Training,
    /// Links to the organisers.
    #[sea_orm(
        has_many = "super::study_visit_organiser::Entity",
        via_rel = "Relation::StudyVisit"
    )]
    StudyVisitOrganiser,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::centre::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::HostCentre.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::training::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Training.def()
    }
}

impl Related<super::study_visit_organiser::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StudyVisitOrganiser.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        super::study_visit_organiser::Relation::Organisation.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::study_visit_organiser::Relation::StudyVisit
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
