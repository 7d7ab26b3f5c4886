//! Reference data: regions, municipalities and funding programmes.

use super::{FundingProgrammeConnection, MunicipalityConnection, RegionConnection, page_args};
use crate::error::AppError;
use crate::graphql::inputs::MunicipalityFilter;
use crate::graphql::types::{FundingProgramme, Municipality, Region};
use crate::graphql::{req, wants_total};
use crate::service::{filters, lists};
use async_graphql::{Context, Object, Result};
use sea_orm::{ColumnTrait, QueryFilter};

#[derive(Default)]
pub(crate) struct ReferenceQuery;

#[Object]
impl ReferenceQuery {
    /// All 16 voivodeships, by Polish name; members of the network have a regional office.
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn regions(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<RegionConnection> {
        let c = req(ctx)?;
        let l = lists::regions(
            c.db,
            &page_args(first, after, last, before),
            c.limits.max_page_size,
            wants_total(ctx),
        )
        .await?;
        Ok(RegionConnection::new(l.page, l.total, Region))
    }

    /// One voivodeship by its two-digit TERYT code, e.g. `26`.
    async fn region(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Two-digit TERYT code of the voivodeship, e.g. `26`.")] teryt_code: String,
    ) -> Result<Region> {
        let c = req(ctx)?;
        let ids = filters::region_ids("terytCode", std::slice::from_ref(&teryt_code))?;
        let found =
            c.db.reference::<entity::region::Entity>()
                .filter(entity::region::Column::Id.is_in(ids))
                .one(&c.db.reads())
                .await
                .map_err(AppError::from)?;
        found
            .map(Region)
            .ok_or_else(|| AppError::NotFound { what: "region" }.into())
    }

    /// Municipalities (gminy), by name.
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn municipalities(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<MunicipalityFilter>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<MunicipalityConnection> {
        let c = req(ctx)?;
        let l = lists::municipalities(
            c.db,
            &filter.unwrap_or_default(),
            &page_args(first, after, last, before),
            c.limits.max_page_size,
            wants_total(ctx),
        )
        .await?;
        Ok(MunicipalityConnection::new(l.page, l.total, Municipality))
    }

    /// Funding programmes, by name.
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn funding_programmes(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<FundingProgrammeConnection> {
        use entity::funding_programme::{Column, Entity};
        let c = req(ctx)?;
        let l = lists::reference_page(
            c.db,
            c.db.reference::<Entity>(),
            Column::Name,
            Column::Id,
            |m| (m.name.as_str(), m.id),
            &page_args(first, after, last, before),
            c.limits.max_page_size,
            wants_total(ctx),
        )
        .await?;
        Ok(FundingProgrammeConnection::new(
            l.page,
            l.total,
            FundingProgramme,
        ))
    }
}
