//! The append-only audit trail: who changed what, when, in which request.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `audit_entry`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "audit_entry")]
pub struct Model {
    /// Surrogate key; grows with time.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When the change was committed.
    pub occurred_at: DateTimeUtc,
    /// Token subject of the caller.
    pub actor_sub: String,
    /// Role of the caller (`REGION_EDITOR`, …).
    pub actor_role: String,
    /// Region codes of the caller's token.
    pub actor_regions: Json,
    /// Organisation of the caller, for universities.
    pub actor_org: Option<i64>,
    /// Changed record type (GraphQL type name, e.g. `Centre`).
    pub entity_type: String,
    /// Changed record id.
    pub entity_id: i64,
    /// Owner region of the record after the change.
    pub owner_region_id: i64,
    /// Owner region before the change, when the change moved the record.
    pub previous_owner_region_id: Option<i64>,
    /// CREATE, UPDATE, DELETE or RESTORE.
    pub operation: String,
    /// Changed fields: `{"field": {"before": …, "after": …}}`.
    pub changes: Json,
    /// Request id of the HTTP request.
    pub request_id: Option<String>,
    /// GraphQL operation name, when the client gave one.
    pub operation_name: Option<String>,
}

/// `audit_entry` has no relations: it outlives what it describes.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
