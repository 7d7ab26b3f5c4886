//! Training enrollments and certificates: personal data, read only by the organising region,
//! the training's current partner universities and the network administrator (the rule lives
//! in `access::personal`). Every response carrying a participant's name is noted in the
//! personal-data access log.

use crate::graphql::enums::{CertificateKind, EnrollmentStatus};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::req;
use crate::graphql::scalars::Date;
use crate::graphql::types::{Organisation, Person, Training};
use crate::service::access_log::AccessCollector;
use async_graphql::{Context, ID, Object, Result, SimpleObject};

/// Notes in the request's access log that the response contains data of `person_id`.
pub(crate) fn note_person(ctx: &Context<'_>, person_id: i64) {
    if let Ok(c) = ctx.data::<AccessCollector>() {
        c.note(person_id);
    }
}

/// Notes personal data of a person whose owner region is at hand.
pub(crate) fn note_owned_person(ctx: &Context<'_>, person_id: i64, owner_region_id: i64) {
    if let Ok(c) = ctx.data::<AccessCollector>() {
        c.note_owned(person_id, owner_region_id);
    }
}

/// A participant of a training (uczestnik szkolenia). Personal data.
#[derive(Clone)]
pub struct TrainingEnrollment(pub entity::training_enrollment::Model);

/// A participant of a training (uczestnik szkolenia). Personal data: readable by the
/// organising region, the training's current partner universities and the network
/// administrator.
#[Object]
impl TrainingEnrollment {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::TrainingEnrollment, self.0.id)
    }
    /// The training.
    async fn training(&self, ctx: &Context<'_>) -> Result<Option<Training>> {
        Ok(req(ctx)?
            .loaders
            .training()
            .load_one(self.0.training_id)
            .await?
            .map(Training))
    }
    /// The participant's name as the organiser recorded it.
    async fn participant_name(&self, ctx: &Context<'_>) -> &str {
        note_person(ctx, self.0.person_id);
        &self.0.participant_name
    }
    /// The participant's person record, when the caller may read it (the organising region
    /// does; universities read only `participantName`).
    async fn participant(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(req(ctx)?
            .loaders
            .person()
            .load_one(self.0.person_id)
            .await?
            .map(Person))
    }
    /// The participant's employer (usually a CUS or OPS), if visible to the caller.
    async fn employer(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        let Some(id) = self.0.employer_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .organisation()
            .load_one(id)
            .await?
            .map(Organisation))
    }
    /// Enrolled, completed or withdrawn.
    async fn status(&self) -> EnrollmentStatus {
        self.0.status.into()
    }
    /// Day of completion.
    async fn completed_on(&self) -> Option<Date> {
        self.0.completed_on.map(Date)
    }
    /// Hours attended.
    async fn hours(&self) -> Option<i32> {
        self.0.hours
    }
    /// The certificate handed to the participant, if any.
    async fn certificate(&self, ctx: &Context<'_>) -> Result<Option<Certificate>> {
        Ok(req(ctx)?
            .loaders
            .certificate_by_enrollment()
            .load_one(self.0.id)
            .await?
            .and_then(|v| v.into_iter().next())
            .map(Certificate))
    }
    /// True when the personal data was erased or its retention period ended; the name is
    /// then a pseudonym.
    async fn anonymised(&self) -> bool {
        self.0.anonymised_at.is_some()
    }
    /// Version for optimistic concurrency; grows by one with every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the record last changed.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}

/// A diploma or certificate of completion (dyplom / zaświadczenie). Personal data.
#[derive(Clone)]
pub struct Certificate(pub entity::certificate::Model);

/// A diploma or certificate of completion (dyplom / zaświadczenie). Personal data, read like
/// its enrollment.
#[Object]
impl Certificate {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Certificate, self.0.id)
    }
    /// The enrollment it proves.
    async fn enrollment(&self, ctx: &Context<'_>) -> Result<Option<TrainingEnrollment>> {
        Ok(req(ctx)?
            .loaders
            .enrollment()
            .load_one(self.0.enrollment_id)
            .await?
            .map(TrainingEnrollment))
    }
    /// Diploma or certificate of completion.
    async fn kind(&self) -> CertificateKind {
        self.0.kind.into()
    }
    /// Number, unique per issuer.
    async fn number(&self) -> &str {
        &self.0.number
    }
    /// Day of issue.
    async fn issued_on(&self) -> Date {
        Date(self.0.issued_on)
    }
    /// The issuing organisation, if visible to the caller.
    async fn issuer(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        Ok(req(ctx)?
            .loaders
            .organisation()
            .load_one(self.0.issuer_id)
            .await?
            .map(Organisation))
    }
    /// The holder's name as printed.
    async fn holder_name(&self, ctx: &Context<'_>) -> Result<&str> {
        let person = req(ctx)?
            .loaders
            .enrollment()
            .load_one(self.0.enrollment_id)
            .await?
            .map(|e| e.person_id);
        if let Some(p) = person {
            note_person(ctx, p);
        }
        Ok(&self.0.holder_name)
    }
    /// Whether the certificate was revoked.
    async fn revoked(&self) -> bool {
        self.0.revoked
    }
    /// Why it was revoked.
    async fn revoked_reason(&self) -> Option<&str> {
        self.0.revoked_reason.as_deref()
    }
    /// Version for optimistic concurrency; grows by one with every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the record last changed.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}

/// Numbers of participants of a training by status — statistics every reader of the
/// training sees, never names.
#[derive(SimpleObject, Clone, Copy, Default, Debug)]
pub struct EnrollmentCounts {
    /// Everyone enrolled, whatever the status.
    pub total: i32,
    /// Still enrolled (training under way).
    pub enrolled: i32,
    /// Completed.
    pub completed: i32,
    /// Withdrew.
    pub withdrawn: i32,
    /// Certificates issued and not revoked.
    pub certificates: i32,
}

fn clamp(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The GraphQL figures of a service count.
pub(crate) fn counts_of(c: crate::service::training_records::Counts) -> EnrollmentCounts {
    EnrollmentCounts {
        total: clamp(c.total),
        enrolled: clamp(c.enrolled),
        completed: clamp(c.completed),
        withdrawn: clamp(c.withdrawn),
        certificates: clamp(c.certificates),
    }
}
