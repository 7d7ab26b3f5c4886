//! Documents attached to a good practice.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `good_practice_document`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "good_practice_document")]
pub struct Model {
    /// The good practice.
    #[sea_orm(primary_key, auto_increment = false)]
    pub good_practice_id: i64,
    /// An attached document.
    #[sea_orm(primary_key, auto_increment = false)]
    pub document_id: i64,
}

/// Relations of `good_practice_document`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The good practice.
    #[sea_orm(
        belongs_to = "super::good_practice::Entity",
        from = "Column::GoodPracticeId",
        to = "super::good_practice::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_good_practice_document_good_practice_id"
    )]
    GoodPractice,
    /// The document.
    #[sea_orm(
        belongs_to = "super::document::Entity",
        from = "Column::DocumentId",
        to = "super::document::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_good_practice_document_document_id"
    )]
    Document,
}

impl Related<super::good_practice::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GoodPractice.def()
    }
}

impl Related<super::document::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Document.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
