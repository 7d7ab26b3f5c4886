//! Good practices presented at an event.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `event_good_practice`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "event_good_practice")]
pub struct Model {
    /// The event.
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: i64,
    /// A good practice presented.
    #[sea_orm(primary_key, auto_increment = false)]
    pub good_practice_id: i64,
}

/// Relations of `event_good_practice`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The event.
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_event_good_practice_event_id"
    )]
    Event,
    /// The good practice.
    #[sea_orm(
        belongs_to = "super::good_practice::Entity",
        from = "Column::GoodPracticeId",
        to = "super::good_practice::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_event_good_practice_good_practice_id"
    )]
    GoodPractice,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl Related<super::good_practice::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GoodPractice.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
