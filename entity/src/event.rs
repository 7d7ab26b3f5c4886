//! Events: conferences, meetings, workshops, ceremonies and congresses.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{EventFormat, EventKind, Visibility};

/// A row of `event`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "event")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Event title.
    pub title: String,
    /// Kind of event.
    pub kind: EventKind,
    /// On-site, online or hybrid.
    pub format: EventFormat,
    /// Partial date as known: "2021-10-28", "2021-10" or "2021".
    #[sea_orm(column_type = "String(StringLen::N(10))")]
    pub date_text: Option<String>,
    /// First day, when known exactly.
    pub start_date: Option<Date>,
    /// Last day, when known exactly.
    pub end_date: Option<Date>,
    /// Name of the venue (e.g. "Filharmonia Świętokrzyska").
    pub venue_name: Option<String>,
    /// Municipality of the venue.
    pub venue_municipality_id: Option<i64>,
    /// Project the event belongs to.
    pub project_id: Option<i64>,
    /// Free-text description.
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    /// Target groups addressed (JSON array of `TargetGroup` values).
    pub audience: Json,
    /// Stated goals (JSON array of strings).
    pub goals: Json,
    /// Topics covered (JSON array of strings).
    pub topics: Json,
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

/// Relations of `event`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_event_owner_region_id"
    )]
    OwnerRegion,
    /// Municipality of the venue.
    #[sea_orm(
        belongs_to = "super::municipality::Entity",
        from = "Column::VenueMunicipalityId",
        to = "super::municipality::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_event_venue_municipality_id"
    )]
    VenueMunicipality,
    /// Project the event belongs to.
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_event_project_id"
    )]
    Project,
    /// Links to the organisers.
    #[sea_orm(
        has_many = "super::event_organiser::Entity",
        via_rel = "Relation::Event"
    )]
    EventOrganiser,
    /// People who appeared at the event.
    #[sea_orm(
        has_many = "super::event_participation::Entity",
        via_rel = "Relation::Event"
    )]
    EventParticipation,
    /// Links to good practices presented.
    #[sea_orm(
        has_many = "super::event_good_practice::Entity",
        via_rel = "Relation::Event"
    )]
    EventGoodPractice,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::municipality::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::VenueMunicipality.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::event_organiser::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventOrganiser.def()
    }
}

impl Related<super::event_participation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventParticipation.def()
    }
}

impl Related<super::event_good_practice::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventGoodPractice.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_organiser::Relation::Organisation.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::event_organiser::Relation::Event.def().rev())
    }
}

impl Related<super::good_practice::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_good_practice::Relation::GoodPractice.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::event_good_practice::Relation::Event.def().rev())
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_participation::Relation::Person.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::event_participation::Relation::Event.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
