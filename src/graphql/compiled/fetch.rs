//! Loading the rows of a compiled read: one batched statement per nested field and level,
//! through the same scoped handle the engine's resolvers use, sibling fields concurrently.
//! Where the engine's loaders take two levels (projects through their link table, experts
//! and then their persons), one join does: the joined side keeps its own read condition.

use super::columns::{
    CENTRE_COLUMNS, EXPERT_COLUMNS, PERSON_COLUMNS, PROJECT_COLUMNS, centre_at, centre_columns,
    expert_at, expert_columns, person_at, project_at, project_columns, select_columns,
};
use super::plan::{CentreF, ConnectionF, EdgeF, ExpertF, ProjectF, Sel};
use crate::access::ScopedDb;
use crate::error::AppError;
use crate::graphql::loaders::{OwnedByColumn, RefBy, key_in};
use async_graphql::dataloader::Loader;
use entity::{centre, expert, municipality, person, project, region};
use futures_util::future::{BoxFuture, try_join_all};
use sea_orm::{
    ColumnTrait, ConnectionTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    RelationTrait,
};
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

/// The rows of a narrowed select, to be decoded by position.
async fn rows_of<S: QueryTrait>(db: &ScopedDb, select: S) -> Fetched<Vec<sea_orm::QueryResult>> {
    let reads = db.reads();
    let statement = select.build(reads.get_database_backend());
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

/// Loads what the nested fields of a connection of centres need.
/// `seats`: the centres' primary municipalities when the page's statement brought them.
pub(crate) async fn centre_connection(
    db: &ScopedDb,
    sel: &Sel<ConnectionF<CentreF>>,
    rows: &[&centre::Model],
    seats: Option<&Seats>,
) -> Fetched<Vec<ConnectionRows<CentreRows>>> {
    let mut out = Vec::with_capacity(sel.fields.len());
    for (_, f) in &sel.fields {
        out.push(match f {
            ConnectionF::Nodes(s) => ConnectionRows::Nodes(centres(db, s, rows, seats).await?),
            ConnectionF::Edges(e) => {
                let mut per = Vec::with_capacity(e.fields.len());
                for (_, f) in &e.fields {
                    per.push(match f {
                        EdgeF::Node(s) => Some(centres(db, s, rows, seats).await?),
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
    Persons(Persons),
}

/// Municipalities by id.
pub(crate) type Seats = HashMap<i64, municipality::Model>;

/// Loads the nested fields of `sel` for `rows`, all fields at once; the primary
/// municipalities are taken from `seats` when the rows came with them.
pub(crate) async fn centres(
    db: &ScopedDb,
    sel: &Sel<CentreF>,
    rows: &[&centre::Model],
    seats: Option<&Seats>,
) -> Fetched<Vec<CentreRows>> {
    let jobs: Vec<BoxFuture<'_, Fetched<CentreRows>>> = sel
        .fields
        .iter()
        .map(|(_, f)| -> BoxFuture<'_, Fetched<CentreRows>> {
            match f {
                CentreF::PrimaryMunicipality(_) => Box::pin(async move {
                    if let Some(seats) = seats {
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
                CentreF::Projects(s) => Box::pin(async move {
                    let (by_centre, found) = projects_of(db, s, rows).await?;
                    Ok(CentreRows::Projects(by_centre, found))
                }),
                CentreF::Experts(s) => Box::pin(async move {
                    let (by_centre, persons) = experts_of(db, s, rows).await?;
                    let nested = s
                        .fields
                        .iter()
                        .map(|(_, f)| match (f, &persons) {
                            (ExpertF::Person(_), Some(p)) => ExpertRows::Persons(p.clone()),
                            _ => ExpertRows::Leaf,
                        })
                        .collect();
                    Ok(CentreRows::Experts(by_centre, nested))
                }),
                _ => Box::pin(async { Ok(CentreRows::Leaf) }),
            }
        })
        .collect();
    try_join_all(jobs).await
}

/// The visible projects of `rows`, each centre's sorted by id: one statement joining the
/// link table to the projects the caller may see, reading the columns `sel` needs.
async fn projects_of(
    db: &ScopedDb,
    sel: &Sel<ProjectF>,
    rows: &[&centre::Model],
) -> Fetched<(HashMap<i64, Vec<i64>>, HashMap<i64, project::Model>)> {
    use entity::centre_project as link;
    let ids = keys(rows.iter().map(|c| c.id));
    let mut by_centre: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut found = HashMap::new();
    if ids.is_empty() {
        return Ok((by_centre, found));
    }
    let cols = project_columns(sel);
    let linked = db
        .owned::<project::Entity>()
        .join(JoinType::InnerJoin, link::Relation::Project.def().rev())
        .select_only()
        .column(link::Column::CentreId);
    let linked = select_columns::<project::Column, _>(linked, PROJECT_COLUMNS, cols)
        .filter(key_in(db, link::Column::CentreId, &ids));
    for row in rows_of(db, linked).await? {
        let row = &row;
        let centre: i64 = row.try_get_by_index(0).map_err(AppError::from)?;
        let p = project_at(row, 1, cols).map_err(AppError::from)?;
        by_centre.entry(centre).or_default().push(p.id);
        found.entry(p.id).or_insert(p);
    }
    for ids in by_centre.values_mut() {
        ids.sort_unstable();
    }
    Ok((by_centre, found))
}

/// Visible persons by id, shared by the `person` fields of one list of experts.
type Persons = Arc<HashMap<i64, person::Model>>;

/// The visible experts of `rows` grouped by centre (by id within each), and, when `sel`
/// asks for their persons, the visible ones among those: one statement either way, the
/// persons joined under their own read condition.
async fn experts_of(
    db: &ScopedDb,
    sel: &Sel<ExpertF>,
    rows: &[&centre::Model],
) -> Fetched<(HashMap<i64, Vec<expert::Model>>, Option<Persons>)> {
    let ids = keys(rows.iter().map(|c| c.id));
    let wants_person = sel
        .fields
        .iter()
        .any(|(_, f)| matches!(f, ExpertF::Person(_)));
    if !wants_person {
        let l = OwnedByColumn::<expert::Entity>::by(db, expert::Column::CentreId, |m| m.centre_id);
        return Ok((load(l, &ids).await?, None));
    }
    let mut by_centre: HashMap<i64, Vec<expert::Model>> = HashMap::new();
    let mut persons = HashMap::new();
    if !ids.is_empty() {
        let (expert_cols, person_cols) = expert_columns(sel);
        let joined = db
            .owned_also::<expert::Entity, person::Entity>(expert::Relation::Person.def())
            .select_only();
        let joined = select_columns::<expert::Column, _>(joined, EXPERT_COLUMNS, expert_cols);
        let joined = select_columns::<person::Column, _>(joined, PERSON_COLUMNS, person_cols)
            .filter(key_in(db, expert::Column::CentreId, &ids))
            .order_by_asc(expert::Column::Id);
        let rows = rows_of(db, joined).await?;
        let person_at_column = expert_cols.count();
        // Each row is dropped once decoded, so the raw rows and the models do not both stay
        // whole in memory.
        for row in rows {
            let row = &row;
            let e = expert_at(row, 0, expert_cols).map_err(AppError::from)?;
            // The person's id comes first among its columns; NULL when the join found none.
            let p = row
                .try_get_by_index::<Option<i64>>(person_at_column)
                .map_err(AppError::from)?;
            if p.is_some() {
                let p = person_at(row, person_at_column, person_cols).map_err(AppError::from)?;
                persons.insert(p.id, p);
            }
            if let Some(c) = e.centre_id {
                by_centre.entry(c).or_default().push(e);
            }
        }
    }
    Ok((by_centre, Some(Arc::new(persons))))
}

/// One centre by id, through the scope, with the columns `sel` needs.
pub(crate) async fn centre_by_id(
    db: &ScopedDb,
    sel: &Sel<CentreF>,
    id: i64,
) -> Fetched<Option<centre::Model>> {
    let cols = centre_columns(sel);
    let select = select_columns::<centre::Column, _>(
        db.owned::<centre::Entity>().select_only(),
        CENTRE_COLUMNS,
        cols,
    )
    .filter(centre::Column::Id.eq(id));
    match rows_of(db, select).await?.first() {
        Some(row) => Ok(Some(centre_at(row, 0, cols).map_err(AppError::from)?)),
        None => Ok(None),
    }
}
