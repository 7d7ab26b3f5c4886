//! Trainings and courses organised for centre staff and local governments.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{EventFormat, TrainingKind, Visibility};

/// A row of `training`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "training")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Training title.
    pub title: String,
    /// Kind of training.
    pub kind: TrainingKind,
    /// Organisation that organises the training (usually a ROPS).
    pub organiser_id: i64,
    /// Project the training belongs to.
    pub project_id: Option<i64>,
    /// First day, if known.
    pub start_date: Option<Date>,
    /// Last day (or ceremony date), if known.
    pub end_date: Option<Date>,
    /// On-site, online or hybrid, if known.
    pub format: Option<EventFormat>,
    /// Teaching methods (JSON array of `TeachingMethod` values).
    pub methods: Json,
    /// Curriculum items (JSON array of strings).
    pub curriculum: Json,
    /// Target groups (JSON array of `TargetGroup` values).
    pub audience: Json,
    /// Number of people who completed it, when no roster exists.
    pub completed_count: Option<i32>,
    /// Free-text description.
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
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

/// Relations of `training`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_training_owner_region_id"
    )]
    OwnerRegion,
    /// Organisation that organises the training.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganiserId",
        to = "super::organisation::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_training_organiser_id"
    )]
    Organiser,
    /// Project the training belongs to.
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_training_project_id"
    )]
    Project,
    /// Partner organisations.
    #[sea_orm(
        has_many = "super::training_partner::Entity",
        via_rel = "Relation::Training"
    )]
    TrainingPartner,
    /// Study visits made as part of the training.
    #[sea_orm(
        has_many = "super::study_visit::Entity",
        via_rel = "Relation::Training"
    )]
    StudyVisit,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::training_partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingPartner.def()
    }
}

impl Related<super::study_visit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StudyVisit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
