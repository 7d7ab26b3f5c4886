//! Mutations of projects.

use super::{request_info, scoped};
use crate::graphql::enums::{ParticipantRole, ProjectStatus, SelectionMode, Visibility};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::scalars::Date;
use crate::graphql::types::Project;
use crate::service::projects;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// An amount of a project (total value, grant requested, grant awarded).
#[derive(InputObject, Debug, Clone)]
pub struct ProjectAmountInput {
    /// The amount in PLN as a decimal string with at most two decimals, not negative, e.g.
    /// `"6970000.00"`.
    pub amount: String,
    /// True when the source gave a rounded figure (e.g. „ok. 15 mln zł”); default false.
    pub approximate: Option<bool>,
}

/// An organisation taking part in a project.
#[derive(InputObject, Debug, Clone)]
pub struct ProjectParticipantInput {
    /// The organisation (global id of an organisation the caller can see).
    pub organisation_id: ID,
    /// Its role; a project has at most one `LEAD`.
    pub role: ParticipantRole,
}

/// A new project.
#[derive(InputObject, Debug, Clone)]
pub struct ProjectInput {
    /// Exact title without quotation marks (1–300 characters).
    pub title: String,
    /// Short title used in everyday speech.
    pub short_title: Option<String>,
    /// The funding programme (global id).
    pub programme_id: ID,
    /// The programme's action (global id); it must belong to the programme.
    pub action_id: Option<ID>,
    /// Status of the project.
    pub status: ProjectStatus,
    /// Competitive or non-competitive selection.
    pub selection_mode: Option<SelectionMode>,
    /// Number of the grant agreement, e.g. `FERS.04.13-IP.06-0012/23` (at most 100 characters).
    pub agreement_number: Option<String>,
    /// Date the grant agreement was signed.
    pub agreement_signed_on: Option<Date>,
    /// First day of the project.
    pub start_date: Option<Date>,
    /// Last day of the project; not before the first.
    pub end_date: Option<Date>,
    /// Total value of the project.
    pub total_value: Option<ProjectAmountInput>,
    /// Funding applied for.
    pub grant_requested: Option<ProjectAmountInput>,
    /// Funding awarded.
    pub grant_awarded: Option<ProjectAmountInput>,
    /// Project website (http or https).
    pub website: Option<String>,
    /// Short description.
    pub description: Option<String>,
    /// Organisations taking part and their roles (at most 100).
    pub participants: Option<Vec<ProjectParticipantInput>>,
    /// Centres the project creates or supports (global ids of centres the caller can see; at
    /// most 100).
    pub centre_ids: Option<Vec<ID>>,
    /// Who besides the owner region may read it; default `NETWORK`.
    pub visibility: Option<Visibility>,
    /// The owner region (two-digit TERYT code, e.g. `"26"`), which the caller must be allowed
    /// to write; default the caller's only region.
    pub region_code: Option<String>,
}

/// Changes to a project: only the fields given change; `null` clears an optional field.
#[derive(InputObject, Debug, Clone, Default)]
pub struct ProjectPatch {
    /// Exact title without quotation marks (1–300 characters).
    pub title: Option<String>,
    /// Short title used in everyday speech.
    pub short_title: MaybeUndefined<String>,
    /// The funding programme (global id); a kept action must belong to it.
    pub programme_id: Option<ID>,
    /// The programme's action (global id); it must belong to the programme.
    pub action_id: MaybeUndefined<ID>,
    /// Status of the project.
    pub status: Option<ProjectStatus>,
    /// Competitive or non-competitive selection.
    pub selection_mode: MaybeUndefined<SelectionMode>,
    /// Number of the grant agreement.
    pub agreement_number: MaybeUndefined<String>,
    /// Date the grant agreement was signed.
    pub agreement_signed_on: MaybeUndefined<Date>,
    /// First day of the project.
    pub start_date: MaybeUndefined<Date>,
    /// Last day of the project; not before the first.
    pub end_date: MaybeUndefined<Date>,
    /// Total value of the project.
    pub total_value: MaybeUndefined<ProjectAmountInput>,
    /// Funding applied for.
    pub grant_requested: MaybeUndefined<ProjectAmountInput>,
    /// Funding awarded.
    pub grant_awarded: MaybeUndefined<ProjectAmountInput>,
    /// Project website (http or https).
    pub website: MaybeUndefined<String>,
    /// Short description.
    pub description: MaybeUndefined<String>,
    /// Organisations taking part and their roles (replaces the list).
    pub participants: Option<Vec<ProjectParticipantInput>>,
    /// Centres the project creates or supports (replaces the list).
    pub centre_ids: Option<Vec<ID>>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the project to another owner region (two-digit TERYT code), which the caller must
    /// be allowed to write.
    pub region_code: Option<String>,
}

#[derive(Default)]
pub(crate) struct ProjectMutation;

#[Object]
impl ProjectMutation {
    /// Registers a project with its participants and centres. With an `idempotencyKey`, a
    /// retry returns the project the first call created instead of creating another.
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new project.")] input: ProjectInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<Project> {
        let c = scoped(ctx)?;
        let m =
            projects::create(c.db, &request_info(ctx), input, idempotency_key.as_deref()).await?;
        Ok(Project(m))
    }

    /// Changes a project. `expectedVersion` is the version the caller last read; if the
    /// project changed since, nothing is written and the error is `CONFLICT` with the current
    /// version.
    async fn update_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the project.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: ProjectPatch,
    ) -> Result<Project> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::Project)?;
        let m = projects::update(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(Project(m))
    }
}
