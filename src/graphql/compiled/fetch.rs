//! Loading the rows of a compiled read through the same scoped handle the engine's resolvers
//! use. The lists nested in centres (projects, experts and their persons) come with the
//! centres (`joined`: in one statement on PostgreSQL); the centres' municipalities and
//! regions come from one batched statement per field, sibling fields concurrently.

use super::columns::{CENTRE_COLUMNS, centre_at, centre_columns, select_columns};
use super::joined;
use super::plan::{CentreF, ConnectionF, EdgeF, ExpertF, Sel};
use crate::access::ScopedDb;
use crate::error::AppError;
use crate::graphql::loaders::RefBy;
use async_graphql::dataloader::Loader;
use entity::{centre, expert, municipality, person, project, region};
use futures_util::future::{BoxFuture, try_join_all};
use sea_orm::{ConnectionTrait, StatementBuilder};
use std::collections::HashMap;
use std::sync::Arc;

/// A compiled read that could not finish. Bad input (a cursor, a region code) goes to the
/// engine, which reports it with the offending field; a failure of the database comes with
/// the error the engine would report, so an outage is not waited out twice.
#[derive(Debug)]
pub(crate) struct Fallback {
    pub error: Option<async_graphql::Error>,
}

impl From<async_graphql::Error> for Fallback {
    fn from(e: async_graphql::Error) -> Self {
        Self { error: Some(e) }
    }
}

impl From<AppError> for Fallback {
    fn from(e: AppError) -> Self {
        if e.code() == crate::error::code::INTERNAL {
            Self {
                error: Some(e.into()),
            }
        } else {
            tracing::debug!(code = e.code(), "compiled read falls back to the engine");
            Self { error: None }
        }
    }
}

pub(crate) type Fetched<T> = Result<T, Fallback>;

/// Sorted, distinct keys.
pub(crate) fn keys(it: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut k: Vec<i64> = it.collect();
    k.sort_unstable();
    k.dedup();
    k
}

async fn load<L: Loader<i64, Error = async_graphql::Error>>(
    loader: L,
    keys: &[i64],
) -> Fetched<HashMap<i64, L::Value>> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(loader.load(keys).await?)
}

/// The rows of a narrowed select, to be decoded by position.
pub(crate) async fn rows_of<S: StatementBuilder>(
    db: &ScopedDb,
    select: &S,
) -> Fetched<Vec<sea_orm::QueryResult>> {
    let reads = db.reads();
    let statement = reads.get_database_backend().build(select);
    Ok(reads
        .query_all_raw(statement)
        .await
        .map_err(AppError::from)?)
}

/// What the nested fields of a connection loaded, aligned with its selection.
pub(crate) enum ConnectionRows<N> {
    Leaf,
    Nodes(Vec<N>),
    /// Per edge field: the nested rows of `node`, if that is the field.
    Edges(Vec<Option<Vec<N>>>),
}

/// Loads what the nested fields of a connection of centres need besides what came with the
/// centres (`pre`).
pub(crate) async fn centre_connection(
    db: &ScopedDb,
    sel: &Sel<ConnectionF<CentreF>>,
    rows: &[&centre::Model],
    pre: &Preloaded<'_>,
) -> Fetched<Vec<ConnectionRows<CentreRows>>> {
    let mut out = Vec::with_capacity(sel.fields.len());
    for (_, f) in &sel.fields {
        out.push(match f {
            ConnectionF::Nodes(s) => ConnectionRows::Nodes(centres(db, s, rows, pre).await?),
            ConnectionF::Edges(e) => {
                let mut per = Vec::with_capacity(e.fields.len());
                for (_, f) in &e.fields {
                    per.push(match f {
                        EdgeF::Node(s) => Some(centres(db, s, rows, pre).await?),
                        _ => None,
                    });
                }
                ConnectionRows::Edges(per)
            }
            _ => ConnectionRows::Leaf,
        });
    }
    Ok(out)
}

/// What one nested field of centres loaded.
pub(crate) enum CentreRows {
    Leaf,
    Municipalities(HashMap<i64, municipality::Model>),
    Regions(HashMap<i64, region::Model>),
    Projects(Arc<ProjectsOf>),
    /// The centres' experts, and what their nested fields loaded.
    Experts(Arc<ExpertsOf>, Vec<ExpertRows>),
}

/// Rows by their database id. The ids come from the database, never from a client, so the
/// hash needs no defence against chosen keys; the standard one (SipHash) took a twelfth of
/// the server's time for the benchmark's page of 160 centres with 1,300 experts.
pub(crate) type ById<V> = HashMap<i64, V, foldhash::fast::RandomState>;

/// The visible projects of some centres.
#[derive(Default)]
pub(crate) struct ProjectsOf {
    /// Each centre's projects' ids, ascending.
    pub by_centre: ById<Vec<i64>>,
    pub found: ById<project::Model>,
}

/// The visible experts of some centres, each centre's by id.
pub(crate) type ExpertsOf = ById<Vec<expert::Model>>;

/// Visible persons by id, shared by the `person` fields of one list of experts.
pub(crate) type Persons = Arc<ById<person::Model>>;

/// What came with the centres' own rows: their primary municipalities when the page's
/// statement joined them, and the nested lists when it read them (see `joined`).
#[derive(Default)]
pub(crate) struct Preloaded<'a> {
    pub seats: Option<&'a Seats>,
    pub projects: Option<Arc<ProjectsOf>>,
    pub experts: Option<(Arc<ExpertsOf>, Option<Persons>)>,
}

/// What one nested field of experts loaded.
pub(crate) enum ExpertRows {
    Leaf,
    Persons(Persons),
}

/// Municipalities by id.
pub(crate) type Seats = HashMap<i64, municipality::Model>;

/// Loads the nested fields of `sel` for `rows`, all fields at once: the nested lists and the
/// primary municipalities come from `pre` when the centres' statement brought them.
pub(crate) async fn centres(
    db: &ScopedDb,
    sel: &Sel<CentreF>,
    rows: &[&centre::Model],
    pre: &Preloaded<'_>,
) -> Fetched<Vec<CentreRows>> {
    let jobs: Vec<BoxFuture<'_, Fetched<CentreRows>>> = sel
        .fields
        .iter()
        .map(|(_, f)| -> BoxFuture<'_, Fetched<CentreRows>> {
            match f {
                CentreF::PrimaryMunicipality(_) => Box::pin(async move {
                    if let Some(seats) = pre.seats {
                        return Ok(CentreRows::Municipalities(seats.clone()));
                    }
                    let ids = keys(rows.iter().map(|c| c.primary_municipality_id));
                    let l =
                        RefBy::<municipality::Entity>::by(db, municipality::Column::Id, |m| m.id);
                    Ok(CentreRows::Municipalities(load(l, &ids).await?))
                }),
                CentreF::OwnerRegion(_) => Box::pin(async move {
                    let ids = keys(rows.iter().map(|c| c.owner_region_id));
                    let l = RefBy::<region::Entity>::by(db, region::Column::Id, |m| m.id);
                    Ok(CentreRows::Regions(load(l, &ids).await?))
                }),
                // The nested lists always come with the centres; without them the engine
                // answers.
                CentreF::Projects(_) => Box::pin(async move {
                    let found = pre.projects.clone().ok_or(Fallback { error: None })?;
                    Ok(CentreRows::Projects(found))
                }),
                CentreF::Experts(s) => Box::pin(async move {
                    let (found, persons) = pre.experts.clone().ok_or(Fallback { error: None })?;
                    let nested = s
                        .fields
                        .iter()
                        .map(|(_, f)| match (f, &persons) {
                            (ExpertF::Person(_), Some(p)) => ExpertRows::Persons(p.clone()),
                            _ => ExpertRows::Leaf,
                        })
                        .collect();
                    Ok(CentreRows::Experts(found, nested))
                }),
                _ => Box::pin(async { Ok(CentreRows::Leaf) }),
            }
        })
        .collect();
    try_join_all(jobs).await
}

/// One centre by id, through the scope, with the columns `sel` needs, and the lists nested
/// in it, read with it (see `joined`). Without nested lists it is a lookup by key, which
/// concurrent requests share on a read lane (see [`crate::db::Reads::rows_by_keys`]).
pub(crate) async fn centre_by_id(
    db: &ScopedDb,
    sel: &Sel<CentreF>,
    id: i64,
) -> Fetched<Option<(centre::Model, Preloaded<'static>)>> {
    use sea_orm::{ColumnTrait, QuerySelect, QueryTrait};
    let cols = centre_columns(sel);
    let mut select = select_columns::<centre::Column, _>(
        db.owned::<centre::Entity>().select_only(),
        CENTRE_COLUMNS,
        cols,
    )
    .into_query();
    let nested = joined::Nested::of([sel]);
    if !nested.any() {
        // The id is the select's first column.
        let rows = db
            .reads()
            .rows_by_keys(select, centre::Column::Id, &[id], 0)
            .await
            .map_err(AppError::from)?;
        return match rows.iter().next() {
            Some(row) => Ok(Some((
                centre_at(row, 0, cols).map_err(AppError::from)?,
                Preloaded::default(),
            ))),
            None => Ok(None),
        };
    }
    select.and_where(centre::Column::Id.eq(id));
    let read = joined::read(db, select, cols.count(), None, &nested).await?;
    match read.parents.first() {
        Some(row) => Ok(Some((
            centre_at(row, 0, cols).map_err(AppError::from)?,
            Preloaded {
                seats: None,
                projects: read.projects,
                experts: read.experts,
            },
        ))),
        None => Ok(None),
    }
}
