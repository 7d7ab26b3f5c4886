//! Mutations of training participants and certificates (the organising region's editors),
//! and the erasure of a person's data (region administrators of the person's region).

use super::{request_info, scoped};
use crate::graphql::enums::CertificateKind;
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::scalars::Date;
use crate::graphql::types::{Certificate, Person, TrainingEnrollment};
use crate::service::{erasure, training_records as svc};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

/// A person to enroll in a training.
#[derive(InputObject, Debug, Clone)]
pub struct EnrollParticipantInput {
    /// The training (global id); the caller must be allowed to write its region.
    pub training_id: ID,
    /// The participant (global id of a person visible to the caller).
    pub person_id: ID,
    /// The participant's employer (global id of an organisation), usually a CUS or OPS.
    pub employer_id: Option<ID>,
    /// Hours planned (0–10000).
    pub hours: Option<i32>,
}

/// A certificate to issue for a completed enrollment.
#[derive(InputObject, Debug, Clone)]
pub struct IssueCertificateInput {
    /// The enrollment (global id); its status must be `COMPLETED`.
    pub enrollment_id: ID,
    /// Diploma or certificate of completion.
    pub kind: CertificateKind,
    /// The number (1–64 characters, unique per issuer); generated as `<year>/<serial>` when
    /// absent.
    pub number: Option<String>,
    /// Day of issue; default the day of completion.
    pub issued_on: Option<Date>,
    /// The issuer (global id of an organisation); default the training's organiser.
    pub issuer_id: Option<ID>,
}

/// A certificate just issued, with its verification code.
#[derive(SimpleObject)]
pub struct IssuedCertificate {
    /// The certificate.
    pub certificate: Certificate,
    /// The code to print on the certificate for `verifyCertificate`. Shown only here and
    /// only once: it is stored as a hash. Null when an idempotent retry returned a
    /// certificate issued earlier.
    pub verification_code: Option<String>,
}

/// What an erasure changed.
#[derive(SimpleObject)]
pub struct ErasePersonResult {
    /// The person, now carrying a pseudonym and no contact data.
    pub person: Person,
    /// Enrollments whose participant name was replaced.
    pub enrollments_pseudonymised: i32,
    /// Certificates whose holder name was replaced.
    pub certificates_pseudonymised: i32,
}

#[derive(Default)]
pub(crate) struct TrainingRecordMutation;

#[Object]
impl TrainingRecordMutation {
    /// Enrolls a person in a training of the caller's region (status `ENROLLED`). A person is
    /// enrolled in a training once; a second enrollment is `CONFLICT`.
    async fn enroll_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The participant and the training.")] input: EnrollParticipantInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<TrainingEnrollment> {
        let c = scoped(ctx)?;
        let input = svc::NewEnrollment {
            training_id: input.training_id,
            person_id: input.person_id,
            employer_id: input.employer_id,
            hours: input.hours,
        };
        let m = svc::enroll(c.db, &request_info(ctx), input, idempotency_key.as_deref()).await?;
        Ok(TrainingEnrollment(m))
    }

    /// Marks a participant as having completed the training.
    async fn complete_enrollment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the enrollment.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "Day of completion; default the training's last day, else today.")]
        completed_on: Option<Date>,
        #[graphql(desc = "Hours attended (0–10000), when known.")] hours: Option<i32>,
    ) -> Result<TrainingEnrollment> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::TrainingEnrollment)?;
        let m = svc::complete(
            c.db,
            &request_info(ctx),
            n,
            expected_version,
            completed_on.map(|d| d.0),
            hours,
        )
        .await?;
        Ok(TrainingEnrollment(m))
    }

    /// Marks a participant as withdrawn (not possible after completion).
    async fn withdraw_enrollment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the enrollment.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
    ) -> Result<TrainingEnrollment> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::TrainingEnrollment)?;
        let m = svc::withdraw(c.db, &request_info(ctx), n, expected_version).await?;
        Ok(TrainingEnrollment(m))
    }

    /// Issues a diploma or certificate of completion to a participant who completed the
    /// training; returns the verification code to print on it.
    async fn issue_certificate(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The certificate.")] input: IssueCertificateInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<IssuedCertificate> {
        let c = scoped(ctx)?;
        let input = svc::NewCertificate {
            enrollment_id: input.enrollment_id,
            kind: input.kind.into(),
            number: input.number,
            issued_on: input.issued_on.map(|d| d.0),
            issuer_id: input.issuer_id,
        };
        let (m, code) =
            svc::issue(c.db, &request_info(ctx), input, idempotency_key.as_deref()).await?;
        Ok(IssuedCertificate {
            certificate: Certificate(m),
            verification_code: code,
        })
    }

    /// Revokes a certificate; verification then reports it as not valid.
    async fn revoke_certificate(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the certificate.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "Why (1–1000 characters); kept with the certificate.")] reason: String,
    ) -> Result<Certificate> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::Certificate)?;
        let m = svc::revoke(c.db, &request_info(ctx), n, expected_version, &reason).await?;
        Ok(Certificate(m))
    }

    /// Erases a person's personal data (RODO art. 17): name and contact data become a
    /// pseudonym, and so do the participant names on enrollments and holder names on
    /// certificates. Statuses, dates and hours stay, so statistics do not change. Region
    /// administrators of the person's region and the network administrator only; cannot be
    /// undone.
    async fn erase_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the person.")] person_id: ID,
        #[graphql(desc = "Why (1–1000 characters), e.g. the reference of the request.")]
        reason: String,
    ) -> Result<ErasePersonResult> {
        let c = scoped(ctx)?;
        let n = decode_as("personId", &person_id, Kind::Person)?;
        let (p, erased) = erasure::erase_person(c.db, &request_info(ctx), n, &reason).await?;
        Ok(ErasePersonResult {
            person: Person(p),
            enrollments_pseudonymised: i32::try_from(erased.enrollments).unwrap_or(i32::MAX),
            certificates_pseudonymised: i32::try_from(erased.certificates).unwrap_or(i32::MAX),
        })
    }
}
