//! Per-request DataLoaders. They are created for each request with that request's scoped
//! handle inside, so nested fields read through the same scope as top-level lists: a record
//! the caller may not see is simply absent from the batch.
//!
//! Every loader issues one statement per batch (two for links through a join table), so the
//! number of statements depends on the depth of a query, never on the number of rows.

use crate::access::{Readable, Reference, ScopedDb};
use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use std::marker::PhantomData;
use tracing::Instrument;

type LoadError = async_graphql::Error;

fn db_error(e: sea_orm::DbErr) -> LoadError {
    crate::error::AppError::from(e).into()
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
        let rows = self
            .db
            .owned::<E>()
            .filter(E::id_column().is_in(keys.iter().copied()))
            .all(self.db.conn())
            .await
            .map_err(db_error)?;
        Ok(rows.into_iter().map(|m| (m.id(), m)).collect())
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
        let rows = self
            .db
            .reference::<E>()
            .filter(self.column.is_in(keys.iter().copied()))
            .all(self.db.conn())
            .await
            .map_err(db_error)?;
        Ok(rows.into_iter().map(|m| ((self.key_of)(&m), m)).collect())
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
            .filter(self.column.is_in(keys.iter().copied()))
            .order_by_asc(E::id_column())
            .all(self.db.conn())
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
            .filter(self.column.is_in(keys.iter().copied()))
            .all(self.db.conn())
            .await
            .map_err(db_error)?;
        let mut out: HashMap<i64, Vec<J::Model>> = HashMap::new();
        for m in rows {
            out.entry((self.key_of)(&m)).or_default().push(m);
        }
        Ok(out)
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

/// All loaders of one request.
pub struct Loaders {
    pub organisation: DataLoader<OwnedById<entity::organisation::Entity>>,
    pub centre: DataLoader<OwnedById<entity::centre::Entity>>,
    pub project: DataLoader<OwnedById<entity::project::Entity>>,
    pub person: DataLoader<OwnedById<entity::person::Entity>>,
    pub contact_person: DataLoader<OwnedById<entity::contact_person::Entity>>,
    pub event: DataLoader<OwnedById<entity::event::Entity>>,
    pub training: DataLoader<OwnedById<entity::training::Entity>>,
    pub good_practice: DataLoader<OwnedById<entity::good_practice::Entity>>,
    pub document: DataLoader<OwnedById<entity::document::Entity>>,
    pub expert: DataLoader<OwnedById<entity::expert::Entity>>,
    pub study_visit: DataLoader<OwnedById<entity::study_visit::Entity>>,
    pub region: DataLoader<RefBy<entity::region::Entity>>,
    pub county: DataLoader<RefBy<entity::county::Entity>>,
    pub municipality: DataLoader<RefBy<entity::municipality::Entity>>,
    pub programme: DataLoader<RefBy<entity::funding_programme::Entity>>,
    pub action: DataLoader<RefBy<entity::funding_action::Entity>>,
    pub office_by_region: DataLoader<RefBy<entity::regional_office::Entity>>,
    pub experts_by_centre: DataLoader<OwnedByColumn<entity::expert::Entity>>,
    pub experts_by_person: DataLoader<OwnedByColumn<entity::expert::Entity>>,
    pub good_practices_by_centre: DataLoader<OwnedByColumn<entity::good_practice::Entity>>,
    pub study_visits_by_centre: DataLoader<OwnedByColumn<entity::study_visit::Entity>>,
    pub contacts_by_centre: DataLoader<OwnedByColumn<entity::contact_person::Entity>>,
    pub centre_municipalities: DataLoader<RowsBy<entity::centre_municipality::Entity>>,
    pub centre_categories: DataLoader<RowsBy<entity::centre_service_category::Entity>>,
    pub centre_projects: DataLoader<RowsBy<entity::centre_project::Entity>>,
    pub project_centres: DataLoader<RowsBy<entity::centre_project::Entity>>,
    pub project_participants: DataLoader<RowsBy<entity::project_participant::Entity>>,
    pub positions_by_person: DataLoader<RowsBy<entity::position::Entity>>,
    pub event_organisers: DataLoader<RowsBy<entity::event_organiser::Entity>>,
    pub event_participations: DataLoader<RowsBy<entity::event_participation::Entity>>,
    pub event_good_practices: DataLoader<RowsBy<entity::event_good_practice::Entity>>,
    pub good_practice_events: DataLoader<RowsBy<entity::event_good_practice::Entity>>,
    pub training_partners: DataLoader<RowsBy<entity::training_partner::Entity>>,
    pub study_visit_organisers: DataLoader<RowsBy<entity::study_visit_organiser::Entity>>,
    pub good_practice_documents: DataLoader<RowsBy<entity::good_practice_document::Entity>>,
    pub enrollment: DataLoader<OwnedById<entity::training_enrollment::Entity>>,
    pub certificate: DataLoader<OwnedById<entity::certificate::Entity>>,
    pub enrollments_by_training: DataLoader<OwnedByColumn<entity::training_enrollment::Entity>>,
    pub certificate_by_enrollment: DataLoader<OwnedByColumn<entity::certificate::Entity>>,
    pub enrollment_counts: DataLoader<EnrollmentCountsByTraining>,
}

impl Loaders {
    /// The participant (person id) of an enrollment, whoever may read it: for noting a
    /// public verification in the access log.
    pub async fn enrollment_person(&self, enrollment_id: i64) -> Result<Option<i64>, LoadError> {
        use sea_orm::EntityTrait;
        Ok(
            entity::training_enrollment::Entity::find_by_id(enrollment_id)
                .one(self.enrollment.loader().db.conn())
                .await
                .map_err(db_error)?
                .map(|e| e.person_id),
        )
    }

    /// Loaders bound to one request's scoped handle. Batches run in tasks that keep the
    /// request's tracing span, so their log lines carry the request id.
    pub fn new(db: &ScopedDb) -> Self {
        let span = tracing::Span::current();
        let spawner = move |fut| tokio::spawn(Instrument::instrument(fut, span.clone()));
        macro_rules! dl {
            ($loader:expr) => {
                DataLoader::new($loader, spawner.clone())
            };
        }
        macro_rules! owned {
            () => {
                OwnedById {
                    db: db.clone(),
                    _e: PhantomData,
                }
            };
        }
        macro_rules! refby {
            ($m:ident) => {
                RefBy::<entity::$m::Entity> {
                    db: db.clone(),
                    column: entity::$m::Column::Id,
                    key_of: |m| m.id,
                }
            };
        }
        macro_rules! by_col {
            ($m:ident, $col:ident, $key:expr) => {
                OwnedByColumn::<entity::$m::Entity> {
                    db: db.clone(),
                    column: entity::$m::Column::$col,
                    key_of: $key,
                }
            };
        }
        macro_rules! rows {
            ($m:ident, $col:ident, $key:expr) => {
                RowsBy::<entity::$m::Entity> {
                    db: db.clone(),
                    column: entity::$m::Column::$col,
                    key_of: $key,
                }
            };
        }
        Self {
            organisation: dl!(owned!()),
            centre: dl!(owned!()),
            project: dl!(owned!()),
            person: dl!(owned!()),
            contact_person: dl!(owned!()),
            event: dl!(owned!()),
            training: dl!(owned!()),
            good_practice: dl!(owned!()),
            document: dl!(owned!()),
            expert: dl!(owned!()),
            study_visit: dl!(owned!()),
            region: dl!(refby!(region)),
            county: dl!(refby!(county)),
            municipality: dl!(refby!(municipality)),
            programme: dl!(refby!(funding_programme)),
            action: dl!(refby!(funding_action)),
            office_by_region: dl!(RefBy::<entity::regional_office::Entity> {
                db: db.clone(),
                column: entity::regional_office::Column::RegionId,
                key_of: |m| m.region_id,
            }),
            experts_by_centre: dl!(by_col!(expert, CentreId, |m| m.centre_id)),
            experts_by_person: dl!(by_col!(expert, PersonId, |m| Some(m.person_id))),
            good_practices_by_centre: dl!(by_col!(good_practice, CentreId, |m| m.centre_id)),
            study_visits_by_centre: dl!(by_col!(study_visit, HostCentreId, |m| Some(
                m.host_centre_id
            ))),
            contacts_by_centre: dl!(by_col!(contact_person, CentreId, |m| m.centre_id)),
            centre_municipalities: dl!(rows!(centre_municipality, CentreId, |m| m.centre_id)),
            centre_categories: dl!(rows!(centre_service_category, CentreId, |m| m.centre_id)),
            centre_projects: dl!(rows!(centre_project, CentreId, |m| m.centre_id)),
            project_centres: dl!(rows!(centre_project, ProjectId, |m| m.project_id)),
            project_participants: dl!(rows!(project_participant, ProjectId, |m| m.project_id)),
            positions_by_person: dl!(rows!(position, PersonId, |m| m.person_id)),
            event_organisers: dl!(rows!(event_organiser, EventId, |m| m.event_id)),
            event_participations: dl!(rows!(event_participation, EventId, |m| m.event_id)),
            event_good_practices: dl!(rows!(event_good_practice, EventId, |m| m.event_id)),
            good_practice_events: dl!(
                rows!(event_good_practice, GoodPracticeId, |m| m.good_practice_id)
            ),
            training_partners: dl!(rows!(training_partner, TrainingId, |m| m.training_id)),
            study_visit_organisers: dl!(
                rows!(study_visit_organiser, StudyVisitId, |m| m.study_visit_id)
            ),
            good_practice_documents: dl!(rows!(good_practice_document, GoodPracticeId, |m| m
                .good_practice_id)),
            enrollment: dl!(owned!()),
            certificate: dl!(owned!()),
            enrollments_by_training: dl!(by_col!(training_enrollment, TrainingId, |m| Some(
                m.training_id
            ))),
            certificate_by_enrollment: dl!(by_col!(certificate, EnrollmentId, |m| Some(
                m.enrollment_id
            ))),
            enrollment_counts: dl!(EnrollmentCountsByTraining { db: db.clone() }),
        }
    }
}
