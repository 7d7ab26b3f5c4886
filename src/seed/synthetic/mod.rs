//! The synthetic national network: `cusnet seed --synthetic --scale N`.
//!
//! At scale 1 it is roughly all of Poland: the 16 voivodeships with their TERYT numbers,
//! ~380 counties, ~2,500 municipalities with one centre each, ~20,000 persons with an
//! expert profile each, ~2,500 projects, ~50,000 events, ~20,000 good practices and ~5,000
//! trainings; every count but the regions' grows with the scale (fractions such as 0.01 make
//! a small network for tests). The same scale always gives the same rows: every choice comes
//! from a seeded generator ([`rng`]), and ids are assigned by the load, in order.
//!
//! Rows are what the API itself would store: valid enum values, version 1, and `search_text`
//! folded the way the write pipeline folds it, so search ignores case and diacritics. The
//! visibility mix is realistic: most centres and good practices are PUBLIC, people and
//! events mostly NETWORK, a share of everything REGION, and some good practices DRAFT.
//! Seeded rows have no change-feed entries: a `snapshot` reads the tables directly.
//!
//! Every training has ~50 participants (~250,000 enrollments at scale 1), persons of the
//! training's region, each at most once: mostly COMPLETED with a completion day and hours
//! for trainings that ended before [`stamp`], ENROLLED for later ones, a few WITHDRAWN. Most
//! completed participants hold a certificate of the organising ROPS, numbered
//! `<year>/<serial>` per issuer like the API numbers them, with a verification code stored
//! only as its hash, as the API stores it.

mod activity;
mod batch;
mod names;
mod network;
mod rng;

use anyhow::Context as _;
use chrono::{DateTime, Duration, Utc};
use entity::enums::Visibility;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait};

use batch::Writer;
use rng::Rng;

/// What a synthetic load wrote, by table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Counties.
    pub counties: usize,
    /// Municipalities.
    pub municipalities: usize,
    /// Organisations.
    pub organisations: usize,
    /// Centres.
    pub centres: usize,
    /// Projects.
    pub projects: usize,
    /// Persons (each with one expert profile).
    pub persons: usize,
    /// Events.
    pub events: usize,
    /// Good practices.
    pub good_practices: usize,
    /// Trainings.
    pub trainings: usize,
    /// Training enrollments.
    pub enrollments: usize,
    /// Certificates.
    pub certificates: usize,
}

impl Summary {
    /// All rows written, link rows included approximately (for the progress bar).
    fn rows(&self) -> u64 {
        (16 + self.counties
            + self.municipalities
            + self.organisations
            + self.centres * 3
            + self.projects * 2
            + self.persons * 2
            + self.events
            + self.good_practices
            + self.trainings
            + self.enrollments
            + self.certificates) as u64
    }
}

/// Row counts for a scale.
fn plan(scale: f64) -> Summary {
    let n = |base: f64| ((base * scale).round() as usize).max(16);
    let municipalities = n(2_500.0);
    let trainings = n(5_000.0);
    // Estimates for the progress bar; the load counts the rows it writes.
    let enrollments = trainings * activity::PARTICIPANTS;
    Summary {
        counties: 0,
        municipalities,
        organisations: 0,
        centres: municipalities,
        projects: n(2_500.0),
        persons: n(20_000.0),
        events: n(50_000.0),
        good_practices: n(20_000.0),
        trainings,
        enrollments,
        certificates: enrollments * 3 / 4,
    }
}

/// Loads the synthetic network at `scale` into an empty, migrated database, in one
/// transaction. `progress` draws a progress bar on standard error.
///
/// # Errors
///
/// When the scale is not positive, the database already has regions, or any insert fails
/// (nothing is then written).
pub async fn load(db: &DatabaseConnection, scale: f64, progress: bool) -> anyhow::Result<Summary> {
    if !(scale.is_finite() && scale > 0.0 && scale <= 100.0) {
        anyhow::bail!("the scale must be above 0 and at most 100, not {scale}");
    }
    let txn = db.begin().await.context("starting the load")?;
    if entity::region::Entity::find().count(&txn).await? > 0 {
        anyhow::bail!("the database already holds a network; load into an empty database");
    }
    let mut summary = plan(scale);
    let out = Writer::new(&txn, summary.rows(), progress);
    let net = network::load(&out, &mut summary).await?;
    activity::load(&out, &net, &mut summary).await?;
    out.advance_sequences(&[
        "county",
        "municipality",
        "organisation",
        "regional_office",
        "funding_programme",
        "centre",
        "project",
        "person",
        "expert",
        "event",
        "good_practice",
        "training",
        "training_enrollment",
        "certificate",
    ])
    .await?;
    out.finish();
    drop(out);
    txn.commit().await.context("committing the load")?;
    Ok(summary)
}

/// The moment the synthetic network was „last edited” (2026-01-01T00:00:00Z).
fn stamp() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(1_767_225_600, 0).unwrap_or_default()
}

/// Creation and last-update times spread over the two years before [`stamp`].
fn times(rng: &mut Rng) -> (DateTime<Utc>, DateTime<Utc>) {
    let created = stamp() - Duration::minutes(rng.between(60 * 24 * 30, 60 * 24 * 730));
    let updated = created + Duration::minutes(rng.between(0, 60 * 24 * 29));
    (created, updated)
}

/// A visibility: `public` % PUBLIC, `network` % NETWORK, the rest REGION.
fn visibility(rng: &mut Rng, public: u64, network: u64) -> Visibility {
    let roll = rng.next_u64() % 100;
    if roll < public {
        Visibility::Public
    } else if roll < public + network {
        Visibility::Network
    } else {
        Visibility::Region
    }
}

/// An id from a 0-based position.
fn id(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX) + 1
}
