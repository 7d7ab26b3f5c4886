//! Mutations of organisations.

use super::{request_info, scoped};
use crate::graphql::enums::{OrganisationKind, Visibility};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::types::Organisation;
use crate::service::organisations;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// A new organisation.
#[derive(InputObject, Debug, Clone)]
pub struct OrganisationInput {
    /// Full official name (1–300 characters).
    pub name: String,
    /// Short name used in everyday speech, e.g. „ROPS Kielce” (at most 300 characters).
    pub short_name: Option<String>,
    /// Other names the organisation is known by (at most 100, each 1–300 characters).
    pub aliases: Option<Vec<String>>,
    /// Kind of organisation.
    pub kind: OrganisationKind,
    /// Municipality of the seat (global id).
    pub municipality_id: Option<ID>,
    /// Parent organisation (global id of an organisation the caller can see), e.g. the marshal
    /// office a regional office belongs to.
    pub parent_id: Option<ID>,
    /// Website (http or https).
    pub website: Option<String>,
    /// Who besides the owner region may read it; default `PUBLIC`.
    pub visibility: Option<Visibility>,
    /// The owner region (two-digit TERYT code, e.g. `"26"`), which the caller must be allowed
    /// to write; default the caller's only region.
    pub region_code: Option<String>,
}

/// Changes to an organisation: only the fields given change; `null` clears an optional field.
#[derive(InputObject, Debug, Clone, Default)]
pub struct OrganisationPatch {
    /// Full official name (1–300 characters).
    pub name: Option<String>,
    /// Short name used in everyday speech.
    pub short_name: MaybeUndefined<String>,
    /// Other names the organisation is known by (replaces the list; `[]` clears it).
    pub aliases: Option<Vec<String>>,
    /// Kind of organisation.
    pub kind: Option<OrganisationKind>,
    /// Municipality of the seat (global id).
    pub municipality_id: MaybeUndefined<ID>,
    /// Parent organisation (global id of an organisation the caller can see; not the
    /// organisation itself or one of its descendants).
    pub parent_id: MaybeUndefined<ID>,
    /// Website (http or https).
    pub website: MaybeUndefined<String>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the organisation to another owner region (two-digit TERYT code), which the caller
    /// must be allowed to write. The organisation of a regional office stays in its region.
    pub region_code: Option<String>,
}

#[derive(Default)]
pub(crate) struct OrganisationMutation;

#[Object]
impl OrganisationMutation {
    /// Registers an organisation. With an `idempotencyKey`, a retry returns the organisation
    /// the first call created instead of creating another.
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new organisation.")] input: OrganisationInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<Organisation> {
        let c = scoped(ctx)?;
        let m = organisations::create(c.db, &request_info(ctx), input, idempotency_key.as_deref())
            .await?;
        Ok(Organisation(m))
    }

    /// Changes an organisation. `expectedVersion` is the version the caller last read; if the
    /// organisation changed since, nothing is written and the error is `CONFLICT` with the
    /// current version.
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the organisation.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: OrganisationPatch,
    ) -> Result<Organisation> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::Organisation)?;
        let m = organisations::update(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(Organisation(m))
    }
}
