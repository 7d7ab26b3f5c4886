//! Statutory service categories (art. 2 ust. 1) a centre offers.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::ServiceCategory;

/// A row of `centre_service_category`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "centre_service_category")]
pub struct Model {
    /// The centre.
    #[sea_orm(primary_key, auto_increment = false)]
    pub centre_id: i64,
    /// A service category it offers.
    #[sea_orm(primary_key, auto_increment = false)]
    pub category: ServiceCategory,
}

/// Relations of `centre_service_category`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The centre.
    #[sea_orm(
        belongs_to = "super::centre::Entity",
        from = "Column::CentreId",
        to = "super::centre::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_centre_service_category_centre_id"
    )]
    Centre,
}

impl Related<super::centre::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Centre.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
