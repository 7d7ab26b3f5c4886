//! The rights of data subjects (RODO art. 15 and 17) and the retention rule:
//!
//! - [`export_person`]: everything held about a person, as one JSON document;
//! - [`erase_person`]: personal fields replaced by pseudonyms — the person's name and contact
//!   data, the participant name on every enrollment and the holder name on every certificate.
//!   Statuses, dates and hours stay, so statistics do not change (22 completions stay 22).
//!   Each change goes through the write pipeline, so the change feed carries the pseudonymised
//!   records to synced copies, and the audit entries name the changed fields without their
//!   values;
//! - [`purge`]: the same anonymisation for participants of trainings whose retention period
//!   (`CUSNET_TRAINING_RETENTION_DAYS` after the last day) has passed.
//!
//! Audit entries written before an erasure are append-only and keep the values they recorded
//! (for persons: names and contact data of earlier edits); see README, "Personal data".

use super::training_records::redact;
use super::write::{self, RequestInfo};
use crate::access::ScopedDb;
use crate::auth::{Principal, Role};
use crate::error::{AppError, AppResult};
use entity::certificate as cert;
use entity::person;
use entity::training_enrollment as enr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::{Value, json};

/// The given name every erased person gets.
const PSEUDONYM_GIVEN: &str = "Osoba";

/// The family name of an erased person: a pseudonym that keeps records apart without naming
/// anyone.
fn pseudonym_family(person_id: i64) -> String {
    format!("anonimowa {person_id}")
}

/// Everything held about a person (administrators: the network administrator, or a region
/// administrator of the person's region).
pub async fn export_person(db: &ScopedDb, person_id: i64) -> AppResult<Value> {
    let conn = db.conn();
    let p = db
        .owned::<person::Entity>()
        .filter(person::Column::Id.eq(person_id))
        .one(conn)
        .await?
        .ok_or(AppError::NotFound { what: "person" })?;
    db.check_admin(p.owner_region_id)?;
    let positions = entity::position::Entity::find()
        .filter(entity::position::Column::PersonId.eq(person_id))
        .order_by_asc(entity::position::Column::Id)
        .all(conn)
        .await?;
    let experts = entity::expert::Entity::find()
        .filter(entity::expert::Column::PersonId.eq(person_id))
        .order_by_asc(entity::expert::Column::Id)
        .all(conn)
        .await?;
    let contacts = entity::contact_person::Entity::find()
        .filter(entity::contact_person::Column::PersonId.eq(person_id))
        .order_by_asc(entity::contact_person::Column::Id)
        .all(conn)
        .await?;
    let enrollments = enr::Entity::find()
        .filter(enr::Column::PersonId.eq(person_id))
        .order_by_asc(enr::Column::Id)
        .all(conn)
        .await?;
    let certificates = cert::Entity::find()
        .filter(cert::Column::EnrollmentId.is_in(enrollments.iter().map(|e| e.id)))
        .order_by_asc(cert::Column::Id)
        .all(conn)
        .await?;
    let participations = entity::event_participation::Entity::find()
        .filter(entity::event_participation::Column::PersonId.eq(person_id))
        .all(conn)
        .await?;
    use entity::audit_entry::{Column as A, Entity as Audit};
    let about = |kind: &str, ids: Vec<i64>| {
        sea_orm::Condition::all()
            .add(A::EntityType.eq(kind.to_owned()))
            .add(A::EntityId.is_in(ids))
    };
    let audit = Audit::find()
        .filter(
            sea_orm::Condition::any()
                .add(about("Person", vec![person_id]))
                .add(about("Expert", experts.iter().map(|e| e.id).collect()))
                .add(about(
                    "ContactPerson",
                    contacts.iter().map(|c| c.id).collect(),
                ))
                .add(about(
                    "TrainingEnrollment",
                    enrollments.iter().map(|e| e.id).collect(),
                ))
                .add(about(
                    "Certificate",
                    certificates.iter().map(|c| c.id).collect(),
                )),
        )
        .order_by_asc(A::Id)
        .all(conn)
        .await?;
    use super::access_log::{NamedBy, entries_named_by};
    use entity::personal_data_access as log;
    let reads = log::Entity::find()
        .filter(entries_named_by(
            conn.get_database_backend(),
            NamedBy::Person(person_id),
        ))
        .order_by_asc(log::Column::Id)
        .all(conn)
        .await?;
    let reads: Vec<Value> = reads
        .into_iter()
        .map(|r| {
            json!({
                "occurredAt": r.occurred_at,
                "actor": { "subject": r.actor_sub, "role": r.actor_role,
                           "regions": r.actor_regions, "organisation": r.actor_org },
                "operationName": r.operation_name,
            })
        })
        .collect();
    let erasure = entity::person_erasure::Entity::find()
        .filter(entity::person_erasure::Column::PersonId.eq(person_id))
        .one(conn)
        .await?;
    Ok(json!({
        "person": p,
        "positions": positions,
        "expertProfiles": experts,
        "contactRoles": contacts,
        "eventParticipations": participations,
        "trainingEnrollments": enrollments,
        "certificates": certificates,
        "auditEntries": audit,
        "accessLog": reads,
        "erasure": erasure,
    }))
}

/// What an erasure changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Erased {
    /// Enrollments pseudonymised.
    pub enrollments: usize,
    /// Certificates pseudonymised.
    pub certificates: usize,
}

/// Erases a person: REGION_ADMIN of the person's region or the network administrator.
pub async fn erase_person(
    db: &ScopedDb,
    info: &RequestInfo,
    person_id: i64,
    reason: &str,
) -> AppResult<(person::Model, Erased)> {
    let reason = super::validate::name("reason", reason, 1000)?;
    let p = db
        .owned::<person::Entity>()
        .filter(person::Column::Id.eq(person_id))
        .one(db.conn())
        .await?
        .ok_or(AppError::NotFound { what: "person" })?;
    db.check_admin(p.owner_region_id)?;
    let done = entity::person_erasure::Entity::find()
        .filter(entity::person_erasure::Column::PersonId.eq(person_id))
        .one(db.conn())
        .await?;
    if done.is_some() {
        return Err(AppError::Conflict {
            message: "the person's data was already erased".into(),
            current_version: Some(p.version),
        });
    }
    let erased = anonymise(db, info, &p).await?;
    entity::person_erasure::ActiveModel {
        person_id: Set(person_id),
        owner_region_id: Set(p.owner_region_id),
        erased_at: Set(chrono::Utc::now()),
        actor_sub: Set(db.principal().subject().to_owned()),
        reason: Set(reason),
        ..Default::default()
    }
    .insert(db.conn())
    .await?;
    let after = person::Entity::find_by_id(person_id)
        .one(db.conn())
        .await?
        .ok_or(AppError::NotFound { what: "person" })?;
    Ok((after, erased))
}

/// Pseudonymises the person, its enrollments and their certificates, each through the write
/// pipeline (audited without values, fed to synced copies). Safe to run again after a
/// failure: what is already pseudonymised is skipped.
async fn anonymise(db: &ScopedDb, info: &RequestInfo, p: &person::Model) -> AppResult<Erased> {
    let family = pseudonym_family(p.id);
    let is_pseudonymised = p.given_name == PSEUDONYM_GIVEN
        && p.family_name == family
        && p.email.is_none()
        && p.phone.is_none()
        && p.honorific.is_none();
    if !is_pseudonymised {
        let family = family.clone();
        write::update_redacted::<person::Entity>(
            db,
            info,
            p.id,
            p.version,
            redact,
            async |txn, _before: &person::Model, am: &mut person::ActiveModel| {
                am.given_name = Set(PSEUDONYM_GIVEN.to_owned());
                am.family_name = Set(family.clone());
                am.honorific = Set(None);
                am.email = Set(None);
                am.phone = Set(None);
                am.search_text = Set(crate::text::fold_all([PSEUDONYM_GIVEN, family.as_str()]));
                super::people::refresh_related_texts(txn, p.id, &pseudonym_label(p.id)).await?;
                Ok(super::audit::Changes::new())
            },
        )
        .await?;
    }
    pseudonymise_enrollments(db, info, p.id, None).await
}

fn pseudonym_label(person_id: i64) -> String {
    format!("{PSEUDONYM_GIVEN} {}", pseudonym_family(person_id))
}

/// One enrollment the retention rule reaches.
#[derive(Debug, Clone)]
pub struct Expired {
    /// The enrollment.
    pub enrollment_id: i64,
    /// The training.
    pub training_id: i64,
    /// The participant.
    pub person_id: i64,
}

/// Enrollments not yet anonymised of trainings whose last day (else first day) lies more than
/// `retention_days` before `today`. 0 days: none (kept forever).
pub async fn expired(
    conn: &DatabaseConnection,
    retention_days: u32,
    today: chrono::NaiveDate,
) -> AppResult<Vec<Expired>> {
    if retention_days == 0 {
        return Ok(Vec::new());
    }
    let cutoff = today - chrono::Days::new(u64::from(retention_days));
    let trainings: Vec<i64> = entity::training::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .filter(|t| t.end_date.or(t.start_date).is_some_and(|d| d < cutoff))
        .map(|t| t.id)
        .collect();
    Ok(enr::Entity::find()
        .filter(enr::Column::TrainingId.is_in(trainings))
        .filter(enr::Column::AnonymisedAt.is_null())
        .order_by_asc(enr::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|e| Expired {
            enrollment_id: e.id,
            training_id: e.training_id,
            person_id: e.person_id,
        })
        .collect())
}

/// The principal the retention purge acts as (recorded in the audit entries).
pub fn retention_principal() -> Principal {
    Principal::Member {
        subject: "retention-purge".to_owned(),
        role: Role::NetworkAdmin,
        regions: Vec::new(),
        organisation: None,
    }
}

/// Anonymises the participants of expired trainings: each person concerned is erased as by
/// [`erase_person`] (reason: the retention rule). A person still enrolled in a training
/// whose retention has not passed is erased too only from the expired enrollments' side:
/// their person record is kept, their expired enrollments and certificates are
/// pseudonymised.
pub async fn purge(db: &ScopedDb, list: &[Expired]) -> AppResult<Erased> {
    let info = RequestInfo {
        operation_name: Some("purge".to_owned()),
        ..Default::default()
    };
    let mut total = Erased::default();
    let mut persons: Vec<i64> = list.iter().map(|e| e.person_id).collect();
    persons.sort_unstable();
    persons.dedup();
    let expired_ids: Vec<i64> = list.iter().map(|e| e.enrollment_id).collect();
    for person_id in persons {
        let Some(p) = person::Entity::find_by_id(person_id).one(db.conn()).await? else {
            continue;
        };
        let others = enr::Entity::find()
            .filter(enr::Column::PersonId.eq(person_id))
            .filter(enr::Column::Id.is_not_in(expired_ids.iter().copied()))
            .filter(enr::Column::AnonymisedAt.is_null())
            .count(db.conn())
            .await?;
        if others == 0 {
            let erased = anonymise(db, &info, &p).await?;
            total.enrollments += erased.enrollments;
            total.certificates += erased.certificates;
            let already = entity::person_erasure::Entity::find()
                .filter(entity::person_erasure::Column::PersonId.eq(person_id))
                .one(db.conn())
                .await?;
            if already.is_none() {
                entity::person_erasure::ActiveModel {
                    person_id: Set(person_id),
                    owner_region_id: Set(p.owner_region_id),
                    erased_at: Set(chrono::Utc::now()),
                    actor_sub: Set("retention-purge".to_owned()),
                    reason: Set("training retention period ended".to_owned()),
                    ..Default::default()
                }
                .insert(db.conn())
                .await?;
            }
        } else {
            let erased = pseudonymise_enrollments(db, &info, p.id, Some(&expired_ids)).await?;
            total.enrollments += erased.enrollments;
            total.certificates += erased.certificates;
        }
    }
    Ok(total)
}

/// Pseudonymises a person's enrollments (all, or only those in `only`) and their
/// certificates, each through the write pipeline; what already carries the pseudonym is
/// skipped, so a run cut short can simply be repeated.
async fn pseudonymise_enrollments(
    db: &ScopedDb,
    info: &RequestInfo,
    person_id: i64,
    only: Option<&[i64]>,
) -> AppResult<Erased> {
    let pseudonym = pseudonym_label(person_id);
    let mut out = Erased::default();
    let now = chrono::Utc::now();
    let mut query = enr::Entity::find()
        .filter(enr::Column::PersonId.eq(person_id))
        .order_by_asc(enr::Column::Id);
    if let Some(ids) = only {
        query = query.filter(enr::Column::Id.is_in(ids.iter().copied()));
    }
    let enrollments = query.all(db.conn()).await?;
    let certificates = cert::Entity::find()
        .filter(cert::Column::EnrollmentId.is_in(enrollments.iter().map(|e| e.id)))
        .order_by_asc(cert::Column::Id)
        .all(db.conn())
        .await?;
    for e in enrollments {
        if e.participant_name == pseudonym && e.anonymised_at.is_some() {
            continue;
        }
        let name = pseudonym.clone();
        write::update_redacted::<enr::Entity>(
            db,
            info,
            e.id,
            e.version,
            redact,
            async |_txn, _b: &enr::Model, am: &mut enr::ActiveModel| {
                am.participant_name = Set(name);
                am.anonymised_at = Set(Some(now));
                Ok(super::audit::Changes::new())
            },
        )
        .await?;
        out.enrollments += 1;
    }
    for c in certificates {
        if c.holder_name == pseudonym {
            continue;
        }
        let name = pseudonym.clone();
        write::update_redacted::<cert::Entity>(
            db,
            info,
            c.id,
            c.version,
            redact,
            async |_txn, _b: &cert::Model, am: &mut cert::ActiveModel| {
                am.holder_name = Set(name);
                Ok(super::audit::Changes::new())
            },
        )
        .await?;
        out.certificates += 1;
    }
    Ok(out)
}
