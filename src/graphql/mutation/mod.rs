//! The mutation root, merged from one object per area. Every mutation goes through
//! `service::write`: one transaction with its audit entry, optimistic concurrency on
//! `expectedVersion`, and the access layer's write checks.

pub mod centre;
pub mod document;
pub mod event;
pub mod good_practice;
pub mod organisation;
pub mod people;
pub mod project;
mod records;
pub mod study_visit;
pub mod sync;
pub mod training;
pub mod training_records;

use crate::service::write::RequestInfo;
use async_graphql::{Context, MergedObject};

/// Everything the API can change.
#[derive(MergedObject, Default)]
pub struct MutationRoot(
    records::RecordMutation,
    centre::CentreMutation,
    people::PeopleMutation,
    event::EventMutation,
    study_visit::StudyVisitMutation,
    organisation::OrganisationMutation,
    project::ProjectMutation,
    document::DocumentMutation,
    training::TrainingMutation,
    good_practice::GoodPracticeMutation,
    sync::SyncMutation,
    training_records::TrainingRecordMutation,
);

/// The request facts an audit entry records.
pub(crate) fn request_info(ctx: &Context<'_>) -> RequestInfo {
    ctx.data_opt::<RequestInfo>().cloned().unwrap_or_default()
}

/// The request's context (scoped handle, loaders), for mutation modules. Callers that may
/// write nowhere (viewers, universities, anonymous) are FORBIDDEN before their input is
/// even looked at.
pub(crate) fn scoped<'a>(ctx: &Context<'a>) -> crate::error::AppResult<crate::graphql::Ctx<'a>> {
    let c = crate::graphql::req(ctx)?;
    c.db.check_writer()?;
    Ok(c)
}
