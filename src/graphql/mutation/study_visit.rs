//! Mutations of study visits.

use super::{request_info, scoped};
use crate::graphql::enums::Visibility;
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::scalars::Date;
use crate::graphql::types::StudyVisit;
use crate::service::study_visits;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// A new study visit: one day of a visiting group at a host centre. It belongs to the region
/// given by `regionCode`, by default the caller's only region.
#[derive(InputObject, Debug, Clone)]
pub struct StudyVisitInput {
    /// The host centre (global id).
    pub host_centre_id: ID,
    /// Day of the visit.
    pub date: Date,
    /// Who visited, e.g. „przyszli dyrektorzy CUS z Podkarpacia” (1–300 characters).
    pub group_description: String,
    /// Number of visitors, when known (1–10000).
    pub headcount: Option<i32>,
    /// Points of the programme (each 1–300 characters), at most 100.
    pub agenda: Option<Vec<String>>,
    /// Project the visit belongs to (global id).
    pub project_id: Option<ID>,
    /// Training whose participants made the visit (global id).
    pub training_id: Option<ID>,
    /// Organising organisations (global ids), at most 100.
    pub organiser_ids: Option<Vec<ID>>,
    /// Who besides the owner region may read it; default `PUBLIC`.
    pub visibility: Option<Visibility>,
    /// Owner region as a voivodeship TERYT code (e.g. `"18"`); required only when the caller
    /// acts for several regions.
    pub region_code: Option<String>,
}

/// Changes to a study visit: only the fields given change; `null` clears an optional field;
/// a list given replaces the list.
#[derive(InputObject, Debug, Clone, Default)]
pub struct StudyVisitPatch {
    /// The host centre (global id).
    pub host_centre_id: Option<ID>,
    /// Day of the visit.
    pub date: Option<Date>,
    /// Who visited (1–300 characters).
    pub group_description: Option<String>,
    /// Number of visitors (1–10000).
    pub headcount: MaybeUndefined<i32>,
    /// Points of the programme (replaces the list).
    pub agenda: Option<Vec<String>>,
    /// Project the visit belongs to (global id).
    pub project_id: MaybeUndefined<ID>,
    /// Training whose participants made the visit (global id).
    pub training_id: MaybeUndefined<ID>,
    /// Organising organisations (replaces the list; links to organisations the caller cannot
    /// see are kept).
    pub organiser_ids: Option<Vec<ID>>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the visit to this region (voivodeship TERYT code), which the caller must be
    /// allowed to write.
    pub region_code: Option<String>,
}

#[derive(Default)]
pub(crate) struct StudyVisitMutation;

#[Object]
impl StudyVisitMutation {
    /// Records a study visit with its organisers. With an `idempotencyKey`, a retry returns
    /// the visit the first call created instead of creating another.
    async fn create_study_visit(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new study visit.")] input: StudyVisitInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<StudyVisit> {
        let c = scoped(ctx)?;
        let m = study_visits::create(c.db, &request_info(ctx), input, idempotency_key.as_deref())
            .await?;
        Ok(StudyVisit(m))
    }

    /// Changes a study visit. `expectedVersion` is the version the caller last read; if the
    /// visit changed since, nothing is written and the error is `CONFLICT` with the current
    /// version.
    async fn update_study_visit(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the study visit.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: StudyVisitPatch,
    ) -> Result<StudyVisit> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::StudyVisit)?;
        let m = study_visits::update(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(StudyVisit(m))
    }
}
