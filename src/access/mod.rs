//! The access layer: **the** place where a caller's region scope becomes SQL conditions.
//!
//! Every read of region-owned data goes through [`ScopedDb::owned`], which adds the scope
//! condition (visibility, owner region, soft delete) to the statement. Lists, `node(id)`,
//! nested relations, search, counts and aggregates all start from it, so a record outside
//! the caller's scope behaves exactly like a missing one. Writes pass the checks of
//! [`write`]: a record is changed only by callers who may write its owner region, and a
//! record never moves to a region outside the caller's scope. Resolvers and services never
//! build region conditions themselves.

mod personal;
mod scope;
mod scoped_db;
mod write;

pub use personal::{partner_trainings, readable_enrollments};
pub use scope::Scope;
pub use scoped_db::{Readable, Reference, ScopedDb, WriteGate};
