//! Mutations of trainings and their partner organisations.

use super::{request_info, scoped};
use crate::graphql::enums::{EventFormat, TrainingKind, Visibility};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::scalars::Date;
use crate::graphql::types::Training;
use crate::service::trainings;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// A partner organisation of a training and the window in which the partnership holds.
#[derive(InputObject, Debug, Clone)]
pub struct TrainingPartnerInput {
    /// The partner organisation (global id), e.g. a university; it must be visible to the
    /// caller.
    pub organisation_id: ID,
    /// First day of the partnership, when limited.
    pub valid_from: Option<Date>,
    /// Last day of the partnership, when limited; not before `validFrom`.
    pub valid_to: Option<Date>,
}

/// A new training.
#[derive(InputObject, Debug, Clone)]
pub struct TrainingInput {
    /// Title (1–300 characters).
    pub title: String,
    /// Kind of training.
    pub kind: TrainingKind,
    /// The organising organisation (global id), usually a regional office; it must be visible
    /// to the caller.
    pub organiser_id: ID,
    /// The project the training belongs to (global id), if any; it must be visible to the
    /// caller.
    pub project_id: Option<ID>,
    /// First day, when known.
    pub start_date: Option<Date>,
    /// Last day (or the ceremony date), when known; not before `startDate`.
    pub end_date: Option<Date>,
    /// On site, online or hybrid.
    pub format: Option<EventFormat>,
    /// Teaching methods, as codes (`LECTURE`, `EXERCISE`, `WORKSHOP`, `STUDY_VISIT`); at most
    /// 100.
    pub methods: Option<Vec<String>>,
    /// Curriculum topics (each 1–300 characters); at most 100.
    pub curriculum: Option<Vec<String>>,
    /// Audience groups, as codes (e.g. `CUS_STAFF`, `FUTURE_CUS_DIRECTORS`); at most 100.
    pub audience: Option<Vec<String>>,
    /// Number of people who completed it, when reported as a figure (0 or more).
    pub completed_count: Option<i32>,
    /// Short description.
    pub description: Option<String>,
    /// Partner organisations with their validity windows; at most 100, each organisation once.
    pub partners: Option<Vec<TrainingPartnerInput>>,
    /// Who besides the owner region may read it; default `NETWORK`.
    pub visibility: Option<Visibility>,
    /// Owner region (two-digit voivodeship TERYT code, e.g. `"26"`); default the caller's only
    /// region. The caller must be allowed to write it.
    pub region_code: Option<String>,
}

/// Changes to a training: only the fields given change; `null` clears an optional field.
#[derive(InputObject, Debug, Clone, Default)]
pub struct TrainingPatch {
    /// Title (1–300 characters).
    pub title: Option<String>,
    /// Kind of training.
    pub kind: Option<TrainingKind>,
    /// The organising organisation (global id); it must be visible to the caller.
    pub organiser_id: Option<ID>,
    /// The project the training belongs to (global id); it must be visible to the caller.
    pub project_id: MaybeUndefined<ID>,
    /// First day.
    pub start_date: MaybeUndefined<Date>,
    /// Last day (or the ceremony date); not before the start date.
    pub end_date: MaybeUndefined<Date>,
    /// On site, online or hybrid.
    pub format: MaybeUndefined<EventFormat>,
    /// Teaching methods, as codes (replaces the list).
    pub methods: Option<Vec<String>>,
    /// Curriculum topics (replaces the list).
    pub curriculum: Option<Vec<String>>,
    /// Audience groups, as codes (replaces the list).
    pub audience: Option<Vec<String>>,
    /// Number of people who completed it (0 or more).
    pub completed_count: MaybeUndefined<i32>,
    /// Short description.
    pub description: MaybeUndefined<String>,
    /// Partner organisations with their validity windows (replaces the list).
    pub partners: Option<Vec<TrainingPartnerInput>>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the training to another region (two-digit TERYT code); the caller must be allowed
    /// to write it.
    pub region_code: Option<String>,
}

#[derive(Default)]
pub(crate) struct TrainingMutation;

#[Object]
impl TrainingMutation {
    /// Registers a training with its partner organisations. With an `idempotencyKey`, a retry
    /// returns the training the first call created instead of creating another.
    async fn create_training(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new training.")] input: TrainingInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<Training> {
        let c = scoped(ctx)?;
        let m =
            trainings::create(c.db, &request_info(ctx), input, idempotency_key.as_deref()).await?;
        Ok(Training(m))
    }

    /// Changes a training. `expectedVersion` is the version the caller last read; if the
    /// training changed since, nothing is written and the error is `CONFLICT` with the current
    /// version.
    async fn update_training(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the training.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: TrainingPatch,
    ) -> Result<Training> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::Training)?;
        let m = trainings::update(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(Training(m))
    }
}
