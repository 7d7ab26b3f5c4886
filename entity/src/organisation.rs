//! Organisations of the directory: ROPS, CUS, OPS, offices, universities, NGOs, venues.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{OrganisationKind, Visibility};

/// A row of `organisation`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Full legal or official name.
    pub name: String,
    /// Short name used in the UI.
    pub short_name: Option<String>,
    /// Other names the organisation goes by (JSON array of strings).
    pub aliases: Json,
    /// Kind of organisation.
    pub kind: OrganisationKind,
    /// Municipality the organisation is seated in.
    pub municipality_id: Option<i64>,
    /// Parent organisation (e.g. a ROPS inside a marshal office).
    pub parent_id: Option<i64>,
    /// Website address.
    pub website: Option<String>,
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

/// Relations of `organisation`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_organisation_owner_region_id"
    )]
    OwnerRegion,
    /// Municipality the organisation is seated in.
    #[sea_orm(
        belongs_to = "super::municipality::Entity",
        from = "Column::MunicipalityId",
        to = "super::municipality::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_organisation_municipality_id"
    )]
    Municipality,
    /// Parent organisation.
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_organisation_parent_id"
    )]
    Parent,
    /// Organisations whose parent this is.
    #[sea_orm(has_many = "Entity", via_rel = "Relation::Parent")]
    Child,
    /// The ROPS record, if this organisation is one.
    #[sea_orm(has_one = "super::regional_office::Entity")]
    RegionalOffice,
    /// Participations in projects.
    #[sea_orm(
        has_many = "super::project_participant::Entity",
        via_rel = "Relation::Organisation"
    )]
    ProjectParticipant,
    /// Positions people hold in the organisation.
    #[sea_orm(
        has_many = "super::position::Entity",
        via_rel = "Relation::Organisation"
    )]
    Position,
    /// Contact people at the organisation.
    #[sea_orm(
        has_many = "super::contact_person::Entity",
        via_rel = "Relation::Organisation"
    )]
    ContactPerson,
    /// Experts affiliated with the organisation.
    #[sea_orm(has_many = "super::expert::Entity", via_rel = "Relation::Organisation")]
    Expert,
    /// Links to events the organisation organised.
    #[sea_orm(
        has_many = "super::event_organiser::Entity",
        via_rel = "Relation::Organisation"
    )]
    EventOrganiser,
    /// Trainings the organisation organises.
    #[sea_orm(has_many = "super::training::Entity", via_rel = "Relation::Organiser")]
    OrganisedTraining,
    /// Links to trainings the organisation partners in.
    #[sea_orm(
        has_many = "super::training_partner::Entity",
        via_rel = "Relation::Organisation"
    )]
    TrainingPartner,
    /// Links to study visits the organisation organised.
    #[sea_orm(
        has_many = "super::study_visit_organiser::Entity",
        via_rel = "Relation::Organisation"
    )]
    StudyVisitOrganiser,
    /// Documents the organisation published.
    #[sea_orm(has_many = "super::document::Entity", via_rel = "Relation::Publisher")]
    PublishedDocument,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::municipality::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Municipality.def()
    }
}

impl Related<super::regional_office::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RegionalOffice.def()
    }
}

impl Related<super::project_participant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectParticipant.def()
    }
}

impl Related<super::position::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Position.def()
    }
}

impl Related<super::contact_person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ContactPerson.def()
    }
}

impl Related<super::expert::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Expert.def()
    }
}

impl Related<super::event_organiser::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventOrganiser.def()
    }
}

impl Related<super::training_partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingPartner.def()
    }
}

impl Related<super::study_visit_organiser::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StudyVisitOrganiser.def()
    }
}

impl Related<super::document::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PublishedDocument.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        super::project_participant::Relation::Project.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::project_participant::Relation::Organisation
                .def()
                .rev(),
        )
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_organiser::Relation::Event.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::event_organiser::Relation::Organisation.def().rev())
    }
}

impl Related<super::study_visit::Entity> for Entity {
    fn to() -> RelationDef {
        super::study_visit_organiser::Relation::StudyVisit.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::study_visit_organiser::Relation::Organisation
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
