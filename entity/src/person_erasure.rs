//! The register of erased (pseudonymised) persons: the record of the erasure itself, without
//! any of the erased data.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `person_erasure`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person_erasure")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The erased person.
    pub person_id: i64,
    /// Region owning the person.
    pub owner_region_id: i64,
    /// When the erasure happened.
    pub erased_at: DateTimeUtc,
    /// Who erased (token subject, or `retention` for the purge command).
    pub actor_sub: String,
    /// Why (request reference, retention rule).
    pub reason: String,
}

/// Relations of `person_erasure`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
