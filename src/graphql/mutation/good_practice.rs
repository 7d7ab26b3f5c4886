//! Mutations of good practices and their documents.

use super::{request_info, scoped};
use crate::graphql::enums::{PublicationStatus, ServiceCategory, Visibility};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::types::GoodPractice;
use crate::service::good_practices;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// A new good practice.
#[derive(InputObject, Debug, Clone)]
pub struct GoodPracticeInput {
    /// Title (1–300 characters).
    pub title: String,
    /// Summary in the network's own words (1–10 000 characters).
    pub summary: String,
    /// Draft or published; default `DRAFT`. Drafts are seen only by the owner region.
    pub status: Option<PublicationStatus>,
    /// The centre the practice comes from (global id), if any; it must be visible to the
    /// caller.
    pub centre_id: Option<ID>,
    /// The contact person for the practice (global id), if any; it must be visible to the
    /// caller.
    pub contact_id: Option<ID>,
    /// Service areas the practice concerns; at most 100.
    pub categories: Option<Vec<ServiceCategory>>,
    /// Topics (each 1–300 characters); at most 100.
    pub topics: Option<Vec<String>>,
    /// Documents describing the practice (global ids); each must be visible to the caller; at
    /// most 100.
    pub document_ids: Option<Vec<ID>>,
    /// Who besides the owner region may read it; default `PUBLIC` (a draft stays with the
    /// owner region whatever its visibility).
    pub visibility: Option<Visibility>,
    /// Owner region (two-digit voivodeship TERYT code, e.g. `"26"`); default the caller's only
    /// region. The caller must be allowed to write it.
    pub region_code: Option<String>,
}

/// Changes to a good practice: only the fields given change; `null` clears an optional field.
#[derive(InputObject, Debug, Clone, Default)]
pub struct GoodPracticePatch {
    /// Title (1–300 characters).
    pub title: Option<String>,
    /// Summary (1–10 000 characters).
    pub summary: Option<String>,
    /// Draft or published (publishing a draft makes it readable by the visibility rule).
    pub status: Option<PublicationStatus>,
    /// The centre the practice comes from (global id); it must be visible to the caller.
    pub centre_id: MaybeUndefined<ID>,
    /// The contact person (global id); it must be visible to the caller.
    pub contact_id: MaybeUndefined<ID>,
    /// Service areas the practice concerns (replaces the list).
    pub categories: Option<Vec<ServiceCategory>>,
    /// Topics (replaces the list).
    pub topics: Option<Vec<String>>,
    /// Documents describing the practice (global ids; replaces the list).
    pub document_ids: Option<Vec<ID>>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the practice to another region (two-digit TERYT code); the caller must be allowed
    /// to write it.
    pub region_code: Option<String>,
}

#[derive(Default)]
pub(crate) struct GoodPracticeMutation;

#[Object]
impl GoodPracticeMutation {
    /// Registers a good practice with its documents. With an `idempotencyKey`, a retry returns
    /// the practice the first call created instead of creating another.
    async fn create_good_practice(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new good practice.")] input: GoodPracticeInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<GoodPractice> {
        let c = scoped(ctx)?;
        let m = good_practices::create(c.db, &request_info(ctx), input, idempotency_key.as_deref())
            .await?;
        Ok(GoodPractice(m))
    }

    /// Changes a good practice. `expectedVersion` is the version the caller last read; if the
    /// practice changed since, nothing is written and the error is `CONFLICT` with the current
    /// version.
    async fn update_good_practice(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the good practice.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: GoodPracticePatch,
    ) -> Result<GoodPractice> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::GoodPractice)?;
        let m =
            good_practices::update(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(GoodPractice(m))
    }
}
