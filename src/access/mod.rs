//! The access layer: **the** place where a caller's region scope becomes SQL conditions.
//!
//! Every read of region-owned data goes through [`ScopedDb::owned`], which adds the scope
//! condition (visibility, owner region, soft delete) to the statement. Lists, `node(id)`,
//! nested relations, search, counts and aggregates all start from it, so a record outside
//! the caller's scope behaves exactly like a missing one. Resolvers and services never
//! build region conditions themselves.

mod scope;
mod scoped_db;

pub use scope::Scope;
pub use scoped_db::{Readable, Reference, ScopedDb};
