//! The Relay `Node` interface: every record with a global id.

use crate::graphql::types::*;
use async_graphql::{ID, Interface};

/// Any record with a global id; fetch one with `node(id:)`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Global id."))]
pub enum Node {
    Region(Region),
    County(County),
    Municipality(Municipality),
    FundingProgramme(FundingProgramme),
    FundingAction(FundingAction),
    Organisation(Organisation),
    Centre(Centre),
    Project(Project),
    Person(Person),
    Expert(Expert),
    ContactPerson(ContactPerson),
    Event(Event),
    StudyVisit(StudyVisit),
    Training(Training),
    GoodPractice(GoodPractice),
    Document(Document),
    TrainingEnrollment(TrainingEnrollment),
    Certificate(Certificate),
}
