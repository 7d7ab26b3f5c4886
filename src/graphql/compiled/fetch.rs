//! Loading the rows of a compiled read: one batched statement per nested field and level,
//! through the same scoped loaders the engine's resolvers use, sibling fields concurrently.

use super::plan::{CentreF, ConnectionF, EdgeF, ExpertF, Sel};
use crate::access::ScopedDb;
use crate::graphql::loaders::{OwnedByColumn, OwnedById, RefBy, RowsBy};
use async_graphql::dataloader::Loader;
use entity::{centre, expert, municipality, person, project, region};
use futures_util::future::{BoxFuture, try_join_all};
use std::collections::HashMap;

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

impl From<crate::error::AppError> for Fallback {
    fn from(e: crate::error::AppError) -> Self {
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
fn keys(it: impl Iterator<Item = i64>) -> Vec<i64> {
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

/// What the nested fields of a connection loaded, aligned with its selection.
pub(crate) enum ConnectionRows<N> {
    Leaf,
    Nodes(Vec<N>),
    /// Per edge field: the nested rows of `node`, if that is the field.
    Edges(Vec<Option<Vec<N>>>),
}

/// Loads what the nested fields of a connection of centres need.
pub(crate) async fn centre_connection(
    db: &ScopedDb,
    sel: &Sel<ConnectionF<CentreF>>,
    rows: &[&centre::Model],
) -> Fetched<Vec<ConnectionRows<CentreRows>>> {
    let mut out = Vec::with_capacity(sel.fields.len());
    for (_, f) in &sel.fields {
        out.push(match f {
            ConnectionF::Nodes(s) => ConnectionRows::Nodes(centres(db, s, rows).await?),
            ConnectionF::Edges(e) => {
                let mut per = Vec::with_capacity(e.fields.len());
                for (_, f) in &e.fields {
                    per.push(match f {
                        EdgeF::Node(s) => Some(centres(db, s, rows).await?),
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
    /// Each centre's visible projects by id, and the projects.
    Projects(HashMap<i64, Vec<i64>>, HashMap<i64, project::Model>),
    /// Each centre's visible experts by id, and what their nested fields loaded.
    Experts(HashMap<i64, Vec<expert::Model>>, Vec<ExpertRows>),
}

/// What one nested field of experts loaded.
pub(crate) enum ExpertRows {
    Leaf,
    Persons(HashMap<i64, person::Model>),
}

/// Loads the nested fields of `sel` for `rows`, all fields at once.
pub(crate) async fn centres(
    db: &ScopedDb,
    sel: &Sel<CentreF>,
    rows: &[&centre::Model],
) -> Fetched<Vec<CentreRows>> {
    let jobs: Vec<BoxFuture<'_, Fetched<CentreRows>>> = sel
        .fields
        .iter()
        .map(|(_, f)| -> BoxFuture<'_, Fetched<CentreRows>> {
            match f {
                CentreF::PrimaryMunicipality(_) => Box::pin(async move {
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
                CentreF::Projects(_) => Box::pin(async move {
                    let ids = keys(rows.iter().map(|c| c.id));
                    let links = RowsBy::<entity::centre_project::Entity>::by(
                        db,
                        entity::centre_project::Column::CentreId,
                        |m| m.centre_id,
                    );
                    let links = load(links, &ids).await?;
                    let project_ids = keys(links.values().flatten().map(|l| l.project_id));
                    let found = load(OwnedById::<project::Entity>::new(db), &project_ids).await?;
                    let by_centre = links
                        .into_iter()
                        .map(|(centre, links)| {
                            let mut ids: Vec<i64> = links
                                .iter()
                                .map(|l| l.project_id)
                                .filter(|id| found.contains_key(id))
                                .collect();
                            ids.sort_unstable();
                            (centre, ids)
                        })
                        .collect();
                    Ok(CentreRows::Projects(by_centre, found))
                }),
                CentreF::Experts(s) => Box::pin(async move {
                    let ids = keys(rows.iter().map(|c| c.id));
                    let l =
                        OwnedByColumn::<expert::Entity>::by(db, expert::Column::CentreId, |m| {
                            m.centre_id
                        });
                    let by_centre = load(l, &ids).await?;
                    let all: Vec<&expert::Model> = by_centre.values().flatten().collect();
                    let nested = experts(db, s, &all).await?;
                    Ok(CentreRows::Experts(by_centre, nested))
                }),
                _ => Box::pin(async { Ok(CentreRows::Leaf) }),
            }
        })
        .collect();
    try_join_all(jobs).await
}

/// Loads the nested fields of experts.
async fn experts(
    db: &ScopedDb,
    sel: &Sel<ExpertF>,
    rows: &[&expert::Model],
) -> Fetched<Vec<ExpertRows>> {
    let jobs = sel.fields.iter().map(|(_, f)| async move {
        Ok(match f {
            ExpertF::Person(_) => {
                let ids = keys(rows.iter().map(|e| e.person_id));
                ExpertRows::Persons(load(OwnedById::<person::Entity>::new(db), &ids).await?)
            }
            _ => ExpertRows::Leaf,
        })
    });
    try_join_all(jobs).await
}

/// One centre by id, through the scope.
pub(crate) async fn centre_by_id(db: &ScopedDb, id: i64) -> Fetched<Option<centre::Model>> {
    Ok(load(OwnedById::<centre::Entity>::new(db), &[id])
        .await?
        .remove(&id))
}
