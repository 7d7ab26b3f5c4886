//! Social-services centres (centra usług społecznych, CUS) and their legal basis.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{CentreStatus, CreationMode, Visibility};

/// A row of `centre`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "centre")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Official name (e.g. "Centrum Usług Społecznych w Bukowsku").
    pub name: String,
    /// Life-cycle status of the centre.
    pub status: CentreStatus,
    /// How the centre was or will be created.
    pub creation_mode: Option<CreationMode>,
    /// Date the centre started operating.
    pub operating_since: Option<Date>,
    /// Name of the OPS the centre was transformed from.
    pub predecessor_name: Option<String>,
    /// Number of the establishing council resolution (e.g. "XXXIV/326/2021").
    pub resolution_number: Option<String>,
    /// Date the establishing resolution was adopted.
    pub resolution_adopted_on: Option<Date>,
    /// Council that adopted the resolution (e.g. "Rada Gminy Bukowsko").
    pub resolution_body: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Website address.
    pub website: Option<String>,
    /// Free-text description.
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    /// Municipality the centre belongs to (the seat for inter-municipal centres).
    pub primary_municipality_id: i64,
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

/// Relations of `centre`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_centre_owner_region_id"
    )]
    OwnerRegion,
    /// Primary municipality of the centre.
    #[sea_orm(
        belongs_to = "super::municipality::Entity",
        from = "Column::PrimaryMunicipalityId",
        to = "super::municipality::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_centre_primary_municipality_id"
    )]
    PrimaryMunicipality,
    /// Links to all municipalities the centre serves.
    #[sea_orm(
        has_many = "super::centre_municipality::Entity",
        via_rel = "Relation::Centre"
    )]
    CentreMunicipality,
    /// Service categories the centre offers.
    #[sea_orm(
        has_many = "super::centre_service_category::Entity",
        via_rel = "Relation::Centre"
    )]
    CentreServiceCategory,
    /// Links to projects funding the centre.
    #[sea_orm(
        has_many = "super::centre_project::Entity",
        via_rel = "Relation::Centre"
    )]
    CentreProject,
    /// Contact people at the centre.
    #[sea_orm(
        has_many = "super::contact_person::Entity",
        via_rel = "Relation::Centre"
    )]
    ContactPerson,
    /// Experts working at the centre.
    #[sea_orm(has_many = "super::expert::Entity", via_rel = "Relation::Centre")]
    Expert,
    /// Study visits the centre hosted.
    #[sea_orm(
        has_many = "super::study_visit::Entity",
        via_rel = "Relation::HostCentre"
    )]
    StudyVisit,
    /// Good practices of the centre.
    #[sea_orm(
        has_many = "super::good_practice::Entity",
        via_rel = "Relation::Centre"
    )]
    GoodPractice,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::centre_municipality::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CentreMunicipality.def()
    }
}

impl Related<super::centre_service_category::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CentreServiceCategory.def()
    }
}

impl Related<super::centre_project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CentreProject.def()
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

impl Related<super::study_visit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StudyVisit.def()
    }
}

impl Related<super::good_practice::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GoodPractice.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        super::centre_project::Relation::Project.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::centre_project::Relation::Centre.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
