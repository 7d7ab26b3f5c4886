//! Snapshots: the current state of every record a caller may see, page by page, ending
//! with the feed position to continue from (see [`super::feed`]).

use super::feed::{Cursor, position};
use crate::access::{Readable, ScopedDb};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::Kind;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};

/// Where a snapshot walk is: the feed position it started at, and the last record read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotCursor {
    /// Continue the feed from here once the snapshot is complete.
    pub feed: Cursor,
    /// The record type being read, and the last id read of it.
    pub at: Option<(Kind, i64)>,
}

const SNAPSHOT_PREFIX: &str = "snap1:";

impl SnapshotCursor {
    /// The opaque text form.
    pub fn encode(&self) -> String {
        let at = self
            .at
            .map_or_else(String::new, |(k, id)| format!("{}:{id}", k.name()));
        URL_SAFE_NO_PAD.encode(format!(
            "{SNAPSHOT_PREFIX}{}:{}:{at}",
            self.feed.tx, self.feed.id
        ))
    }

    /// Reads the opaque text form; BAD_USER_INPUT on `field` otherwise.
    pub fn decode(field: &str, text: &str) -> AppResult<Self> {
        let bad = || AppError::bad_input(field, "not a snapshot cursor");
        let raw = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
        let raw = String::from_utf8(raw).map_err(|_| bad())?;
        let parts: Vec<&str> = raw
            .strip_prefix(SNAPSHOT_PREFIX)
            .ok_or_else(bad)?
            .split(':')
            .collect();
        let num = |s: &str| s.parse::<i64>().map_err(|_| bad());
        let feed = match parts.as_slice() {
            [tx, id, ..] => Cursor {
                tx: num(tx)?,
                id: num(id)?,
            },
            _ => return Err(bad()),
        };
        let at = match parts.as_slice() {
            [_, _, ""] => None,
            [_, _, kind, id] => Some((Kind::from_name(kind).ok_or_else(bad)?, num(id)?)),
            _ => return Err(bad()),
        };
        Ok(Self { feed, at })
    }
}

/// Ids of the live records of `E` the caller may see, after `after_id`, in id order.
pub async fn visible_ids<E: Readable>(
    db: &ScopedDb,
    after_id: i64,
    limit: u64,
) -> AppResult<Vec<i64>> {
    Ok(db
        .owned::<E>()
        .select_only()
        .column(E::id_column())
        .filter(E::id_column().gt(after_id))
        .order_by_asc(E::id_column())
        .limit(limit)
        .into_tuple()
        .all(&db.reads())
        .await?)
}

/// Ids of the visible records of one kind after `after_id`.
async fn visible_ids_of(
    db: &ScopedDb,
    kind: Kind,
    after_id: i64,
    limit: u64,
) -> AppResult<Vec<i64>> {
    use entity as e;
    match kind {
        Kind::Organisation => visible_ids::<e::organisation::Entity>(db, after_id, limit).await,
        Kind::Centre => visible_ids::<e::centre::Entity>(db, after_id, limit).await,
        Kind::Project => visible_ids::<e::project::Entity>(db, after_id, limit).await,
        Kind::Person => visible_ids::<e::person::Entity>(db, after_id, limit).await,
        Kind::Expert => visible_ids::<e::expert::Entity>(db, after_id, limit).await,
        Kind::ContactPerson => visible_ids::<e::contact_person::Entity>(db, after_id, limit).await,
        Kind::Event => visible_ids::<e::event::Entity>(db, after_id, limit).await,
        Kind::StudyVisit => visible_ids::<e::study_visit::Entity>(db, after_id, limit).await,
        Kind::Training => visible_ids::<e::training::Entity>(db, after_id, limit).await,
        Kind::GoodPractice => visible_ids::<e::good_practice::Entity>(db, after_id, limit).await,
        Kind::Document => visible_ids::<e::document::Entity>(db, after_id, limit).await,
        Kind::TrainingEnrollment => {
            visible_ids::<e::training_enrollment::Entity>(db, after_id, limit).await
        }
        Kind::Certificate => visible_ids::<e::certificate::Entity>(db, after_id, limit).await,
        Kind::Region
        | Kind::County
        | Kind::Municipality
        | Kind::FundingProgramme
        | Kind::FundingAction => Ok(Vec::new()),
    }
}

/// One page of a snapshot walk.
pub struct SnapshotPage {
    /// The records of this page, by kind and id.
    pub records: Vec<(Kind, i64)>,
    /// Where the next page starts.
    pub end: SnapshotCursor,
    /// Whether more records follow.
    pub has_more: bool,
}

/// Reads up to `first` visible records of the given kinds (in that order, each by id),
/// continuing `cursor`; a walk without a cursor starts by fixing its feed position.
pub async fn snapshot(
    db: &ScopedDb,
    kinds: &[Kind],
    cursor: Option<SnapshotCursor>,
    first: u64,
) -> AppResult<SnapshotPage> {
    let mut cursor = match cursor {
        Some(c) => c,
        None => SnapshotCursor {
            feed: position(db).await?,
            at: None,
        },
    };
    let start = match cursor.at {
        None => 0,
        Some((kind, _)) => kinds.iter().position(|k| *k == kind).ok_or_else(|| {
            AppError::bad_input("types", "differs from the types the walk began with")
        })?,
    };
    let mut records = Vec::new();
    for (i, kind) in kinds.iter().enumerate().skip(start) {
        let after_id = match cursor.at {
            Some((k, id)) if k == *kind => id,
            _ => 0,
        };
        let want = first + 1 - records.len() as u64;
        let ids = visible_ids_of(db, *kind, after_id, want).await?;
        records.extend(ids.into_iter().map(|id| (*kind, id)));
        if records.len() as u64 > first {
            records.truncate(first as usize);
            cursor.at = records.last().copied();
            return Ok(SnapshotPage {
                records,
                end: cursor,
                has_more: true,
            });
        }
        // This kind is exhausted; the next one starts from its beginning.
        cursor.at = kinds.get(i + 1).map(|k| (*k, 0));
    }
    cursor.at = kinds.last().map(|k| (*k, i64::MAX));
    Ok(SnapshotPage {
        records,
        end: cursor,
        has_more: false,
    })
}
