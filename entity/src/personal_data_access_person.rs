//! One person named in `personal_data_access` entries, with the person's owner region, so a
//! regional administrator can list the reads of its own persons. The writer stores one row
//! per person for each batch of entries it appends: `access_ids` lists every entry of the
//! batch that names the person (rows written before batching hold only `access_id`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `personal_data_access_person`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "personal_data_access_person")]
pub struct Model {
    /// The first log entry the row stands for.
    #[sea_orm(primary_key, auto_increment = false)]
    pub access_id: i64,
    /// The person read.
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i64,
    /// Region owning the person at the time of reading.
    pub owner_region_id: i64,
    /// Every log entry the row stands for, ascending (a JSON list); `None`: `access_id` only.
    pub access_ids: Option<Json>,
}

/// Relations of `personal_data_access_person`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
