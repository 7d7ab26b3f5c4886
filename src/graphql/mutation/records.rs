//! Soft delete and restore, for every region-owned record type, by global id.

use super::{request_info, scoped};
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode};
use crate::graphql::types::*;
use crate::service::write::{self, RequestInfo};
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub(crate) struct RecordMutation;

async fn set_deleted(
    db: &ScopedDb,
    info: &RequestInfo,
    id: &ID,
    version: i32,
    restore: bool,
) -> AppResult<Node> {
    let (kind, n) = decode("id", id)?;
    macro_rules! go {
        ($m:ident, $ty:ident) => {
            write::set_deleted::<entity::$m::Entity>(db, info, n, version, restore)
                .await
                .map(|m| Node::$ty($ty(m)))
        };
    }
    match kind {
        Kind::Centre => go!(centre, Centre),
        Kind::Person => go!(person, Person),
        Kind::Expert => go!(expert, Expert),
        Kind::ContactPerson => go!(contact_person, ContactPerson),
        Kind::Event => go!(event, Event),
        Kind::StudyVisit => go!(study_visit, StudyVisit),
        Kind::Organisation => go!(organisation, Organisation),
        Kind::Project => go!(project, Project),
        Kind::Document => go!(document, Document),
        Kind::Training => go!(training, Training),
        Kind::GoodPractice => go!(good_practice, GoodPractice),
        Kind::TrainingEnrollment => go!(training_enrollment, TrainingEnrollment),
        Kind::Certificate => go!(certificate, Certificate),
        Kind::Region
        | Kind::County
        | Kind::Municipality
        | Kind::FundingProgramme
        | Kind::FundingAction => Err(AppError::Forbidden(
            "reference data is managed by the network administrator's imports".into(),
        )),
    }
}

#[Object]
impl RecordMutation {
    /// Deletes a record (soft delete: it disappears from every read and can be restored by an
    /// administrator). `expectedVersion` must be the current version, or the answer is
    /// `CONFLICT`.
    async fn delete_record(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the record.")] id: ID,
        #[graphql(desc = "The version the deletion is based on.")] expected_version: i32,
    ) -> Result<Node> {
        let c = scoped(ctx)?;
        Ok(set_deleted(c.db, &request_info(ctx), &id, expected_version, false).await?)
    }

    /// Restores a deleted record. Region administrators of its region and the network
    /// administrator only.
    async fn restore_record(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the deleted record.")] id: ID,
        #[graphql(desc = "The version of the deleted record.")] expected_version: i32,
    ) -> Result<Node> {
        let c = scoped(ctx)?;
        Ok(set_deleted(c.db, &request_info(ctx), &id, expected_version, true).await?)
    }
}
