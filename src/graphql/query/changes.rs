//! `changes`: the change feed regional offices pull to keep their own systems in step.

use super::node;
use crate::error::AppError;
use crate::graphql::ids::{self, Kind};
use crate::graphql::req;
use crate::graphql::types::Node;
use crate::service::feed::{self, Cursor, Delivery};
use crate::service::snapshot::{self, SnapshotCursor};
use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};

/// Most changes one page returns.
const MAX_CHANGES: i32 = 1000;
/// Changes per page when `first` is not given.
const DEFAULT_CHANGES: i32 = 100;

/// How a change reaches the caller.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
pub enum ChangeOperation {
    /// The record is new or changed and the caller may see it: store `record`.
    Upsert,
    /// The record was deleted: remove the copy.
    Delete,
    /// The record still exists, but the caller may no longer see it (visibility lowered or
    /// moved to another region): remove the copy.
    Revoke,
}

/// One change of the feed.
pub struct Change(entity::change_event::Model, Delivery);

/// One change of the feed.
#[Object]
impl Change {
    /// Position of the change in the feed.
    async fn sequence(&self) -> i64 {
        self.0.id
    }
    /// Type of the changed record, e.g. `Centre`.
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }
    /// Global id of the changed record.
    async fn entity_id(&self) -> Option<ID> {
        Kind::from_name(&self.0.entity_type).map(|k| ids::encode(k, self.0.entity_id))
    }
    /// What the caller should do with its copy.
    async fn operation(&self) -> ChangeOperation {
        match self.1 {
            Delivery::Upsert => ChangeOperation::Upsert,
            Delivery::Delete => ChangeOperation::Delete,
            Delivery::Revoke => ChangeOperation::Revoke,
        }
    }
    /// The record's version after the change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the change was made.
    async fn occurred_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.occurred_at
    }
    /// For `UPSERT`: the record's current state as the caller may see it (`null` for
    /// tombstones, and when a later change has since hidden it — that change follows in the
    /// feed).
    async fn record(&self, ctx: &Context<'_>) -> Result<Option<Node>> {
        if self.1 != Delivery::Upsert {
            return Ok(None);
        }
        let Some(kind) = Kind::from_name(&self.0.entity_type) else {
            return Ok(None);
        };
        node::load(req(ctx)?.loaders, kind, self.0.entity_id).await
    }
}

/// A page of the change feed.
#[derive(SimpleObject)]
pub struct ChangePage {
    /// The changes the caller receives, oldest first.
    pub changes: Vec<Change>,
    /// Pass as `after` to continue; save it once the page is safely stored.
    pub end_cursor: String,
    /// Whether more changes are already available.
    pub has_more: bool,
}

/// A page of a snapshot: the current state of the records the caller may see.
#[derive(SimpleObject)]
pub struct SnapshotPage {
    /// The records of this page (by type in the order asked, then by id).
    pub records: Vec<Node>,
    /// Pass as `after` to read the next page.
    pub end_cursor: String,
    /// Whether more records follow.
    pub has_more: bool,
    /// Once the last page is stored, continue with `changes(after: feedCursor)`: every change
    /// the snapshot may have missed comes after it.
    pub feed_cursor: String,
}

/// Record types from the `types` argument (all when absent).
fn kinds(types: Option<Vec<String>>, all_when_empty: bool) -> Result<Vec<Kind>, AppError> {
    let list = types.unwrap_or_default();
    if list.is_empty() && all_when_empty {
        return Ok(Kind::ALL
            .into_iter()
            .filter(|k| k.is_region_owned())
            .collect());
    }
    list.iter()
        .enumerate()
        .map(|(i, t)| {
            Kind::from_name(t)
                .filter(|k| k.is_region_owned())
                .ok_or_else(|| {
                    AppError::bad_input(format!("types[{i}]"), "not a record type with changes")
                })
        })
        .collect()
}

fn page_size(first: Option<i32>) -> Result<u64, AppError> {
    let first = first.unwrap_or(DEFAULT_CHANGES);
    if !(1..=MAX_CHANGES).contains(&first) {
        return Err(AppError::bad_input(
            "first",
            format!("between 1 and {MAX_CHANGES}"),
        ));
    }
    Ok(first as u64)
}

#[derive(Default)]
pub(crate) struct ChangesQuery;

#[Object]
impl ChangesQuery {
    /// The changes to records the caller may see, in commit order, after a cursor. A change
    /// that commits late is never skipped. Records that stop being visible to the caller
    /// (deleted, visibility lowered, moved to another region) arrive as `DELETE` or `REVOKE`.
    #[graphql(complexity = "crate::graphql::cost::sync_page(first, child_complexity)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The `endCursor` of the previous page; omit to start at the beginning.")]
        after: Option<String>,
        #[graphql(desc = "Most changes to read (default 100, at most 1000).")] first: Option<i32>,
        #[graphql(
            desc = "Only changes to records of these types, e.g. `[\"Centre\", \"Expert\"]`."
        )]
        types: Option<Vec<String>>,
    ) -> Result<ChangePage> {
        let c = req(ctx)?;
        let after = match after.as_deref() {
            Some(text) => Cursor::decode("after", text)?,
            None => Cursor::default(),
        };
        let first = page_size(first)?;
        let kinds = kinds(types, false)?;
        let page = feed::changes(c.db, after, first, &kinds).await?;
        Ok(ChangePage {
            changes: page.events.into_iter().map(|(e, d)| Change(e, d)).collect(),
            end_cursor: page.end.encode(),
            has_more: page.has_more,
        })
    }

    /// The current state of every record the caller may see, page by page, to start a copy
    /// (or to start over). After the last page, continue with `changes(after: feedCursor)`.
    #[graphql(complexity = "crate::graphql::cost::sync_page(first, child_complexity)")]
    async fn snapshot(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The `endCursor` of the previous page; omit to begin a new walk.")]
        after: Option<String>,
        #[graphql(desc = "Most records per page (default 100, at most 1000).")] first: Option<i32>,
        #[graphql(
            desc = "Only records of these types, in this order (default: all). Keep the same list for the whole walk."
        )]
        types: Option<Vec<String>>,
    ) -> Result<SnapshotPage> {
        let c = req(ctx)?;
        let cursor = after
            .as_deref()
            .map(|t| SnapshotCursor::decode("after", t))
            .transpose()?;
        let first = page_size(first)?;
        let kinds = kinds(types, true)?;
        let page = snapshot::snapshot(c.db, &kinds, cursor, first).await?;
        let loads = page
            .records
            .iter()
            .map(|(k, id)| node::load(c.loaders, *k, *id));
        let records = futures_util::future::try_join_all(loads)
            .await?
            .into_iter()
            .flatten()
            .collect();
        Ok(SnapshotPage {
            records,
            end_cursor: page.end.encode(),
            has_more: page.has_more,
            feed_cursor: page.end.feed.encode(),
        })
    }
}
