//! List fields of the network's region-owned records. Each returns a Relay connection of the
//! records the caller may see, filtered, sorted (ties broken by id) and paged.

use super::*;
use crate::access::ScopedDb;
use crate::error::AppResult;
use crate::graphql::inputs::*;
use crate::graphql::types::*;
use crate::graphql::{req, wants_total};
use crate::service::lists::{self, Listed, Listing};
use crate::service::page::PageArgs;
use async_graphql::{Context, Object, Result};
use sea_orm::Select;

#[derive(Default)]
pub(crate) struct ListQuery;

/// Runs one list: the caller's scoped select, narrowed by `build`, sorted and paged.
async fn list<E>(
    ctx: &Context<'_>,
    build: impl FnOnce(&ScopedDb) -> AppResult<Select<E>>,
    sort: Option<RecordSort>,
    args: PageArgs,
) -> Result<Listing<E::Model>>
where
    E: Listed,
    E::Model: entity::owned::OwnedModel + Sync,
{
    let c = req(ctx)?;
    let select = build(c.db)?;
    Ok(lists::run(
        c.db,
        select,
        None,
        sort.unwrap_or_default(),
        &args,
        c.limits.max_page_size,
        wants_total(ctx),
    )
    .await?)
}

#[Object]
impl ListQuery {
    /// Social-services centres.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn centres(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<CentreFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<CentreConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::centres(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(CentreConnection::new(l.page, l.total, Centre))
    }

    /// Funded projects.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<ProjectFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<ProjectConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::projects(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(ProjectConnection::new(l.page, l.total, Project))
    }

    /// Organisations.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<OrganisationFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<OrganisationConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::organisations(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(OrganisationConnection::new(l.page, l.total, Organisation))
    }

    /// People (professionals and officials). Sorted by family name.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<RecordFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<PersonConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::records::<entity::person::Entity>(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(PersonConnection::new(l.page, l.total, Person))
    }

    /// Experts the network can call on.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn experts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<ExpertFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<ExpertConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::experts(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(ExpertConnection::new(l.page, l.total, Expert))
    }

    /// Contact people.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn contact_people(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<RecordFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<ContactPersonConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::records::<entity::contact_person::Entity>(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(ContactPersonConnection::new(l.page, l.total, ContactPerson))
    }

    /// Conferences, meetings, workshops and ceremonies.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<EventFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<EventConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::events(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(EventConnection::new(l.page, l.total, Event))
    }

    /// Trainings.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn trainings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<TrainingFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<TrainingConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::trainings(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(TrainingConnection::new(l.page, l.total, Training))
    }

    /// Study visits, one record per visit day.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn study_visits(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<StudyVisitFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<StudyVisitConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::study_visits(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(StudyVisitConnection::new(l.page, l.total, StudyVisit))
    }

    /// Good practices shared by centres.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn good_practices(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<GoodPracticeFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<GoodPracticeConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::good_practices(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(GoodPracticeConnection::new(l.page, l.total, GoodPractice))
    }

    /// Brochures, procedures, presentations and other documents.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn documents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the items must meet; all given conditions apply.")]
        filter: Option<DocumentFilter>,
        #[graphql(desc = "Order of the list; ties are broken by id. Default `NAME_ASC`.")]
        sort: Option<RecordSort>,
        #[graphql(
            desc = "Return at most this many items from the start (after `after`); default 20, at most the maximum page size."
        )]
        first: Option<i32>,
        #[graphql(desc = "Return items after this cursor (an `endCursor` or edge cursor).")] after: Option<String>,
        #[graphql(desc = "Return at most this many items from the end (before `before`).")]
        last: Option<i32>,
        #[graphql(desc = "Return items before this cursor (a `startCursor` or edge cursor).")]
        before: Option<String>,
    ) -> Result<DocumentConnection> {
        let f = filter.unwrap_or_default();
        let l = list(
            ctx,
            |db| lists::documents(db, &f),
            sort,
            page_args(first, after, last, before),
        )
        .await?;
        Ok(DocumentConnection::new(l.page, l.total, Document))
    }
}
