//! Idempotency keys of create mutations: a retry with the same key returns the first result.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `idempotency_key`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "idempotency_key")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Token subject that used the key (keys are per caller).
    pub actor_sub: String,
    /// The mutation, e.g. `createCentre`.
    pub operation: String,
    /// The client's key.
    pub key: String,
    /// Type of the record the first call created.
    pub entity_type: String,
    /// Id of the record the first call created.
    pub entity_id: i64,
    /// When the key was first used.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
