//! Use-cases behind the resolvers: building filtered, scoped queries and running them.
//! Services receive the request's [`crate::access::ScopedDb`] and never see the raw pool.

pub mod access_log;
pub mod access_writer;
pub mod audit;
pub mod centres;
pub mod dashboard;
pub mod documents;
pub mod erasure;
pub mod events;
pub mod feed;
pub mod filters;
pub mod good_practices;
pub mod links;
pub mod lists;
pub mod organisations;
pub mod page;
pub mod people;
pub mod projects;
pub mod snapshot;
pub mod study_visits;
pub mod sync;
pub mod training_records;
pub mod trainings;
pub mod validate;
pub mod verification;
pub mod write;
