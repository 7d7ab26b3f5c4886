//! Writes the personal-data access log off the request path, in group commits.
//!
//! A response that carried personal data hands its entry to [`AccessLog::submit`] and is sent
//! without waiting for the database. One writer task takes every entry waiting at that moment
//! and appends them atomically (one statement on PostgreSQL, one transaction on SQLite);
//! while it writes, the next entries gather, and under load it waits up to 25 milliseconds
//! more for them (see [`LINGER`]), so one commit carries many responses; at rest an entry is
//! written at once.
//!
//! Nothing is dropped: the queue is bounded, so if the database cannot keep up (or is down)
//! requests wait for room instead of losing entries, and a failed batch is retried until it
//! is written. Readers of the log ([`AccessLog::flush`]) and shutdown wait until everything
//! submitted before them is stored.

use crate::access::WriteGate;
use crate::error::AppResult;
use entity::personal_data_access as log;
use entity::personal_data_access_person as logp;
use sea_orm::{DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// How many entries wait at most; a full queue makes requests wait, never drops.
const QUEUE: usize = 4096;
/// Most entries in one transaction.
const BATCH: usize = 256;
/// Pause before a failed batch is tried again.
const RETRY: Duration = Duration::from_millis(500);
/// How long the writer waits for more entries before it writes, under load (it finished a
/// batch less than [`BUSY`] ago): one commit then carries the entries of many responses
/// instead of one or two. The wait ends as soon as a batch is full or a reader waits for the
/// log ([`AccessLog::flush`], shutdown). At rest an entry is written at once. Responses
/// never wait for it: the wait only groups entries that are already held in memory.
///
/// The database's cost of the log is mostly per batch: a batch names each person once
/// however many of its entries name them.
/// - SQLite: each commit also makes every reading connection drop its cached pages and map
///   the grown file anew; a commit per few responses took three quarters of the server's
///   time for operation 2 of the benchmark at concurrency 1.
/// - PostgreSQL: the batch's index row (its persons, in an inverted index) cost 1.8–2.1 ms
///   of the database's time for the 1,280 persons of operation 3, and the entry 0.8 ms; with
///   5 ms of waiting each of its responses at concurrency 1 (one every 14 ms) was written
///   alone, competing with the next response's statement for the cores.
const LINGER: Duration = Duration::from_millis(25);
/// How recently the writer must have written a batch for [`LINGER`] to apply.
const BUSY: Duration = Duration::from_millis(100);

/// One access-log entry: who read which persons' data, in which operation.
#[derive(Debug)]
pub struct PendingEntry {
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    pub actor_sub: String,
    pub actor_role: String,
    pub actor_regions: Value,
    pub actor_org: Option<i64>,
    pub operation_name: Option<String>,
    pub request_id: Option<String>,
    /// Ascending, not empty.
    pub persons: Vec<i64>,
    /// The owner regions of those persons the response's rows already named, `(person,
    /// region)`; the others are looked up when the entry is stored.
    pub owners: Vec<(i64, i64)>,
}

enum Message {
    Entry(PendingEntry),
    /// Answered once everything queued before it is stored.
    Flush(oneshot::Sender<()>),
}

/// The handle to the access-log writer; cheap to clone.
#[derive(Clone)]
pub struct AccessLog {
    queue: mpsc::Sender<Message>,
}

impl std::fmt::Debug for AccessLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessLog").finish_non_exhaustive()
    }
}

impl AccessLog {
    /// Starts the writer task on the current runtime.
    pub fn start(db: DatabaseConnection, gate: Option<WriteGate>) -> Self {
        let (queue, rx) = mpsc::channel(QUEUE);
        tokio::spawn(write_forever(db, gate, rx));
        Self { queue }
    }

    /// Queues an entry; waits only while the queue is full.
    pub async fn submit(&self, entry: PendingEntry) {
        if self.queue.send(Message::Entry(entry)).await.is_err() {
            tracing::error!("personal-data access log writer has stopped; entry not written");
        }
    }

    /// Returns once every entry submitted before this call is stored.
    pub async fn flush(&self) {
        let (done, stored) = oneshot::channel();
        if self.queue.send(Message::Flush(done)).await.is_ok() {
            let _ = stored.await;
        }
    }
}

async fn write_forever(
    db: DatabaseConnection,
    gate: Option<WriteGate>,
    mut rx: mpsc::Receiver<Message>,
) {
    let mut entries = Vec::with_capacity(BATCH);
    let mut waiting = Vec::new();
    let mut last_written: Option<std::time::Instant> = None;
    while let Some(first) = rx.recv().await {
        gather(Some(first), &mut rx, &mut entries, &mut waiting);
        if last_written.is_some_and(|at: std::time::Instant| at.elapsed() < BUSY) {
            let until = tokio::time::Instant::now() + LINGER;
            linger(&mut rx, &mut entries, &mut waiting, until).await;
        }
        let wrote = !entries.is_empty();
        while !entries.is_empty() {
            let turn = match &gate {
                Some(g) => Some(g.lock().await),
                None => None,
            };
            let written = append(&db, &entries).await;
            drop(turn);
            match written {
                Ok(()) => entries.clear(),
                Err(e) => {
                    tracing::error!(error = ?e, entries = entries.len(),
                        "personal-data access log not written yet; retrying");
                    tokio::time::sleep(RETRY).await;
                }
            }
        }
        if wrote {
            last_written = Some(std::time::Instant::now());
        }
        for done in waiting.drain(..) {
            let _ = done.send(());
        }
    }
}

/// Gathers the messages that arrive until `until`, or until a reader waits for the log or
/// the batch is full.
async fn linger(
    rx: &mut mpsc::Receiver<Message>,
    entries: &mut Vec<PendingEntry>,
    waiting: &mut Vec<oneshot::Sender<()>>,
    until: tokio::time::Instant,
) {
    while waiting.is_empty() && entries.len() < BATCH {
        match tokio::time::timeout_at(until, rx.recv()).await {
            Ok(Some(next)) => gather(Some(next), rx, entries, waiting),
            // The time is up, or every sender is gone (the batch is still written).
            _ => break,
        }
    }
}

/// Moves `next` and the messages queued behind it, up to a batch of entries, into `entries`
/// and `waiting`.
fn gather(
    mut next: Option<Message>,
    rx: &mut mpsc::Receiver<Message>,
    entries: &mut Vec<PendingEntry>,
    waiting: &mut Vec<oneshot::Sender<()>>,
) {
    while let Some(m) = next.take() {
        match m {
            Message::Entry(e) => entries.push(e),
            Message::Flush(done) => waiting.push(done),
        }
        if entries.len() < BATCH {
            next = rx.try_recv().ok();
        }
    }
}

/// Appends a batch atomically: on PostgreSQL one statement writes the entries and the
/// batch's index row; on SQLite one transaction writes one row per entry, then the person
/// rows.
async fn append(db: &DatabaseConnection, entries: &[PendingEntry]) -> AppResult<()> {
    let owners = owners_of(db, entries).await?;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        return append_postgres(db, entries, &owners).await;
    }
    let txn = crate::db::begin_write(db).await?;
    let ids = insert_entries(&txn, entries, &owners).await?;
    let stored: Vec<(i64, &[i64])> = ids
        .into_iter()
        .zip(entries)
        .map(|(id, e)| (id, e.persons.as_slice()))
        .collect();
    insert_persons(&txn, &person_rows(&stored, &owners)).await?;
    txn.commit().await?;
    Ok(())
}

/// The owner region of every person a batch names: those its responses' rows carried, the
/// others looked up (a person deleted meanwhile has none).
async fn owners_of(
    db: &DatabaseConnection,
    entries: &[PendingEntry],
) -> AppResult<HashMap<i64, i64>> {
    let mut owners: HashMap<i64, i64> = entries
        .iter()
        .flat_map(|e| e.owners.iter().copied())
        .collect();
    let mut all: Vec<i64> = entries
        .iter()
        .flat_map(|e| e.persons.iter().copied())
        .filter(|p| !owners.contains_key(p))
        .collect();
    all.sort_unstable();
    all.dedup();
    use entity::person::Column as P;
    if !all.is_empty() {
        owners.extend(
            entity::person::Entity::find()
                .select_only()
                .columns([P::Id, P::OwnerRegionId])
                .filter(crate::db::key_in(db.get_database_backend(), P::Id, &all))
                .into_tuple::<(i64, i64)>()
                .all(db)
                .await?,
        );
    }
    Ok(owners)
}

/// Each entry's persons' owner regions, aligned with its persons (`null` where unknown).
fn regions_of(e: &PendingEntry, owners: &HashMap<i64, i64>) -> Value {
    json!(e.persons.iter().map(|p| owners.get(p)).collect::<Vec<_>>())
}

/// PostgreSQL: the whole batch is one JSON parameter of one statement whose text never
/// changes (prepared once per connection, atomic without a transaction around it), read in
/// one pass by `json_to_recordset` (taking each field out of an entry with `->>` parsed the
/// whole entry again per field: a tenth of the database's time under load). It
/// inserts the entries, then one `personal_data_access_batch` row: the entries' ids, and the
/// batch's persons of known owner region and those regions, for the index to find the
/// batch by (each entry's own lists then tell which of its entries name whom).
async fn append_postgres(
    db: &DatabaseConnection,
    entries: &[PendingEntry],
    owners: &HashMap<i64, i64>,
) -> AppResult<()> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let rows: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "occurred_at": e.occurred_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                "actor_sub": e.actor_sub,
                "actor_role": e.actor_role,
                "actor_regions": e.actor_regions,
                "actor_org": e.actor_org,
                "operation_name": e.operation_name,
                "request_id": e.request_id,
                "person_ids": e.persons,
                "person_regions": regions_of(e, owners),
            })
        })
        .collect();
    let (persons, regions) = batch_index(entries, owners);
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "WITH entry AS (\
           INSERT INTO personal_data_access (occurred_at, actor_sub, actor_role, actor_regions, \
             actor_org, operation_name, request_id, person_ids, person_regions) \
           SELECT occurred_at, actor_sub, actor_role, actor_regions, actor_org, \
             operation_name, request_id, person_ids, person_regions \
           FROM json_to_recordset(CAST($1 AS json)) AS r(occurred_at timestamptz, \
             actor_sub varchar, actor_role varchar, actor_regions json, actor_org bigint, \
             operation_name varchar, request_id varchar, person_ids json, person_regions json) \
           RETURNING id) \
         INSERT INTO personal_data_access_batch (first_access_id, access_ids, person_ids, region_ids) \
         SELECT MIN(id), array_agg(id ORDER BY id), CAST($2 AS bigint[]), CAST($3 AS bigint[]) \
         FROM entry",
        [
            sea_orm::Value::from(Value::Array(rows).to_string()),
            crate::db::bigint_array(persons),
            crate::db::bigint_array(regions),
        ],
    ))
    .await?;
    Ok(())
}

/// The persons a batch names whose owner region is known, and those regions: each sorted,
/// distinct.
fn batch_index(entries: &[PendingEntry], owners: &HashMap<i64, i64>) -> (Vec<i64>, Vec<i64>) {
    let persons: std::collections::BTreeSet<i64> = entries
        .iter()
        .flat_map(|e| e.persons.iter().copied())
        .filter(|p| owners.contains_key(p))
        .collect();
    let regions: std::collections::BTreeSet<i64> = persons
        .iter()
        .filter_map(|p| owners.get(p).copied())
        .collect();
    (persons.into_iter().collect(), regions.into_iter().collect())
}

/// One person row of a batch: the person, its owner region, and the ids of the batch's
/// entries that name it, ascending.
#[derive(Debug, PartialEq, Eq)]
struct PersonRow {
    person: i64,
    region: i64,
    entries: Vec<i64>,
}

/// The person rows of a batch of stored entries `(entry id, persons)`: one row per person
/// (of known owner region), however many of the entries name it.
fn person_rows(stored: &[(i64, &[i64])], owners: &HashMap<i64, i64>) -> Vec<PersonRow> {
    let mut by_person: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
    for (id, persons) in stored {
        for p in *persons {
            by_person.entry(*p).or_default().push(*id);
        }
    }
    by_person
        .into_iter()
        .filter_map(|(person, mut entries)| {
            entries.sort_unstable();
            entries.dedup();
            owners.get(&person).map(|&region| PersonRow {
                person,
                region,
                entries,
            })
        })
        .collect()
}

/// SQLite: appends a batch's entries, one insert each (in process, no round trips), and
/// returns their ids in the batch's order.
async fn insert_entries(
    txn: &sea_orm::DatabaseTransaction,
    entries: &[PendingEntry],
    owners: &HashMap<i64, i64>,
) -> AppResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(entries.len());
    for e in entries {
        let entry = log::ActiveModel {
            occurred_at: Set(e.occurred_at),
            actor_sub: Set(e.actor_sub.clone()),
            actor_role: Set(e.actor_role.clone()),
            actor_regions: Set(e.actor_regions.clone()),
            actor_org: Set(e.actor_org),
            operation_name: Set(e.operation_name.clone()),
            request_id: Set(e.request_id.clone()),
            person_ids: Set(json!(e.persons)),
            person_regions: Set(Some(regions_of(e, owners))),
            ..Default::default()
        };
        ids.push(log::Entity::insert(entry).exec(txn).await?.last_insert_id);
    }
    Ok(ids)
}

/// SQLite: appends a batch's person rows as multi-row inserts.
async fn insert_persons(txn: &sea_orm::DatabaseTransaction, rows: &[PersonRow]) -> AppResult<()> {
    // Four parameters per row; SQLite allows 32,766 per statement.
    for chunk in rows.chunks(5_000) {
        logp::Entity::insert_many(chunk.iter().map(|r| logp::ActiveModel {
            access_id: Set(r.entries[0]),
            person_id: Set(r.person),
            owner_region_id: Set(r.region),
            access_ids: Set(Some(json!(r.entries))),
        }))
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{BATCH, Message, PendingEntry, PersonRow, linger, person_rows};
    use std::collections::HashMap;
    use std::time::Duration;
    use tokio::sync::{mpsc, oneshot};
    use tokio::time::Instant;

    fn entry(person: i64) -> PendingEntry {
        PendingEntry {
            occurred_at: chrono::Utc::now(),
            actor_sub: "viewer".into(),
            actor_role: "REGION_VIEWER".into(),
            actor_regions: serde_json::json!(["26"]),
            actor_org: None,
            operation_name: None,
            request_id: None,
            persons: vec![person],
            owners: vec![(person, 26)],
        }
    }

    #[tokio::test]
    async fn entries_arriving_while_the_writer_lingers_join_its_batch() {
        let (tx, mut rx) = mpsc::channel(8);
        let sender = tokio::spawn(async move {
            for person in [1, 2, 3] {
                tokio::time::sleep(Duration::from_millis(5)).await;
                tx.send(Message::Entry(entry(person))).await.ok();
            }
            // Kept open: the wait ends at its deadline, not because the senders are gone.
            tokio::time::sleep(Duration::from_secs(60)).await;
        });
        let (mut entries, mut waiting) = (Vec::new(), Vec::new());
        // The wait ends at its deadline, well within the test's patience.
        tokio::time::timeout(
            Duration::from_secs(20),
            linger(
                &mut rx,
                &mut entries,
                &mut waiting,
                Instant::now() + Duration::from_secs(2),
            ),
        )
        .await
        .expect("the wait ends at its deadline");
        sender.abort();
        let persons: Vec<i64> = entries.iter().map(|e| e.persons[0]).collect();
        assert_eq!(persons, [1, 2, 3]);
        assert!(waiting.is_empty());
    }

    #[tokio::test]
    async fn a_reader_waiting_for_the_log_or_a_full_batch_ends_the_wait() {
        let (tx, mut rx) = mpsc::channel(BATCH + 8);
        tx.send(Message::Entry(entry(1)))
            .await
            .expect("the receiver is open");
        let (done, _stored) = oneshot::channel();
        tx.send(Message::Flush(done))
            .await
            .expect("the receiver is open");
        let (mut entries, mut waiting) = (Vec::new(), Vec::new());
        // A deadline far off: only the reader can end the wait within the test's patience.
        let far = Instant::now() + Duration::from_secs(600);
        tokio::time::timeout(
            Duration::from_secs(30),
            linger(&mut rx, &mut entries, &mut waiting, far),
        )
        .await
        .expect("a waiting reader ends the wait");
        assert_eq!((entries.len(), waiting.len()), (1, 1));

        for person in 0..BATCH as i64 {
            tx.send(Message::Entry(entry(person)))
                .await
                .expect("the receiver is open");
        }
        let (mut entries, mut waiting) = (Vec::new(), Vec::new());
        tokio::time::timeout(
            Duration::from_secs(30),
            linger(&mut rx, &mut entries, &mut waiting, far),
        )
        .await
        .expect("a full batch ends the wait");
        assert_eq!(entries.len(), BATCH);
    }

    #[test]
    fn a_batch_names_each_person_once_with_all_its_entries() {
        let owners = HashMap::from([(7, 26), (8, 28), (9, 26)]);
        let stored: [(i64, &[i64]); 3] = [(101, &[7, 8]), (102, &[7]), (104, &[7, 9, 10])];
        assert_eq!(
            person_rows(&stored, &owners),
            vec![
                PersonRow {
                    person: 7,
                    region: 26,
                    entries: vec![101, 102, 104]
                },
                PersonRow {
                    person: 8,
                    region: 28,
                    entries: vec![101]
                },
                PersonRow {
                    person: 9,
                    region: 26,
                    entries: vec![104]
                },
            ],
            "person 10 has no known owner region and gets no row"
        );
    }
}
