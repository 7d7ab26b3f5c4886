//! External ids: which record an office's own id stands for.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `external_ref`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "external_ref")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Region of the office that pushed the record.
    pub region_id: i64,
    /// The office's source system, e.g. `rejestr-cus`.
    pub source: String,
    /// Type of the record, e.g. `Centre`.
    pub entity_type: String,
    /// The office's id of the record.
    pub external_id: String,
    /// The record's id.
    pub entity_id: i64,
    /// When the id was first pushed.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
