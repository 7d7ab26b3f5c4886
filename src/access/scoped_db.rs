//! The scoped database handle: the only handle services and loaders read through.

use super::Scope;
use crate::auth::Principal;
use crate::db::{ReadLane, Reads};
use entity::enums::{PublicationStatus, Visibility};
use entity::owned::RegionOwned;
use sea_orm::sea_query::Condition;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationDef,
    Select, SelectTwo,
};
use std::sync::Arc;

/// A region-owned entity that can be read through the scope. The default condition is the
/// visibility rule; entities with an extra rule (drafts) add it here, in the access layer.
pub trait Readable: RegionOwned {
    /// Additional condition on top of visibility for callers that do not own the record.
    fn extra_condition(_scope: &Scope) -> Option<Condition> {
        None
    }

    /// A reading rule that replaces the visibility rule altogether (personal training
    /// records, see [`super::personal`]); `None` keeps the visibility rule.
    fn own_rule(_scope: &Scope) -> Option<Condition> {
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
    principal: Arc<Principal>,
    write_gate: Option<WriteGate>,
    lane: Option<Arc<ReadLane>>,
}

/// Serialises write transactions in the process (for SQLite, which has a single writer).
pub type WriteGate = Arc<tokio::sync::Mutex<()>>;

impl std::fmt::Debug for ScopedDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScopedDb")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl ScopedDb {
    /// Binds a connection to a caller.
    pub fn new(db: DatabaseConnection, principal: Principal) -> Self {
        Self {
            db,
            scope: Arc::new(Scope::of(&principal)),
            principal: Arc::new(principal),
            write_gate: None,
            lane: None,
        }
    }

    /// Makes reads of this handle run on `lane`, the serving worker's reads (its own
    /// connections on PostgreSQL, the pool otherwise; lookups by key shared either way).
    pub fn with_lane(mut self, lane: Option<Arc<ReadLane>>) -> Self {
        self.lane = lane;
        self
    }

    /// Makes write transactions of this handle take turns through `gate`.
    pub fn with_write_gate(mut self, gate: Option<WriteGate>) -> Self {
        self.write_gate = gate;
        self
    }

    /// The write gate, if writes take turns.
    pub(crate) fn write_gate(&self) -> Option<WriteGate> {
        self.write_gate.clone()
    }

    /// The caller.
    pub fn principal(&self) -> &Principal {
        &self.principal
    }

    /// The caller's scope.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The connection, to execute statements built from [`Self::owned`] or [`Self::reference`].
    pub(crate) fn conn(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The connection for reads built from [`Self::owned`] or [`Self::reference`]: the
    /// worker's read lane when it has one, the pool otherwise.
    pub(crate) fn reads(&self) -> Reads<'_> {
        Reads::new(&self.db, self.lane.as_ref())
    }

    /// The condition under which the caller sees a row of `E`.
    pub fn read_condition<E: Readable>(&self) -> Condition {
        Condition::all()
            .add(E::deleted_at_column().is_null())
            .add(self.visible_condition::<E>())
    }

    /// The visibility part of [`Self::read_condition`], ignoring the soft-delete mark (to find
    /// deleted records for restoring).
    pub(crate) fn visible_condition<E: Readable>(&self) -> Condition {
        if let Some(rule) = E::own_rule(&self.scope) {
            return rule;
        }
        let visibility = E::visibility_column();
        let mut cond = Condition::all();
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

    /// Every row of `E` the caller may see, each with the row of `R` that `rel` leads to when
    /// the caller may see that one too: `R`'s read condition is part of the join, so a hidden
    /// `R` leaves the `E` row with `None` instead of removing it.
    pub fn owned_also<E: Readable, R: Readable>(&self, rel: RelationDef) -> SelectTwo<E, R> {
        let cond = self.read_condition::<R>();
        self.owned::<E>()
            .join(
                JoinType::LeftJoin,
                rel.on_condition(move |_, _| cond.clone()),
            )
            .select_also(R::default())
    }

    /// Reference data, readable by everyone.
    pub fn reference<E: Reference>(&self) -> Select<E> {
        E::find()
    }
}
