//! The plan of a compiled read: the selection of a query document resolved against the
//! subset of the schema the compiled path serves, with arguments and directives evaluated.
//!
//! Planning succeeds only for documents made entirely of fields it knows; anything else
//! (another root field, an argument it does not know, a directive other than `@skip` and
//! `@include`, a response key that repeats with a sub-selection) yields `None` and the
//! request stays with the engine.

use crate::graphql::ids::{Kind, decode};
use crate::graphql::inputs::{CentreFilter, RecordSort};
use crate::service::page::PageArgs;
use async_graphql::parser::types::{
    ExecutableDocument, Field, OperationDefinition, OperationType, Selection, SelectionSet,
};
use async_graphql::{ID, InputType, Name, Positioned, Value, Variables};
use std::collections::HashMap;
use std::sync::Arc;

/// A response key (the alias, or the field name).
pub(crate) type Key = Arc<str>;

/// The fields selected on one object, in response order.
pub(crate) struct Sel<F> {
    pub fields: Vec<(Key, F)>,
}

/// A planned query: its root fields in response order.
pub(crate) struct Plan {
    pub roots: Vec<(Key, Root)>,
    /// The name of the operation run (for the access log); `None` for an anonymous one.
    pub operation_name: Option<String>,
}

/// A root field of the compiled subset.
pub(crate) enum Root {
    Typename,
    Centres(Box<CentreArgs>, Connection<CentreF>),
    Regions(PageArgs, Connection<RegionF>),
    /// `node(id:)` with the id of a centre.
    Centre(i64, Sel<CentreF>),
}

/// The arguments of `centres`.
pub(crate) struct CentreArgs {
    pub filter: CentreFilter,
    pub sort: RecordSort,
    pub page: PageArgs,
}

/// The selection on a Relay connection.
pub(crate) struct Connection<F> {
    pub sel: Sel<ConnectionF<F>>,
    /// True when `totalCount` is asked for (it costs a count).
    pub wants_total: bool,
}

impl<F> Connection<F> {
    /// Whether any field reads a cursor (an edge's, or the page's first or last).
    pub(super) fn wants_cursors(&self) -> bool {
        self.sel.fields.iter().any(|(_, f)| match f {
            ConnectionF::Edges(e) => e.fields.iter().any(|(_, f)| matches!(f, EdgeF::Cursor)),
            ConnectionF::PageInfo(p) => p
                .fields
                .iter()
                .any(|(_, f)| matches!(f, PageInfoF::StartCursor | PageInfoF::EndCursor)),
            _ => false,
        })
    }
}

pub(crate) enum ConnectionF<F> {
    Typename,
    TotalCount,
    Nodes(Sel<F>),
    Edges(Sel<EdgeF<F>>),
    PageInfo(Sel<PageInfoF>),
}

pub(crate) enum EdgeF<F> {
    Typename,
    Cursor,
    Node(Sel<F>),
}

pub(crate) enum PageInfoF {
    Typename,
    HasNextPage,
    HasPreviousPage,
    StartCursor,
    EndCursor,
}

pub(crate) enum CentreF {
    Typename,
    Id,
    Name,
    Status,
    CreationMode,
    OperatingSince,
    PredecessorName,
    Address,
    Website,
    Description,
    Visibility,
    Version,
    CreatedAt,
    UpdatedAt,
    PrimaryMunicipality(Sel<MunicipalityF>),
    OwnerRegion(Sel<RegionF>),
    Projects(Sel<ProjectF>),
    Experts(Sel<ExpertF>),
}

pub(crate) enum MunicipalityF {
    Typename,
    Id,
    TerytCode,
    TerytValidFrom,
    TerytValidTo,
    Name,
    Kind,
}

pub(crate) enum RegionF {
    Typename,
    Id,
    TerytCode,
    IsoCode,
    Name,
    NameEn,
    IsNetworkMember,
}

pub(crate) enum ProjectF {
    Typename,
    Id,
    Title,
    ShortTitle,
    Status,
    SelectionMode,
    StartDate,
    EndDate,
    Website,
    Description,
    Visibility,
    Version,
    CreatedAt,
    UpdatedAt,
}

pub(crate) enum ExpertF {
    Typename,
    Id,
    Summary,
    Specialisations,
    Visibility,
    Version,
    UpdatedAt,
    Person(Sel<PersonF>),
}

pub(crate) enum PersonF {
    Typename,
    Id,
    GivenName,
    FamilyName,
    Honorific,
    DisplayName,
    Email,
    Phone,
    Visibility,
    Version,
    UpdatedAt,
}

/// Plans the operation `operation_name` of `doc` with `variables`; `None` when any part of
/// it is outside the compiled subset.
pub(crate) fn plan(
    doc: &ExecutableDocument,
    operation_name: Option<&str>,
    variables: &Variables,
) -> Option<Plan> {
    let (name, op) = operation(doc, operation_name)?;
    if op.ty != OperationType::Query || !op.directives.is_empty() {
        return None;
    }
    let mut vars = HashMap::new();
    for def in &op.variable_definitions {
        let def = &def.node;
        if !def.directives.is_empty() {
            return None;
        }
        // Defaults of absent variables are left to the engine, whose handling of them in
        // directives differs from the arguments'.
        let value = match (variables.get(&def.name.node), &def.default_value) {
            (Some(v), _) => v.clone(),
            (None, Some(_)) => return None,
            (None, None) => Value::Null,
        };
        vars.insert(def.name.node.clone(), value);
    }
    let walk = Walk { doc, vars };
    let mut roots = Vec::new();
    for (key, field) in walk.flatten(&op.selection_set.node, "Query", &[])? {
        let root = match field.name.node.as_str() {
            "__typename" => walk.leaf(field, Root::Typename)?,
            "centres" => {
                let args = walk.args(
                    field,
                    &["filter", "sort", "first", "after", "last", "before"],
                )?;
                let centre = CentreArgs {
                    filter: parse::<Option<CentreFilter>>(&args, "filter")?.unwrap_or_default(),
                    sort: parse::<Option<RecordSort>>(&args, "sort")?.unwrap_or_default(),
                    page: page_args(&args)?,
                };
                Root::Centres(
                    Box::new(centre),
                    walk.connection(field, "Centre", Walk::centre)?,
                )
            }
            "regions" => {
                let args = walk.args(field, &["first", "after", "last", "before"])?;
                Root::Regions(
                    page_args(&args)?,
                    walk.connection(field, "Region", Walk::region)?,
                )
            }
            "node" => {
                let args = walk.args(field, &["id"])?;
                let id = parse::<ID>(&args, "id")?;
                match decode("id", &id).ok()? {
                    (Kind::Centre, n) => Root::Centre(n, walk.centre(field)?),
                    _ => return None,
                }
            }
            _ => return None,
        };
        roots.push((key, root));
    }
    Some(Plan {
        roots,
        operation_name: name,
    })
}

/// The operation a request runs, chosen as the engine chooses it, with its name.
pub(crate) fn operation<'a>(
    doc: &'a ExecutableDocument,
    name: Option<&str>,
) -> Option<(Option<String>, &'a OperationDefinition)> {
    use async_graphql::parser::types::DocumentOperations;
    match (&doc.operations, name) {
        (DocumentOperations::Single(op), _) => Some((name.map(str::to_owned), &op.node)),
        (DocumentOperations::Multiple(ops), Some(name)) => {
            ops.get(name).map(|op| (Some(name.to_owned()), &op.node))
        }
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops
            .iter()
            .next()
            .map(|(name, op)| (Some(name.to_string()), &op.node)),
        _ => None,
    }
}

/// Parses one argument with the engine's own input coercion.
fn parse<T: InputType>(args: &HashMap<&str, Value>, name: &str) -> Option<T> {
    T::parse(args.get(name).cloned()).ok()
}

fn page_args(args: &HashMap<&str, Value>) -> Option<PageArgs> {
    Some(PageArgs {
        first: parse(args, "first")?,
        after: parse(args, "after")?,
        last: parse(args, "last")?,
        before: parse(args, "before")?,
    })
}

/// Walks selections with the operation's variables.
struct Walk<'a> {
    doc: &'a ExecutableDocument,
    vars: HashMap<Name, Value>,
}

/// The types every object type of the compiled subset implements.
const NODE: &[&str] = &["Node"];

impl<'a> Walk<'a> {
    /// The fields of `set` that apply to an object of type `ty`, in response order, with
    /// fragments spread and `@skip`/`@include` applied. A key repeated for the same leaf
    /// field appears once; any other repetition is outside the subset.
    fn flatten(
        &self,
        set: &'a SelectionSet,
        ty: &str,
        implements: &[&str],
    ) -> Option<Vec<(Key, &'a Field)>> {
        let mut out: Vec<(Key, &'a Field)> = Vec::new();
        self.flatten_into(set, ty, implements, &mut out, 0)?;
        Some(out)
    }

    fn flatten_into(
        &self,
        set: &'a SelectionSet,
        ty: &str,
        implements: &[&str],
        out: &mut Vec<(Key, &'a Field)>,
        depth: usize,
    ) -> Option<()> {
        // Fragment cycles are refused by validation; this is only a backstop.
        if depth > 32 {
            return None;
        }
        let applies = |on: &str| on == ty || implements.contains(&on);
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => {
                    let f = &f.node;
                    if !self.included(&f.directives)? {
                        continue;
                    }
                    let key: &str = f.alias.as_ref().map_or(&f.name.node, |a| &a.node);
                    if let Some((_, seen)) = out.iter().find(|(k, _)| &**k == key) {
                        let same_leaf = seen.name.node == f.name.node
                            && seen.arguments.is_empty()
                            && f.arguments.is_empty()
                            && seen.selection_set.node.items.is_empty()
                            && f.selection_set.node.items.is_empty();
                        if !same_leaf {
                            return None;
                        }
                        continue;
                    }
                    out.push((Arc::from(key), f));
                }
                Selection::FragmentSpread(s) => {
                    if !self.included(&s.node.directives)? {
                        continue;
                    }
                    let frag = &self.doc.fragments.get(&s.node.fragment_name.node)?.node;
                    if !frag.directives.is_empty() {
                        return None;
                    }
                    if applies(&frag.type_condition.node.on.node) {
                        self.flatten_into(
                            &frag.selection_set.node,
                            ty,
                            implements,
                            out,
                            depth + 1,
                        )?;
                    }
                }
                Selection::InlineFragment(i) => {
                    let i = &i.node;
                    if !self.included(&i.directives)? {
                        continue;
                    }
                    let on = i.type_condition.as_ref().map(|t| t.node.on.node.as_str());
                    if on.is_none_or(applies) {
                        self.flatten_into(&i.selection_set.node, ty, implements, out, depth + 1)?;
                    }
                }
            }
        }
        Some(())
    }

    /// Evaluates `@skip`/`@include`; `None` for any other directive.
    fn included(
        &self,
        directives: &[Positioned<async_graphql::parser::types::Directive>],
    ) -> Option<bool> {
        let mut include = true;
        for d in directives {
            let d = &d.node;
            let cond = d
                .arguments
                .iter()
                .find(|(n, _)| n.node == "if")
                .map(|(_, v)| self.value(&v.node))?;
            let Some(Value::Boolean(cond)) = cond else {
                return None;
            };
            match d.name.node.as_str() {
                "skip" => include &= !cond,
                "include" => include &= cond,
                _ => return None,
            }
        }
        Some(include)
    }

    /// A value with the variables put in.
    fn value(&self, v: &async_graphql_value::Value) -> Option<Value> {
        v.clone()
            .into_const_with(|name| {
                Ok::<_, ()>(self.vars.get(&name).cloned().unwrap_or(Value::Null))
            })
            .ok()
    }

    /// The arguments of a field, all of them among `known`.
    fn args(
        &self,
        field: &'a Field,
        known: &[&'static str],
    ) -> Option<HashMap<&'static str, Value>> {
        let mut out = HashMap::new();
        for (name, value) in &field.arguments {
            let name = known.iter().find(|k| **k == name.node.as_str())?;
            out.insert(*name, self.value(&value.node)?);
        }
        Some(out)
    }

    /// A field without arguments or sub-selection.
    fn leaf<F>(&self, field: &Field, f: F) -> Option<F> {
        (field.arguments.is_empty() && field.selection_set.node.items.is_empty()).then_some(f)
    }

    /// The sub-selection of an argument-less object field of type `ty`.
    fn object<F>(
        &self,
        field: &'a Field,
        ty: &str,
        implements: &[&str],
        each: impl Fn(&Self, &'a Field) -> Option<F>,
    ) -> Option<Sel<F>> {
        if field.selection_set.node.items.is_empty() {
            return None;
        }
        let fields = self
            .flatten(&field.selection_set.node, ty, implements)?
            .into_iter()
            .map(|(key, f)| each(self, f).map(|f| (key, f)))
            .collect::<Option<Vec<_>>>()?;
        Some(Sel { fields })
    }

    fn connection<F>(
        &self,
        field: &'a Field,
        node: &str,
        each: fn(&Self, &'a Field) -> Option<Sel<F>>,
    ) -> Option<Connection<F>> {
        let conn = format!("{node}Connection");
        let edge = format!("{node}Edge");
        let sel = self.object(field, &conn, &[], |w, f| {
            Some(match f.name.node.as_str() {
                "__typename" => w.leaf(f, ConnectionF::Typename)?,
                "totalCount" => w.leaf(f, ConnectionF::TotalCount)?,
                "nodes" if f.arguments.is_empty() => ConnectionF::Nodes(each(w, f)?),
                "edges" => ConnectionF::Edges(w.object(f, &edge, &[], |w, f| {
                    Some(match f.name.node.as_str() {
                        "__typename" => w.leaf(f, EdgeF::Typename)?,
                        "cursor" => w.leaf(f, EdgeF::Cursor)?,
                        "node" if f.arguments.is_empty() => EdgeF::Node(each(w, f)?),
                        _ => return None,
                    })
                })?),
                "pageInfo" => ConnectionF::PageInfo(w.object(f, "PageInfo", &[], |w, f| {
                    w.leaf(
                        f,
                        match f.name.node.as_str() {
                            "__typename" => PageInfoF::Typename,
                            "hasNextPage" => PageInfoF::HasNextPage,
                            "hasPreviousPage" => PageInfoF::HasPreviousPage,
                            "startCursor" => PageInfoF::StartCursor,
                            "endCursor" => PageInfoF::EndCursor,
                            _ => return None,
                        },
                    )
                })?),
                _ => return None,
            })
        })?;
        let wants_total = sel
            .fields
            .iter()
            .any(|(_, f)| matches!(f, ConnectionF::TotalCount));
        Some(Connection { sel, wants_total })
    }

    fn centre(&self, field: &'a Field) -> Option<Sel<CentreF>> {
        self.object(field, "Centre", NODE, |w, f| {
            use CentreF::*;
            let leaf = match f.name.node.as_str() {
                "__typename" => Typename,
                "id" => Id,
                "name" => Name,
                "status" => Status,
                "creationMode" => CreationMode,
                "operatingSince" => OperatingSince,
                "predecessorName" => PredecessorName,
                "address" => Address,
                "website" => Website,
                "description" => Description,
                "visibility" => Visibility,
                "version" => Version,
                "createdAt" => CreatedAt,
                "updatedAt" => UpdatedAt,
                nested if f.arguments.is_empty() => {
                    return Some(match nested {
                        "primaryMunicipality" => PrimaryMunicipality(w.municipality(f)?),
                        "ownerRegion" => OwnerRegion(w.region(f)?),
                        "projects" => Projects(w.project(f)?),
                        "experts" => Experts(w.expert(f)?),
                        _ => return None,
                    });
                }
                _ => return None,
            };
            w.leaf(f, leaf)
        })
    }

    fn municipality(&self, field: &'a Field) -> Option<Sel<MunicipalityF>> {
        self.object(field, "Municipality", NODE, |w, f| {
            use MunicipalityF::*;
            w.leaf(
                f,
                match f.name.node.as_str() {
                    "__typename" => Typename,
                    "id" => Id,
                    "terytCode" => TerytCode,
                    "terytValidFrom" => TerytValidFrom,
                    "terytValidTo" => TerytValidTo,
                    "name" => Name,
                    "kind" => Kind,
                    _ => return None,
                },
            )
        })
    }

    fn region(&self, field: &'a Field) -> Option<Sel<RegionF>> {
        self.object(field, "Region", NODE, |w, f| {
            use RegionF::*;
            w.leaf(
                f,
                match f.name.node.as_str() {
                    "__typename" => Typename,
                    "id" => Id,
                    "terytCode" => TerytCode,
                    "isoCode" => IsoCode,
                    "name" => Name,
                    "nameEn" => NameEn,
                    "isNetworkMember" => IsNetworkMember,
                    _ => return None,
                },
            )
        })
    }

    fn project(&self, field: &'a Field) -> Option<Sel<ProjectF>> {
        self.object(field, "Project", NODE, |w, f| {
            use ProjectF::*;
            w.leaf(
                f,
                match f.name.node.as_str() {
                    "__typename" => Typename,
                    "id" => Id,
                    "title" => Title,
                    "shortTitle" => ShortTitle,
                    "status" => Status,
                    "selectionMode" => SelectionMode,
                    "startDate" => StartDate,
                    "endDate" => EndDate,
                    "website" => Website,
                    "description" => Description,
                    "visibility" => Visibility,
                    "version" => Version,
                    "createdAt" => CreatedAt,
                    "updatedAt" => UpdatedAt,
                    _ => return None,
                },
            )
        })
    }

    fn expert(&self, field: &'a Field) -> Option<Sel<ExpertF>> {
        self.object(field, "Expert", NODE, |w, f| {
            use ExpertF::*;
            let leaf = match f.name.node.as_str() {
                "__typename" => Typename,
                "id" => Id,
                "summary" => Summary,
                "specialisations" => Specialisations,
                "visibility" => Visibility,
                "version" => Version,
                "updatedAt" => UpdatedAt,
                "person" if f.arguments.is_empty() => return Some(Person(w.person(f)?)),
                _ => return None,
            };
            w.leaf(f, leaf)
        })
    }

    fn person(&self, field: &'a Field) -> Option<Sel<PersonF>> {
        self.object(field, "Person", NODE, |w, f| {
            use PersonF::*;
            w.leaf(
                f,
                match f.name.node.as_str() {
                    "__typename" => Typename,
                    "id" => Id,
                    "givenName" => GivenName,
                    "familyName" => FamilyName,
                    "honorific" => Honorific,
                    "displayName" => DisplayName,
                    "email" => Email,
                    "phone" => Phone,
                    "visibility" => Visibility,
                    "version" => Version,
                    "updatedAt" => UpdatedAt,
                    _ => return None,
                },
            )
        })
    }
}
