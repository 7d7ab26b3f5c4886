//! Partner organisations of a training (e.g. a university), optionally time-bound.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A row of `training_partner`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "training_partner")]
pub struct Model {
    /// The training.
    #[sea_orm(primary_key, auto_increment = false)]
    pub training_id: i64,
    /// A partner organisation.
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    /// Start of the partnership, if known.
    pub valid_from: Option<Date>,
    /// End of the partnership, if known.
    pub valid_to: Option<Date>,
}

/// Relations of `training_partner`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The training.
    #[sea_orm(
        belongs_to = "super::training::Entity",
        from = "Column::TrainingId",
        to = "super::training::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_training_partner_training_id"
    )]
    Training,
    /// The partner organisation.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_training_partner_organisation_id"
    )]
    Organisation,
}

impl Related<super::training::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Training.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
