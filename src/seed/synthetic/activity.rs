//! Activities of the synthetic network: events, good practices and trainings, spread over
//! the regions' centres, municipalities and projects.

use chrono::{Datelike, NaiveDate};
use entity::enums::{
    EventFormat, EventKind, PublicationStatus, ServiceCategory, TargetGroup, TeachingMethod,
    TrainingKind,
};
use entity::{event, good_practice, training};
use sea_orm::Set;
use serde_json::Value as Json;

use super::batch::Writer;
use super::names::{EVENT_OPENINGS, PRACTICE_OPENINGS, TOPICS, VENUES};
use super::network::Network;
use super::rng::Rng;
use super::{Summary, id, times, visibility};
use crate::text::fold_all;

/// Loads events, good practices and trainings.
pub(super) async fn load(out: &Writer<'_>, net: &Network, summary: &Summary) -> anyhow::Result<()> {
    events(out, net, summary.events).await?;
    good_practices(out, net, summary.good_practices).await?;
    trainings(out, net, summary.trainings).await
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

/// Trainings, organised by each region's ROPS. Enrollments of the trainings issue would be
/// generated here, right after the trainings (people of the same region).
async fn trainings(out: &Writer<'_>, net: &Network, count: usize) -> anyhow::Result<()> {
    let mut rng = Rng::new(4);
    let mut rows = Vec::with_capacity(count);
    let regions = net.regions.len();
    for t in 0..count {
        let region = &net.regions[t % regions];
        let (created, updated) = times(&mut rng);
        let topic = rng.pick(TOPICS);
        let start = day(&mut rng);
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
            end_date: Set(start.and_then(|d| d.checked_add_days(chrono::Days::new(2)))),
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
    out.put("trainings", rows).await
}
