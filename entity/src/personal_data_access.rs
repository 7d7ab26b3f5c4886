//! The append-only log of responses that contained personal data: who read whose data, when,
//! and through which operation. Database triggers refuse updates and deletes.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `personal_data_access`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "personal_data_access")]
pub struct Model {
    /// Surrogate key (grows with time).
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When the response was produced.
    pub occurred_at: DateTimeUtc,
    /// Token subject of the reader.
    pub actor_sub: String,
    /// Role of the reader.
    pub actor_role: String,
    /// Regions of the reader (JSON array of TERYT codes).
    pub actor_regions: Json,
    /// Organisation of the reader (universities).
    pub actor_org: Option<i64>,
    /// GraphQL operation name, when the client gave one.
    pub operation_name: Option<String>,
    /// HTTP request id.
    pub request_id: Option<String>,
    /// Ids of the persons whose data the response contained (JSON array, ascending).
    pub person_ids: Json,
    /// The owner region of each person of `person_ids`, in the same order (`null` where it
    /// was unknown); `None` for entries written before it was kept.
    pub person_regions: Option<Json>,
}

/// Relations of `personal_data_access`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
