//! `syncPush`: an office sends a batch of its own records, keyed by its own ids.

use super::{request_info, scoped};
use crate::service::sync;
use async_graphql::{Context, Enum, ID, InputObject, Json, Object, Result, SimpleObject};
use serde::{Deserialize, Serialize};

/// One record an office pushes.
#[derive(InputObject, Debug, Clone)]
pub struct SyncItemInput {
    /// Record type, e.g. `Centre`, `Expert`, `Event`.
    #[graphql(name = "type")]
    pub kind: String,
    /// The office's own id of the record (1–128 characters), unique per source and type.
    pub external_id: String,
    /// The version the office last received; if the record changed since, the item is a
    /// `CONFLICT` and nothing is written.
    pub base_version: Option<i32>,
    /// The record, with the fields of the type's create input (e.g. `CentreInput`).
    pub data: Json<serde_json::Value>,
}

/// What happened to one pushed item.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Serialize, Deserialize)]
pub enum SyncItemStatus {
    /// A new record was created.
    Created,
    /// The record existed and was changed.
    Updated,
    /// The record existed and already held these values.
    Unchanged,
    /// The record changed on the server since `baseVersion`; nothing was written.
    Conflict,
    /// The item was refused; see `errors`.
    Rejected,
}

/// Why an item was refused.
#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
pub struct SyncItemError {
    /// The offending field of `data` (or of the item), when one is to blame.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// The result of one pushed item.
#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
pub struct SyncItemResult {
    /// Position of the item in the push.
    pub index: i32,
    /// Record type of the item.
    #[graphql(name = "type")]
    pub kind: String,
    /// The office's id of the record.
    pub external_id: String,
    /// What happened.
    pub status: SyncItemStatus,
    /// Global id of the record (when it exists).
    pub id: Option<ID>,
    /// The record's version after the push.
    pub version: Option<i32>,
    /// For `CONFLICT`: the server's current version.
    pub server_version: Option<i32>,
    /// For `CONFLICT`: the fields where the office's record differs from the server's.
    pub differing_fields: Vec<String>,
    /// For `REJECTED`: the reasons.
    pub errors: Vec<SyncItemError>,
}

/// The outcome of a push.
#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
pub struct SyncPushResult {
    /// Whether nothing was written because the push was a dry run.
    pub dry_run: bool,
    /// Whether this is the stored result of an earlier push with the same key.
    pub replayed: bool,
    /// Items created.
    pub created: i32,
    /// Items updated.
    pub updated: i32,
    /// Items already up to date.
    pub unchanged: i32,
    /// Items in conflict.
    pub conflicts: i32,
    /// Items refused.
    pub rejected: i32,
    /// Per-item results, in the order pushed.
    pub items: Vec<SyncItemResult>,
}

#[derive(Default)]
pub(crate) struct SyncMutation;

#[Object]
impl SyncMutation {
    /// Creates or updates a batch of the office's records, keyed by (the office's region,
    /// `source`, type, `externalId`): a record pushed again updates the one created first.
    /// Every item is written (with its audit entry and change) on its own; the results say
    /// what happened to each. A server writes a few pushes at a time; the others wait for
    /// their turn. A replay with the same `idempotencyKey` returns the stored
    /// result; `dryRun` reports the same without writing.
    async fn sync_push(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Name of the office's source system, e.g. `rejestr-cus` (1–64 characters)."
        )]
        source: String,
        #[graphql(desc = "Key (1–128 characters) that makes the whole push safe to retry.")]
        idempotency_key: String,
        #[graphql(desc = "The records, at most the configured maximum (1000 by default).")]
        items: Vec<SyncItemInput>,
        #[graphql(desc = "Check and report without writing anything (default false).")]
        dry_run: Option<bool>,
        #[graphql(
            desc = "The region the records belong to (TERYT code); default the caller's only region."
        )]
        region_code: Option<String>,
    ) -> Result<SyncPushResult> {
        let c = scoped(ctx)?;
        let request = sync::Push {
            source,
            key: idempotency_key,
            items,
            dry_run: dry_run.unwrap_or(false),
            region_code,
            max_items: c.limits.max_push_items,
        };
        // Waiting for a turn counts towards the request timeout; the permit is given back
        // when the push ends, however it ends.
        let _turn = ctx
            .data::<crate::graphql::SyncTurns>()?
            .0
            .acquire()
            .await
            .map_err(|e| crate::error::AppError::Internal(anyhow::Error::new(e)))?;
        Ok(sync::push(c.db, &request_info(ctx), request).await?)
    }
}
