//! GraphQL object types. Each wraps an entity model; nested fields load through the
//! request's DataLoaders, so they see exactly what the caller's scope allows.

pub mod centre;
pub mod event;
pub mod knowledge;
pub mod node;
pub mod organisation;
pub mod person;
pub mod project;
pub mod reference;
pub mod training_records;

pub use centre::Centre;
pub use event::{Event, StudyVisit, Training};
pub use knowledge::{Document, GoodPractice};
pub use node::Node;
pub use organisation::Organisation;
pub use person::{ContactPerson, Expert, Person};
pub use project::Project;
pub use reference::{
    County, FundingAction, FundingProgramme, Municipality, Region, RegionalOffice,
};
pub use training_records::{Certificate, EnrollmentCounts, TrainingEnrollment};

/// Strings from a JSON array column (non-strings are skipped).
pub(crate) fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
