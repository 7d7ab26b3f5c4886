//! Centres and the lists nested in them, read together.
//!
//! When the selection of a page of centres (or of one centre) asks for projects or experts,
//! the centres' own select becomes a common table expression and the nested rows are
//! appended to its rows with `UNION ALL`: the projects linked to those centres, and their
//! experts joined to their persons. Each kind of row fills its own span of columns (NULL in
//! the others) and names its kind in the last column (a centre's row, its position in the
//! page: the statement itself sorts nothing). Nested rows keep their read
//! conditions from the scoped handle, exactly as when they are read on their own.
//!
//! That is on PostgreSQL, where each statement costs a round trip. SQLite runs inside the
//! server with no round trip to save, and each of its connections works on a thread of its
//! own: there the nested lists are read by statements of their own, side by side, after the
//! centres (measured: 1,861 against 1,040 req/s for one region's nested page).
//!
//! PostgreSQL types the columns of a chain of unions pair by pair, and two NULLs make a
//! text column. So the nested branches are united first, each typing its own span against
//! the other's NULLs, and the first of them types the centres' span as well: it takes those
//! columns from the centres' table expression joined on FALSE (all NULL, of the centres'
//! types). That union is then appended to the centres.

use super::cells::Cell;
use super::columns::{
    Columns, EXPERT_COLUMNS, PERSON_COLUMNS, PROJECT_COLUMNS, expert_at, expert_columns, person_at,
    project_at, project_columns, select_columns,
};
use super::fetch::{ById, ExpertsOf, Fallback, Fetched, Persons, ProjectsOf, keys, rows_of};
use super::plan::{CentreF, ExpertF, Sel};
use crate::access::ScopedDb;
use crate::error::AppError;
use crate::graphql::loaders::key_in;
use entity::{expert, person, project};
use sea_orm::sea_query::{
    Alias, Asterisk, CommonTableExpression, Expr, Query, SelectStatement, SimpleExpr, UnionType,
    WithClause, WithQuery,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, JoinType, QueryResult, QuerySelect, QueryTrait,
    RelationTrait,
};
use std::sync::Arc;

/// The name of the centres' common table expression.
const PARENTS: &str = "cusnet_parents";

/// What the last column of a row says it is: a centre's row carries its position in the
/// page (1, 2, …; 0 for a single centre), the nested rows these markers.
const PROJECT_ROW: i64 = -1;
const EXPERT_ROW: i64 = -2;

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

/// Adds `n` NULL columns.
fn nulls(select: &mut SelectStatement, n: usize) {
    for _ in 0..n {
        select.expr(Expr::cust("NULL"));
    }
}

fn pad<S: QueryTrait<QueryStatement = SelectStatement>>(mut select: S, n: usize) -> S {
    nulls(QueryTrait::query(&mut select), n);
    select
}

/// What a nested branch has in front of its own columns: the centres' span (NULLs, typed as
/// the centres' columns when `typed`; see the module's notes), then `nulls` more NULLs.
#[derive(Clone, Copy, Default)]
struct Front {
    parents: usize,
    typed: bool,
    nulls: usize,
}

fn front<S: QuerySelect + QueryTrait<QueryStatement = SelectStatement>>(
    mut select: S,
    f: Front,
) -> S {
    if f.typed {
        QueryTrait::query(&mut select)
            .join(JoinType::LeftJoin, Alias::new(PARENTS), Expr::cust("FALSE"))
            .column((Alias::new(PARENTS), Asterisk));
        pad(select, f.nulls)
    } else {
        pad(select, f.parents + f.nulls)
    }
}

/// `column` names one of the centres. PostgreSQL gets their ids as an array, so the nested
/// rows are found through the index of `column`, centre by centre (it would otherwise join
/// a few centres to a whole link table by hashing).
fn of_parents<C: ColumnTrait>(column: C) -> SimpleExpr {
    Expr::cust(format!(
        "\"{}\".\"{}\" = ANY(ARRAY(SELECT \"id\" FROM \"{PARENTS}\"))",
        column.entity_name(),
        column.as_str()
    ))
}

/// The visible projects linked to centres, each row led by the centre's id.
fn project_select(db: &ScopedDb, f: Front, cols: Columns) -> SelectStatement {
    use entity::centre_project as link;
    let linked = db
        .owned::<project::Entity>()
        .join(JoinType::InnerJoin, link::Relation::Project.def().rev())
        .select_only();
    let linked = front(linked, f).column(link::Column::CentreId);
    select_columns::<project::Column, _>(linked, PROJECT_COLUMNS, cols).into_query()
}

/// The visible experts and, with `person_cols`, their visible persons (NULL when hidden).
fn expert_select(
    db: &ScopedDb,
    f: Front,
    expert_cols: Columns,
    person_cols: Option<Columns>,
) -> SelectStatement {
    match person_cols {
        Some(person_cols) => {
            let joined = db
                .owned_also::<expert::Entity, person::Entity>(expert::Relation::Person.def())
                .select_only();
            let joined =
                select_columns::<expert::Column, _>(front(joined, f), EXPERT_COLUMNS, expert_cols);
            select_columns::<person::Column, _>(joined, PERSON_COLUMNS, person_cols).into_query()
        }
        None => select_columns::<expert::Column, _>(
            front(db.owned::<expert::Entity>().select_only(), f),
            EXPERT_COLUMNS,
            expert_cols,
        )
        .into_query(),
    }
}

/// PostgreSQL's statement reading `parents` (a select of centres whose first column is the
/// id and which has `width` columns) with the lists `nested` asks for, in no order. With
/// `order` (the name of the sort column, and whether ascending) each centre's row carries
/// its position in that order, ties broken by id, as `parents` sorts them: numbering the
/// few centres costs the database far less than sorting all the rows, nested ones included,
/// and [`Splitter::finish`] puts the centres in order.
fn statement(
    db: &ScopedDb,
    parents: SelectStatement,
    width: usize,
    order: Option<(&str, bool)>,
    nested: &Nested,
) -> (WithQuery, Layout) {
    let layout = Layout {
        parents: width,
        projects: nested.projects.map_or(0, |c| 1 + c.count()),
        experts: nested.experts.map_or(0, |(e, _)| e.count()),
        persons: nested.experts.and_then(|(_, p)| p).map_or(0, |p| p.count()),
    };
    // The first nested branch types the centres' span.
    let mut typed = true;
    let mut branches = Vec::new();
    if let Some(cols) = nested.projects {
        let f = Front {
            parents: layout.parents,
            typed: std::mem::take(&mut typed),
            nulls: 0,
        };
        let mut linked = project_select(db, f, cols);
        nulls(&mut linked, layout.experts + layout.persons);
        linked
            .expr(Expr::cust(PROJECT_ROW.to_string()))
            .and_where(of_parents(entity::centre_project::Column::CentreId));
        branches.push(linked);
    }
    if let Some((expert_cols, person_cols)) = nested.experts {
        let f = Front {
            parents: layout.parents,
            typed: std::mem::take(&mut typed),
            nulls: layout.projects,
        };
        let mut experts = expert_select(db, f, expert_cols, person_cols);
        experts
            .expr(Expr::cust(EXPERT_ROW.to_string()))
            .and_where(of_parents(expert::Column::CentreId));
        branches.push(experts);
    }
    // Built in place: the builders' `to_owned` would copy the whole statement.
    let mut centres = Query::select();
    centres
        .column((Alias::new(PARENTS), Asterisk))
        .from(Alias::new(PARENTS));
    nulls(
        &mut centres,
        layout.projects + layout.experts + layout.persons,
    );
    centres.expr(Expr::cust(match order {
        // The column names are the schema's own identifiers, never input.
        Some((column, ascending)) => {
            let dir = if ascending { "ASC" } else { "DESC" };
            format!(
                "ROW_NUMBER() OVER (ORDER BY \"{PARENTS}\".\"{column}\" {dir}, \"{PARENTS}\".\"id\" {dir})"
            )
        }
        None => "CAST(0 AS bigint)".to_owned(),
    }));
    let mut branches = branches.into_iter();
    if let Some(mut nested_rows) = branches.next() {
        for more in branches {
            nested_rows.union(UnionType::All, more);
        }
        centres.union(UnionType::All, nested_rows);
    }
    let mut cte = CommonTableExpression::new();
    cte.query(parents).table_name(Alias::new(PARENTS));
    let mut with = WithClause::new();
    with.cte(cte);
    // `SelectStatement::with` would copy the clause and the statement once more.
    let mut statement = WithQuery::new();
    statement.with_clause(with).query(centres);
    (statement, layout)
}

/// The rows of [`statement`], taken apart.
pub(super) struct Split {
    /// The centres' rows, in order; their columns come first.
    pub parents: Vec<QueryResult>,
    pub projects: Option<Arc<ProjectsOf>>,
    pub experts: Option<(Arc<ExpertsOf>, Option<Persons>)>,
}

/// Reads `parents` (see [`statement`]) and the lists `nested` asks for: in the same
/// statement on PostgreSQL, by statements of their own on SQLite; just `parents` when it
/// asks for none.
pub(super) async fn read(
    db: &ScopedDb,
    parents: SelectStatement,
    width: usize,
    order: Option<(&str, bool)>,
    nested: &Nested,
) -> Fetched<Split> {
    if !nested.any() {
        return Ok(Split {
            parents: rows_of(db, &parents).await?,
            projects: None,
            experts: None,
        });
    }
    if db.reads().get_database_backend() != DbBackend::Postgres {
        return read_apart(db, parents, nested).await;
    }
    let (statement, layout) = statement(db, parents, width, order, nested);
    let statement = DbBackend::Postgres.build(&statement);
    // The rows are taken apart as they arrive, while the database sends the rest.
    let mut split = Splitter::new(&layout, nested);
    db.reads()
        .query_each(statement, |row| split.add(row))
        .await
        .map_err(AppError::from)?;
    Ok(split.finish())
}

/// SQLite: the centres, then their nested lists by statements of their own, side by side.
async fn read_apart(db: &ScopedDb, parents: SelectStatement, nested: &Nested) -> Fetched<Split> {
    let parents = rows_of(db, &parents).await?;
    let ids = parents
        .iter()
        .map(|row| row.try_get_by_index::<i64>(0))
        .collect::<Result<Vec<_>, _>>()
        .map_err(AppError::from)?;
    let ids = keys(ids.into_iter());
    let projects = async {
        let Some(cols) = nested.projects else {
            return Ok(None);
        };
        if ids.is_empty() {
            return Ok(Some(ProjectsOf::default()));
        }
        let mut linked = project_select(db, Front::default(), cols);
        linked.and_where(key_in(db, entity::centre_project::Column::CentreId, &ids));
        let mut found = ProjectsOf::default();
        for row in rows_of(db, &linked).await? {
            add_project(&mut found, &row, 0, cols).map_err(AppError::from)?;
        }
        Ok::<_, Fallback>(Some(found))
    };
    let experts = async {
        let Some((expert_cols, person_cols)) = nested.experts else {
            return Ok(None);
        };
        if ids.is_empty() {
            return Ok(Some((
                ExpertsOf::default(),
                person_cols.map(|_| ById::default()),
            )));
        }
        let mut select = expert_select(db, Front::default(), expert_cols, person_cols);
        select.and_where(key_in(db, expert::Column::CentreId, &ids));
        let mut found = ExpertsOf::default();
        let mut persons = person_cols.map(|_| ById::default());
        for row in rows_of(db, &select).await? {
            add_expert(
                &mut found,
                persons.as_mut(),
                &row,
                0,
                expert_cols,
                person_cols,
            )
            .map_err(AppError::from)?;
        }
        Ok::<_, Fallback>(Some((found, persons)))
    };
    let (projects, experts) = futures_util::future::try_join(projects, experts).await?;
    Ok(finish(parents, projects, experts))
}

/// Adds the link and the project whose columns start at `at` (the centre's id first).
fn add_project(
    found: &mut ProjectsOf,
    row: &QueryResult,
    at: usize,
    cols: Columns,
) -> Result<(), DbErr> {
    let centre = i64::cell(row, at)?;
    let p = project_at(row, at + 1, cols)?;
    found.by_centre.entry(centre).or_default().push(p.id);
    found.found.entry(p.id).or_insert(p);
    Ok(())
}

/// Adds the expert whose columns start at `at`, and its person when `persons` are read.
fn add_expert(
    found: &mut ExpertsOf,
    persons: Option<&mut ById<person::Model>>,
    row: &QueryResult,
    at: usize,
    expert_cols: Columns,
    person_cols: Option<Columns>,
) -> Result<(), DbErr> {
    let e = expert_at(row, at, expert_cols)?;
    if let (Some(persons), Some(cols)) = (persons, person_cols) {
        // The person's id comes first among its columns; NULL when the caller may not see
        // the person.
        let at = at + expert_cols.count();
        if Option::<i64>::cell(row, at)?.is_some() {
            let p = person_at(row, at, cols)?;
            persons.insert(p.id, p);
        }
    }
    if let Some(c) = e.centre_id {
        found.entry(c).or_default().push(e);
    }
    Ok(())
}

/// Orders each centre's projects and experts by id.
fn finish(
    parents: Vec<QueryResult>,
    mut projects: Option<ProjectsOf>,
    experts: Option<(ExpertsOf, Option<ById<person::Model>>)>,
) -> Split {
    if let Some(found) = &mut projects {
        for ids in found.by_centre.values_mut() {
            ids.sort_unstable();
        }
    }
    Split {
        parents,
        projects: projects.map(Arc::new),
        experts: experts.map(|(mut found, persons)| {
            for list in found.values_mut() {
                list.sort_unstable_by_key(|e| e.id);
            }
            (Arc::new(found), persons.map(Arc::new))
        }),
    }
}

/// Takes the rows of [`statement`] apart, one at a time: the centres' rows in their order,
/// the nested ones decoded and grouped by centre (each centre's projects and experts by id).
struct Splitter<'a> {
    layout: &'a Layout,
    nested: &'a Nested,
    kind_at: usize,
    parents: Vec<(i64, QueryResult)>,
    projects: Option<ProjectsOf>,
    experts: Option<ExpertsOf>,
    persons: Option<ById<person::Model>>,
}

impl<'a> Splitter<'a> {
    fn new(layout: &'a Layout, nested: &'a Nested) -> Self {
        Self {
            layout,
            nested,
            kind_at: layout.kind_position() - 1,
            parents: Vec::new(),
            projects: nested.projects.map(|_| ProjectsOf::default()),
            experts: nested.experts.map(|_| ExpertsOf::default()),
            persons: nested.experts.and_then(|(_, p)| p).map(|_| ById::default()),
        }
    }

    fn add(&mut self, row: QueryResult) -> Result<(), DbErr> {
        let kind = i64::cell(&row, self.kind_at)?;
        match (kind, &mut self.projects, &mut self.experts) {
            (position, _, _) if position >= 0 => self.parents.push((position, row)),
            (PROJECT_ROW, Some(found), _) => add_project(
                found,
                &row,
                self.layout.parents,
                self.nested.projects.unwrap_or_default(),
            )?,
            (EXPERT_ROW, _, Some(found)) => {
                let (expert_cols, person_cols) = self.nested.experts.unwrap_or_default();
                add_expert(
                    found,
                    self.persons.as_mut(),
                    &row,
                    self.layout.parents + self.layout.projects,
                    expert_cols,
                    person_cols,
                )?
            }
            _ => {
                return Err(DbErr::Custom(format!(
                    "unexpected row kind {kind} in a joined read"
                )));
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Split {
        self.parents.sort_by_key(|(position, _)| *position);
        let parents = self.parents.into_iter().map(|(_, row)| row).collect();
        let persons = self.persons;
        finish(parents, self.projects, self.experts.map(|e| (e, persons)))
    }
}
