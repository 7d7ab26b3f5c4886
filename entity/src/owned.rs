//! The region-owned contract: columns every region-owned table carries (owner region,
//! visibility, soft-delete mark, search text), exposed generically for the access layer.

use sea_orm::EntityTrait;

use crate::enums::Visibility;

/// Columns every region-owned entity has; the access layer builds its scope conditions from them.
pub trait RegionOwned: EntityTrait {
    /// The `id` primary-key column.
    fn id_column() -> Self::Column;
    /// The `owner_region_id` column.
    fn owner_region_column() -> Self::Column;
    /// The `visibility` column.
    fn visibility_column() -> Self::Column;
    /// The `deleted_at` (soft-delete) column.
    fn deleted_at_column() -> Self::Column;
    /// The `search_text` (folded search text) column.
    fn search_text_column() -> Self::Column;
    /// The `version` (optimistic concurrency) column.
    fn version_column() -> Self::Column;
    /// The `created_at` column.
    fn created_at_column() -> Self::Column;
    /// The `updated_at` column.
    fn updated_at_column() -> Self::Column;
}

/// Read access to the same columns on a loaded model.
pub trait OwnedModel {
    /// The record's id.
    fn id(&self) -> i64;
    /// The region that owns the record.
    fn owner_region_id(&self) -> i64;
    /// Who besides the owner region may read the record.
    fn visibility(&self) -> Visibility;
    /// The optimistic-concurrency version.
    fn version(&self) -> i32;
    /// Whether the record is soft-deleted.
    fn is_deleted(&self) -> bool;
}

/// Implements [`RegionOwned`] and [`OwnedModel`] for the entity modules given.
macro_rules! region_owned {
    ($($module:ident),+ $(,)?) => {
        $(
            impl RegionOwned for crate::$module::Entity {
                fn id_column() -> Self::Column {
                    crate::$module::Column::Id
                }

                fn owner_region_column() -> Self::Column {
                    crate::$module::Column::OwnerRegionId
                }

                fn visibility_column() -> Self::Column {
                    crate::$module::Column::Visibility
                }

                fn deleted_at_column() -> Self::Column {
                    crate::$module::Column::DeletedAt
                }

                fn search_text_column() -> Self::Column {
                    crate::$module::Column::SearchText
                }

                fn version_column() -> Self::Column {
                    crate::$module::Column::Version
                }

                fn created_at_column() -> Self::Column {
                    crate::$module::Column::CreatedAt
                }

                fn updated_at_column() -> Self::Column {
                    crate::$module::Column::UpdatedAt
                }
            }

            impl OwnedModel for crate::$module::Model {
                fn id(&self) -> i64 {
                    self.id
                }

                fn owner_region_id(&self) -> i64 {
                    self.owner_region_id
                }

                fn visibility(&self) -> Visibility {
                    self.visibility
                }

                fn version(&self) -> i32 {
                    self.version
                }

                fn is_deleted(&self) -> bool {
                    self.deleted_at.is_some()
                }
            }
        )+
    };
}

region_owned!(
    organisation,
    centre,
    project,
    person,
    expert,
    contact_person,
    event,
    training,
    study_visit,
    good_practice,
    document,
    training_enrollment,
    certificate,
);
