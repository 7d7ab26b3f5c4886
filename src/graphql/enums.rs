//! GraphQL enums. Each mirrors a database enum of the `entity` crate (`remote`), so a change
//! to a column's values shows up here as a compile error instead of a silent schema change.

use async_graphql::Enum;

/// Who besides the owner region may read a record.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::Visibility")]
pub enum Visibility {
    /// Everyone, including callers without a token.
    Public,
    /// Every authenticated member of the network.
    Network,
    /// Only the owner region (and the network administrator).
    Region,
}

/// Kind of county (powiat).
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::CountyKind")]
pub enum CountyKind {
    /// A land county (powiat ziemski).
    County,
    /// A city with county rights (miasto na prawach powiatu).
    CityCounty,
}

/// Kind of municipality (gmina), from the last digit of its TERYT code.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::MunicipalityKind")]
pub enum MunicipalityKind {
    /// Gmina miejska (TERYT kind 1).
    Urban,
    /// Gmina wiejska (TERYT kind 2).
    Rural,
    /// Gmina miejsko-wiejska (TERYT kind 3).
    UrbanRural,
}

/// EU or national fund behind a programme.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::Fund")]
pub enum Fund {
    /// European Social Fund (EFS), 2014–2020.
    Esf,
    /// European Social Fund Plus (EFS+), 2021–2027.
    EsfPlus,
    /// European Regional Development Fund (EFRR).
    Erdf,
    /// National funds.
    National,
    /// Any other source.
    Other,
}

/// Kind of organisation.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::OrganisationKind")]
pub enum OrganisationKind {
    /// Regionalny Ośrodek Polityki Społecznej – regional social-policy office.
    Rops,
    /// Centrum usług społecznych – social-services centre.
    Cus,
    /// Ośrodek pomocy społecznej – municipal social-assistance centre.
    Ops,
    /// Powiatowe centrum pomocy rodzinie – county family-support centre.
    Pcpr,
    /// Urząd Marszałkowski – voivodeship administration.
    MarshalOffice,
    /// Zarząd Województwa – voivodeship board.
    VoivodeshipBoard,
    /// A municipality (gmina) as an organisation.
    Municipality,
    /// University or college.
    University,
    /// State authority (e.g. the Chancellery of the President).
    StateAuthority,
    /// Advisory body (e.g. a council of the National Development Council).
    AdvisoryBody,
    /// Non-governmental organisation.
    Ngo,
    /// Senior club (e.g. Klub „Senior+”).
    SeniorClub,
    /// Venue such as a concert hall.
    Venue,
    /// Anything else.
    Other,
}

/// Organisational form of a regional social-policy office.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::RegionalOfficeForm")]
pub enum RegionalOfficeForm {
    /// A department of the Urząd Marszałkowski.
    DepartmentOfMarshalOffice,
    /// A separate regional budget unit.
    SeparateUnit,
}

/// Life-cycle status of a centre.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::CentreStatus")]
pub enum CentreStatus {
    /// Planned: funding applied for or selected.
    Planned,
    /// Being set up: funding agreement signed.
    InCreation,
    /// Operating.
    Operating,
    /// Closed.
    Closed,
}

/// How a centre was created (ustawa o CUS, 2019).
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::CreationMode")]
pub enum CreationMode {
    /// The municipality transformed its OPS into the centre.
    OpsTransformation,
    /// Two or more municipalities created it by agreement (porozumienie międzygminne).
    InterMunicipal,
    /// A city over 100,000 inhabitants created a new unit beside its OPS.
    NewUnitLargeCity,
}

/// The 14 areas of social services (art. 2 ust. 1 of the 2019 act), in statutory order.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::ServiceCategory")]
pub enum ServiceCategory {
    /// 1. Polityka prorodzinna – pro-family policy.
    ProFamilyPolicy,
    /// 2. Wspieranie rodziny – family support.
    FamilySupport,
    /// 3. System pieczy zastępczej – foster care.
    FosterCare,
    /// 4. Pomoc społeczna – social assistance.
    SocialAssistance,
    /// 5. Promocja i ochrona zdrowia – health promotion and protection.
    HealthPromotion,
    /// 6. Wspieranie osób niepełnosprawnych – support for people with disabilities.
    DisabilitySupport,
    /// 7. Edukacja publiczna – public education.
    PublicEducation,
    /// 8. Przeciwdziałanie bezrobociu – preventing unemployment.
    UnemploymentPrevention,
    /// 9. Kultura – culture.
    Culture,
    /// 10. Kultura fizyczna i turystyka – sport and tourism.
    SportAndTourism,
    /// 11. Pobudzanie aktywności obywatelskiej – civic engagement.
    CivicEngagement,
    /// 12. Mieszkalnictwo – housing.
    Housing,
    /// 13. Ochrona środowiska – environmental protection.
    EnvironmentalProtection,
    /// 14. Reintegracja zawodowa i społeczna – social and vocational reintegration.
    SocialAndVocationalReintegration,
}

/// Status of a funded project.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::ProjectStatus")]
pub enum ProjectStatus {
    /// Application submitted.
    Applied,
    /// Selected for funding, agreement not yet signed.
    Selected,
    /// Funding agreement signed.
    Contracted,
    /// Running.
    Ongoing,
    /// Finished.
    Completed,
    /// Not selected.
    Rejected,
}

/// How a project was selected for funding.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::SelectionMode")]
pub enum SelectionMode {
    /// Competitive call.
    Competitive,
    /// Non-competitive (e.g. ROPS coordination projects).
    NonCompetitive,
}

/// An organisation's role in a project.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::ParticipantRole")]
pub enum ParticipantRole {
    /// Lead applicant (lider).
    Lead,
    /// Partner.
    Partner,
    /// Academic partner.
    AcademicPartner,
}

/// Kind of position a person holds.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::RoleType")]
pub enum RoleType {
    /// Dyrektor.
    Director,
    /// Zastępca dyrektora.
    DeputyDirector,
    /// Kierownik – head of a unit.
    HeadOfUnit,
    /// Marszałek województwa.
    Marshal,
    /// Wicemarszałek województwa.
    ViceMarshal,
    /// Członek zarządu województwa.
    BoardMember,
    /// Wójt, burmistrz or prezydent miasta.
    MunicipalHead,
    /// Rektor.
    Rector,
    /// Prorektor.
    Prorector,
    /// Chair of a body (przewodniczący).
    Chair,
    /// Member of a council or advisory body (członek rady).
    CouncilMember,
    /// Expert.
    Expert,
    /// Specialist.
    Specialist,
    /// Any other role.
    Other,
}

/// Kind of event.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::EventKind")]
pub enum EventKind {
    /// Conference.
    Conference,
    /// Educational-information meeting.
    EducationalMeeting,
    /// Dissemination meeting (spotkanie upowszechniające).
    DisseminationMeeting,
    /// Workshop.
    Workshop,
    /// Ceremony (e.g. handing over diplomas).
    Ceremony,
    /// Congress.
    Congress,
}

/// How an event or training is held.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::EventFormat")]
pub enum EventFormat {
    /// In person.
    Onsite,
    /// Remote.
    Online,
    /// Both.
    Hybrid,
}

/// A person's role at an event.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::EventRole")]
pub enum EventRole {
    /// Host.
    Host,
    /// Speaker.
    Speaker,
    /// Expert.
    Expert,
    /// Guest.
    Guest,
    /// Participant.
    Participant,
}

/// Kind of training.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::TrainingKind")]
pub enum TrainingKind {
    /// Organizacja społeczności lokalnej – community organising.
    CommunityOrganisation,
    /// Zarządzanie usługami społecznymi – for future CUS directors.
    ServicesManagement,
    /// Individual social-services plans (IPUS).
    Ipus,
    /// Deinstitutionalisation planning.
    DeinstitutionalisationPlanning,
    /// Other.
    Other,
}

/// Publication status of a good practice.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::PublicationStatus")]
pub enum PublicationStatus {
    /// Draft: visible to the owner region only.
    Draft,
    /// Published to the network.
    Published,
}

/// Kind of document.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::DocumentKind")]
pub enum DocumentKind {
    /// Brochure.
    Brochure,
    /// Procedure.
    Procedure,
    /// Presentation.
    Presentation,
    /// Report.
    Report,
    /// Legal act.
    LegalAct,
    /// Photo gallery.
    Gallery,
    /// Other.
    Other,
}

/// Status of a participant in a training.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::EnrollmentStatus")]
pub enum EnrollmentStatus {
    /// Zapisany – enrolled, training under way.
    Enrolled,
    /// Ukończył – completed the training.
    Completed,
    /// Zrezygnował – withdrew before completing.
    Withdrawn,
}

/// Kind of proof of completion.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(remote = "entity::enums::CertificateKind")]
pub enum CertificateKind {
    /// Dyplom – diploma.
    Diploma,
    /// Zaświadczenie o ukończeniu – certificate of completion.
    CompletionCertificate,
}
