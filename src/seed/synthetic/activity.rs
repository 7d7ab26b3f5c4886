//! Activities of the synthetic network: events, good practices and trainings, spread over
//! the regions' centres, municipalities and projects.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use entity::enums::{
    CertificateKind, EnrollmentStatus, EventFormat, EventKind, PublicationStatus, ServiceCategory,
    TargetGroup, TeachingMethod, TrainingKind, Visibility,
};
use entity::{certificate, event, good_practice, training, training_enrollment};
use sea_orm::Set;
use serde_json::Value as Json;

use super::batch::Writer;
use super::names::{EVENT_OPENINGS, PRACTICE_OPENINGS, TOPICS, VENUES};
use super::network::Network;
use super::rng::Rng;
use super::{Summary, id, stamp, times, visibility};
use crate::service::training_records::code_hash;
use crate::text::{fold, fold_all};

/// Participants per training, on average (fewer when the region has fewer persons).
pub(super) const PARTICIPANTS: usize = 50;

/// Trainings whose enrollments and certificates are built and written together.
const TRAININGS_PER_BATCH: usize = 200;

/// Loads events, good practices, trainings, their enrollments and certificates.
pub(super) async fn load(
    out: &Writer<'_>,
    net: &Network,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    events(out, net, summary.events).await?;
    good_practices(out, net, summary.good_practices).await?;
    let courses = trainings(out, net, summary.trainings).await?;
    enrollments(out, net, &courses, summary).await
}

/// A JSON list of enum values in their stored spelling.
fn enum_json<T: serde::Serialize>(items: &[T]) -> anyhow::Result<Json> {
    Ok(serde_json::to_value(items)?)
}

/// A JSON list of strings.
fn text_json(items: &[&str]) -> Json {
    Json::from(items.to_vec())
}

/// A date in 2024–2025.
fn day(rng: &mut Rng) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(rng.next_u64() % 730)))
}

const AUDIENCES: [TargetGroup; 6] = [
    TargetGroup::CusStaff,
    TargetGroup::OpsStaff,
    TargetGroup::LocalGovernment,
    TargetGroup::OlderPeople,
    TargetGroup::FamiliesInCrisis,
    TargetGroup::Ngos,
];

async fn events(out: &Writer<'_>, net: &Network, count: usize) -> anyhow::Result<()> {
    let mut rng = Rng::new(2);
    let mut rows = Vec::with_capacity(count);
    let regions = net.regions.len();
    for e in 0..count {
        let region = &net.regions[e % regions];
        let (created, updated) = times(&mut rng);
        let topics = rng.some(TOPICS, 1, 3);
        let title = format!("{}: {}", rng.pick(EVENT_OPENINGS), topics[0]);
        let venue = (*rng.pick(VENUES)).to_owned();
        let start = day(&mut rng);
        let kind = *rng.pick(&[
            EventKind::Conference,
            EventKind::EducationalMeeting,
            EventKind::DisseminationMeeting,
            EventKind::Workshop,
        ]);
        rows.push(event::ActiveModel {
            id: Set(id(e)),
            title: Set(title.clone()),
            kind: Set(kind),
            format: Set(*rng.pick(&[
                EventFormat::Onsite,
                EventFormat::Online,
                EventFormat::Hybrid,
            ])),
            date_text: Set(start.map(|d| d.format("%Y-%m-%d").to_string())),
            start_date: Set(start),
            end_date: Set(start),
            venue_name: Set(Some(venue.clone())),
            venue_municipality_id: Set(Some(*rng.pick(&region.municipalities))),
            project_id: Set(rng
                .chance(30)
                .then(|| rng.pick(&region.projects).to_owned())
                .filter(|_| !region.projects.is_empty())),
            description: Set(Some("Wydarzenie syntetyczne.".to_owned())),
            audience: Set(enum_json(&rng.some(&AUDIENCES, 1, 2))?),
            goals: Set(text_json(&["wymiana doświadczeń"])),
            topics: Set(text_json(&topics)),
            owner_region_id: Set(region.id),
            visibility: Set(visibility(&mut rng, 30, 50)),
            version: Set(1),
            created_at: Set(created),
            updated_at: Set(updated),
            deleted_at: Set(None),
            search_text: Set(fold_all(
                [title.as_str(), venue.as_str()]
                    .into_iter()
                    .chain(topics.iter().copied()),
            )),
        });
    }
    out.put("events", rows).await
}

async fn good_practices(out: &Writer<'_>, net: &Network, count: usize) -> anyhow::Result<()> {
    let mut rng = Rng::new(3);
    let mut rows = Vec::with_capacity(count);
    let regions = net.regions.len();
    let categories = [
        ServiceCategory::FamilySupport,
        ServiceCategory::SocialAssistance,
        ServiceCategory::HealthPromotion,
        ServiceCategory::CivicEngagement,
        ServiceCategory::Culture,
    ];
    for g in 0..count {
        let region = &net.regions[g % regions];
        let (created, updated) = times(&mut rng);
        let topics = rng.some(TOPICS, 1, 2);
        let title = format!("{} – {}", rng.pick(PRACTICE_OPENINGS), topics[0]);
        let summary = format!(
            "Praktyka wypracowana w centrum usług społecznych; obszar: {} (rekord syntetyczny).",
            topics.join(", ")
        );
        rows.push(good_practice::ActiveModel {
            id: Set(id(g)),
            title: Set(title.clone()),
            summary: Set(summary.clone()),
            centre_id: Set(Some(*rng.pick(&region.centres))),
            status: Set(if rng.chance(85) {
                PublicationStatus::Published
            } else {
                PublicationStatus::Draft
            }),
            contact_id: Set(None),
            categories: Set(enum_json(&rng.some(&categories, 1, 2))?),
            topics: Set(text_json(&topics)),
            owner_region_id: Set(region.id),
            visibility: Set(visibility(&mut rng, 60, 30)),
            version: Set(1),
            created_at: Set(created),
            updated_at: Set(updated),
            deleted_at: Set(None),
            search_text: Set(fold_all(
                [title.as_str(), summary.as_str()]
                    .into_iter()
                    .chain(topics.iter().copied()),
            )),
        });
    }
    out.put("good practices", rows).await
}

/// What the enrollments need to know about a training.
struct Course {
    id: i64,
    /// Position of the owner region in [`Network::regions`].
    region: usize,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

/// Trainings, organised by each region's ROPS.
async fn trainings(out: &Writer<'_>, net: &Network, count: usize) -> anyhow::Result<Vec<Course>> {
    let mut rng = Rng::new(4);
    let mut rows = Vec::with_capacity(count);
    let mut courses = Vec::with_capacity(count);
    let regions = net.regions.len();
    for t in 0..count {
        let region = &net.regions[t % regions];
        let (created, updated) = times(&mut rng);
        let topic = rng.pick(TOPICS);
        let start = day(&mut rng);
        let end = start.and_then(|d| d.checked_add_days(chrono::Days::new(2)));
        courses.push(Course {
            id: id(t),
            region: t % regions,
            start,
            end,
        });
        let title = format!("Szkolenie: {topic} ({})", start.map_or(2025, |d| d.year()));
        let (organiser_id, organiser) = (&region.rops.0, region.rops.1.as_str());
        rows.push(training::ActiveModel {
            id: Set(id(t)),
            title: Set(title.clone()),
            kind: Set(*rng.pick(&[
                TrainingKind::CommunityOrganisation,
                TrainingKind::ServicesManagement,
                TrainingKind::Ipus,
                TrainingKind::Other,
            ])),
            organiser_id: Set(*organiser_id),
            project_id: Set(None),
            start_date: Set(start),
            end_date: Set(end),
            format: Set(Some(EventFormat::Onsite)),
            methods: Set(enum_json(&[
                TeachingMethod::Lecture,
                TeachingMethod::Workshop,
            ])?),
            curriculum: Set(text_json(&[topic])),
            audience: Set(enum_json(&rng.some(&AUDIENCES, 1, 2))?),
            completed_count: Set(rng.chance(50).then(|| rng.between(8, 40) as i32)),
            description: Set(Some("Szkolenie syntetyczne.".to_owned())),
            owner_region_id: Set(region.id),
            visibility: Set(visibility(&mut rng, 20, 70)),
            version: Set(1),
            created_at: Set(created),
            updated_at: Set(updated),
            deleted_at: Set(None),
            search_text: Set(fold_all([title.as_str(), organiser])),
        });
    }
    out.put("trainings", rows).await?;
    Ok(courses)
}

/// Noon of a day, UTC.
fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc()
}

/// A verification code as the API prints it: 12 characters without look-alikes, in groups
/// of four.
fn verification_code(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let raw: Vec<char> = (0..12).map(|_| char::from(*rng.pick(ALPHABET))).collect();
    raw.chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Participants of every training, persons of its region, each at most once, and the
/// certificates of most who completed it. A training that ended before [`stamp`] has ~92 %
/// COMPLETED (with the last day and 16–24 hours) and the rest WITHDRAWN; a later one ~95 %
/// ENROLLED. Certificates come from the organising ROPS, numbered `<year>/<serial>` per
/// issuer and year; their verification codes are stored as the API stores them, hashed.
async fn enrollments(
    out: &Writer<'_>,
    net: &Network,
    courses: &[Course],
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let mut rng = Rng::new(5);
    let today = stamp().date_naive();
    let positions: Vec<Vec<usize>> = net
        .regions
        .iter()
        .map(|r| (0..r.persons.len()).collect())
        .collect();
    let mut serials: HashMap<(i64, i32), usize> = HashMap::new();
    let (mut enrolled, mut certified) = (0, 0);
    for group in courses.chunks(TRAININGS_PER_BATCH) {
        let mut enrollment_rows = Vec::new();
        let mut certificate_rows = Vec::new();
        for course in group {
            let region = &net.regions[course.region];
            let issuer = region.rops.0;
            let ended = course.end.is_some_and(|d| d < today);
            let opened = course.start.unwrap_or(today);
            let last = course.end.unwrap_or(opened);
            let chosen = rng.some(
                &positions[course.region],
                PARTICIPANTS - 10,
                PARTICIPANTS + 10,
            );
            for p in chosen {
                let (person_id, name) = &region.persons[p];
                let created = noon(opened) - Duration::days(rng.between(7, 60));
                let roll = rng.below(100);
                let status = match (ended, roll) {
                    (true, 0..92) => EnrollmentStatus::Completed,
                    (false, 0..95) => EnrollmentStatus::Enrolled,
                    _ => EnrollmentStatus::Withdrawn,
                };
                let (completed_on, hours, updated) = match status {
                    EnrollmentStatus::Completed => {
                        (Some(last), Some(rng.between(16, 24) as i32), noon(last))
                    }
                    EnrollmentStatus::Withdrawn => {
                        (None, None, created + Duration::days(rng.between(1, 6)))
                    }
                    EnrollmentStatus::Enrolled => (None, None, created),
                };
                let enrollment_id = id(enrolled);
                enrolled += 1;
                enrollment_rows.push(training_enrollment::ActiveModel {
                    id: Set(enrollment_id),
                    training_id: Set(course.id),
                    person_id: Set(*person_id),
                    employer_id: Set(None),
                    status: Set(status),
                    completed_on: Set(completed_on),
                    hours: Set(hours),
                    participant_name: Set(name.clone()),
                    anonymised_at: Set(None),
                    owner_region_id: Set(region.id),
                    visibility: Set(Visibility::Region),
                    version: Set(1),
                    created_at: Set(created),
                    updated_at: Set(updated),
                    deleted_at: Set(None),
                    search_text: Set(String::new()),
                });
                if status != EnrollmentStatus::Completed || !rng.chance(85) {
                    continue;
                }
                let serial = serials.entry((issuer, last.year())).or_insert(0);
                *serial += 1;
                let number = format!("{}/{:03}", last.year(), serial);
                let kind = if rng.chance(30) {
                    CertificateKind::Diploma
                } else {
                    CertificateKind::CompletionCertificate
                };
                certificate_rows.push(certificate::ActiveModel {
                    id: Set(id(certified)),
                    enrollment_id: Set(enrollment_id),
                    kind: Set(kind),
                    search_text: Set(fold(&number)),
                    number: Set(number),
                    issued_on: Set(last),
                    issuer_id: Set(issuer),
                    holder_name: Set(name.clone()),
                    code_hash: Set(code_hash(&verification_code(&mut rng))),
                    revoked: Set(false),
                    revoked_reason: Set(None),
                    owner_region_id: Set(region.id),
                    visibility: Set(Visibility::Region),
                    version: Set(1),
                    created_at: Set(noon(last)),
                    updated_at: Set(noon(last)),
                    deleted_at: Set(None),
                });
                certified += 1;
            }
        }
        out.put("training enrollments", enrollment_rows).await?;
        out.put("certificates", certificate_rows).await?;
    }
    summary.enrollments = enrolled;
    summary.certificates = certified;
    Ok(())
}
