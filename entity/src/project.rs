//! Funded projects (e.g. CUS-creation grants, ROPS cooperation projects) with amounts in grosze.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{ProjectStatus, SelectionMode, Visibility};

/// A row of `project`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "project")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Exact title without quotes.
    pub title: String,
    /// Short title used in the UI.
    pub short_title: Option<String>,
    /// Funding programme.
    pub programme_id: i64,
    /// Funding action, if known.
    pub action_id: Option<i64>,
    /// Life-cycle status of the project.
    pub status: ProjectStatus,
    /// Competitive or non-competitive selection.
    pub selection_mode: Option<SelectionMode>,
    /// Number of the grant agreement.
    pub agreement_number: Option<String>,
    /// Date the grant agreement was signed.
    pub agreement_signed_on: Option<Date>,
    /// First day of the project.
    pub start_date: Option<Date>,
    /// Last day of the project.
    pub end_date: Option<Date>,
    /// Total project value in grosze (PLN/100).
    pub total_value_grosze: Option<i64>,
    /// Whether the total value is approximate ("ok. 15 mln zł").
    #[sea_orm(default_value = false)]
    pub total_value_approximate: bool,
    /// Grant requested (dofinansowanie wnioskowane) in grosze.
    pub grant_requested_grosze: Option<i64>,
    /// Whether the requested grant is approximate.
    #[sea_orm(default_value = false)]
    pub grant_requested_approximate: bool,
    /// Grant awarded (dofinansowanie przyznane) in grosze.
    pub grant_awarded_grosze: Option<i64>,
    /// Whether the awarded grant is approximate.
    #[sea_orm(default_value = false)]
    pub grant_awarded_approximate: bool,
    /// Project website.
    pub website: Option<String>,
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

/// Relations of `project`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_project_owner_region_id"
    )]
    OwnerRegion,
    /// Funding programme.
    #[sea_orm(
        belongs_to = "super::funding_programme::Entity",
        from = "Column::ProgrammeId",
        to = "super::funding_programme::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_project_programme_id"
    )]
    Programme,
    /// Funding action.
    #[sea_orm(
        belongs_to = "super::funding_action::Entity",
        from = "Column::ActionId",
        to = "super::funding_action::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_project_action_id"
    )]
    Action,
    /// Consortium members and their roles.
    #[sea_orm(
        has_many = "super::project_participant::Entity",
        via_rel = "Relation::Project"
    )]
    ProjectParticipant,
    /// Links to the centres the project funds.
    #[sea_orm(
        has_many = "super::centre_project::Entity",
        via_rel = "Relation::Project"
    )]
    CentreProject,
    /// Events held within the project.
    #[sea_orm(has_many = "super::event::Entity", via_rel = "Relation::Project")]
    Event,
    /// Trainings run within the project.
    #[sea_orm(has_many = "super::training::Entity", via_rel = "Relation::Project")]
    Training,
    /// Study visits made within the project.
    #[sea_orm(has_many = "super::study_visit::Entity", via_rel = "Relation::Project")]
    StudyVisit,
    /// Documents produced within the project.
    #[sea_orm(has_many = "super::document::Entity", via_rel = "Relation::Project")]
    Document,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::funding_programme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Programme.def()
    }
}

impl Related<super::funding_action::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Action.def()
    }
}

impl Related<super::project_participant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectParticipant.def()
    }
}

impl Related<super::centre_project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CentreProject.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl Related<super::training::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Training.def()
    }
}

impl Related<super::study_visit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StudyVisit.def()
    }
}

impl Related<super::document::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Document.def()
    }
}

impl Related<super::centre::Entity> for Entity {
    fn to() -> RelationDef {
        super::centre_project::Relation::Centre.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::centre_project::Relation::Project.def().rev())
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        super::project_participant::Relation::Organisation.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::project_participant::Relation::Project.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
