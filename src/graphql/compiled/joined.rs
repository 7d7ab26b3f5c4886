//! One statement for centres and the lists nested in them.
//!
//! When the selection of a page of centres (or of one centre) asks for projects or experts,
//! the centres' own select becomes a common table expression and the nested rows are
//! appended to its rows with `UNION ALL`: the projects linked to those centres, and their
//! experts joined to their persons. Each kind of row fills its own span of columns (NULL in
//! the others) and names its kind in the last column. Nested rows keep their read
//! conditions from the scoped handle, exactly as when they are read on their own.
//!
//! PostgreSQL types the columns of a chain of unions pair by pair, and two NULLs make a
//! text column. So the nested branches are united first, each typing its own span against
//! the other's NULLs, and the first of them types the centres' span as well: it takes those
//! columns from the centres' table expression joined on FALSE (all NULL, of the centres'
//! types). That union is then appended to the centres.

use super::columns::{
    Columns, EXPERT_COLUMNS, PERSON_COLUMNS, PROJECT_COLUMNS, expert_at, expert_columns, person_at,
    project_at, project_columns, select_columns,
};
use super::fetch::{ExpertsOf, Fetched, Persons, ProjectsOf, rows_of};
use super::plan::{CentreF, ExpertF, Sel};
use crate::access::ScopedDb;
use crate::error::AppError;
use entity::{expert, person, project};
use sea_orm::sea_query::{
    Alias, Asterisk, CommonTableExpression, Expr, Query, SelectStatement, SimpleExpr, UnionType,
    WithClause, WithQuery,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, JoinType, Order, QueryResult, QuerySelect,
    QueryTrait, RelationTrait,
};
use std::collections::HashMap;
use std::sync::Arc;

/// The name of the centres' common table expression.
const PARENTS: &str = "cusnet_parents";

/// What the last column of a row says it is.
const CENTRE_ROW: i32 = 0;
const PROJECT_ROW: i32 = 1;
const EXPERT_ROW: i32 = 2;

/// The nested lists that some selections of centres ask for, with the columns each needs
/// (the union over every field that asks).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Nested {
    projects: Option<Columns>,
    /// The experts' columns, and their persons' when any field asks for the person.
    experts: Option<(Columns, Option<Columns>)>,
}

impl Nested {
    /// What `sels` ask for.
    pub(super) fn of<'a>(sels: impl IntoIterator<Item = &'a Sel<CentreF>>) -> Self {
        let mut n = Self::default();
        for sel in sels {
            for (_, f) in &sel.fields {
                match f {
                    CentreF::Projects(s) => {
                        let cols = project_columns(s);
                        n.projects = Some(n.projects.map_or(cols, |c| c.union(cols)));
                    }
                    CentreF::Experts(s) => {
                        let (e, p) = expert_columns(s);
                        let p = s
                            .fields
                            .iter()
                            .any(|(_, f)| matches!(f, ExpertF::Person(_)))
                            .then_some(p);
                        n.experts = Some(match n.experts {
                            None => (e, p),
                            Some((e0, p0)) => (
                                e0.union(e),
                                match (p0, p) {
                                    (Some(a), Some(b)) => Some(a.union(b)),
                                    (a, b) => a.or(b),
                                },
                            ),
                        });
                    }
                    _ => {}
                }
            }
        }
        n
    }

    /// Whether any nested list is asked for.
    pub(super) fn any(&self) -> bool {
        self.projects.is_some() || self.experts.is_some()
    }
}

/// Where each kind of row has its columns.
#[derive(Debug)]
pub(super) struct Layout {
    parents: usize,
    /// The centre's id and the project's columns; 0 when no projects are read.
    projects: usize,
    experts: usize,
    persons: usize,
}

impl Layout {
    /// The 1-based position of the column naming the row's kind (the last one).
    fn kind_position(&self) -> usize {
        self.parents + self.projects + self.experts + self.persons + 1
    }
}

fn pad<S: QuerySelect>(mut select: S, n: usize) -> S {
    for _ in 0..n {
        select = select.expr(Expr::cust("NULL"));
    }
    select
}

/// Adds the centres' span to a nested branch: NULLs, typed as the centres' columns when
/// `typed` (see the module's notes).
fn parents_span<S: QuerySelect + QueryTrait<QueryStatement = SelectStatement>>(
    mut select: S,
    width: usize,
    typed: bool,
) -> S {
    if !typed {
        return pad(select, width);
    }
    QueryTrait::query(&mut select)
        .join(JoinType::LeftJoin, Alias::new(PARENTS), Expr::cust("FALSE"))
        .column((Alias::new(PARENTS), Asterisk));
    select
}

/// `column` names one of the centres. PostgreSQL gets their ids as an array, so the nested
/// rows are found through the index of `column`, centre by centre (it would otherwise join
/// a few centres to a whole link table by hashing).
fn of_parents<C: ColumnTrait>(column: C, postgres: bool) -> SimpleExpr {
    if postgres {
        Expr::cust(format!(
            "\"{}\".\"{}\" = ANY(ARRAY(SELECT \"id\" FROM \"{PARENTS}\"))",
            column.entity_name(),
            column.as_str()
        ))
    } else {
        column.in_subquery(
            Query::select()
                .column(Alias::new("id"))
                .from(Alias::new(PARENTS))
                .to_owned(),
        )
    }
}

/// The statement reading `parents` (a select of centres whose first column is the id and
/// which has `width` columns) with the lists `nested` asks for. With `order` (the 1-based
/// position of the sort column, and whether ascending) the centres come in that order, ties
/// broken by id, as `parents` sorts them; the nested rows come after them, in no order.
fn statement(
    db: &ScopedDb,
    parents: SelectStatement,
    width: usize,
    order: Option<(usize, bool)>,
    nested: &Nested,
) -> (WithQuery, Layout) {
    let layout = Layout {
        parents: width,
        projects: nested.projects.map_or(0, |c| 1 + c.count()),
        experts: nested.experts.map_or(0, |(e, _)| e.count()),
        persons: nested.experts.and_then(|(_, p)| p).map_or(0, |p| p.count()),
    };
    // Only PostgreSQL needs the first nested branch to type the centres' span.
    let postgres = db.reads().get_database_backend() == DbBackend::Postgres;
    let mut typed = postgres;
    let mut branches = Vec::new();
    if let Some(cols) = nested.projects {
        use entity::centre_project as link;
        let linked = db
            .owned::<project::Entity>()
            .join(JoinType::InnerJoin, link::Relation::Project.def().rev())
            .select_only();
        let linked = parents_span(linked, layout.parents, std::mem::take(&mut typed))
            .column(link::Column::CentreId);
        let linked = select_columns::<project::Column, _>(linked, PROJECT_COLUMNS, cols);
        let mut linked = pad(linked, layout.experts + layout.persons).into_query();
        linked
            .expr(Expr::cust(PROJECT_ROW.to_string()))
            .and_where(of_parents(link::Column::CentreId, postgres));
        branches.push(linked);
    }
    if let Some((expert_cols, person_cols)) = nested.experts {
        let mut experts = match person_cols {
            Some(person_cols) => {
                let joined = db
                    .owned_also::<expert::Entity, person::Entity>(expert::Relation::Person.def())
                    .select_only();
                let joined = parents_span(joined, layout.parents, std::mem::take(&mut typed));
                let joined = select_columns::<expert::Column, _>(
                    pad(joined, layout.projects),
                    EXPERT_COLUMNS,
                    expert_cols,
                );
                select_columns::<person::Column, _>(joined, PERSON_COLUMNS, person_cols)
                    .into_query()
            }
            None => select_columns::<expert::Column, _>(
                pad(
                    parents_span(
                        db.owned::<expert::Entity>().select_only(),
                        layout.parents,
                        std::mem::take(&mut typed),
                    ),
                    layout.projects,
                ),
                EXPERT_COLUMNS,
                expert_cols,
            )
            .into_query(),
        };
        experts
            .expr(Expr::cust(EXPERT_ROW.to_string()))
            .and_where(of_parents(expert::Column::CentreId, postgres));
        branches.push(experts);
    }
    let mut centres = Query::select()
        .column((Alias::new(PARENTS), Asterisk))
        .from(Alias::new(PARENTS))
        .to_owned();
    for _ in 0..layout.projects + layout.experts + layout.persons {
        centres.expr(Expr::cust("NULL"));
    }
    centres.expr(Expr::cust(CENTRE_ROW.to_string()));
    let mut branches = branches.into_iter();
    if let Some(mut nested_rows) = branches.next() {
        for more in branches {
            nested_rows.union(UnionType::All, more);
        }
        centres.union(UnionType::All, nested_rows);
    }
    centres.order_by_expr(Expr::cust(layout.kind_position().to_string()), Order::Asc);
    if let Some((at, ascending)) = order {
        let dir = if ascending { Order::Asc } else { Order::Desc };
        centres
            .order_by_expr(Expr::cust(at.to_string()), dir.clone())
            .order_by_expr(Expr::cust("1"), dir);
    }
    let cte = CommonTableExpression::new()
        .query(parents)
        .table_name(Alias::new(PARENTS))
        .to_owned();
    (centres.with(WithClause::new().cte(cte).to_owned()), layout)
}

/// The rows of [`statement`], taken apart.
pub(super) struct Split {
    /// The centres' rows, in order; their columns come first.
    pub parents: Vec<QueryResult>,
    pub projects: Option<Arc<ProjectsOf>>,
    pub experts: Option<(Arc<ExpertsOf>, Option<Persons>)>,
}

/// Reads `parents` (see [`statement`]) and, in the same statement, the lists `nested` asks
/// for; just `parents` when it asks for none.
pub(super) async fn read(
    db: &ScopedDb,
    parents: SelectStatement,
    width: usize,
    order: Option<(usize, bool)>,
    nested: &Nested,
) -> Fetched<Split> {
    if !nested.any() {
        return Ok(Split {
            parents: rows_of(db, &parents).await?,
            projects: None,
            experts: None,
        });
    }
    let (statement, layout) = statement(db, parents, width, order, nested);
    let rows = rows_of(db, &statement).await?;
    Ok(split(rows, &layout, nested).map_err(AppError::from)?)
}

/// Takes the rows of [`statement`] apart: the centres' rows as they are, the nested ones
/// decoded and grouped by centre (each centre's projects and experts by id).
fn split(rows: Vec<QueryResult>, layout: &Layout, nested: &Nested) -> Result<Split, DbErr> {
    let kind_at = layout.kind_position() - 1;
    let mut parents = Vec::new();
    let mut projects = nested.projects.map(|_| ProjectsOf::default());
    let mut experts: Option<ExpertsOf> = nested.experts.map(|_| HashMap::new());
    let mut persons = nested.experts.and_then(|(_, p)| p).map(|_| HashMap::new());
    for row in rows {
        let kind: i32 = row.try_get_by_index(kind_at)?;
        match (kind, &mut projects, &mut experts) {
            (CENTRE_ROW, _, _) => parents.push(row),
            (PROJECT_ROW, Some(found), _) => {
                let cols = nested.projects.unwrap_or_default();
                let centre: i64 = row.try_get_by_index(layout.parents)?;
                let p = project_at(&row, layout.parents + 1, cols)?;
                found.by_centre.entry(centre).or_default().push(p.id);
                found.found.entry(p.id).or_insert(p);
            }
            (EXPERT_ROW, _, Some(found)) => {
                let (expert_cols, person_cols) = nested.experts.unwrap_or_default();
                let at = layout.parents + layout.projects;
                let e = expert_at(&row, at, expert_cols)?;
                if let (Some(persons), Some(cols)) = (&mut persons, person_cols) {
                    // The person's id comes first among its columns; NULL when the caller
                    // may not see the person.
                    let at = at + layout.experts;
                    if row.try_get_by_index::<Option<i64>>(at)?.is_some() {
                        let p = person_at(&row, at, cols)?;
                        persons.insert(p.id, p);
                    }
                }
                if let Some(c) = e.centre_id {
                    found.entry(c).or_default().push(e);
                }
            }
            _ => {
                return Err(DbErr::Custom(format!(
                    "unexpected row kind {kind} in a joined read"
                )));
            }
        }
    }
    if let Some(found) = &mut projects {
        for ids in found.by_centre.values_mut() {
            ids.sort_unstable();
        }
    }
    if let Some(found) = &mut experts {
        for list in found.values_mut() {
            list.sort_unstable_by_key(|e| e.id);
        }
    }
    Ok(Split {
        parents,
        projects: projects.map(Arc::new),
        experts: experts.map(|e| (Arc::new(e), persons.map(Arc::new))),
    })
}
