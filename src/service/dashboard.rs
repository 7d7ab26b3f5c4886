//! Dashboard aggregates. Every figure is computed over the caller's scoped selects, so a
//! count never includes a record the caller could not list.

use crate::access::{Readable, ScopedDb};
use crate::error::AppResult;
use entity::enums::CentreStatus;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QuerySelect, Select};

/// Number of centres of one region in one status.
#[derive(Debug, Clone)]
pub struct StatusCount {
    pub region_id: i64,
    pub status: CentreStatus,
    pub count: i64,
}

/// Funding of one region's projects, in grosze.
#[derive(Debug, Clone)]
pub struct FundingSum {
    pub region_id: i64,
    pub projects: i64,
    pub requested: i64,
    pub requested_approximate: bool,
    pub awarded: i64,
    pub awarded_approximate: bool,
}

/// Record counts.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub centres: i64,
    pub projects: i64,
    pub experts: i64,
    pub events: i64,
    pub study_visits: i64,
    pub trainings: i64,
    pub good_practices: i64,
}

fn in_regions<E: Readable>(sel: Select<E>, regions: Option<&[i64]>) -> Select<E> {
    match regions {
        Some(r) => sel.filter(E::owner_region_column().is_in(r.iter().copied())),
        None => sel,
    }
}

/// Centres per region and status.
pub async fn centres_by_status(
    db: &ScopedDb,
    regions: Option<&[i64]>,
) -> AppResult<Vec<StatusCount>> {
    use entity::centre::Column;
    let rows: Vec<(i64, CentreStatus, i64)> =
        in_regions(db.owned::<entity::centre::Entity>(), regions)
            .select_only()
            .column(Column::OwnerRegionId)
            .column(Column::Status)
            .column_as(Expr::col(Column::Id).count(), "n")
            .group_by(Column::OwnerRegionId)
            .group_by(Column::Status)
            .into_tuple()
            .all(&db.reads())
            .await?;
    let mut out: Vec<StatusCount> = rows
        .into_iter()
        .map(|(region_id, status, count)| StatusCount {
            region_id,
            status,
            count,
        })
        .collect();
    out.sort_by_key(|s| (s.region_id, s.status as u8));
    Ok(out)
}

/// `SUM(col)` as a 64-bit integer on both databases (PostgreSQL sums BIGINT to NUMERIC).
fn sum_i64(col: entity::project::Column) -> SimpleExpr {
    Func::coalesce([Expr::from(Func::sum(Expr::col(col))), Expr::val(0i64)])
        .cast_as(Alias::new("BIGINT"))
}

/// Number of rows where a boolean column is true.
fn count_true(col: entity::project::Column) -> SimpleExpr {
    Func::sum(Expr::case(Expr::col(col).eq(true), 1i64).finally(0i64)).cast_as(Alias::new("BIGINT"))
}

/// Requested and awarded funding per region.
pub async fn funding_by_region(
    db: &ScopedDb,
    regions: Option<&[i64]>,
) -> AppResult<Vec<FundingSum>> {
    use entity::project::Column;
    let rows: Vec<(i64, i64, i64, i64, i64, i64)> =
        in_regions(db.owned::<entity::project::Entity>(), regions)
            .select_only()
            .column(Column::OwnerRegionId)
            .column_as(Expr::col(Column::Id).count(), "projects")
            .column_as(sum_i64(Column::GrantRequestedGrosze), "requested")
            .column_as(
                count_true(Column::GrantRequestedApproximate),
                "requested_approx",
            )
            .column_as(sum_i64(Column::GrantAwardedGrosze), "awarded")
            .column_as(
                count_true(Column::GrantAwardedApproximate),
                "awarded_approx",
            )
            .group_by(Column::OwnerRegionId)
            .into_tuple()
            .all(&db.reads())
            .await?;
    let mut out: Vec<FundingSum> = rows
        .into_iter()
        .map(
            |(region_id, projects, requested, ra, awarded, aa)| FundingSum {
                region_id,
                projects,
                requested,
                requested_approximate: ra > 0,
                awarded,
                awarded_approximate: aa > 0,
            },
        )
        .collect();
    out.sort_by_key(|f| f.region_id);
    Ok(out)
}

async fn count<E: Readable>(db: &ScopedDb, regions: Option<&[i64]>) -> AppResult<i64>
where
    E::Model: Sync,
{
    Ok(in_regions(db.owned::<E>(), regions)
        .count(&db.reads())
        .await? as i64)
}

/// Counts of the records the caller may see.
pub async fn totals(db: &ScopedDb, regions: Option<&[i64]>) -> AppResult<Totals> {
    Ok(Totals {
        centres: count::<entity::centre::Entity>(db, regions).await?,
        projects: count::<entity::project::Entity>(db, regions).await?,
        experts: count::<entity::expert::Entity>(db, regions).await?,
        events: count::<entity::event::Entity>(db, regions).await?,
        study_visits: count::<entity::study_visit::Entity>(db, regions).await?,
        trainings: count::<entity::training::Entity>(db, regions).await?,
        good_practices: count::<entity::good_practice::Entity>(db, regions).await?,
    })
}
