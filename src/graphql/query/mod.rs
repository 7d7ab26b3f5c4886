//! The query root, merged from one object per area.

mod audit;
mod changes;
mod connections;
mod dashboard;
mod lists;
mod node;
mod reference;
mod training_records;

pub use audit::{
    AuditActor, AuditEntry, AuditEntryConnection, AuditEntryEdge, AuditFilter, AuditOperation,
};
pub use changes::{Change, ChangeOperation, ChangePage, SnapshotPage};
pub use connections::*;
pub use training_records::{
    CertificateVerification, PersonalDataAccess, PersonalDataAccessConnection,
    PersonalDataAccessEdge, PersonalDataReader, TrainingKindStats,
};

use async_graphql::MergedObject;

/// Everything the API can read.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    node::NodeQuery,
    reference::ReferenceQuery,
    lists::ListQuery,
    dashboard::DashboardQuery,
    audit::AuditQueryRoot,
    changes::ChangesQuery,
    training_records::TrainingRecordQuery,
);

/// Page arguments of a list field.
pub(crate) fn page_args(
    first: Option<i32>,
    after: Option<String>,
    last: Option<i32>,
    before: Option<String>,
) -> crate::service::page::PageArgs {
    crate::service::page::PageArgs {
        first,
        after,
        last,
        before,
    }
}
