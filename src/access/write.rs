//! Write permissions: who may create, change, delete and restore records of which region.
//!
//! - `NETWORK_ADMIN`: every region.
//! - `REGION_ADMIN`, `REGION_EDITOR`: the regions in their token.
//! - `REGION_VIEWER`, `UNIVERSITY`, anonymous: nothing (FORBIDDEN).
//! - Restoring a deleted record: `NETWORK_ADMIN`, or `REGION_ADMIN` of its region.
//!
//! A record the caller cannot see is NOT_FOUND (as for reads); a record it can see but not
//! change is FORBIDDEN.

use super::{Readable, ScopedDb};
use crate::auth::{Principal, Role};
use crate::error::{AppError, AppResult};
use entity::owned::OwnedModel;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

fn forbidden(what: &str) -> AppError {
    AppError::Forbidden(format!("you may not {what} records of this region"))
}

impl ScopedDb {
    /// FORBIDDEN unless the caller may write records owned by `region_id`.
    pub fn check_write(&self, region_id: i64) -> AppResult<()> {
        match self.principal() {
            Principal::Member {
                role: Role::NetworkAdmin,
                ..
            } => Ok(()),
            Principal::Member {
                role: Role::RegionAdmin | Role::RegionEditor,
                regions,
                ..
            } if regions.contains(&region_id) => Ok(()),
            _ => Err(forbidden("change")),
        }
    }

    /// FORBIDDEN unless the caller may write in at least one region.
    pub fn check_writer(&self) -> AppResult<()> {
        match self.principal() {
            Principal::Member {
                role: Role::NetworkAdmin,
                ..
            } => Ok(()),
            Principal::Member {
                role: Role::RegionAdmin | Role::RegionEditor,
                regions,
                ..
            } if !regions.is_empty() => Ok(()),
            _ => Err(AppError::Forbidden(
                "your role may not change records".into(),
            )),
        }
    }

    /// FORBIDDEN unless the caller administers `region_id` (restore, hard operations).
    pub fn check_admin(&self, region_id: i64) -> AppResult<()> {
        match self.principal() {
            Principal::Member {
                role: Role::NetworkAdmin,
                ..
            } => Ok(()),
            Principal::Member {
                role: Role::RegionAdmin,
                regions,
                ..
            } if regions.contains(&region_id) => Ok(()),
            _ => Err(forbidden("administer")),
        }
    }

    /// The owner region of a new record: the requested one (which must be writable), or the
    /// caller's only region.
    pub fn owner_region_for_create(&self, requested: Option<i64>) -> AppResult<i64> {
        if let Some(region) = requested {
            self.check_write(region)?;
            return Ok(region);
        }
        match self.principal() {
            Principal::Member {
                role: Role::RegionAdmin | Role::RegionEditor,
                regions,
                ..
            } if regions.len() == 1 => Ok(regions[0]),
            Principal::Member {
                role: Role::RegionAdmin | Role::RegionEditor | Role::NetworkAdmin,
                ..
            } => Err(AppError::bad_input(
                "input.regionCode",
                "say which region the record belongs to (you act for several)",
            )),
            _ => Err(forbidden("create")),
        }
    }

    /// Loads a live record for changing: NOT_FOUND when the caller cannot see it, FORBIDDEN
    /// when it can see but not change it.
    pub async fn load_for_write<E, C>(&self, conn: &C, id: i64) -> AppResult<E::Model>
    where
        E: Readable,
        E::Model: OwnedModel,
        C: ConnectionTrait,
    {
        let model = self
            .owned::<E>()
            .filter(E::id_column().eq(id))
            .one(conn)
            .await?
            .ok_or(AppError::NotFound { what: "record" })?;
        self.check_write(model.owner_region_id())?;
        Ok(model)
    }

    /// Loads a soft-deleted record for restoring: NOT_FOUND unless it is deleted and would be
    /// visible to the caller, FORBIDDEN unless the caller administers its region.
    pub async fn load_for_restore<E, C>(&self, conn: &C, id: i64) -> AppResult<E::Model>
    where
        E: Readable,
        E::Model: OwnedModel,
        C: ConnectionTrait,
    {
        let model = E::find()
            .filter(E::id_column().eq(id))
            .filter(Expr::col(E::deleted_at_column()).is_not_null())
            .filter(self.visible_condition::<E>())
            .one(conn)
            .await?
            .ok_or(AppError::NotFound {
                what: "deleted record",
            })?;
        self.check_admin(model.owner_region_id())?;
        Ok(model)
    }
}

impl ScopedDb {
    /// The audit entries the caller may read: all for the network administrator, those of
    /// its regions (before or after a move) for a region administrator; FORBIDDEN otherwise.
    pub fn audit_condition(&self) -> AppResult<sea_orm::Condition> {
        use entity::audit_entry::Column;
        match self.principal() {
            Principal::Member {
                role: Role::NetworkAdmin,
                ..
            } => Ok(sea_orm::Condition::all()),
            Principal::Member {
                role: Role::RegionAdmin,
                regions,
                ..
            } => Ok(sea_orm::Condition::any()
                .add(Column::OwnerRegionId.is_in(regions.iter().copied()))
                .add(Column::PreviousOwnerRegionId.is_in(regions.iter().copied()))),
            _ => Err(AppError::Forbidden(
                "the audit log is for region and network administrators".into(),
            )),
        }
    }
}
