//! The connection types of every list field.

use crate::graphql::connection::connection;
use crate::graphql::types::*;

connection!(RegionConnection, RegionEdge, Region, "regions");
connection!(
    MunicipalityConnection,
    MunicipalityEdge,
    Municipality,
    "municipalities"
);
connection!(
    FundingProgrammeConnection,
    FundingProgrammeEdge,
    FundingProgramme,
    "funding programmes"
);
connection!(
    OrganisationConnection,
    OrganisationEdge,
    Organisation,
    "organisations"
);
connection!(CentreConnection, CentreEdge, Centre, "centres");
connection!(ProjectConnection, ProjectEdge, Project, "projects");
connection!(PersonConnection, PersonEdge, Person, "people");
connection!(ExpertConnection, ExpertEdge, Expert, "experts");
connection!(
    ContactPersonConnection,
    ContactPersonEdge,
    ContactPerson,
    "contact people"
);
connection!(EventConnection, EventEdge, Event, "events");
connection!(TrainingConnection, TrainingEdge, Training, "trainings");
connection!(
    StudyVisitConnection,
    StudyVisitEdge,
    StudyVisit,
    "study visits"
);
connection!(
    GoodPracticeConnection,
    GoodPracticeEdge,
    GoodPractice,
    "good practices"
);
connection!(DocumentConnection, DocumentEdge, Document, "documents");
