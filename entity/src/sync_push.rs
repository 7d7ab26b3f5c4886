//! Results of sync pushes, kept so that a replayed push returns the same answer.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `sync_push`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "sync_push")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Token subject that pushed.
    pub actor_sub: String,
    /// The push's idempotency key.
    pub key: String,
    /// The per-item results as returned.
    pub result: Json,
    /// When the push ran.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
