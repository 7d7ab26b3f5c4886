//! Contact people at organisations or centres (work contact data).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Visibility;

/// A row of `contact_person`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "contact_person")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// Organisation the person is a contact for.
    pub organisation_id: Option<i64>,
    /// Centre the person is a contact for.
    pub centre_id: Option<i64>,
    /// What the person can be contacted about.
    pub role_title: Option<String>,
    /// Region whose ROPS curates (and may edit) the record.
    pub owner_region_id: i64,
    /// Who besides the owner region may read the record.
    pub visibility: Visibility,
    /// Optimistic-concurrency version, bumped on every update.
    #[sea_orm(default_value = 1)]
    pub version: i32,
    /// When the record was created.
    pub created_at: DateTimeUtc,
    /// When the record was last changed.
    pub updated_at: DateTimeUtc,
    /// Soft-delete mark; set when the record was deleted.
    pub deleted_at: Option<DateTimeUtc>,
    /// Folded search text (lower case, Polish diacritics removed).
    #[sea_orm(column_type = "Text", default_value = "")]
    pub search_text: String,
}

/// Relations of `contact_person`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Region that owns the record.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::OwnerRegionId",
        to = "super::region::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_contact_person_owner_region_id"
    )]
    OwnerRegion,
    /// The person.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_contact_person_person_id"
    )]
    Person,
    /// Organisation the person is a contact for.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_contact_person_organisation_id"
    )]
    Organisation,
    /// Centre the person is a contact for.
    #[sea_orm(
        belongs_to = "super::centre::Entity",
        from = "Column::CentreId",
        to = "super::centre::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_contact_person_centre_id"
    )]
    Centre,
    /// Good practices the person is the contact for.
    #[sea_orm(
        has_many = "super::good_practice::Entity",
        via_rel = "Relation::Contact"
    )]
    GoodPractice,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OwnerRegion.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::centre::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Centre.def()
    }
}

impl Related<super::good_practice::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GoodPractice.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
