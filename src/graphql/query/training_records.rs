//! Reads around training records: public certificate verification, participant statistics,
//! the personal-data access log, and the export of everything held about a person.

use super::page_args;
use crate::error::AppError;
use crate::graphql::connection::connection;
use crate::graphql::enums::{CertificateKind, TrainingKind};
use crate::graphql::ids::{Kind, decode_as, encode};
use crate::graphql::scalars::Date;
use crate::graphql::types::EnrollmentCounts;
use crate::graphql::types::training_records::{counts_of, note_person};
use crate::graphql::{req, wants_total};
use crate::service::verification::{self, ClientAddr, VerifyLimiter};
use crate::service::{access_log, erasure, training_records};
use async_graphql::{Context, ID, Json, Object, Result, SimpleObject};

/// The public answer about a certificate. When the number and code do not match a
/// certificate, every field but `genuine` and `valid` is null — exactly as for a number that
/// does not exist.
#[derive(SimpleObject, Default)]
pub struct CertificateVerification {
    /// True when a certificate with this number and code was issued.
    pub genuine: bool,
    /// True when it is genuine and not revoked.
    pub valid: bool,
    /// Whether it was revoked (null unless genuine).
    pub revoked: Option<bool>,
    /// Diploma or certificate of completion.
    pub kind: Option<CertificateKind>,
    /// The number.
    pub number: Option<String>,
    /// Title of the training.
    pub training_title: Option<String>,
    /// Name of the issuing organisation.
    pub issuer_name: Option<String>,
    /// Day of issue.
    pub issued_on: Option<Date>,
    /// The holder's name as printed.
    pub holder_name: Option<String>,
}

/// Participant figures of one kind of training.
#[derive(SimpleObject)]
pub struct TrainingKindStats {
    /// The kind of training.
    pub kind: TrainingKind,
    /// Trainings counted.
    pub trainings: i32,
    /// Participants by status, summed over those trainings.
    pub participants: EnrollmentCounts,
}

/// Who read personal data.
#[derive(SimpleObject, Clone)]
pub struct PersonalDataReader {
    /// Token subject (`anonymous` without a token).
    pub subject: String,
    /// Role.
    pub role: String,
    /// Regions (TERYT codes) of the token.
    pub regions: Vec<String>,
    /// Organisation (global id) of a university token.
    pub organisation: Option<ID>,
}

/// One response that contained personal data.
#[derive(Clone)]
pub struct PersonalDataAccess(pub entity::personal_data_access::Model);

/// One response that contained personal data: who read it, when, through which operation,
/// and whose data it was.
#[Object]
impl PersonalDataAccess {
    /// Position in the log; later entries have larger numbers.
    async fn sequence(&self) -> i64 {
        self.0.id
    }
    /// When the response was produced.
    async fn occurred_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.occurred_at
    }
    /// Who read.
    async fn reader(&self) -> PersonalDataReader {
        PersonalDataReader {
            subject: self.0.actor_sub.clone(),
            role: self.0.actor_role.clone(),
            regions: crate::graphql::types::strings(&self.0.actor_regions),
            organisation: self.0.actor_org.map(|o| encode(Kind::Organisation, o)),
        }
    }
    /// GraphQL operation name of the request, when the client gave one.
    async fn operation_name(&self) -> Option<&str> {
        self.0.operation_name.as_deref()
    }
    /// Id of the HTTP request (matches the server log).
    async fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }
    /// The persons (global ids) whose data the response contained; a region administrator
    /// sees those of its regions.
    async fn person_ids(&self) -> Vec<ID> {
        self.0
            .person_ids
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(serde_json::Value::as_i64)
                    .map(|p| encode(Kind::Person, p))
                    .collect()
            })
            .unwrap_or_default()
    }
}

connection!(
    PersonalDataAccessConnection,
    PersonalDataAccessEdge,
    PersonalDataAccess,
    "personal-data access log entries"
);

#[derive(Default)]
pub(crate) struct TrainingRecordQuery;

#[Object]
impl TrainingRecordQuery {
    /// Checks a certificate by its number and the verification code printed on it; no token
    /// needed. A wrong code gives the same answer as an unknown number. Each client address
    /// may try a few times a minute; beyond that the answer is `RATE_LIMITED` with
    /// `extensions.retryAfter` (seconds).
    async fn verify_certificate(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The certificate number as printed, e.g. `2025/007`.")] number: String,
        #[graphql(desc = "The verification code as printed, e.g. `K7QH-3MZP-9TXA`.")] code: String,
    ) -> Result<CertificateVerification> {
        let c = req(ctx)?;
        if let (Ok(limiter), Ok(addr)) = (ctx.data::<VerifyLimiter>(), ctx.data::<ClientAddr>()) {
            limiter.check(addr.0)?;
        }
        let Some(v) = verification::verify(c.db.conn(), &number, &code).await? else {
            return Ok(CertificateVerification::default());
        };
        if let Some(e) = c
            .loaders
            .enrollment_person(v.certificate.enrollment_id)
            .await?
        {
            note_person(ctx, e);
        }
        let cert = v.certificate;
        Ok(CertificateVerification {
            genuine: true,
            valid: !cert.revoked,
            revoked: Some(cert.revoked),
            kind: Some(cert.kind.into()),
            number: Some(cert.number),
            training_title: Some(v.training_title),
            issuer_name: Some(v.issuer_name),
            issued_on: Some(Date(cert.issued_on)),
            holder_name: Some(cert.holder_name),
        })
    }

    /// Participant figures per kind of training, over the trainings the caller may see:
    /// numbers, never names — every region sees them for every region.
    async fn training_stats(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only trainings of this region (two-digit TERYT code, e.g. `\"26\"`).")]
        region: Option<String>,
        #[graphql(name = "type", desc = "Only trainings of this kind.")] kind: Option<TrainingKind>,
        #[graphql(desc = "Only trainings ending (else starting) in this year.")] year: Option<i32>,
    ) -> Result<Vec<TrainingKindStats>> {
        let c = req(ctx)?;
        let region = region
            .as_deref()
            .map(|r| crate::service::validate::region_code("region", r))
            .transpose()?;
        if let Some(y) = year
            && !(1990..=2100).contains(&y)
        {
            return Err(AppError::bad_input("year", "a year from 1990 to 2100").into());
        }
        let rows = training_records::stats(c.db, region, kind.map(Into::into), year).await?;
        Ok(rows
            .into_iter()
            .map(|r| TrainingKindStats {
                kind: r.kind.into(),
                trainings: i32::try_from(r.trainings).unwrap_or(i32::MAX),
                participants: counts_of(r.counts),
            })
            .collect())
    }

    /// Who read personal data, newest first: region administrators see the reads of their
    /// regions' persons, the network administrator all; everyone else is FORBIDDEN.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    async fn personal_data_access_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only reads of this person (global id).")] person_id: Option<ID>,
        #[graphql(desc = "Only reads by this token subject.")] reader: Option<String>,
        #[graphql(desc = "Return at most this many entries from the start (after `after`).")] first: Option<i32>,
        #[graphql(desc = "Return entries after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return at most this many entries from the end (before `before`).")] last: Option<i32>,
        #[graphql(desc = "Return entries before this cursor.")] before: Option<String>,
    ) -> Result<PersonalDataAccessConnection> {
        let c = req(ctx)?;
        let q = access_log::AccessQuery {
            person_id: person_id
                .as_ref()
                .map(|p| decode_as("personId", p, Kind::Person))
                .transpose()?,
            actor_sub: reader,
        };
        settle_access_log(ctx).await;
        let l = access_log::list(
            c.db,
            &q,
            &page_args(first, after, last, before),
            c.limits.max_page_size,
            wants_total(ctx),
        )
        .await?;
        Ok(PersonalDataAccessConnection::new(
            l.page,
            l.total,
            PersonalDataAccess,
        ))
    }

    /// Everything held about a person, as one JSON document (RODO art. 15: the right of
    /// access): the person, positions, expert profiles, contact roles, event participations,
    /// training enrollments, certificates, audit entries about them and the log of who read
    /// their data. Region administrators of the person's region and the network
    /// administrator only.
    async fn person_data_export(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the person.")] person_id: ID,
    ) -> Result<Json<serde_json::Value>> {
        let c = req(ctx)?;
        let n = decode_as("personId", &person_id, Kind::Person)?;
        settle_access_log(ctx).await;
        let doc = erasure::export_person(c.db, n).await?;
        note_person(ctx, n);
        Ok(Json(doc))
    }
}

/// Waits until the access-log entries of earlier responses are stored, so that a read of the
/// log sees every read that was answered before it (on this server).
async fn settle_access_log(ctx: &Context<'_>) {
    if let Ok(writer) = ctx.data::<crate::service::access_writer::AccessLog>() {
        writer.flush().await;
    }
}
