//! Regional social-policy offices (ROPS): one per member region, tied to its organisation record.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::RegionalOfficeForm;

/// A row of `regional_office`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "regional_office")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Member region the office serves.
    #[sea_orm(unique)]
    pub region_id: i64,
    /// Organisation record of the office.
    #[sea_orm(unique)]
    pub organisation_id: i64,
    /// Department of the marshal office or separate unit.
    pub legal_form: RegionalOfficeForm,
}

/// Relations of `regional_office`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Member region the office serves.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_regional_office_region_id"
    )]
    Region,
    /// Organisation record of the office.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_regional_office_organisation_id"
    )]
    Organisation,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
