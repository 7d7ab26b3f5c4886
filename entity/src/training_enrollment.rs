//! Participants of trainings (personal data under the GDPR/RODO): who took part, for which
//! employer, and how it ended.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{EnrollmentStatus, Visibility};

/// A row of `training_enrollment`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "training_enrollment")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The training.
    pub training_id: i64,
    /// The participant.
    pub person_id: i64,
    /// The participant's employer (usually a CUS or OPS).
    pub employer_id: Option<i64>,
    /// Enrolled, completed or withdrawn.
    pub status: EnrollmentStatus,
    /// Day of completion, for completed participants.
    pub completed_on: Option<Date>,
    /// Hours attended.
    pub hours: Option<i32>,
    /// The participant's name as the organiser recorded it (pseudonymised on erasure).
    pub participant_name: String,
    /// When the record was anonymised (erasure or retention).
    pub anonymised_at: Option<DateTimeUtc>,
    /// Region whose ROPS organises the training.
    pub owner_region_id: i64,
    /// Always `REGION`: enrollments follow their own reading rule (see the access layer).
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
    /// Folded search text (empty: enrollments are not searched by name).
    #[sea_orm(column_type = "Text", default_value = "")]
    pub search_text: String,
}

/// Relations of `training_enrollment`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The training.
    #[sea_orm(
        belongs_to = "super::training::Entity",
        from = "Column::TrainingId",
        to = "super::training::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_training_enrollment_training_id"
    )]
    Training,
    /// The participant.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_training_enrollment_person_id"
    )]
    Person,
}

impl Related<super::training::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Training.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
