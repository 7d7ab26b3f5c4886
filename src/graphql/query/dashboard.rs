//! Dashboard aggregates, scoped like every other read.

use crate::graphql::enums::CentreStatus;
use crate::graphql::req;
use crate::graphql::scalars::Money;
use crate::graphql::types::Region;
use crate::service::{dashboard, filters};
use async_graphql::{Context, Object, Result, SimpleObject};

#[derive(Default)]
pub(crate) struct DashboardQuery;

#[Object]
impl DashboardQuery {
    /// Figures for a dashboard, over the records the caller may see, optionally limited to
    /// some regions (two-digit TERYT codes).
    async fn dashboard(
        &self,
        #[graphql(
            desc = "Limit the figures to these regions (two-digit TERYT codes, e.g. `[\"26\"]`)."
        )]
        region_codes: Option<Vec<String>>,
    ) -> Result<Dashboard> {
        let regions = match region_codes {
            Some(codes) => Some(filters::region_ids("regionCodes", &codes)?),
            None => None,
        };
        Ok(Dashboard { regions })
    }
}

/// Dashboard figures. Each field is computed only when asked for.
pub(crate) struct Dashboard {
    regions: Option<Vec<i64>>,
}

/// Number of centres of one region in one status.
#[derive(SimpleObject)]
pub(crate) struct CentreStatusCount {
    /// Region that owns the centres.
    pub region: Option<Region>,
    /// Status.
    pub status: CentreStatus,
    /// Number of centres.
    pub count: i64,
}

/// Funding of one region's projects.
#[derive(SimpleObject)]
pub(crate) struct RegionFunding {
    /// Region that owns the projects.
    pub region: Option<Region>,
    /// Number of projects.
    pub project_count: i64,
    /// Sum of funding applied for.
    pub requested: Money,
    /// Sum of funding awarded.
    pub awarded: Money,
}

/// Numbers of records the caller may see.
#[derive(SimpleObject)]
pub(crate) struct RecordTotals {
    /// Centres.
    pub centres: i64,
    /// Projects.
    pub projects: i64,
    /// Experts.
    pub experts: i64,
    /// Events.
    pub events: i64,
    /// Study visits.
    pub study_visits: i64,
    /// Trainings.
    pub trainings: i64,
    /// Good practices.
    pub good_practices: i64,
}

/// Dashboard figures. Each field is computed only when asked for.
#[Object]
impl Dashboard {
    /// Centres per region and status.
    async fn centres_by_status(&self, ctx: &Context<'_>) -> Result<Vec<CentreStatusCount>> {
        let c = req(ctx)?;
        let rows = dashboard::centres_by_status(c.db, self.regions.as_deref()).await?;
        let regions = c
            .loaders
            .region()
            .load_many(rows.iter().map(|r| r.region_id))
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| CentreStatusCount {
                region: regions.get(&r.region_id).cloned().map(Region),
                status: r.status.into(),
                count: r.count,
            })
            .collect())
    }

    /// Requested and awarded funding per region. A sum is approximate when any of its
    /// amounts is.
    async fn funding(&self, ctx: &Context<'_>) -> Result<Vec<RegionFunding>> {
        let c = req(ctx)?;
        let rows = dashboard::funding_by_region(c.db, self.regions.as_deref()).await?;
        let regions = c
            .loaders
            .region()
            .load_many(rows.iter().map(|r| r.region_id))
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| RegionFunding {
                region: regions.get(&r.region_id).cloned().map(Region),
                project_count: r.projects,
                requested: Money::from_grosze(r.requested, r.requested_approximate),
                awarded: Money::from_grosze(r.awarded, r.awarded_approximate),
            })
            .collect())
    }

    /// Numbers of records.
    async fn totals(&self, ctx: &Context<'_>) -> Result<RecordTotals> {
        let c = req(ctx)?;
        let t = dashboard::totals(c.db, self.regions.as_deref()).await?;
        Ok(RecordTotals {
            centres: t.centres,
            projects: t.projects,
            experts: t.experts,
            events: t.events,
            study_visits: t.study_visits,
            trainings: t.trainings,
            good_practices: t.good_practices,
        })
    }
}
