//! Per-request DataLoaders. They are created for each request with that request's scoped
//! handle inside, so nested fields read through the same scope as top-level lists: a record
//! the caller may not see is simply absent from the batch.
//!
//! Every loader issues one statement per batch (two for links through a join table), so the
//! number of statements depends on the depth of a query, never on the number of rows.

use crate::access::{Readable, Reference, ScopedDb};
use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::OnceLock;
use std::time::Duration;
use tracing::Instrument;

type LoadError = async_graphql::Error;

fn db_error(e: sea_orm::DbErr) -> LoadError {
    crate::error::AppError::from(e).into()
}

/// [`crate::db::key_in`] on the backend of the request's handle.
pub(crate) fn key_in<C: ColumnTrait>(db: &ScopedDb, column: C, keys: &[i64]) -> Expr {
    crate::db::key_in(db.conn().get_database_backend(), column, keys)
}

/// The models of `select` (every column of `E`) whose `column` is among `keys`. On a read
/// lane the statement is shared with the worker's concurrent requests that look up rows of
/// the same statement ([`crate::db::ReadLane::lookup`]).
async fn by_keys<E: EntityTrait>(
    db: &ScopedDb,
    select: Select<E>,
    column: E::Column,
    keys: &[i64],
) -> Result<Vec<E::Model>, LoadError> {
    use sea_orm::{FromQueryResult, IdenStatic, Iterable, QueryTrait};
    // A select of an entity reads its columns in their declared order.
    let key_at = E::Column::iter()
        .position(|c| c.as_str() == column.as_str())
        .expect("a column of the entity");
    let rows = db
        .reads()
        .rows_by_keys(select.into_query(), column, keys, key_at)
        .await
        .map_err(db_error)?;
    rows.iter()
        .map(|row| E::Model::from_query_result(row, ""))
        .collect::<Result<_, _>>()
        .map_err(db_error)
}

/// Region-owned records by id, through the scope.
pub struct OwnedById<E> {
    db: ScopedDb,
    _e: PhantomData<E>,
}

impl<E> Loader<i64> for OwnedById<E>
where
    E: Readable + Send + Sync + 'static,
    E::Model: Clone + Send + Sync + entity::owned::OwnedModel,
{
    type Value = E::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        use entity::owned::OwnedModel;
        let rows = by_keys(&self.db, self.db.owned::<E>(), E::id_column(), keys).await?;
        Ok(rows.into_iter().map(|m| (m.id(), m)).collect())
    }
}

impl<E> OwnedById<E> {
    /// A loader reading through `db`'s scope.
    pub(crate) fn new(db: &ScopedDb) -> Self {
        Self {
            db: db.clone(),
            _e: PhantomData,
        }
    }
}

/// Reference records (regions, municipalities, programmes …) by a key column.
pub struct RefBy<E: EntityTrait> {
    db: ScopedDb,
    column: E::Column,
    key_of: fn(&E::Model) -> i64,
}

impl<E> Loader<i64> for RefBy<E>
where
    E: Reference + Send + Sync + 'static,
    E::Model: Clone + Send + Sync,
    E::Column: Send + Sync,
{
    type Value = E::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let rows = by_keys(&self.db, self.db.reference::<E>(), self.column, keys).await?;
        Ok(rows.into_iter().map(|m| ((self.key_of)(&m), m)).collect())
    }
}

impl<E: EntityTrait> RefBy<E> {
    /// A loader of the rows whose `column` is among the keys.
    pub(crate) fn by(db: &ScopedDb, column: E::Column, key_of: fn(&E::Model) -> i64) -> Self {
        Self {
            db: db.clone(),
            column,
            key_of,
        }
    }
}

/// Region-owned records grouped by a foreign-key column (e.g. experts by centre), through
/// the scope.
pub struct OwnedByColumn<E: EntityTrait> {
    db: ScopedDb,
    column: E::Column,
    key_of: fn(&E::Model) -> Option<i64>,
}

impl<E> Loader<i64> for OwnedByColumn<E>
where
    E: Readable + Send + Sync + 'static,
    E::Model: Clone + Send + Sync,
    E::Column: Send + Sync,
{
    type Value = Vec<E::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        use sea_orm::QueryOrder;
        let rows = self
            .db
            .owned::<E>()
            .filter(key_in(&self.db, self.column, keys))
            .order_by_asc(E::id_column())
            .all(&self.db.reads())
            .await
            .map_err(db_error)?;
        let mut out: HashMap<i64, Vec<E::Model>> = HashMap::new();
        for m in rows {
            if let Some(k) = (self.key_of)(&m) {
                out.entry(k).or_default().push(m);
            }
        }
        Ok(out)
    }
}

impl<E: EntityTrait> OwnedByColumn<E> {
    /// A loader of the visible rows whose `column` is among the keys, grouped by it.
    pub(crate) fn by(
        db: &ScopedDb,
        column: E::Column,
        key_of: fn(&E::Model) -> Option<i64>,
    ) -> Self {
        Self {
            db: db.clone(),
            column,
            key_of,
        }
    }
}

/// Child rows without a scope of their own (join rows, positions, participations), grouped by
/// the parent id. Callers reach them only from a parent they could already see.
pub struct RowsBy<J: EntityTrait> {
    db: ScopedDb,
    column: J::Column,
    key_of: fn(&J::Model) -> i64,
}

impl<J> Loader<i64> for RowsBy<J>
where
    J: EntityTrait + Send + Sync + 'static,
    J::Model: Clone + Send + Sync,
    J::Column: Send + Sync,
{
    type Value = Vec<J::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let rows = J::find()
            .filter(key_in(&self.db, self.column, keys))
            .all(&self.db.reads())
            .await
            .map_err(db_error)?;
        let mut out: HashMap<i64, Vec<J::Model>> = HashMap::new();
        for m in rows {
            out.entry((self.key_of)(&m)).or_default().push(m);
        }
        Ok(out)
    }
}

impl<J: EntityTrait> RowsBy<J> {
    /// A loader of the rows whose `column` is among the keys, grouped by it.
    pub(crate) fn by(db: &ScopedDb, column: J::Column, key_of: fn(&J::Model) -> i64) -> Self {
        Self {
            db: db.clone(),
            column,
            key_of,
        }
    }
}

/// Participant figures by training id. Callers reach them only from a training they could
/// already see; figures are statistics, never names.
pub struct EnrollmentCountsByTraining {
    db: ScopedDb,
}

impl Loader<i64> for EnrollmentCountsByTraining {
    type Value = crate::service::training_records::Counts;
    type Error = LoadError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        Ok(crate::service::training_records::counts(self.db.conn(), keys).await?)
    }
}

/// Builders of the loader kinds, for the table below.
macro_rules! owned {
    () => {
        |db: &ScopedDb| OwnedById::new(db)
    };
}
macro_rules! refby {
    ($m:ident) => {
        |db: &ScopedDb| RefBy::<entity::$m::Entity>::by(db, entity::$m::Column::Id, |m| m.id)
    };
}
macro_rules! by_col {
    ($m:ident, $col:ident, $key:expr) => {
        |db: &ScopedDb| OwnedByColumn::<entity::$m::Entity>::by(db, entity::$m::Column::$col, $key)
    };
}
macro_rules! rows {
    ($m:ident, $col:ident, $key:expr) => {
        |db: &ScopedDb| RowsBy::<entity::$m::Entity>::by(db, entity::$m::Column::$col, $key)
    };
}

/// Declares [`Loaders`]: one lazily created loader per entry, reached through a method of the
/// entry's name. A request builds only the loaders its query uses.
macro_rules! loaders {
    ($($(#[$doc:meta])* $name:ident: $loader:ty = $make:expr;)*) => {
        /// All loaders of one request, each created on first use.
        pub struct Loaders {
            db: ScopedDb,
            span: tracing::Span,
            $($name: OnceLock<DataLoader<$loader>>,)*
        }

        impl Loaders {
            /// Loaders bound to one request's scoped handle. Batches run in tasks that keep
            /// the request's tracing span, so their log lines carry the request id.
            pub fn new(db: &ScopedDb) -> Self {
                Self {
                    db: db.clone(),
                    span: tracing::Span::current(),
                    $($name: OnceLock::new(),)*
                }
            }

            $(
                $(#[$doc])*
                pub fn $name(&self) -> &DataLoader<$loader> {
                    self.$name.get_or_init(|| batched(($make)(&self.db), &self.span))
                }
            )*
        }
    };
}

/// A loader that collects the keys requested while the query engine resolves one level,
/// and loads them as soon as that level waits. The engine resolves all fields of a level in
/// one poll, and the batch task runs only after that poll (one more scheduler turn is added
/// for fields that wait on something else first), so nothing waits on a timer: the library's
/// default of 1 ms per level would cost more than the statements themselves.
fn batched<L>(loader: L, span: &tracing::Span) -> DataLoader<L>
where
    L: Loader<i64>,
{
    let span = span.clone();
    DataLoader::new(loader, move |fut| {
        tokio::spawn(Instrument::instrument(
            async move {
                tokio::task::yield_now().await;
                fut.await;
            },
            span.clone(),
        ))
    })
    .delay(Duration::ZERO)
}

loaders! {
    /// Organisations by id.
    organisation: OwnedById<entity::organisation::Entity> = owned!();
    /// Centres by id.
    centre: OwnedById<entity::centre::Entity> = owned!();
    /// Projects by id.
    project: OwnedById<entity::project::Entity> = owned!();
    /// Persons by id.
    person: OwnedById<entity::person::Entity> = owned!();
    /// Contact persons by id.
    contact_person: OwnedById<entity::contact_person::Entity> = owned!();
    /// Events by id.
    event: OwnedById<entity::event::Entity> = owned!();
    /// Trainings by id.
    training: OwnedById<entity::training::Entity> = owned!();
    /// Good practices by id.
    good_practice: OwnedById<entity::good_practice::Entity> = owned!();
    /// Documents by id.
    document: OwnedById<entity::document::Entity> = owned!();
    /// Experts by id.
    expert: OwnedById<entity::expert::Entity> = owned!();
    /// Study visits by id.
    study_visit: OwnedById<entity::study_visit::Entity> = owned!();
    /// Regions by id.
    region: RefBy<entity::region::Entity> = refby!(region);
    /// Counties by id.
    county: RefBy<entity::county::Entity> = refby!(county);
    /// Municipalities by id.
    municipality: RefBy<entity::municipality::Entity> = refby!(municipality);
    /// Funding programmes by id.
    programme: RefBy<entity::funding_programme::Entity> = refby!(funding_programme);
    /// Funding actions by id.
    action: RefBy<entity::funding_action::Entity> = refby!(funding_action);
    /// The regional office of a region.
    office_by_region: RefBy<entity::regional_office::Entity> =
        |db: &ScopedDb| RefBy::<entity::regional_office::Entity> {
            db: db.clone(),
            column: entity::regional_office::Column::RegionId,
            key_of: |m| m.region_id,
        };
    /// Experts by centre.
    experts_by_centre: OwnedByColumn<entity::expert::Entity> =
        by_col!(expert, CentreId, |m| m.centre_id);
    /// Expert profiles by person.
    experts_by_person: OwnedByColumn<entity::expert::Entity> =
        by_col!(expert, PersonId, |m| Some(m.person_id));
    /// Good practices by centre.
    good_practices_by_centre: OwnedByColumn<entity::good_practice::Entity> =
        by_col!(good_practice, CentreId, |m| m.centre_id);
    /// Study visits by host centre.
    study_visits_by_centre: OwnedByColumn<entity::study_visit::Entity> =
        by_col!(study_visit, HostCentreId, |m| Some(m.host_centre_id));
    /// Contact persons by centre.
    contacts_by_centre: OwnedByColumn<entity::contact_person::Entity> =
        by_col!(contact_person, CentreId, |m| m.centre_id);
    /// Municipality links by centre.
    centre_municipalities: RowsBy<entity::centre_municipality::Entity> =
        rows!(centre_municipality, CentreId, |m| m.centre_id);
    /// Service categories by centre.
    centre_categories: RowsBy<entity::centre_service_category::Entity> =
        rows!(centre_service_category, CentreId, |m| m.centre_id);
    /// Project links by centre.
    centre_projects: RowsBy<entity::centre_project::Entity> =
        rows!(centre_project, CentreId, |m| m.centre_id);
    /// Centre links by project.
    project_centres: RowsBy<entity::centre_project::Entity> =
        rows!(centre_project, ProjectId, |m| m.project_id);
    /// Participants by project.
    project_participants: RowsBy<entity::project_participant::Entity> =
        rows!(project_participant, ProjectId, |m| m.project_id);
    /// Positions by person.
    positions_by_person: RowsBy<entity::position::Entity> =
        rows!(position, PersonId, |m| m.person_id);
    /// Organisers by event.
    event_organisers: RowsBy<entity::event_organiser::Entity> =
        rows!(event_organiser, EventId, |m| m.event_id);
    /// Participations by event.
    event_participations: RowsBy<entity::event_participation::Entity> =
        rows!(event_participation, EventId, |m| m.event_id);
    /// Good-practice links by event.
    event_good_practices: RowsBy<entity::event_good_practice::Entity> =
        rows!(event_good_practice, EventId, |m| m.event_id);
    /// Event links by good practice.
    good_practice_events: RowsBy<entity::event_good_practice::Entity> =
        rows!(event_good_practice, GoodPracticeId, |m| m.good_practice_id);
    /// Partners by training.
    training_partners: RowsBy<entity::training_partner::Entity> =
        rows!(training_partner, TrainingId, |m| m.training_id);
    /// Organisers by study visit.
    study_visit_organisers: RowsBy<entity::study_visit_organiser::Entity> =
        rows!(study_visit_organiser, StudyVisitId, |m| m.study_visit_id);
    /// Document links by good practice.
    good_practice_documents: RowsBy<entity::good_practice_document::Entity> =
        rows!(good_practice_document, GoodPracticeId, |m| m.good_practice_id);
    /// Training enrollments by id.
    enrollment: OwnedById<entity::training_enrollment::Entity> = owned!();
    /// Certificates by id.
    certificate: OwnedById<entity::certificate::Entity> = owned!();
    /// Enrollments by training.
    enrollments_by_training: OwnedByColumn<entity::training_enrollment::Entity> =
        by_col!(training_enrollment, TrainingId, |m| Some(m.training_id));
    /// The certificate of an enrollment.
    certificate_by_enrollment: OwnedByColumn<entity::certificate::Entity> =
        by_col!(certificate, EnrollmentId, |m| Some(m.enrollment_id));
    /// Participant figures by training.
    enrollment_counts: EnrollmentCountsByTraining =
        |db: &ScopedDb| EnrollmentCountsByTraining { db: db.clone() };
}

impl Loaders {
    /// The participant (person id) of an enrollment, whoever may read it: for noting a
    /// public verification in the access log.
    pub async fn enrollment_person(&self, enrollment_id: i64) -> Result<Option<i64>, LoadError> {
        use sea_orm::EntityTrait;
        Ok(
            entity::training_enrollment::Entity::find_by_id(enrollment_id)
                .one(&self.db.reads())
                .await
                .map_err(db_error)?
                .map(|e| e.person_id),
        )
    }
}
