//! The change feed: one row per write, in the order offices pull them.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Visibility;

/// A row of `change_event`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "change_event")]
pub struct Model {
    /// Sequence number within the feed.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Id of the writing transaction (PostgreSQL; 0 on SQLite, where writes take turns).
    pub tx_id: i64,
    /// When the change was made.
    pub occurred_at: DateTimeUtc,
    /// Type of the changed record, e.g. `Centre`.
    pub entity_type: String,
    /// Id of the changed record.
    pub entity_id: i64,
    /// `CREATE`, `UPDATE`, `DELETE` or `RESTORE`.
    pub operation: String,
    /// The record's version after the change.
    pub version: i32,
    /// Owner region after the change.
    pub owner_region_id: i64,
    /// Effective visibility after the change (`PUBLIC`, `NETWORK`, `REGION`).
    pub visibility: Visibility,
    /// Whether the record is deleted after the change.
    pub is_deleted: bool,
    /// Owner region before the change (absent for a new record).
    pub previous_owner_region_id: Option<i64>,
    /// Effective visibility before the change.
    pub previous_visibility: Option<Visibility>,
    /// Whether the record was deleted before the change.
    pub previously_deleted: Option<bool>,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
