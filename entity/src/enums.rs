//! Enumerations stored as upper-case strings (SCREAMING_SNAKE, the same spelling the GraphQL
//! enums use). `TargetGroup` and `TeachingMethod` are not column types: they are stored as the
//! elements of JSON arrays (`event.audience`, `training.audience`, `training.methods`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Who besides the owner region may read a region-owned record.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Visibility {
    /// Readable by anyone, including anonymous users.
    #[sea_orm(string_value = "PUBLIC")]
    Public,
    /// Readable by every member of the network.
    #[sea_orm(string_value = "NETWORK")]
    Network,
    /// Readable only within the owner region.
    #[sea_orm(string_value = "REGION")]
    Region,
}

/// Kind of county (powiat).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CountyKind {
    /// Ordinary (land) county (powiat ziemski).
    #[sea_orm(string_value = "COUNTY")]
    County,
    /// City with county rights (miasto na prawach powiatu).
    #[sea_orm(string_value = "CITY_COUNTY")]
    CityCounty,
}

/// Kind of municipality (gmina), as coded in TERYT.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MunicipalityKind {
    /// Urban municipality (gmina miejska, TERYT type 1).
    #[sea_orm(string_value = "URBAN")]
    Urban,
    /// Rural municipality (gmina wiejska, TERYT type 2).
    #[sea_orm(string_value = "RURAL")]
    Rural,
    /// Urban-rural municipality (gmina miejsko-wiejska, TERYT type 3).
    #[sea_orm(string_value = "URBAN_RURAL")]
    UrbanRural,
}

/// Fund behind a funding programme.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Fund {
    /// European Social Fund (Europejski Fundusz Społeczny, EFS), 2014-2020.
    #[sea_orm(string_value = "ESF")]
    Esf,
    /// European Social Fund Plus (Europejski Fundusz Społeczny Plus, EFS+), 2021-2027.
    #[sea_orm(string_value = "ESF_PLUS")]
    EsfPlus,
    /// European Regional Development Fund (Europejski Fundusz Rozwoju Regionalnego, EFRR).
    #[sea_orm(string_value = "ERDF")]
    Erdf,
    /// National (state or local-government budget) funding.
    #[sea_orm(string_value = "NATIONAL")]
    National,
    /// Any other source.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Kind of organisation in the directory.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrganisationKind {
    /// Regional social-policy office (Regionalny Ośrodek Polityki Społecznej, ROPS).
    #[sea_orm(string_value = "ROPS")]
    Rops,
    /// Social-services centre (centrum usług społecznych, CUS).
    #[sea_orm(string_value = "CUS")]
    Cus,
    /// Municipal social-assistance centre (ośrodek pomocy społecznej, OPS/GOPS/MOPS/MGOPS).
    #[sea_orm(string_value = "OPS")]
    Ops,
    /// County family support centre (powiatowe centrum pomocy rodzinie, PCPR).
    #[sea_orm(string_value = "PCPR")]
    Pcpr,
    /// Voivodeship administration (Urząd Marszałkowski, UM).
    #[sea_orm(string_value = "MARSHAL_OFFICE")]
    MarshalOffice,
    /// Regional executive (Zarząd Województwa).
    #[sea_orm(string_value = "VOIVODESHIP_BOARD")]
    VoivodeshipBoard,
    /// Municipality as a local-government unit (gmina, urząd gminy / miasta).
    #[sea_orm(string_value = "MUNICIPALITY")]
    Municipality,
    /// University or college (uczelnia).
    #[sea_orm(string_value = "UNIVERSITY")]
    University,
    /// State authority (e.g. Kancelaria Prezydenta RP).
    #[sea_orm(string_value = "STATE_AUTHORITY")]
    StateAuthority,
    /// Advisory body (e.g. Rada do spraw Społecznych Narodowej Rady Rozwoju).
    #[sea_orm(string_value = "ADVISORY_BODY")]
    AdvisoryBody,
    /// Non-governmental organisation (organizacja pozarządowa).
    #[sea_orm(string_value = "NGO")]
    Ngo,
    /// Senior day club (Klub „Senior+”), usually a facility of a centre.
    #[sea_orm(string_value = "SENIOR_CLUB")]
    SeniorClub,
    /// Venue that hosts events (e.g. Filharmonia Świętokrzyska).
    #[sea_orm(string_value = "VENUE")]
    Venue,
    /// Anything else.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Legal form of a regional social-policy office (ROPS).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RegionalOfficeForm {
    /// Department of the marshal office (ROPS Urzędu Marszałkowskiego).
    #[sea_orm(string_value = "DEPARTMENT_OF_MARSHAL_OFFICE")]
    DepartmentOfMarshalOffice,
    /// Separate regional budget unit (samodzielna jednostka).
    #[sea_orm(string_value = "SEPARATE_UNIT")]
    SeparateUnit,
}

/// Life-cycle status of a social-services centre.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CentreStatus {
    /// Selected for funding, no contract yet.
    #[sea_orm(string_value = "PLANNED")]
    Planned,
    /// Grant contract signed or creation project running; not yet established.
    #[sea_orm(string_value = "IN_CREATION")]
    InCreation,
    /// The establishing council resolution is in effect.
    #[sea_orm(string_value = "OPERATING")]
    Operating,
    /// The centre has been closed.
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

/// How a social-services centre is created.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CreationMode {
    /// Transformation of the municipal OPS (przekształcenie OPS w CUS).
    #[sea_orm(string_value = "OPS_TRANSFORMATION")]
    OpsTransformation,
    /// Centre for two or more municipalities (porozumienie międzygminne).
    #[sea_orm(string_value = "INTER_MUNICIPAL")]
    InterMunicipal,
    /// New unit beside the existing OPS in a city over 100,000 (nowa jednostka).
    #[sea_orm(string_value = "NEW_UNIT_LARGE_CITY")]
    NewUnitLargeCity,
}

/// Statutory area of social services (obszar usług społecznych, art. 2 ust. 1 pkt 1–14 of the
/// 2019 CUS act), in statutory order.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ServiceCategory {
    /// 1. Pro-family policy (polityka prorodzinna).
    #[sea_orm(string_value = "PRO_FAMILY_POLICY")]
    ProFamilyPolicy,
    /// 2. Family support (wspieranie rodziny).
    #[sea_orm(string_value = "FAMILY_SUPPORT")]
    FamilySupport,
    /// 3. Foster care system (system pieczy zastępczej).
    #[sea_orm(string_value = "FOSTER_CARE")]
    FosterCare,
    /// 4. Social assistance (pomoc społeczna).
    #[sea_orm(string_value = "SOCIAL_ASSISTANCE")]
    SocialAssistance,
    /// 5. Health promotion and protection (promocja i ochrona zdrowia).
    #[sea_orm(string_value = "HEALTH_PROMOTION")]
    HealthPromotion,
    /// 6. Support for people with disabilities (wspieranie osób niepełnosprawnych).
    #[sea_orm(string_value = "DISABILITY_SUPPORT")]
    DisabilitySupport,
    /// 7. Public education (edukacja publiczna).
    #[sea_orm(string_value = "PUBLIC_EDUCATION")]
    PublicEducation,
    /// 8. Unemployment prevention (przeciwdziałanie bezrobociu).
    #[sea_orm(string_value = "UNEMPLOYMENT_PREVENTION")]
    UnemploymentPrevention,
    /// 9. Culture (kultura).
    #[sea_orm(string_value = "CULTURE")]
    Culture,
    /// 10. Physical culture and tourism (kultura fizyczna i turystyka).
    #[sea_orm(string_value = "SPORT_AND_TOURISM")]
    SportAndTourism,
    /// 11. Fostering civic engagement (pobudzanie aktywności obywatelskiej).
    #[sea_orm(string_value = "CIVIC_ENGAGEMENT")]
    CivicEngagement,
    /// 12. Housing (mieszkalnictwo).
    #[sea_orm(string_value = "HOUSING")]
    Housing,
    /// 13. Environmental protection (ochrona środowiska).
    #[sea_orm(string_value = "ENVIRONMENTAL_PROTECTION")]
    EnvironmentalProtection,
    /// 14. Social and vocational reintegration (reintegracja zawodowa i społeczna).
    #[sea_orm(string_value = "SOCIAL_AND_VOCATIONAL_REINTEGRATION")]
    SocialAndVocationalReintegration,
}

impl ServiceCategory {
    /// Position in the statutory list (art. 2 ust. 1 pkt N), 1..=14.
    pub fn ordinal(self) -> u8 {
        match self {
            Self::ProFamilyPolicy => 1,
            Self::FamilySupport => 2,
            Self::FosterCare => 3,
            Self::SocialAssistance => 4,
            Self::HealthPromotion => 5,
            Self::DisabilitySupport => 6,
            Self::PublicEducation => 7,
            Self::UnemploymentPrevention => 8,
            Self::Culture => 9,
            Self::SportAndTourism => 10,
            Self::CivicEngagement => 11,
            Self::Housing => 12,
            Self::EnvironmentalProtection => 13,
            Self::SocialAndVocationalReintegration => 14,
        }
    }
}

/// Life-cycle status of a funded project.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProjectStatus {
    /// Application submitted (wniosek złożony).
    #[sea_orm(string_value = "APPLIED")]
    Applied,
    /// Evaluated positively and selected for funding (wybrany do dofinansowania).
    #[sea_orm(string_value = "SELECTED")]
    Selected,
    /// Grant agreement signed (umowa o dofinansowanie podpisana).
    #[sea_orm(string_value = "CONTRACTED")]
    Contracted,
    /// Being carried out.
    #[sea_orm(string_value = "ONGOING")]
    Ongoing,
    /// Finished.
    #[sea_orm(string_value = "COMPLETED")]
    Completed,
    /// Application rejected.
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
}

/// How a project was selected for funding.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SelectionMode {
    /// Competitive call (projekt konkurencyjny).
    #[sea_orm(string_value = "COMPETITIVE")]
    Competitive,
    /// Non-competitive selection (projekt niekonkurencyjny).
    #[sea_orm(string_value = "NON_COMPETITIVE")]
    NonCompetitive,
}

/// Role of an organisation in a project consortium.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ParticipantRole {
    /// Lead beneficiary (beneficjent / lider projektu).
    #[sea_orm(string_value = "LEAD")]
    Lead,
    /// Project partner (partner projektu).
    #[sea_orm(string_value = "PARTNER")]
    Partner,
    /// Academic partner (partner akademicki, e.g. a university).
    #[sea_orm(string_value = "ACADEMIC_PARTNER")]
    AcademicPartner,
}

/// Kind of role a person holds in an organisation.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RoleType {
    /// Director (dyrektor) of a CUS, ROPS or other unit.
    #[sea_orm(string_value = "DIRECTOR")]
    Director,
    /// Deputy director (zastępca dyrektora).
    #[sea_orm(string_value = "DEPUTY_DIRECTOR")]
    DeputyDirector,
    /// Head of an organisational unit (kierownik).
    #[sea_orm(string_value = "HEAD_OF_UNIT")]
    HeadOfUnit,
    /// Marshal of the voivodeship (marszałek województwa).
    #[sea_orm(string_value = "MARSHAL")]
    Marshal,
    /// Vice-marshal of the voivodeship (wicemarszałek).
    #[sea_orm(string_value = "VICE_MARSHAL")]
    ViceMarshal,
    /// Member of the voivodeship board (członek zarządu województwa).
    #[sea_orm(string_value = "BOARD_MEMBER")]
    BoardMember,
    /// Head of a municipality (wójt / burmistrz / prezydent miasta).
    #[sea_orm(string_value = "MUNICIPAL_HEAD")]
    MunicipalHead,
    /// Rector of a university (rektor).
    #[sea_orm(string_value = "RECTOR")]
    Rector,
    /// Vice-rector of a university (prorektor).
    #[sea_orm(string_value = "PRORECTOR")]
    Prorector,
    /// Chair of a council or body (przewodniczący).
    #[sea_orm(string_value = "CHAIR")]
    Chair,
    /// Member of a council or advisory body (członek rady).
    #[sea_orm(string_value = "COUNCIL_MEMBER")]
    CouncilMember,
    /// Expert (ekspert).
    #[sea_orm(string_value = "EXPERT")]
    Expert,
    /// Specialist or other staff member (specjalista, pracownik).
    #[sea_orm(string_value = "SPECIALIST")]
    Specialist,
    /// Any other role.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Kind of event.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventKind {
    /// Conference (konferencja).
    #[sea_orm(string_value = "CONFERENCE")]
    Conference,
    /// Educational and information meeting (spotkanie edukacyjno-informacyjne).
    #[sea_orm(string_value = "EDUCATIONAL_MEETING")]
    EducationalMeeting,
    /// Dissemination meeting (spotkanie upowszechniające).
    #[sea_orm(string_value = "DISSEMINATION_MEETING")]
    DisseminationMeeting,
    /// Workshop (warsztaty).
    #[sea_orm(string_value = "WORKSHOP")]
    Workshop,
    /// Ceremony, e.g. a diploma ceremony (uroczystość).
    #[sea_orm(string_value = "CEREMONY")]
    Ceremony,
    /// Congress (kongres).
    #[sea_orm(string_value = "CONGRESS")]
    Congress,
}

/// Format of an event or training.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventFormat {
    /// On site (stacjonarnie).
    #[sea_orm(string_value = "ONSITE")]
    Onsite,
    /// Online (zdalnie).
    #[sea_orm(string_value = "ONLINE")]
    Online,
    /// Partly on site, partly online (hybrydowo).
    #[sea_orm(string_value = "HYBRID")]
    Hybrid,
}

/// Role of a person at an event.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventRole {
    /// Host or moderator (gospodarz, prowadzący).
    #[sea_orm(string_value = "HOST")]
    Host,
    /// Speaker (prelegent).
    #[sea_orm(string_value = "SPEAKER")]
    Speaker,
    /// Invited expert (ekspert).
    #[sea_orm(string_value = "EXPERT")]
    Expert,
    /// Guest (gość).
    #[sea_orm(string_value = "GUEST")]
    Guest,
    /// Participant (uczestnik).
    #[sea_orm(string_value = "PARTICIPANT")]
    Participant,
}

/// Kind of training.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TrainingKind {
    /// Local community organising (organizacja społeczności lokalnej).
    #[sea_orm(string_value = "COMMUNITY_ORGANISATION")]
    CommunityOrganisation,
    /// Management and organisation of social services, for future CUS directors
    /// (zarządzanie i organizacja usług społecznych).
    #[sea_orm(string_value = "SERVICES_MANAGEMENT")]
    ServicesManagement,
    /// Preparing and carrying out individual social-services plans (indywidualny plan usług
    /// społecznych, IPUS).
    #[sea_orm(string_value = "IPUS")]
    Ipus,
    /// Deinstitutionalisation planning (lokalny plan deinstytucjonalizacji, LPDI).
    #[sea_orm(string_value = "DEINSTITUTIONALISATION_PLANNING")]
    DeinstitutionalisationPlanning,
    /// Any other training.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Publication status of a good practice.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PublicationStatus {
    /// Draft, visible to the owner region only (szkic).
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    /// Published (opublikowana).
    #[sea_orm(string_value = "PUBLISHED")]
    Published,
}

/// Kind of document or material.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentKind {
    /// Brochure (broszura).
    #[sea_orm(string_value = "BROCHURE")]
    Brochure,
    /// Procedure (procedura).
    #[sea_orm(string_value = "PROCEDURE")]
    Procedure,
    /// Presentation (prezentacja).
    #[sea_orm(string_value = "PRESENTATION")]
    Presentation,
    /// Report (raport, sprawozdanie).
    #[sea_orm(string_value = "REPORT")]
    Report,
    /// Legal act (akt prawny, uchwała).
    #[sea_orm(string_value = "LEGAL_ACT")]
    LegalAct,
    /// Photo gallery (galeria).
    #[sea_orm(string_value = "GALLERY")]
    Gallery,
    /// Any other material.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Target group: either a beneficiary group (who social services are for) or an audience
/// group (who events and trainings are for). Stored as elements of JSON arrays.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TargetGroup {
    /// Beneficiary: every resident regardless of income (każdy mieszkaniec, bez względu na
    /// dochód).
    #[sea_orm(string_value = "ALL_RESIDENTS")]
    AllResidents,
    /// Beneficiary: families in crisis (rodziny w kryzysie).
    #[sea_orm(string_value = "FAMILIES_IN_CRISIS")]
    FamiliesInCrisis,
    /// Beneficiary: children (dzieci).
    #[sea_orm(string_value = "CHILDREN")]
    Children,
    /// Beneficiary: people living alone (osoby samotne).
    #[sea_orm(string_value = "PEOPLE_LIVING_ALONE")]
    PeopleLivingAlone,
    /// Beneficiary: older people (osoby starsze).
    #[sea_orm(string_value = "OLDER_PEOPLE")]
    OlderPeople,
    /// Beneficiary: people with disabilities (osoby z niepełnosprawnościami).
    #[sea_orm(string_value = "PEOPLE_WITH_DISABILITIES")]
    PeopleWithDisabilities,
    /// Beneficiary: families in a difficult situation (rodziny w trudnej sytuacji).
    #[sea_orm(string_value = "FAMILIES_IN_DIFFICULT_SITUATION")]
    FamiliesInDifficultSituation,
    /// Beneficiary: people affected by domestic violence (osoby doznające przemocy domowej).
    #[sea_orm(string_value = "DOMESTIC_VIOLENCE_AFFECTED")]
    DomesticViolenceAffected,
    /// Beneficiary: homeless people (osoby w kryzysie bezdomności).
    #[sea_orm(string_value = "HOMELESS_PEOPLE")]
    HomelessPeople,
    /// Beneficiary: people in a health crisis (osoby w kryzysie zdrowotnym).
    #[sea_orm(string_value = "PEOPLE_IN_HEALTH_CRISIS")]
    PeopleInHealthCrisis,
    /// Beneficiary: jobseekers (osoby poszukujące pracy).
    #[sea_orm(string_value = "JOBSEEKERS")]
    Jobseekers,
    /// Audience: representatives of local-government units (przedstawiciele JST).
    #[sea_orm(string_value = "LOCAL_GOVERNMENT")]
    LocalGovernment,
    /// Audience: heads of municipalities (prezydenci, burmistrzowie, wójtowie).
    #[sea_orm(string_value = "MUNICIPAL_HEADS")]
    MunicipalHeads,
    /// Audience: social-assistance institutions (instytucje pomocy społecznej).
    #[sea_orm(string_value = "SOCIAL_ASSISTANCE_INSTITUTIONS")]
    SocialAssistanceInstitutions,
    /// Audience: staff of municipal social-assistance centres (pracownicy OPS).
    #[sea_orm(string_value = "OPS_STAFF")]
    OpsStaff,
    /// Audience: staff of county family support centres (pracownicy PCPR).
    #[sea_orm(string_value = "PCPR_STAFF")]
    PcprStaff,
    /// Audience: staff of social-services centres (pracownicy CUS).
    #[sea_orm(string_value = "CUS_STAFF")]
    CusStaff,
    /// Audience: future CUS directors (przyszli dyrektorzy CUS).
    #[sea_orm(string_value = "FUTURE_CUS_DIRECTORS")]
    FutureCusDirectors,
    /// Audience: family support, foster care and adoption bodies (podmioty wspierania rodziny,
    /// pieczy zastępczej oraz adopcji).
    #[sea_orm(string_value = "FAMILY_SUPPORT_FOSTER_CARE_ADOPTION")]
    FamilySupportFosterCareAdoption,
    /// Audience: support centres (ośrodki wsparcia).
    #[sea_orm(string_value = "SUPPORT_CENTRES")]
    SupportCentres,
    /// Audience: social economy entities (podmioty ekonomii społecznej, PES).
    #[sea_orm(string_value = "SOCIAL_ECONOMY_ENTITIES")]
    SocialEconomyEntities,
    /// Audience: non-governmental organisations (organizacje pozarządowe).
    #[sea_orm(string_value = "NGOS")]
    Ngos,
    /// Audience: students and trainees (studenci, praktykanci).
    #[sea_orm(string_value = "STUDENTS_TRAINEES")]
    StudentsTrainees,
}

/// Teaching method used in a training. Stored as elements of `training.methods`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TeachingMethod {
    /// Lecture (wykład).
    #[sea_orm(string_value = "LECTURE")]
    Lecture,
    /// Exercise (ćwiczenia).
    #[sea_orm(string_value = "EXERCISE")]
    Exercise,
    /// Workshop (warsztaty).
    #[sea_orm(string_value = "WORKSHOP")]
    Workshop,
    /// Study visit (wizyta studyjna).
    #[sea_orm(string_value = "STUDY_VISIT")]
    StudyVisit,
}

/// Status of a participant in a training.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EnrollmentStatus {
    /// Enrolled, training under way (zapisany).
    #[sea_orm(string_value = "ENROLLED")]
    Enrolled,
    /// Completed the training (ukończył).
    #[sea_orm(string_value = "COMPLETED")]
    Completed,
    /// Withdrew before completing (zrezygnował).
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// Kind of proof of completion.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CertificateKind {
    /// Diploma (dyplom).
    #[sea_orm(string_value = "DIPLOMA")]
    Diploma,
    /// Certificate of completion (zaświadczenie o ukończeniu).
    #[sea_orm(string_value = "COMPLETION_CERTIFICATE")]
    CompletionCertificate,
}
