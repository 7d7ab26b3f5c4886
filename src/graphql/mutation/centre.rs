//! Mutations of centres.

use super::{request_info, scoped};
use crate::graphql::enums::{CentreStatus, CreationMode, ServiceCategory, Visibility};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::scalars::Date;
use crate::graphql::types::Centre;
use crate::service::centres;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// The council resolution that established a centre.
#[derive(InputObject, Debug, Clone)]
pub struct ResolutionInput {
    /// Resolution number, e.g. `IX/36/2024` (at most 64 characters).
    pub number: String,
    /// Date of adoption.
    pub adopted_on: Option<Date>,
    /// Council that adopted it, e.g. „Rada Miejska w Łagowie”.
    pub body: Option<String>,
}

/// A new centre. Its owner region is the region of its primary municipality, which must be
/// one the caller may write.
#[derive(InputObject, Debug, Clone)]
pub struct CentreInput {
    /// Official name (1–300 characters).
    pub name: String,
    /// Life-cycle status.
    pub status: CentreStatus,
    /// How the centre was created.
    pub creation_mode: Option<CreationMode>,
    /// Date the centre started operating.
    pub operating_since: Option<Date>,
    /// Name of the OPS it was transformed from.
    pub predecessor_name: Option<String>,
    /// The establishing council resolution.
    pub establishing_resolution: Option<ResolutionInput>,
    /// Postal address of the centre.
    pub address: Option<String>,
    /// Website (http or https).
    pub website: Option<String>,
    /// Short description.
    pub description: Option<String>,
    /// The municipality the centre belongs to (global id); decides the owner region.
    pub primary_municipality_id: ID,
    /// Further municipalities served (inter-municipal centres), at most 100.
    pub other_municipality_ids: Option<Vec<ID>>,
    /// Service areas offered.
    pub service_categories: Option<Vec<ServiceCategory>>,
    /// Who besides the owner region may read it; default `PUBLIC`.
    pub visibility: Option<Visibility>,
}

/// Changes to a centre: only the fields given change; `null` clears an optional field.
#[derive(InputObject, Debug, Clone, Default)]
pub struct CentrePatch {
    /// Official name (1–300 characters).
    pub name: Option<String>,
    /// Life-cycle status.
    pub status: Option<CentreStatus>,
    /// How the centre was created.
    pub creation_mode: MaybeUndefined<CreationMode>,
    /// Date the centre started operating.
    pub operating_since: MaybeUndefined<Date>,
    /// Name of the OPS it was transformed from.
    pub predecessor_name: MaybeUndefined<String>,
    /// The establishing council resolution.
    pub establishing_resolution: MaybeUndefined<ResolutionInput>,
    /// Postal address.
    pub address: MaybeUndefined<String>,
    /// Website (http or https).
    pub website: MaybeUndefined<String>,
    /// Short description.
    pub description: MaybeUndefined<String>,
    /// A new primary municipality; the centre moves to its region, which the caller must be
    /// allowed to write.
    pub primary_municipality_id: Option<ID>,
    /// The further municipalities served (replaces the list).
    pub other_municipality_ids: Option<Vec<ID>>,
    /// Service areas offered (replaces the list).
    pub service_categories: Option<Vec<ServiceCategory>>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
}

#[derive(Default)]
pub(crate) struct CentreMutation;

#[Object]
impl CentreMutation {
    /// Registers a centre. With an `idempotencyKey`, a retry returns the centre the first call
    /// created instead of creating another.
    async fn create_centre(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new centre.")] input: CentreInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<Centre> {
        let c = scoped(ctx)?;
        let m =
            centres::create(c.db, &request_info(ctx), input, idempotency_key.as_deref()).await?;
        Ok(Centre(m))
    }

    /// Changes a centre. `expectedVersion` is the version the caller last read; if the centre
    /// changed since, nothing is written and the error is `CONFLICT` with the current version.
    async fn update_centre(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the centre.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: CentrePatch,
    ) -> Result<Centre> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::Centre)?;
        let m = centres::update(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(Centre(m))
    }
}
