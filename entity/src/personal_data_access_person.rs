//! One person named in a `personal_data_access` entry, with the person's owner region, so a
//! regional administrator can list the reads of its own persons.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `personal_data_access_person`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "personal_data_access_person")]
pub struct Model {
    /// The log entry.
    #[sea_orm(primary_key, auto_increment = false)]
    pub access_id: i64,
    /// The person read.
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i64,
    /// Region owning the person at the time of reading.
    pub owner_region_id: i64,
}

/// Relations of `personal_data_access_person`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
