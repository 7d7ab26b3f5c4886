//! Compiled reads: the hot read queries (centre lists and pages of them with their
//! municipality, region, projects and experts; `node` of a centre; the region list) served
//! without the engine's per-field machinery.
//!
//! A document is compiled only after the engine has run it once, with the same operation
//! and variables, without any error: the engine's parsing, validation and query limits have
//! accepted it, and the compiled path only repeats what the resolvers do. Only its numbers
//! and booleans must be the same (they set page sizes, hence the query's cost, and which
//! fields `@skip`/`@include` leave in): ids, cursors, filters and sort orders given in the
//! same shape are planned anew for each request, since they change neither validity nor
//! cost, and a record that is not there (or not the caller's to read), or a value the
//! resolvers refuse, goes to the engine, which reports it. Each later request with the same
//! text, operation name and variables reads its rows through the same scoped handle and
//! list services as the resolvers, reading only the columns the selection needs
//! (`columns`), and writes the JSON response directly. A page of centres comes joined to
//! their primary municipalities, and with the projects and experts (joined to their persons)
//! nested in it, in the same statement on PostgreSQL (`joined`); their regions take one more statement,
//! and no statement is ever issued per row.
//! Anything outside the compiled subset, and any failure while loading, goes to the engine.

mod cells;
mod columns;
mod emit;
mod fetch;
mod joined;
mod plan;

use crate::access::ScopedDb;
use crate::service::access_log::AccessCollector;
use crate::service::lists;
use async_graphql::Name;
use async_graphql::parser::types::ExecutableDocument;
use cells::Cell;
use entity::centre;
use fetch::{CentreRows, ConnectionRows, Fallback, Fetched};
use futures_util::future::{BoxFuture, try_join_all};
pub(crate) use plan::operation;
use plan::{Plan, Root};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The smallest response buffer a compiled read starts with.
const MIN_BUFFER: usize = 4096;

/// How many distinct documents (with their numbers and booleans) stay compiled.
const CACHE_ENTRIES: usize = 1024;

/// The compiled documents of one server.
pub struct CompiledReads {
    enabled: bool,
    served: AtomicU64,
    /// Compiled reads of large responses running now, and the most that ever ran at once.
    large_running: AtomicUsize,
    large_peak: AtomicUsize,
    /// The documents the engine accepted, by text and operation name.
    docs: Mutex<lru::LruCache<u64, Arc<Doc>>>,
    /// Their plans, by text, operation name and the variables not rebound.
    cache: Mutex<lru::LruCache<u64, Arc<Entry>>>,
}

/// A document the engine ran without errors, parsed.
struct Doc {
    query: String,
    operation: Option<String>,
    document: ExecutableDocument,
    /// Its variables other than numbers and booleans (ids, cursors, filters, sort orders):
    /// only their shape is part of the cache key (see [`variables_of`]), and each request's
    /// plan is made anew from the document with the request's own values. They change
    /// neither the document's validity nor its cost (page sizes and `@skip`/`@include`
    /// conditions are numbers and booleans); what they find, or a value the resolvers would
    /// refuse, is checked as the read runs, and anything but rows goes to the engine.
    rebound: Vec<Name>,
}

/// A compiled document and what it was compiled for.
pub(crate) struct Entry {
    doc: Arc<Doc>,
    /// The variables not rebound, as JSON.
    variables: String,
    plan: Plan,
    /// The length of the last response written for the entry: the next one's buffer starts
    /// that large, instead of doubling its way up (a copy of the whole body each time).
    last_size: AtomicUsize,
}

/// A request's compiled read: the entry, and the plan for the request's own values when the
/// document has rebound variables.
pub(crate) struct Read {
    entry: Arc<Entry>,
    rebound: Option<Plan>,
}

impl Read {
    fn plan(&self) -> &Plan {
        self.rebound.as_ref().unwrap_or(&self.entry.plan)
    }

    /// The name of the operation the read runs, as the access log records it.
    pub(crate) fn operation_name(&self) -> Option<String> {
        self.plan().operation_name.clone()
    }

    /// The length of the last response written for the document.
    pub(crate) fn last_size(&self) -> usize {
        self.entry.last_size.load(Ordering::Relaxed)
    }
}

/// A plan waiting for the engine's verdict on its document.
pub(crate) struct Candidate {
    doc_hash: u64,
    hash: u64,
    entry: Entry,
}

/// The request's variables as the cache knows them: the values of those not `rebound`, as
/// JSON, then the shape of the rebound ones (which are given, which are null, which fields
/// their objects have, what their lists hold). The engine validated a document's rebound
/// values in one shape only: an unknown field of an input object, or a non-null variable
/// left out, is a shape of its own, and goes to the engine.
fn variables_of(req: &async_graphql::Request, rebound: &[Name]) -> String {
    let kept: std::collections::BTreeMap<&Name, &async_graphql::Value> = req
        .variables
        .iter()
        .filter(|(name, _)| !rebound.contains(name))
        .collect();
    let mut key = serde_json::to_string(&kept).unwrap_or_default();
    for (name, value) in req.variables.iter() {
        if rebound.contains(name) {
            key.push_str(name);
            key.push('=');
            shape(value, &mut key);
            key.push(';');
        }
    }
    key
}

/// The shape of a value (see [`variables_of`]).
fn shape(value: &async_graphql::Value, out: &mut String) {
    use async_graphql::Value;
    match value {
        Value::Null => out.push('n'),
        Value::List(items) => {
            let mut kinds: Vec<String> = items
                .iter()
                .map(|item| {
                    let mut kind = String::new();
                    shape(item, &mut kind);
                    kind
                })
                .collect();
            kinds.sort_unstable();
            kinds.dedup();
            out.push('[');
            out.push_str(&kinds.join(","));
            out.push(']');
        }
        Value::Object(fields) => {
            let mut names: Vec<&Name> = fields.keys().collect();
            names.sort_unstable();
            out.push('{');
            for name in names {
                out.push_str(name);
                out.push(':');
                shape(&fields[name], out);
                out.push(',');
            }
            out.push('}');
        }
        _ => out.push('v'),
    }
}

fn hash_of(query: &str, operation: Option<&str>, variables: Option<&str>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (query, operation, variables).hash(&mut h);
    h.finish()
}

/// The variables the operation declares whose type is not built on `Int`, `Float` or
/// `Boolean` (see [`Doc::rebound`]).
fn rebound_variables(doc: &ExecutableDocument, operation: Option<&str>) -> Vec<Name> {
    use async_graphql::parser::types::{BaseType, Type};
    fn numeric(ty: &Type) -> bool {
        match &ty.base {
            BaseType::Named(name) => matches!(name.as_str(), "Int" | "Float" | "Boolean"),
            BaseType::List(item) => numeric(item),
        }
    }
    plan::operation(doc, operation)
        .map(|(_, op)| {
            op.variable_definitions
                .iter()
                .filter(|d| !numeric(&d.node.var_type.node))
                .map(|d| d.node.name.node.clone())
                .collect()
        })
        .unwrap_or_default()
}

impl CompiledReads {
    /// The cache of a server; with `enabled` false every request goes to the engine.
    pub fn new(enabled: bool) -> Self {
        let entries = NonZeroUsize::new(CACHE_ENTRIES).expect("non-zero");
        Self {
            enabled,
            served: AtomicU64::new(0),
            large_running: AtomicUsize::new(0),
            large_peak: AtomicUsize::new(0),
            docs: Mutex::new(lru::LruCache::new(entries)),
            cache: Mutex::new(lru::LruCache::new(entries)),
        }
    }

    /// The compiled read for this request, if its document was compiled (and, when it has
    /// rebound variables, the request's values plan within the compiled subset).
    pub(crate) fn lookup(&self, req: &async_graphql::Request) -> Option<Read> {
        if !self.enabled {
            return None;
        }
        let operation = req.operation_name.as_deref();
        let doc = self
            .docs
            .lock()
            .ok()?
            .get(&hash_of(&req.query, operation, None))
            .cloned()?;
        if doc.query != req.query || doc.operation.as_deref() != operation {
            return None;
        }
        let variables = variables_of(req, &doc.rebound);
        let hash = hash_of(&req.query, operation, Some(&variables));
        let entry = self.cache.lock().ok()?.get(&hash).cloned()?;
        if entry.doc.query != req.query
            || entry.doc.operation.as_deref() != operation
            || entry.variables != variables
        {
            return None;
        }
        let rebound = if doc.rebound.is_empty() {
            None
        } else {
            Some(plan::plan(&doc.document, operation, &req.variables)?)
        };
        Some(Read { entry, rebound })
    }

    /// Plans a request the engine is about to run; `None` when it is outside the subset.
    pub(crate) fn candidate(&self, req: &mut async_graphql::Request) -> Option<Candidate> {
        if !self.enabled {
            return None;
        }
        let operation = req.operation_name.clone();
        let variables = req.variables.clone();
        let document = req.parsed_query().ok()?;
        let plan = plan::plan(document, operation.as_deref(), &variables)?;
        let rebound = rebound_variables(document, operation.as_deref());
        let doc = Arc::new(Doc {
            document: document.clone(),
            query: req.query.clone(),
            operation: operation.clone(),
            rebound,
        });
        let variables = variables_of(req, &doc.rebound);
        Some(Candidate {
            doc_hash: hash_of(&req.query, operation.as_deref(), None),
            hash: hash_of(&req.query, operation.as_deref(), Some(&variables)),
            entry: Entry {
                doc,
                variables,
                plan,
                last_size: AtomicUsize::new(MIN_BUFFER),
            },
        })
    }

    /// How many requests compiled reads have answered.
    pub fn served(&self) -> u64 {
        self.served.load(Ordering::Relaxed)
    }

    /// The most compiled reads of large responses that ran at once (they take turns with
    /// large requests).
    pub fn large_peak(&self) -> usize {
        self.large_peak.load(Ordering::Relaxed)
    }

    /// Marks a compiled read of a large response as running until the guard drops.
    pub(crate) fn large_running(&self) -> LargeRunning<'_> {
        let now = self.large_running.fetch_add(1, Ordering::Relaxed) + 1;
        self.large_peak.fetch_max(now, Ordering::Relaxed);
        LargeRunning(&self.large_running)
    }

    /// Counts one request answered by a compiled read.
    pub(crate) fn count_served(&self) {
        self.served.fetch_add(1, Ordering::Relaxed);
    }

    /// Keeps a candidate whose document the engine ran without errors.
    pub(crate) fn remember(&self, candidate: Candidate) {
        if let Ok(mut docs) = self.docs.lock() {
            docs.put(candidate.doc_hash, candidate.entry.doc.clone());
        }
        if let Ok(mut cache) = self.cache.lock() {
            cache.put(candidate.hash, Arc::new(candidate.entry));
        }
    }
}

/// A compiled read of a large response, running.
pub(crate) struct LargeRunning<'a>(&'a AtomicUsize);

impl Drop for LargeRunning<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// What one root field loaded.
enum RootRows {
    Typename,
    Centres(
        lists::Listing<centre::Model>,
        Vec<ConnectionRows<CentreRows>>,
    ),
    Regions(lists::Listing<entity::region::Model>),
    Centre(Box<(centre::Model, Vec<CentreRows>)>),
}

/// Why a compiled read gave no body.
pub(crate) enum Failed {
    /// The engine should run the request.
    Engine,
    /// The response the engine would give: the database failed.
    Response(Box<async_graphql::Response>),
}

/// Runs a compiled read as `db`'s caller and returns the response body; personal data
/// written is noted in `log`.
pub(crate) async fn run(
    read: &Read,
    db: &ScopedDb,
    log: &AccessCollector,
    max_page_size: u64,
) -> Result<Vec<u8>, Failed> {
    match body(read, db, log, max_page_size).await {
        Ok(body) => Ok(body),
        Err(Fallback { error: None }) => Err(Failed::Engine),
        Err(Fallback { error: Some(e) }) => {
            let mut err = e.into_server_error(async_graphql::Pos::default());
            if let Some((key, _)) = read.plan().roots.first() {
                err.path = vec![async_graphql::PathSegment::Field(key.to_string())];
            }
            Err(Failed::Response(Box::new(
                async_graphql::Response::from_errors(vec![err]),
            )))
        }
    }
}

async fn body(
    read: &Read,
    db: &ScopedDb,
    log: &AccessCollector,
    max_page_size: u64,
) -> Result<Vec<u8>, Fallback> {
    let roots = &read.plan().roots;
    let jobs: Vec<BoxFuture<'_, Fetched<RootRows>>> = roots
        .iter()
        .map(|(_, root)| -> BoxFuture<'_, Fetched<RootRows>> {
            match root {
                Root::Typename => Box::pin(async { Ok(RootRows::Typename) }),
                Root::Centres(args, conn) => Box::pin(async move {
                    use sea_orm::{IdenStatic, QuerySelect};
                    let cols = columns::centre_connection_columns(&conn.sel);
                    let seat = columns::seat_columns(&conn.sel);
                    let mut select = columns::select_columns::<centre::Column, _>(
                        lists::centres(db, &args.filter)?.select_only(),
                        columns::CENTRE_COLUMNS,
                        cols,
                    );
                    if let Some(seat) = seat {
                        select = columns::join_seat(db, select, seat);
                    }
                    let mut query = lists::page_query(
                        select,
                        args.sort,
                        &args.page,
                        max_page_size,
                        conn.wants_total,
                    )?;
                    if !conn.wants_cursors() {
                        query.without_cursors();
                    }
                    // The page's columns: the centre's, its seat's, and the count.
                    let width =
                        cols.count() + seat.map_or(0, |s| s.count()) + usize::from(query.counted());
                    // The sort column must be among the page's own columns.
                    let sort = query.sort_column().as_str();
                    cols.position(columns::CENTRE_COLUMNS, sort)
                        .ok_or(Fallback { error: None })?;
                    let read = joined::read(
                        db,
                        query.take_select(),
                        width,
                        Some((sort, query.ascending())),
                        &joined::Nested::of(columns::centre_selections(&conn.sel)),
                    )
                    .await?;
                    // The seats come with the page's rows and are kept aside as they are read.
                    let seats = Mutex::new(HashMap::new());
                    let decode = |row: &sea_orm::QueryResult| {
                        let c = columns::centre_at(row, 0, cols)?;
                        if let Some(seat) = seat
                            && Option::<i64>::cell(row, cols.count())?.is_some()
                        {
                            let m = columns::municipality_at(row, cols.count(), seat)?;
                            if let Ok(mut seats) = seats.lock() {
                                seats.insert(m.id, m);
                            }
                        }
                        Ok(c)
                    };
                    let l = query.read(db, read.parents, Some(&decode)).await?;
                    let seats = seats.into_inner().unwrap_or_else(|e| e.into_inner());
                    let rows: Vec<&centre::Model> = l.page.items.iter().map(|i| &i.1).collect();
                    let pre = fetch::Preloaded {
                        seats: seat.is_some().then_some(&seats),
                        projects: read.projects,
                        experts: read.experts,
                    };
                    let nested = fetch::centre_connection(db, &conn.sel, &rows, &pre).await?;
                    Ok(RootRows::Centres(l, nested))
                }),
                Root::Regions(args, conn) => Box::pin(async move {
                    let l = lists::regions(db, args, max_page_size, conn.wants_total).await?;
                    Ok(RootRows::Regions(l))
                }),
                Root::Centre(id, sel) => Box::pin(async move {
                    // The engine reports a record the caller may not read as not found.
                    let Some((c, pre)) = fetch::centre_by_id(db, sel, *id).await? else {
                        return Err(Fallback { error: None });
                    };
                    let nested = fetch::centres(db, sel, &[&c], &pre).await?;
                    Ok(RootRows::Centre(Box::new((c, nested))))
                }),
            }
        })
        .collect();
    let loaded = try_join_all(jobs).await?;
    let cx = emit::Cx {
        log,
        scope: db.scope(),
    };
    // Another caller's response to the same document may be somewhat longer.
    let last = read.last_size();
    let mut out = emit::Out::with_capacity(last + last / 8);
    out.raw("{\"data\":{");
    for (i, ((key, root), rows)) in roots.iter().zip(&loaded).enumerate() {
        if i > 0 {
            out.raw(",");
        }
        out.str(key);
        out.raw(":");
        match (root, rows) {
            (Root::Typename, _) => out.str("QueryRoot"),
            (Root::Centres(_, conn), RootRows::Centres(l, nested)) => emit::connection(
                &mut out,
                conn,
                "Centre",
                &l.page,
                l.total,
                nested,
                &|out, sel, m, n| emit::centre(out, sel, m, n, &cx),
            ),
            (Root::Regions(_, conn), RootRows::Regions(l)) => emit::connection::<_, _, ()>(
                &mut out,
                conn,
                "Region",
                &l.page,
                l.total,
                &[],
                &|out, sel, m, _| emit::region_obj(out, sel, m),
            ),
            (Root::Centre(_, sel), RootRows::Centre(found)) => {
                emit::centre(&mut out, sel, &found.0, &found.1, &cx)
            }
            _ => return Err(Fallback { error: None }),
        }
    }
    out.raw("}}");
    read.entry
        .last_size
        .store(out.buf.len().max(MIN_BUFFER), Ordering::Relaxed);
    Ok(out.buf)
}
