//! Lookups by key that the requests a worker serves at the same time share.
//!
//! Under load, many requests of one worker look records up by key with the same statement
//! (`node(id)` of a centre, for one caller's reading rule): the same text and values, only
//! the keys differ. A lane runs at most one such statement at a time for each text and
//! values. Lookups that arrive while it runs wait for it, then go together as one statement
//! over all their keys (`= ANY` on PostgreSQL, `json_each` on SQLite), and each takes the
//! rows of its own keys. A lookup that finds none running goes at once, so a lone request
//! waits for nothing.
//!
//! What a lookup reads is never older than the lookup: a statement starts only after every
//! lookup it serves has arrived. Lookups share a statement only when its text and values
//! (the caller's read condition among them) are the same, so a caller never gets a row its
//! own statement would not return.

use super::lane::ReadLane;
use sea_orm::{DatabaseConnection, DbErr, QueryResult, Statement, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// The rows of a lookup's keys, among the rows of the statement that served it.
pub struct KeyedRows {
    rows: Arc<Vec<QueryResult>>,
    mine: Vec<usize>,
}

impl KeyedRows {
    /// Every row of a statement that served one lookup alone.
    pub fn all(rows: Vec<QueryResult>) -> Self {
        Self {
            mine: (0..rows.len()).collect(),
            rows: Arc::new(rows),
        }
    }

    /// The rows of the lookup's keys, in the statement's order.
    pub fn iter(&self) -> impl Iterator<Item = &QueryResult> {
        self.mine.iter().map(|&at| &self.rows[at])
    }
}

type Reply = oneshot::Sender<Result<KeyedRows, DbErr>>;

/// The lookups of one statement that wait for the next run of it. The entry exists while a
/// task runs the statement; the task removes it when it finds no lookup waiting.
struct Waiting {
    sql: String,
    values: Vec<Value>,
    key_at: usize,
    callers: Vec<(Vec<i64>, Reply)>,
}

impl Waiting {
    fn is(&self, sql: &str, values: &[Value], key_at: usize) -> bool {
        self.key_at == key_at && self.sql == sql && self.values == values
    }
}

/// A lane's lookups that wait for their statement.
#[derive(Default)]
pub(super) struct Lookups {
    waiting: Mutex<Vec<Waiting>>,
}

impl ReadLane {
    /// The rows of `stmt` whose column `key_at` holds one of `keys`. `stmt`'s last value must
    /// be `keys` as one array ([`super::key_in`] as the last condition); the statement is
    /// shared with the worker's other lookups of the same text and values (see the module).
    /// Any other statement runs alone.
    pub async fn lookup(
        self: &Arc<Self>,
        stmt: Statement,
        keys: &[i64],
        key_at: usize,
        pool: &DatabaseConnection,
    ) -> Result<KeyedRows, DbErr> {
        let Statement {
            sql,
            values,
            db_backend,
            ..
        } = stmt;
        let mut values = values.map(|v| v.0).unwrap_or_default();
        if values.last() != Some(&super::keys_value(db_backend, keys.iter().copied())) {
            let alone = Statement::from_sql_and_values(db_backend, sql, values);
            return Ok(KeyedRows::all(self.query_all(alone, pool).await?));
        }
        values.pop();
        let (reply, answer) = oneshot::channel();
        let first = {
            let mut waiting = self.lookups.waiting.lock().expect("lookups lock");
            match waiting.iter_mut().find(|w| w.is(&sql, &values, key_at)) {
                Some(w) => {
                    w.callers.push((keys.to_vec(), reply));
                    false
                }
                None => {
                    waiting.push(Waiting {
                        sql: sql.clone(),
                        values: values.clone(),
                        key_at,
                        callers: vec![(keys.to_vec(), reply)],
                    });
                    true
                }
            }
        };
        if first {
            // A task of its own, so that a request cancelled while it waits cannot leave the
            // lookups that joined it without an answer. It runs on this worker's thread.
            tokio::spawn(self.clone().serve(sql, values, key_at, pool.clone()));
        }
        answer
            .await
            .unwrap_or_else(|_| Err(DbErr::Custom("a shared lookup was stopped".into())))
    }

    /// Runs the statement for the lookups waiting for it until none are left.
    async fn serve(
        self: Arc<Self>,
        sql: String,
        values: Vec<Value>,
        key_at: usize,
        pool: DatabaseConnection,
    ) {
        let mut serving = Serving {
            lookups: &self.lookups,
            sql: &sql,
            values: &values,
            key_at,
            finished: false,
        };
        loop {
            let callers = {
                let mut waiting = self.lookups.waiting.lock().expect("lookups lock");
                let Some(at) = waiting.iter().position(|w| w.is(&sql, &values, key_at)) else {
                    serving.finished = true;
                    return;
                };
                // Lookups whose requests went away (cancelled, timed out) need no rows.
                waiting[at].callers.retain(|(_, reply)| !reply.is_closed());
                if waiting[at].callers.is_empty() {
                    waiting.swap_remove(at);
                    serving.finished = true;
                    return;
                }
                std::mem::take(&mut waiting[at].callers)
            };
            let mut keys: Vec<i64> = callers
                .iter()
                .flat_map(|(k, _)| k.iter().copied())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            let backend = pool.get_database_backend();
            let mut all = values.clone();
            all.push(super::keys_value(backend, keys));
            let stmt = Statement::from_sql_and_values(backend, sql.clone(), all);
            let read = self.query_all(stmt, &pool).await;
            answer(read, key_at, callers);
        }
    }
}

/// The task running a statement's lookups. Should the task end before it removed its entry
/// (a panic, or the worker stopping), the entry goes with it: its waiting lookups get an
/// error at once, and later ones start a statement of their own instead of joining one that
/// will never run.
struct Serving<'a> {
    lookups: &'a Lookups,
    sql: &'a str,
    values: &'a [Value],
    key_at: usize,
    finished: bool,
}

impl Drop for Serving<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if let Ok(mut waiting) = self.lookups.waiting.lock()
            && let Some(at) = waiting
                .iter()
                .position(|w| w.is(self.sql, self.values, self.key_at))
        {
            waiting.swap_remove(at);
        }
    }
}

/// Gives each lookup the rows of its keys, or the statement's error.
fn answer(read: Result<Vec<QueryResult>, DbErr>, key_at: usize, callers: Vec<(Vec<i64>, Reply)>) {
    let by_key = read.and_then(|rows| {
        let mut by_key: HashMap<i64, Vec<usize>> = HashMap::new();
        for (at, row) in rows.iter().enumerate() {
            by_key
                .entry(row.try_get_by_index::<i64>(key_at)?)
                .or_default()
                .push(at);
        }
        Ok((Arc::new(rows), by_key))
    });
    for (keys, reply) in callers {
        let rows = match &by_key {
            Ok((rows, by_key)) => {
                let mut mine: Vec<usize> = keys
                    .iter()
                    .filter_map(|k| by_key.get(k))
                    .flatten()
                    .copied()
                    .collect();
                mine.sort_unstable();
                mine.dedup();
                Ok(KeyedRows {
                    rows: rows.clone(),
                    mine,
                })
            }
            Err(e) => Err(e.clone()),
        };
        // A caller that went away (its request was cancelled) needs nothing.
        let _ = reply.send(rows);
    }
}
