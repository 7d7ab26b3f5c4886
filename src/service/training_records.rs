//! Training enrollments and certificates: enroll, complete, withdraw, issue and revoke, each
//! through the write pipeline (one transaction with its audit entry and change event), and the
//! reads of them through the access layer's personal-data rule.
//!
//! The participant's name is copied onto the enrollment (and the holder's name onto the
//! certificate) as the organiser recorded or printed it, so a university reads the name
//! without reading the person record, and erasure can pseudonymise each copy.

use super::audit::Changes;
use super::lists::Listed;
use super::validate as v;
use super::write::{self, RequestInfo, Writable};
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use chrono::{Datelike, NaiveDate};
use entity::certificate as cert;
use entity::enums::{CertificateKind, EnrollmentStatus, Visibility};
use entity::training_enrollment as enr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use sha2::{Digest, Sha256};

/// Most hours one enrollment may report.
const MAX_HOURS: i32 = 10_000;

impl Listed for enr::Entity {
    const KIND: Kind = Kind::TrainingEnrollment;
    fn name_column() -> Self::Column {
        enr::Column::ParticipantName
    }
    fn name_of(m: &Self::Model) -> &str {
        &m.participant_name
    }
    fn updated_column() -> Self::Column {
        enr::Column::UpdatedAt
    }
    fn updated_of(m: &Self::Model) -> chrono::DateTime<chrono::Utc> {
        m.updated_at
    }
}

impl Writable for enr::Entity {
    /// Enrollments are never found by a name search.
    fn search_text(_m: &enr::Model) -> String {
        String::new()
    }
}

impl Listed for cert::Entity {
    const KIND: Kind = Kind::Certificate;
    fn name_column() -> Self::Column {
        cert::Column::Number
    }
    fn name_of(m: &Self::Model) -> &str {
        &m.number
    }
    fn updated_column() -> Self::Column {
        cert::Column::UpdatedAt
    }
    fn updated_of(m: &Self::Model) -> chrono::DateTime<chrono::Utc> {
        m.updated_at
    }
}

impl Writable for cert::Entity {
    /// The number only; never the holder's name.
    fn search_text(m: &cert::Model) -> String {
        crate::text::fold(&m.number)
    }
}

/// Personal fields whose values an audit entry of these records never holds: it names the
/// field as changed and keeps `"[personal data]"` instead of the values.
const PERSONAL: [&str; 7] = [
    "participant_name",
    "holder_name",
    "given_name",
    "family_name",
    "honorific",
    "email",
    "phone",
];

/// Replaces the values of personal fields in an audit change set.
pub(crate) fn redact(mut changes: Changes) -> Changes {
    for f in PERSONAL {
        if let Some(c) = changes.get_mut(f) {
            *c = serde_json::json!({ "before": "[personal data]", "after": "[personal data]" });
        }
    }
    changes
}

/// A new enrollment, validated.
#[derive(Debug, Clone)]
pub struct NewEnrollment {
    /// The training (global id).
    pub training_id: async_graphql::ID,
    /// The participant (global id of a person).
    pub person_id: async_graphql::ID,
    /// The participant's employer (global id of an organisation).
    pub employer_id: Option<async_graphql::ID>,
    /// Hours planned or attended.
    pub hours: Option<i32>,
}

fn hours(field: &str, h: Option<i32>) -> AppResult<Option<i32>> {
    match h {
        Some(n) if !(0..=MAX_HOURS).contains(&n) => Err(AppError::bad_input(
            field,
            format!("a number from 0 to {MAX_HOURS}"),
        )),
        other => Ok(other),
    }
}

/// The name of a person as an enrollment records it.
pub(crate) fn full_name(p: &entity::person::Model) -> String {
    format!("{} {}", p.given_name, p.family_name)
}

/// Enrolls a person in a training the caller may write (its organising region).
pub async fn enroll(
    db: &ScopedDb,
    info: &RequestInfo,
    input: NewEnrollment,
    key: Option<&str>,
) -> AppResult<enr::Model> {
    let training_id = decode_as("input.trainingId", &input.training_id, Kind::Training)?;
    let person_id = decode_as("input.personId", &input.person_id, Kind::Person)?;
    let employer = v::opt_id(
        "input.employerId",
        input.employer_id.as_ref(),
        Kind::Organisation,
    )?;
    let hours = hours("input.hours", input.hours)?;
    let conn = db.conn();
    let training = db
        .owned::<entity::training::Entity>()
        .filter(entity::training::Column::Id.eq(training_id))
        .one(conn)
        .await?
        .ok_or_else(|| {
            AppError::bad_input("input.trainingId", "refers to a record that does not exist")
        })?;
    db.check_write(training.owner_region_id)?;
    let person = db
        .owned::<entity::person::Entity>()
        .filter(entity::person::Column::Id.eq(person_id))
        .one(conn)
        .await?
        .ok_or_else(|| {
            AppError::bad_input("input.personId", "refers to a record that does not exist")
        })?;
    if let Some(e) = employer {
        super::links::check_visible::<entity::organisation::Entity, _>(
            db,
            conn,
            "input.employerId",
            &[e],
        )
        .await?;
    }
    if key.is_none() {
        let existing = enr::Entity::find()
            .filter(enr::Column::TrainingId.eq(training_id))
            .filter(enr::Column::PersonId.eq(person_id))
            .count(conn)
            .await?;
        if existing > 0 {
            return Err(AppError::Conflict {
                message: "the person is already enrolled in this training".into(),
                current_version: None,
            });
        }
    }
    let am = enr::ActiveModel {
        training_id: Set(training_id),
        person_id: Set(person_id),
        employer_id: Set(employer),
        status: Set(EnrollmentStatus::Enrolled),
        completed_on: Set(None),
        hours: Set(hours),
        participant_name: Set(full_name(&person)),
        anonymised_at: Set(None),
        owner_region_id: Set(training.owner_region_id),
        visibility: Set(Visibility::Region),
        ..Default::default()
    };
    write::create_redacted::<enr::Entity>(db, info, "enrollParticipant", key, am, redact).await
}

/// Marks an enrollment completed on `on` (default: the training's last day, else today).
pub async fn complete(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    on: Option<NaiveDate>,
    hours_attended: Option<i32>,
) -> AppResult<enr::Model> {
    let hours_attended = hours("hours", hours_attended)?;
    write::update_redacted::<enr::Entity>(
        db,
        info,
        id,
        version,
        redact,
        async |txn, before: &enr::Model, am: &mut enr::ActiveModel| {
            if before.status == EnrollmentStatus::Withdrawn {
                return Err(AppError::bad_input(
                    "id",
                    "a withdrawn participant cannot complete the training",
                ));
            }
            let day = match on {
                Some(d) => d,
                None => entity::training::Entity::find_by_id(before.training_id)
                    .one(txn)
                    .await?
                    .and_then(|t| t.end_date)
                    .unwrap_or_else(|| chrono::Utc::now().date_naive()),
            };
            am.status = Set(EnrollmentStatus::Completed);
            am.completed_on = Set(Some(day));
            if hours_attended.is_some() {
                am.hours = Set(hours_attended);
            }
            Ok(Changes::new())
        },
    )
    .await
}

/// Marks an enrollment withdrawn; a completed one cannot withdraw.
pub async fn withdraw(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
) -> AppResult<enr::Model> {
    write::update_redacted::<enr::Entity>(
        db,
        info,
        id,
        version,
        redact,
        async |_txn, before: &enr::Model, am: &mut enr::ActiveModel| {
            if before.status == EnrollmentStatus::Completed {
                return Err(AppError::bad_input(
                    "id",
                    "a participant who completed the training cannot withdraw",
                ));
            }
            am.status = Set(EnrollmentStatus::Withdrawn);
            am.completed_on = Set(None);
            Ok(Changes::new())
        },
    )
    .await
}

/// A certificate to issue, validated by [`issue`].
#[derive(Debug, Clone)]
pub struct NewCertificate {
    /// The completed enrollment (global id).
    pub enrollment_id: async_graphql::ID,
    /// Diploma or certificate of completion.
    pub kind: CertificateKind,
    /// The number; generated when absent.
    pub number: Option<String>,
    /// Day of issue; default the completion day.
    pub issued_on: Option<NaiveDate>,
    /// The issuer (global id of an organisation); default the training's organiser.
    pub issuer_id: Option<async_graphql::ID>,
}

/// SHA-256 of a verification code, as stored.
pub(crate) fn code_hash(code: &str) -> String {
    let digest = Sha256::digest(normalise_code(code).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Codes are read off paper: case, spaces and dashes do not matter.
fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A fresh verification code: 12 characters from an alphabet without look-alikes, printed
/// in groups of four.
pub(crate) fn new_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let raw: String = (0..12)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    format!("{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12])
}

/// The next free generated number of an issuer in a year: `<year>/<serial>`, e.g.
/// `2025/023`.
async fn next_number<C: sea_orm::ConnectionTrait>(
    conn: &C,
    issuer: i64,
    year: i32,
) -> AppResult<String> {
    let prefix = format!("{year}/");
    let taken: Vec<String> = cert::Entity::find()
        .filter(cert::Column::IssuerId.eq(issuer))
        .filter(cert::Column::Number.starts_with(&prefix))
        .order_by_asc(cert::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|c| c.number)
        .collect();
    let mut n = taken.len() + 1;
    loop {
        let candidate = format!("{prefix}{n:03}");
        if !taken.contains(&candidate) {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// Issues a certificate for a completed enrollment; returns it with its verification code,
/// which is shown this once and stored only as a hash.
pub async fn issue(
    db: &ScopedDb,
    info: &RequestInfo,
    input: NewCertificate,
    key: Option<&str>,
) -> AppResult<(cert::Model, Option<String>)> {
    let enrollment_id = decode_as(
        "input.enrollmentId",
        &input.enrollment_id,
        Kind::TrainingEnrollment,
    )?;
    let number = input
        .number
        .as_deref()
        .map(|n| v::name("input.number", n, 64))
        .transpose()?;
    let issuer = v::opt_id(
        "input.issuerId",
        input.issuer_id.as_ref(),
        Kind::Organisation,
    )?;
    let conn = db.conn();
    let enrollment = db
        .owned::<enr::Entity>()
        .filter(enr::Column::Id.eq(enrollment_id))
        .one(conn)
        .await?
        .ok_or_else(|| {
            AppError::bad_input(
                "input.enrollmentId",
                "refers to a record that does not exist",
            )
        })?;
    db.check_write(enrollment.owner_region_id)?;
    if enrollment.status != EnrollmentStatus::Completed {
        return Err(AppError::bad_input(
            "input.enrollmentId",
            "only a participant who completed the training receives a certificate",
        ));
    }
    let existing = cert::Entity::find()
        .filter(cert::Column::EnrollmentId.eq(enrollment_id))
        .filter(cert::Column::DeletedAt.is_null())
        .one(conn)
        .await?;
    if let Some(c) = existing {
        if key.is_some() {
            // A retry with the same key returns the first certificate (without its code).
            return Ok((c, None));
        }
        return Err(AppError::Conflict {
            message: "the participant already holds a certificate of this training".into(),
            current_version: Some(c.version),
        });
    }
    let issuer = match issuer {
        Some(i) => {
            super::links::check_visible::<entity::organisation::Entity, _>(
                db,
                conn,
                "input.issuerId",
                &[i],
            )
            .await?;
            i
        }
        None => {
            entity::training::Entity::find_by_id(enrollment.training_id)
                .one(conn)
                .await?
                .ok_or(AppError::NotFound { what: "training" })?
                .organiser_id
        }
    };
    let issued_on = input
        .issued_on
        .or(enrollment.completed_on)
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let number = match number {
        Some(n) => {
            let taken = cert::Entity::find()
                .filter(cert::Column::IssuerId.eq(issuer))
                .filter(cert::Column::Number.eq(n.as_str()))
                .count(conn)
                .await?;
            if taken > 0 {
                return Err(AppError::bad_input(
                    "input.number",
                    "the issuer has already issued a certificate with this number",
                ));
            }
            n
        }
        None => next_number(conn, issuer, issued_on.year()).await?,
    };
    let code = new_code();
    let am = cert::ActiveModel {
        enrollment_id: Set(enrollment_id),
        kind: Set(input.kind),
        number: Set(number),
        issued_on: Set(issued_on),
        issuer_id: Set(issuer),
        holder_name: Set(enrollment.participant_name.clone()),
        code_hash: Set(code_hash(&code)),
        revoked: Set(false),
        revoked_reason: Set(None),
        owner_region_id: Set(enrollment.owner_region_id),
        visibility: Set(Visibility::Region),
        ..Default::default()
    };
    let model =
        write::create_redacted::<cert::Entity>(db, info, "issueCertificate", key, am, redact)
            .await
            .map_err(|e| match e {
                AppError::Internal(err) if is_unique_violation(&err) => AppError::bad_input(
                    "input.number",
                    "the issuer has already issued a certificate with this number",
                ),
                other => other,
            })?;
    Ok((model, Some(code)))
}

fn is_unique_violation(err: &anyhow::Error) -> bool {
    err.downcast_ref::<sea_orm::DbErr>()
        .and_then(sea_orm::DbErr::sql_err)
        .is_some_and(|e| matches!(e, sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// Revokes a certificate, with the reason (kept with it and shown by verification as
/// "revoked").
pub async fn revoke(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    reason: &str,
) -> AppResult<cert::Model> {
    let reason = v::name("reason", reason, 1000)?;
    write::update_redacted::<cert::Entity>(
        db,
        info,
        id,
        version,
        redact,
        async |_txn, before: &cert::Model, am: &mut cert::ActiveModel| {
            if before.revoked {
                return Err(AppError::bad_input(
                    "id",
                    "the certificate is already revoked",
                ));
            }
            am.revoked = Set(true);
            am.revoked_reason = Set(Some(reason));
            Ok(Changes::new())
        },
    )
    .await
}

/// Participant figures of one training.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Everyone enrolled, whatever the status.
    pub total: i64,
    /// Still enrolled.
    pub enrolled: i64,
    /// Completed.
    pub completed: i64,
    /// Withdrew.
    pub withdrawn: i64,
    /// Certificates issued and not revoked.
    pub certificates: i64,
}

/// Participant figures of the given trainings (two statements, whatever their number).
/// Figures are statistics, not personal data: callers pass only trainings the reader sees.
pub async fn counts<C: sea_orm::ConnectionTrait>(
    conn: &C,
    training_ids: &[i64],
) -> AppResult<std::collections::HashMap<i64, Counts>> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let mut out: std::collections::HashMap<i64, Counts> = std::collections::HashMap::new();
    if training_ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(i64, EnrollmentStatus, i64)> = enr::Entity::find()
        .select_only()
        .column(enr::Column::TrainingId)
        .column(enr::Column::Status)
        .column_as(enr::Column::Id.count(), "n")
        .filter(enr::Column::TrainingId.is_in(training_ids.iter().copied()))
        .filter(enr::Column::DeletedAt.is_null())
        .group_by(enr::Column::TrainingId)
        .group_by(enr::Column::Status)
        .into_tuple()
        .all(conn)
        .await?;
    for (t, status, n) in rows {
        let c = out.entry(t).or_default();
        c.total += n;
        match status {
            EnrollmentStatus::Enrolled => c.enrolled += n,
            EnrollmentStatus::Completed => c.completed += n,
            EnrollmentStatus::Withdrawn => c.withdrawn += n,
        }
    }
    let certs: Vec<(i64, i64)> = enr::Entity::find()
        .select_only()
        .column(enr::Column::TrainingId)
        .column_as(enr::Column::Id.count(), "n")
        .filter(enr::Column::TrainingId.is_in(training_ids.iter().copied()))
        .filter(enr::Column::DeletedAt.is_null())
        .filter(
            Expr::col(enr::Column::Id).in_subquery(
                Query::select()
                    .column(cert::Column::EnrollmentId)
                    .from(cert::Entity)
                    .and_where(Expr::col(cert::Column::DeletedAt).is_null())
                    .and_where(Expr::col(cert::Column::Revoked).eq(false))
                    .to_owned(),
            ),
        )
        .group_by(enr::Column::TrainingId)
        .into_tuple()
        .all(conn)
        .await?;
    for (t, n) in certs {
        out.entry(t).or_default().certificates = n;
    }
    Ok(out)
}

/// Figures of one kind of training in a statistics answer.
#[derive(Debug, Clone, Copy)]
pub struct KindStats {
    /// The kind.
    pub kind: entity::enums::TrainingKind,
    /// Trainings of this kind counted.
    pub trainings: i64,
    /// Participant figures summed over them.
    pub counts: Counts,
}

/// Participant figures per training kind, over the trainings the caller sees, optionally of
/// one region, one kind and one year (of the training's last day, else its first day).
pub async fn stats(
    db: &ScopedDb,
    region: Option<i64>,
    kind: Option<entity::enums::TrainingKind>,
    year: Option<i32>,
) -> AppResult<Vec<KindStats>> {
    use entity::training::{Column as T, Entity as Training};
    let mut sel = db.owned::<Training>();
    if let Some(r) = region {
        sel = sel.filter(T::OwnerRegionId.eq(r));
    }
    if let Some(k) = kind {
        sel = sel.filter(T::Kind.eq(k));
    }
    let trainings: Vec<entity::training::Model> = sel
        .order_by_asc(T::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .filter(|t| match year {
            Some(y) => t.end_date.or(t.start_date).is_some_and(|d| d.year() == y),
            None => true,
        })
        .collect();
    let ids: Vec<i64> = trainings.iter().map(|t| t.id).collect();
    let per = counts(db.conn(), &ids).await?;
    let mut out: Vec<KindStats> = Vec::new();
    for t in &trainings {
        let c = per.get(&t.id).copied().unwrap_or_default();
        let row = match out.iter_mut().find(|r| r.kind == t.kind) {
            Some(r) => r,
            None => {
                out.push(KindStats {
                    kind: t.kind,
                    trainings: 0,
                    counts: Counts::default(),
                });
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        row.trainings += 1;
        row.counts.total += c.total;
        row.counts.enrolled += c.enrolled;
        row.counts.completed += c.completed;
        row.counts.withdrawn += c.withdrawn;
        row.counts.certificates += c.certificates;
    }
    Ok(out)
}
