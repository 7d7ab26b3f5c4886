//! cusnet database entities: sea-orm models and relations for every table the migrations
//! create, the string-backed enums their columns use, and the region-owned contract the
//! access layer relies on. No business logic lives here.

pub mod audit_entry;
pub mod centre;
pub mod centre_municipality;
pub mod centre_project;
pub mod centre_service_category;
pub mod certificate;
pub mod change_event;
pub mod change_feed_prune;
pub mod contact_person;
pub mod county;
pub mod document;
pub mod enums;
pub mod event;
pub mod event_good_practice;
pub mod event_organiser;
pub mod event_participation;
pub mod expert;
pub mod external_ref;
pub mod funding_action;
pub mod funding_programme;
pub mod good_practice;
pub mod good_practice_document;
pub mod idempotency_key;
pub mod municipality;
pub mod organisation;
pub mod owned;
pub mod person;
pub mod person_erasure;
pub mod personal_data_access;
pub mod personal_data_access_person;
pub mod position;
pub mod project;
pub mod project_participant;
pub mod region;
pub mod regional_office;
pub mod study_visit;
pub mod study_visit_organiser;
pub mod sync_push;
pub mod training;
pub mod training_enrollment;
pub mod training_partner;

pub use owned::{OwnedModel, RegionOwned};

/// The entity types under their table names (`Centre`, `Project`, …).
pub mod prelude {
    pub use crate::centre::Entity as Centre;
    pub use crate::centre_municipality::Entity as CentreMunicipality;
    pub use crate::centre_project::Entity as CentreProject;
    pub use crate::centre_service_category::Entity as CentreServiceCategory;
    pub use crate::contact_person::Entity as ContactPerson;
    pub use crate::county::Entity as County;
    pub use crate::document::Entity as Document;
    pub use crate::event::Entity as Event;
    pub use crate::event_good_practice::Entity as EventGoodPractice;
    pub use crate::event_organiser::Entity as EventOrganiser;
    pub use crate::event_participation::Entity as EventParticipation;
    pub use crate::expert::Entity as Expert;
    pub use crate::funding_action::Entity as FundingAction;
    pub use crate::funding_programme::Entity as FundingProgramme;
    pub use crate::good_practice::Entity as GoodPractice;
    pub use crate::good_practice_document::Entity as GoodPracticeDocument;
    pub use crate::municipality::Entity as Municipality;
    pub use crate::organisation::Entity as Organisation;
    pub use crate::person::Entity as Person;
    pub use crate::position::Entity as Position;
    pub use crate::project::Entity as Project;
    pub use crate::project_participant::Entity as ProjectParticipant;
    pub use crate::region::Entity as Region;
    pub use crate::regional_office::Entity as RegionalOffice;
    pub use crate::study_visit::Entity as StudyVisit;
    pub use crate::study_visit_organiser::Entity as StudyVisitOrganiser;
    pub use crate::training::Entity as Training;
    pub use crate::training_partner::Entity as TrainingPartner;
}
