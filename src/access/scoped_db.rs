//! The scoped database handle: the only handle services and loaders read through.

use super::Scope;
use entity::enums::{PublicationStatus, Visibility};
use entity::owned::RegionOwned;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Select};
use std::sync::Arc;

/// A region-owned entity that can be read through the scope. The default condition is the
/// visibility rule; entities with an extra rule (drafts) add it here, in the access layer.
pub trait Readable: RegionOwned {
    /// Additional condition on top of visibility for callers that do not own the record.
    fn extra_condition(_scope: &Scope) -> Option<Condition> {
        None
    }
}

macro_rules! readable {
    ($($m:ident),* $(,)?) => { $(impl Readable for entity::$m::Entity {})* };
}
readable!(
    organisation,
    centre,
    project,
    person,
    expert,
    contact_person,
    event,
    training,
    study_visit,
    document
);

impl Readable for entity::good_practice::Entity {
    /// Drafts are seen only by the owner region (and the network administrator).
    fn extra_condition(scope: &Scope) -> Option<Condition> {
        use entity::good_practice::Column;
        let published = Column::Status.eq(PublicationStatus::Published);
        match scope {
            Scope::All => None,
            Scope::Regions(r) => Some(
                Condition::any()
                    .add(published)
                    .add(Column::OwnerRegionId.is_in(r.iter().copied())),
            ),
            Scope::Public | Scope::Member { .. } => Some(Condition::all().add(published)),
        }
    }
}

/// Network-owned reference data that everyone reads: regions, counties, municipalities,
/// funding programmes and actions, regional offices.
pub trait Reference: EntityTrait {}
impl Reference for entity::region::Entity {}
impl Reference for entity::county::Entity {}
impl Reference for entity::municipality::Entity {}
impl Reference for entity::funding_programme::Entity {}
impl Reference for entity::funding_action::Entity {}
impl Reference for entity::regional_office::Entity {}

/// A database handle bound to one caller's scope.
#[derive(Clone)]
pub struct ScopedDb {
    db: DatabaseConnection,
    scope: Arc<Scope>,
}

impl std::fmt::Debug for ScopedDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScopedDb")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl ScopedDb {
    /// Binds a connection to a scope.
    pub fn new(db: DatabaseConnection, scope: Scope) -> Self {
        Self {
            db,
            scope: Arc::new(scope),
        }
    }

    /// The caller's scope.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The connection, to execute statements built from [`Self::owned`] or [`Self::reference`].
    pub(crate) fn conn(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The condition under which the caller sees a row of `E`.
    pub fn read_condition<E: Readable>(&self) -> Condition {
        let visibility = E::visibility_column();
        let mut cond = Condition::all().add(Expr::col(E::deleted_at_column()).is_null());
        let visible = match &*self.scope {
            Scope::All => None,
            Scope::Public => Some(Condition::all().add(visibility.eq(Visibility::Public))),
            Scope::Member { .. } => Some(
                Condition::all().add(visibility.is_in([Visibility::Public, Visibility::Network])),
            ),
            Scope::Regions(r) => Some(
                Condition::any()
                    .add(visibility.is_in([Visibility::Public, Visibility::Network]))
                    .add(E::owner_region_column().is_in(r.iter().copied())),
            ),
        };
        if let Some(v) = visible {
            cond = cond.add(v);
        }
        if let Some(extra) = E::extra_condition(&self.scope) {
            cond = cond.add(extra);
        }
        cond
    }

    /// Every row of `E` the caller may see.
    pub fn owned<E: Readable>(&self) -> Select<E> {
        E::find().filter(self.read_condition::<E>())
    }

    /// Reference data, readable by everyone.
    pub fn reference<E: Reference>(&self) -> Select<E> {
        E::find()
    }
}
