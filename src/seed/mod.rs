//! The demo network: a small, deterministic copy of the CUS cooperation network built from the
//! project's domain seed facts (`seed-facts.md`), loaded into an empty database.
//!
//! [`load_demo_if_empty`] does nothing when the `region` table already has rows; otherwise it
//! inserts everything in one transaction, so a failure leaves the database empty. It runs
//! unchanged on SQLite and PostgreSQL. Regions use their TERYT number as `id` (26 =
//! świętokrzyskie, 2 = dolnośląskie, …); every other table gets automatic ids. All
//! region-owned rows carry `version` 1, `created_at` = `updated_at` = 2026-01-01T00:00:00Z and
//! a `search_text` folded with [`crate::text::fold_all`].
//!
//! Contents (files): `reference` (16 voivodeships, 18 counties, 27 municipalities with TERC
//! codes valid from 2024-01-01, 6 funding programmes, 4 actions), `demo` (24 organisations,
//! the regional offices of 26, 28 and 18, 22 centres), `projects` (20), `people` (18 officials
//! and experts with 17 time-bound positions, 8 expert profiles, 4 contact persons),
//! `knowledge` (8 documents, 5 good practices) and `activities` (5 events, 4 trainings, 4
//! study visits). Contact e-mails and phones are synthetic (`given.family@example.invalid`,
//! `+48 000 000 0NN`). Records whose description says „rekord syntetyczny” are invented for
//! the demo; the rest follow the seed facts, including their web enrichment (the six later
//! FEŚ centres and contracts, Marek Rymsza, brochure details).
//!
//! Centres: 6 OPERATING in świętokrzyskie (Górno, Łagów, Mniów, Starachowice, Stopnica,
//! Zagnańsk); the 6 FEŚ centres of the conference are PLANNED (Daleszyce, Michałów,
//! Skarżysko-Kamienna: selected, no contract) or IN_CREATION (Połaniec, Działoszyce,
//! Ostrowiec Świętokrzyski: contract signed); 6 more IN_CREATION from later FEŚ contracts;
//! Bukowsko (18), Czersk (22), Resko and Goleniów (32) OPERATING. A centre's owner region is
//! the region of its primary municipality, so Czersk, Resko and Goleniów belong to non-member
//! regions; their good practices are owned by 28.
//!
//! # Visibility mix (tests rely on it)
//!
//! - PUBLIC: public institutions in the organisation directory (every organisation except the
//!   non-public Uczelnia Korczaka, which is NETWORK), all centres, the published good
//!   practices, the KPRP brochures and the Bukowsko social-services programme.
//! - NETWORK: projects, persons, experts, events, trainings, study visits, the DRAFT good
//!   practice, the Bukowsko procedures pack and the 2025 photo gallery.
//! - REGION: every contact person, plus the deliberately restricted records below.
//!
//! Deliberately restricted records:
//!
//! - REGION project owned by 26: „Plan doradztwa dla gmin tworzących CUS (wewnętrzny)”.
//! - REGION project owned by 28: „Projekt wsparcia gmin warmińsko-mazurskich w tworzeniu CUS
//!   (wewnętrzny)”.
//! - DRAFT good practice owned by 26 (visibility NETWORK): „Standard współpracy CUS z
//!   organizacjami pozarządowymi – szkic (wewnętrzny)”.
//! - REGION expert owned by 28: the profile of Iwona Klimowicz (ROPS Szczecin); its summary
//!   starts with „Kontakt roboczy (wewnętrzny)”.
//! - REGION event owned by 28: „Warsztat roboczy zespołu ds. CUS ROPS w Olsztynie
//!   (wewnętrzny)”.
//!
//! The training with `completed_count` 22 is „Szkolenie z zakresu organizacji społeczności
//! lokalnej” owned by 26 (organiser ROPS Kielce, ended 2025-04-22); ROPS Rzeszów runs a
//! training with the same title (owned by 18, no count). Uczelnia Korczaka is the partner of
//! the three Podkarpackie trainings from 2023-01-01 to 2023-12-31 (the year of their study
//! visits), so the partnership has expired by the demo timestamp.

mod activities;
mod demo;
mod knowledge;
mod people;
mod projects;
mod reference;
pub mod synthetic;
mod trainees;

use std::collections::HashMap;

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, PaginatorTrait,
    PrimaryKeyTrait, TransactionTrait,
};
use serde::Serialize;
use serde_json::Value as Json;

/// Loads the demo network when the database has no regions yet.
///
/// Returns `Ok(true)` when it loaded the network and `Ok(false)` when the `region` table
/// already had rows (then nothing is changed). Everything is written in one transaction.
///
/// # Errors
///
/// Any database error; the transaction is then rolled back and the database stays empty.
pub async fn load_demo_if_empty(db: &DatabaseConnection) -> anyhow::Result<bool> {
    let txn = db
        .begin()
        .await
        .context("starting the demo-network transaction")?;
    let regions = entity::region::Entity::find()
        .count(&txn)
        .await
        .context("counting regions")?;
    if regions > 0 {
        txn.rollback()
            .await
            .context("ending the unused transaction")?;
        return Ok(false);
    }
    let mut seed = Seed::new(&txn)?;
    reference::load(&mut seed).await.context("reference data")?;
    demo::load(&mut seed)
        .await
        .context("organisations and centres")?;
    projects::load(&mut seed).await.context("projects")?;
    people::load(&mut seed)
        .await
        .context("people, experts and contacts")?;
    knowledge::load(&mut seed)
        .await
        .context("documents and good practices")?;
    activities::load(&mut seed)
        .await
        .context("events, trainings and study visits")?;
    trainees::load(&mut seed)
        .await
        .context("participants and diplomas of the 2025 training")?;
    txn.commit().await.context("committing the demo network")?;
    Ok(true)
}

/// The timestamp every demo record carries (2026-01-01T00:00:00Z).
const STAMP_SECONDS: i64 = 1_767_225_600;

/// Loader state: the transaction, the fixed timestamp and the ids (and display labels) of the
/// rows inserted so far, by fixture key (e.g. `org:rops-kielce`, or a TERC code).
struct Seed<'a> {
    txn: &'a DatabaseTransaction,
    now: DateTime<Utc>,
    ids: HashMap<&'static str, (i64, String)>,
}

impl<'a> Seed<'a> {
    fn new(txn: &'a DatabaseTransaction) -> anyhow::Result<Self> {
        let now = DateTime::<Utc>::from_timestamp(STAMP_SECONDS, 0)
            .context("building the demo timestamp")?;
        Ok(Self {
            txn,
            now,
            ids: HashMap::new(),
        })
    }

    /// Remembers the id and display label of a row under its fixture key.
    fn put(&mut self, key: &'static str, id: i64, label: impl Into<String>) -> anyhow::Result<()> {
        if self.ids.insert(key, (id, label.into())).is_some() {
            anyhow::bail!("duplicate demo key {key}");
        }
        Ok(())
    }

    /// The id of the row stored under `key`.
    fn id(&self, key: &str) -> anyhow::Result<i64> {
        self.ids
            .get(key)
            .map(|(id, _)| *id)
            .with_context(|| format!("unknown demo key {key}"))
    }

    /// The id of an optional key.
    fn opt_id(&self, key: Option<&str>) -> anyhow::Result<Option<i64>> {
        key.map(|k| self.id(k)).transpose()
    }

    /// The display label (name) of the row stored under `key`.
    fn label(&self, key: &str) -> anyhow::Result<&str> {
        self.ids
            .get(key)
            .map(|(_, label)| label.as_str())
            .with_context(|| format!("unknown demo key {key}"))
    }
}

/// Inserts one row and returns its (automatic) id.
async fn insert<A>(txn: &DatabaseTransaction, row: A) -> anyhow::Result<i64>
where
    A: ActiveModelTrait + Send,
    <<A::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: Into<i64>,
{
    let done = <A::Entity as EntityTrait>::insert(row).exec(txn).await?;
    Ok(done.last_insert_id.into())
}

/// Inserts rows in one statement (nothing when there are none).
async fn insert_many<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> anyhow::Result<()>
where
    A: ActiveModelTrait + Send,
{
    <A::Entity as EntityTrait>::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// Parses an ISO date (`YYYY-MM-DD`).
fn date(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("bad demo date {text}"))
}

/// Parses an optional ISO date.
fn opt_date(text: Option<&str>) -> anyhow::Result<Option<NaiveDate>> {
    text.map(date).transpose()
}

/// A JSON array of strings.
fn strings(items: &[&str]) -> Json {
    Json::Array(
        items
            .iter()
            .map(|s| Json::String((*s).to_owned()))
            .collect(),
    )
}

/// A JSON array of enum values in their stored (SCREAMING_SNAKE) spelling.
fn enum_list<T: Serialize>(items: &[T]) -> anyhow::Result<Json> {
    serde_json::to_value(items).context("serialising a demo enum list")
}

/// `Some(s.to_owned())` for an optional static string.
fn owned(text: Option<&str>) -> Option<String> {
    text.map(str::to_owned)
}
