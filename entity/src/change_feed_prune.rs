//! Prunings of the change feed: the last position each one removed.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `change_feed_prune`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "change_feed_prune")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Transaction id of the last removed change.
    pub floor_tx_id: i64,
    /// Sequence of the last removed change.
    pub floor_id: i64,
    /// When the pruning ran.
    pub pruned_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
