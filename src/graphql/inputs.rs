//! Filter and sort inputs of the list fields.

use crate::graphql::enums::{
    CentreStatus, DocumentKind, EventKind, MunicipalityKind, OrganisationKind, ProjectStatus,
    PublicationStatus, ServiceCategory, TrainingKind, Visibility,
};
use crate::graphql::scalars::Date;
use async_graphql::{Enum, ID, InputObject};

/// Conditions every list of region-owned records accepts. All given conditions must hold.
#[derive(InputObject, Default, Debug, Clone)]
pub struct RecordFilter {
    /// Only these records (global ids).
    pub ids: Option<Vec<ID>>,
    /// Only records owned by these regions (two-digit TERYT codes, e.g. `["26", "18"]`).
    pub region_codes: Option<Vec<String>>,
    /// Text search, case- and Polish-diacritics-insensitive: `lagow` finds „Łagów”.
    pub search: Option<String>,
    /// Only records with these visibilities.
    pub visibilities: Option<Vec<Visibility>>,
    /// Only records changed at or after this time.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

/// Filter for `centres`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct CentreFilter {
    #[graphql(flatten)]
    pub record: RecordFilter,
    /// Only centres in these statuses.
    pub statuses: Option<Vec<CentreStatus>>,
    /// Only centres offering at least one of these service areas.
    pub service_categories: Option<Vec<ServiceCategory>>,
    /// Only centres serving one of these municipalities (seven-digit TERYT codes).
    pub municipality_codes: Option<Vec<String>>,
    /// Only centres operating since this day or later.
    pub operating_since_from: Option<Date>,
    /// Only centres operating since this day or earlier.
    pub operating_since_to: Option<Date>,
}

/// Filter for `projects`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct ProjectFilter {
    #[graphql(flatten)]
    pub record: RecordFilter,
    /// Only projects in these statuses.
    pub statuses: Option<Vec<ProjectStatus>>,
    /// Only projects of these programmes (codes, e.g. `FERS`).
    pub programme_codes: Option<Vec<String>>,
    /// Only projects awarded at least this much (PLN, decimal string, e.g. `"1000000.00"`).
    pub awarded_min: Option<String>,
    /// Only projects awarded at most this much (PLN, decimal string).
    pub awarded_max: Option<String>,
    /// Only projects whose agreement was signed on or after this day.
    pub agreement_signed_from: Option<Date>,
    /// Only projects whose agreement was signed on or before this day.
    pub agreement_signed_to: Option<Date>,
}

/// Filter for `organisations`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct OrganisationFilter {
    #[graphql(flatten)]
    pub record: RecordFilter,
    /// Only organisations of these kinds.
    pub kinds: Option<Vec<OrganisationKind>>,
}

/// Filter for `events`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct EventFilter {
    #[graphql(flatten)]
    pub record: RecordFilter,
    /// Only events of these kinds.
    pub kinds: Option<Vec<EventKind>>,
    /// Only events starting on or after this day (events with an unknown day are left out).
    pub date_from: Option<Date>,
    /// Only events starting on or before this day (events with an unknown day are left out).
    pub date_to: Option<Date>,
}

/// Filter for `trainings`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct TrainingFilter {
    #[graphql(flatten)]
    pub record: RecordFilter,
    /// Only trainings of these kinds.
    pub kinds: Option<Vec<TrainingKind>>,
}

/// Filter for `studyVisits`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct StudyVisitFilter {
    #[graphql(flatten)]
    pub record: RecordFilter,
    /// Only visits to these centres (global ids).
    pub host_centre_ids: Option<Vec<ID>>,
    /// Only visits on or after this day.
    pub date_from: Option<Date>,
    /// Only visits on or before this day.
    pub date_to: Option<Date>,
}

/// Filter for `goodPractices`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct GoodPracticeFilter {
    #[graphql(flatten)]
    pub record: RecordFilter,
    /// Only practices in these publication statuses (drafts only reach the owner region).
    pub statuses: Option<Vec<PublicationStatus>>,
    /// Only practices of these centres (global ids).
    pub centre_ids: Option<Vec<ID>>,
}

/// Filter for `documents`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct DocumentFilter {
    #[graphql(flatten)]
    pub record: RecordFilter,
    /// Only documents of these kinds.
    pub kinds: Option<Vec<DocumentKind>>,
}

/// Filter for `experts`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct ExpertFilter {
    #[graphql(flatten)]
    pub record: RecordFilter,
    /// Only experts of these centres (global ids).
    pub centre_ids: Option<Vec<ID>>,
}

/// Filter for `municipalities`.
#[derive(InputObject, Default, Debug, Clone)]
pub struct MunicipalityFilter {
    /// Only municipalities in these regions (two-digit TERYT codes).
    pub region_codes: Option<Vec<String>>,
    /// Only these TERYT codes (seven digits).
    pub teryt_codes: Option<Vec<String>>,
    /// Only municipalities of these kinds.
    pub kinds: Option<Vec<MunicipalityKind>>,
    /// Name search, case- and diacritics-insensitive.
    pub search: Option<String>,
}

/// Order of a list. Ties are broken by id, so paging never skips or repeats an item.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Default)]
pub enum RecordSort {
    /// By name or title, A to Z (the default).
    #[default]
    NameAsc,
    /// By name or title, Z to A.
    NameDesc,
    /// Least recently changed first.
    UpdatedAtAsc,
    /// Most recently changed first.
    UpdatedAtDesc,
}
