//! Opaque global ids: base64url of `Type:number`. Clients must treat them as opaque strings.

use crate::error::{AppError, AppResult};
use async_graphql::ID;
use base64::Engine;

/// The record types that have global ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Region,
    County,
    Municipality,
    FundingProgramme,
    FundingAction,
    Organisation,
    Centre,
    Project,
    Person,
    Expert,
    ContactPerson,
    Event,
    StudyVisit,
    Training,
    GoodPractice,
    Document,
    TrainingEnrollment,
    Certificate,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 18] = [
        Kind::Region,
        Kind::County,
        Kind::Municipality,
        Kind::FundingProgramme,
        Kind::FundingAction,
        Kind::Organisation,
        Kind::Centre,
        Kind::Project,
        Kind::Person,
        Kind::Expert,
        Kind::ContactPerson,
        Kind::Event,
        Kind::StudyVisit,
        Kind::Training,
        Kind::GoodPractice,
        Kind::Document,
        Kind::TrainingEnrollment,
        Kind::Certificate,
    ];

    /// The kind of a GraphQL type name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether records of this kind belong to a region (rather than being reference data).
    pub fn is_region_owned(self) -> bool {
        !matches!(
            self,
            Kind::Region
                | Kind::County
                | Kind::Municipality
                | Kind::FundingProgramme
                | Kind::FundingAction
        )
    }

    /// The GraphQL type name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Region => "Region",
            Kind::County => "County",
            Kind::Municipality => "Municipality",
            Kind::FundingProgramme => "FundingProgramme",
            Kind::FundingAction => "FundingAction",
            Kind::Organisation => "Organisation",
            Kind::Centre => "Centre",
            Kind::Project => "Project",
            Kind::Person => "Person",
            Kind::Expert => "Expert",
            Kind::ContactPerson => "ContactPerson",
            Kind::Event => "Event",
            Kind::StudyVisit => "StudyVisit",
            Kind::Training => "Training",
            Kind::GoodPractice => "GoodPractice",
            Kind::Document => "Document",
            Kind::TrainingEnrollment => "TrainingEnrollment",
            Kind::Certificate => "Certificate",
        }
    }
}

/// The global id of a record.
pub fn encode(kind: Kind, id: i64) -> ID {
    ID(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.name())))
}

/// Decodes any global id; `field` names the argument in the error.
pub fn decode(field: &str, id: &ID) -> AppResult<(Kind, i64)> {
    let bad = || AppError::bad_input(field, "malformed id");
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(id.as_str())
        .map_err(|_| bad())?;
    let raw = String::from_utf8(raw).map_err(|_| bad())?;
    let (name, num) = raw.split_once(':').ok_or_else(bad)?;
    let kind = Kind::ALL
        .into_iter()
        .find(|k| k.name() == name)
        .ok_or_else(bad)?;
    let num = num.parse::<i64>().map_err(|_| bad())?;
    Ok((kind, num))
}

/// Decodes a global id that must be of the given type.
pub fn decode_as(field: &str, id: &ID, expected: Kind) -> AppResult<i64> {
    match decode(field, id)? {
        (kind, n) if kind == expected => Ok(n),
        _ => Err(AppError::bad_input(
            field,
            format!("expected an id of a {}", expected.name()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_reject_other_types() {
        let id = encode(Kind::Centre, 42);
        assert_eq!(decode("id", &id).ok(), Some((Kind::Centre, 42)));
        assert!(decode_as("id", &id, Kind::Project).is_err());
        assert!(decode("id", &ID("Q2VudHJlOng".into())).is_err());
        assert!(decode("id", &ID("%%%".into())).is_err());
    }
}
