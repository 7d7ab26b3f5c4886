//! The change feed offices pull: every write appends a change in its own transaction (an
//! outbox), and `changes` walks them in commit-safe order.
//!
//! Order and completeness: on PostgreSQL each change carries the id of the transaction that
//! wrote it (a database default). A reader only reads changes of transactions older than the
//! oldest one still in flight (`pg_snapshot_xmin`), ordered by (transaction id, sequence): a
//! transaction below that horizon has finished, so nothing can later appear before a cursor.
//! On SQLite writes take turns (one writer), so the sequence alone is the commit order.
//!
//! Scope: a change is delivered as UPSERT when the caller may see the record after it, and as
//! a tombstone (DELETE when deleted, REVOKE otherwise) when the caller could see the record
//! before it but no longer can; changes the caller never could see are left out.

use super::audit::Operation;
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::Kind;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use entity::change_event::{ActiveModel, Column, Entity, Model};
use entity::enums::Visibility;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};

/// What the feed needs to know of a record's state on one side of a change.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    /// Owner region.
    pub owner_region_id: i64,
    /// Effective visibility (drafts count as REGION).
    pub visibility: Visibility,
    /// Soft-deleted.
    pub deleted: bool,
}

/// Appends the change of one record inside the writing transaction.
#[allow(clippy::too_many_arguments, reason = "one change has this many facts")]
pub async fn append(
    txn: &DatabaseTransaction,
    kind: Kind,
    entity_id: i64,
    operation: Operation,
    version: i32,
    before: Option<Facts>,
    after: Facts,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    ActiveModel {
        occurred_at: Set(at),
        entity_type: Set(kind.name().to_owned()),
        entity_id: Set(entity_id),
        operation: Set(operation.as_str().to_owned()),
        version: Set(version),
        owner_region_id: Set(after.owner_region_id),
        visibility: Set(after.visibility),
        is_deleted: Set(after.deleted),
        previous_owner_region_id: Set(before.map(|b| b.owner_region_id)),
        previous_visibility: Set(before.map(|b| b.visibility)),
        previously_deleted: Set(before.map(|b| b.deleted)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// How a change reaches one caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The caller may see the record: here is its current state.
    Upsert,
    /// The record was deleted.
    Delete,
    /// The record still exists but the caller may no longer see it.
    Revoke,
}

/// A position in the feed: after the change `id` of transaction `tx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub(crate) tx: i64,
    pub(crate) id: i64,
}

const CURSOR_PREFIX: &str = "feed1:";

impl Cursor {
    /// The opaque text form.
    pub fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{}:{}", self.tx, self.id))
    }

    /// Reads the opaque text form; BAD_USER_INPUT on `field` otherwise.
    pub fn decode(field: &str, text: &str) -> AppResult<Self> {
        let bad = || AppError::bad_input(field, "not a change-feed cursor");
        let raw = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
        let raw = String::from_utf8(raw).map_err(|_| bad())?;
        let (tx, id) = raw
            .strip_prefix(CURSOR_PREFIX)
            .and_then(|r| r.split_once(':'))
            .ok_or_else(bad)?;
        Ok(Self {
            tx: tx.parse().map_err(|_| bad())?,
            id: id.parse().map_err(|_| bad())?,
        })
    }
}

/// One page of the feed as a caller sees it.
pub struct FeedPage {
    /// The changes delivered to the caller, in order.
    pub events: Vec<(Model, Delivery)>,
    /// Where the next page starts (also when this page delivered nothing).
    pub end: Cursor,
    /// Whether more committed changes follow.
    pub has_more: bool,
}

/// How a stored change reaches a caller, if at all.
fn delivery(db: &ScopedDb, e: &Model) -> Option<Delivery> {
    let scope = db.scope();
    let sees_after = !e.is_deleted && scope.can_read(e.owner_region_id, e.visibility);
    let saw_before = match (
        e.previous_owner_region_id,
        e.previous_visibility,
        e.previously_deleted,
    ) {
        (Some(owner), Some(vis), Some(false)) => scope.can_read(owner, vis),
        _ => false,
    };
    match (sees_after, saw_before) {
        (true, _) => Some(Delivery::Upsert),
        (false, true) if e.is_deleted => Some(Delivery::Delete),
        (false, true) => Some(Delivery::Revoke),
        (false, false) => None,
    }
}

/// The first transaction id that may still be in flight: changes below it are final.
async fn horizon<C: ConnectionTrait>(conn: &C) -> AppResult<i64> {
    match conn.get_database_backend() {
        DbBackend::Postgres => {
            let row = conn
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS h",
                ))
                .await?
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no transaction horizon")))?;
            Ok(row.try_get("", "h")?)
        }
        _ => Ok(i64::MAX),
    }
}

/// Reads up to `first` stored changes after `after` (of the given record types), and
/// delivers those the caller may receive.
pub async fn changes(
    db: &ScopedDb,
    after: Cursor,
    first: u64,
    types: &[Kind],
) -> AppResult<FeedPage> {
    let conn = db.conn();
    if let Some(floor) = floor(conn).await?
        && (after.tx, after.id) < (floor.tx, floor.id)
    {
        return Err(AppError::bad_input(
            "after",
            "the feed no longer holds the changes after this cursor; read a new snapshot and \
             continue from its feedCursor",
        ));
    }
    let horizon = horizon(conn).await?;
    let mut q = Entity::find()
        .filter(
            Condition::any().add(Column::TxId.gt(after.tx)).add(
                Condition::all()
                    .add(Column::TxId.eq(after.tx))
                    .add(Column::Id.gt(after.id)),
            ),
        )
        .filter(Expr::col(Column::TxId).lt(horizon));
    if !types.is_empty() {
        q = q.filter(Column::EntityType.is_in(types.iter().map(|k| k.name())));
    }
    let mut rows = q
        .order_by_asc(Column::TxId)
        .order_by_asc(Column::Id)
        .limit(first + 1)
        .all(conn)
        .await?;
    let has_more = rows.len() as u64 > first;
    rows.truncate(first as usize);
    let end = rows.last().map_or(after, |e| Cursor {
        tx: e.tx_id,
        id: e.id,
    });
    let events = rows
        .into_iter()
        .filter_map(|e| delivery(db, &e).map(|d| (e, d)))
        .collect();
    Ok(FeedPage {
        events,
        end,
        has_more,
    })
}

/// The feed position up to which every change is final: continuing the feed from here after
/// reading the current state misses nothing (changes in flight come after it).
pub async fn position(db: &ScopedDb) -> AppResult<Cursor> {
    let conn = db.conn();
    let horizon = horizon(conn).await?;
    let last = Entity::find()
        .filter(Expr::col(Column::TxId).lt(horizon))
        .order_by_desc(Column::TxId)
        .order_by_desc(Column::Id)
        .one(conn)
        .await?;
    match last {
        Some(e) => Ok(Cursor {
            tx: e.tx_id,
            id: e.id,
        }),
        // An empty feed continues from where pruning left it.
        None => Ok(floor(conn).await?.unwrap_or_default()),
    }
}

/// The last position removed by pruning, if the feed was ever pruned.
async fn floor<C: ConnectionTrait>(conn: &C) -> AppResult<Option<Cursor>> {
    use entity::change_feed_prune::{Column as P, Entity as Prune};
    Ok(Prune::find()
        .order_by_desc(P::FloorTxId)
        .order_by_desc(P::FloorId)
        .one(conn)
        .await?
        .map(|p| Cursor {
            tx: p.floor_tx_id,
            id: p.floor_id,
        }))
}

/// Removes the changes made before `cutoff` (those below the transaction horizon) and
/// records how far it removed; returns the number removed.
pub async fn prune(
    conn: &sea_orm::DatabaseConnection,
    cutoff: chrono::DateTime<chrono::Utc>,
) -> AppResult<u64> {
    let txn = crate::db::begin_write(conn).await?;
    let horizon = horizon(&txn).await?;
    let last = Entity::find()
        .filter(Column::OccurredAt.lt(cutoff))
        .filter(Expr::col(Column::TxId).lt(horizon))
        .order_by_desc(Column::TxId)
        .order_by_desc(Column::Id)
        .one(&txn)
        .await?;
    let Some(last) = last else {
        return Ok(0);
    };
    let removed = Entity::delete_many()
        .filter(
            Condition::any().add(Column::TxId.lt(last.tx_id)).add(
                Condition::all()
                    .add(Column::TxId.eq(last.tx_id))
                    .add(Column::Id.lte(last.id)),
            ),
        )
        .exec(&txn)
        .await?
        .rows_affected;
    entity::change_feed_prune::ActiveModel {
        floor_tx_id: Set(last.tx_id),
        floor_id: Set(last.id),
        pruned_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(removed)
}

/// Prunes changes older than `days` once an hour, for as long as the server runs.
pub async fn prune_periodically(conn: sea_orm::DatabaseConnection, days: u32) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let cutoff = chrono::Utc::now() - chrono::Duration::days(i64::from(days));
        match prune(&conn, cutoff).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(removed = n, "pruned the change feed"),
            Err(AppError::Internal(cause)) => {
                tracing::warn!(
                    error = format!("{cause:#}"),
                    "pruning the change feed failed"
                );
            }
            Err(other) => tracing::warn!(code = other.code(), "pruning the change feed failed"),
        }
    }
}
