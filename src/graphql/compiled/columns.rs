//! Reading only the columns a compiled read needs, decoded by position.
//!
//! A compiled read selects the columns its selection asks for (and those every read needs:
//! keys, owner region, visibility, sort keys) and decodes them by position. Read by name, the
//! ORM would build a prefixed column name for every column of every joined row, and the
//! unrequested columns (search text, descriptions, contact data, JSON lists) would still be
//! sent, checked and copied for every row. A column not read keeps its field's default in
//! the model; the emitters read only the fields of the selection.

use super::cells::Cell;
use super::plan::{CentreF, ConnectionF, EdgeF, ExpertF, MunicipalityF, PersonF, ProjectF, Sel};
use crate::access::ScopedDb;
use entity::{centre, expert, municipality, person, project};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType};
use sea_orm::{DbErr, QueryResult, QuerySelect, QueryTrait, Select};

/// Which of an entity's columns a compiled read selects: bit `i` stands for column `i` of the
/// entity's list in [`projected!`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Columns(u64);

impl Columns {
    /// The first `always` columns of a list (those every read needs).
    fn always(always: usize) -> Self {
        Self((1 << always) - 1)
    }

    /// Adds the columns named `names` of `list`.
    fn with(mut self, list: &[&str], names: &[&str]) -> Self {
        for (i, c) in list.iter().enumerate() {
            if names.contains(c) {
                self.0 |= 1 << i;
            }
        }
        self
    }

    fn has(self, i: usize) -> bool {
        self.0 & (1 << i) != 0
    }

    /// The columns of both.
    pub(super) fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The 1-based position of the column named `name` of `list` among the selected ones;
    /// `None` when it is not selected.
    pub(super) fn position(self, list: &[&str], name: &str) -> Option<usize> {
        let i = list.iter().position(|c| *c == name)?;
        self.has(i)
            .then(|| Self(self.0 & ((1 << i) - 1)).count() + 1)
    }

    /// How many columns are selected.
    pub(super) fn count(self) -> usize {
        self.0.count_ones() as usize
    }
}

/// Adds the `wanted` columns of `list` (names of `C`'s columns), in the list's order.
pub(super) fn select_columns<C, S>(mut select: S, list: &[&str], wanted: Columns) -> S
where
    C: sea_orm::ColumnTrait + std::str::FromStr,
    S: QuerySelect,
{
    for (i, name) in list.iter().enumerate() {
        if wanted.has(i)
            && let Ok(column) = name.parse::<C>()
        {
            select = select.column(column);
        }
    }
    select
}

/// Defines `$columns`, the names of an entity's columns (the `$always` ones first), and
/// `$decode`, which reads an `$entity::Model` from a row whose columns from `at` on are those
/// `wanted` of `$columns`, in that order; a column not wanted keeps its field's default.
macro_rules! projected {
    ($decode:ident, $columns:ident, $always:ident, $entity:ident {
        always: [$($a:ident),+ $(,)?],
        optional: [$($o:ident),+ $(,)?] $(,)?
    }) => {
        pub(super) const $columns: &[&str] = &[$(stringify!($a)),+, $(stringify!($o)),+];
        const $always: usize = [$(stringify!($a)),+].len();

        pub(super) fn $decode(row: &QueryResult, at: usize, wanted: Columns) -> Result<$entity::Model, DbErr> {
            let mut next = at;
            let mut column = 0;
            Ok($entity::Model {
                $($a: {
                    column += 1;
                    next += 1;
                    Cell::cell(row, next - 1)?
                },)+
                $($o: {
                    column += 1;
                    if wanted.has(column - 1) {
                        next += 1;
                        Cell::cell(row, next - 1)?
                    } else {
                        Default::default()
                    }
                },)+
            })
        }
    };
}

projected!(
    centre_at,
    CENTRE_COLUMNS,
    CENTRE_ALWAYS,
    centre {
        // The name and the update time are the keys a list may be sorted by.
        always: [
            id,
            name,
            status,
            primary_municipality_id,
            owner_region_id,
            visibility,
            updated_at
        ],
        optional: [
            creation_mode,
            operating_since,
            predecessor_name,
            resolution_number,
            resolution_adopted_on,
            resolution_body,
            address,
            website,
            description,
            version,
            created_at,
            deleted_at,
            search_text,
        ],
    }
);

/// The columns of centres that `sel` needs.
pub(super) fn centre_columns(sel: &Sel<CentreF>) -> Columns {
    sel.fields
        .iter()
        .fold(Columns::always(CENTRE_ALWAYS), |cols, (_, f)| {
            cols.with(
                CENTRE_COLUMNS,
                match f {
                    CentreF::CreationMode => &["creation_mode"],
                    CentreF::OperatingSince => &["operating_since"],
                    CentreF::PredecessorName => &["predecessor_name"],
                    CentreF::Address => &["address"],
                    CentreF::Website => &["website"],
                    CentreF::Description => &["description"],
                    CentreF::Version => &["version"],
                    CentreF::CreatedAt => &["created_at"],
                    _ => &[],
                },
            )
        })
}

/// Every selection of the centres of a connection: its nodes and its edges' nodes.
pub(super) fn centre_selections(sel: &Sel<ConnectionF<CentreF>>) -> Vec<&Sel<CentreF>> {
    let mut found = Vec::new();
    for (_, f) in &sel.fields {
        match f {
            ConnectionF::Nodes(s) => found.push(s),
            ConnectionF::Edges(e) => found.extend(e.fields.iter().filter_map(|(_, f)| match f {
                EdgeF::Node(s) => Some(s),
                _ => None,
            })),
            _ => {}
        }
    }
    found
}

/// The columns of centres that the nodes of a connection need, wherever they are selected.
pub(super) fn centre_connection_columns(sel: &Sel<ConnectionF<CentreF>>) -> Columns {
    centre_selections(sel)
        .into_iter()
        .fold(Columns::always(CENTRE_ALWAYS), |cols, s| {
            cols.union(centre_columns(s))
        })
}

projected!(
    municipality_at,
    MUNICIPALITY_COLUMNS,
    MUNICIPALITY_ALWAYS,
    municipality {
        always: [id, kind],
        optional: [
            region_id,
            county_id,
            teryt_code,
            teryt_valid_from,
            teryt_valid_to,
            name,
            search_text,
        ],
    }
);

/// The columns of the primary municipalities (seats) that the nodes of a connection of
/// centres need; `None` when no node asks for its seat.
pub(super) fn seat_columns(sel: &Sel<ConnectionF<CentreF>>) -> Option<Columns> {
    let mut wanted = None;
    for s in centre_selections(sel) {
        for (_, f) in &s.fields {
            if let CentreF::PrimaryMunicipality(m) = f {
                let cols = m.fields.iter().fold(
                    wanted.unwrap_or(Columns::always(MUNICIPALITY_ALWAYS)),
                    |cols, (_, f)| {
                        cols.with(
                            MUNICIPALITY_COLUMNS,
                            match f {
                                MunicipalityF::TerytCode => &["teryt_code"],
                                MunicipalityF::TerytValidFrom => &["teryt_valid_from"],
                                MunicipalityF::TerytValidTo => &["teryt_valid_to"],
                                MunicipalityF::Name => &["name"],
                                _ => &[],
                            },
                        )
                    },
                );
                wanted = Some(cols);
            }
        }
    }
    wanted
}

/// The alias of the joined seats, and the prefix of their columns.
const SEAT: &str = "seat";

/// Joins each centre's primary municipality (reference data, read through `db` as every
/// read is) to a page of centres and selects its `wanted` columns after those already
/// selected. The join is a derived table whose columns carry a prefix, so the page's
/// conditions, which may name the centre's columns without their table, stay unambiguous.
pub(super) fn join_seat(
    db: &ScopedDb,
    mut select: Select<centre::Entity>,
    wanted: Columns,
) -> Select<centre::Entity> {
    let seat_column = |name: &str| format!("{SEAT}_{name}");
    let names: Vec<&str> = MUNICIPALITY_COLUMNS
        .iter()
        .enumerate()
        .filter(|(i, _)| wanted.has(*i))
        .map(|(_, name)| *name)
        .collect();
    let seats = names
        .iter()
        .fold(
            db.reference::<municipality::Entity>().select_only(),
            |seats, name| {
                seats.expr_as(
                    Expr::col((municipality::Entity, Alias::new(*name))),
                    seat_column(name),
                )
            },
        )
        .into_query();
    QueryTrait::query(&mut select).join_subquery(
        JoinType::LeftJoin,
        seats,
        Alias::new(SEAT),
        Expr::col((Alias::new(SEAT), Alias::new(seat_column("id"))))
            .equals((centre::Entity, centre::Column::PrimaryMunicipalityId)),
    );
    for name in &names {
        select = select.expr(Expr::col((Alias::new(SEAT), Alias::new(seat_column(name)))));
    }
    select
}

projected!(
    expert_at,
    EXPERT_COLUMNS,
    EXPERT_ALWAYS,
    expert {
        always: [
            id,
            person_id,
            organisation_id,
            centre_id,
            owner_region_id,
            visibility
        ],
        optional: [
            summary,
            specialisations,
            version,
            created_at,
            updated_at,
            deleted_at,
            search_text
        ],
    }
);

projected!(
    person_at,
    PERSON_COLUMNS,
    PERSON_ALWAYS,
    person {
        always: [id, owner_region_id, visibility],
        optional: [
            given_name,
            family_name,
            honorific,
            email,
            phone,
            version,
            created_at,
            updated_at,
            deleted_at,
            search_text,
        ],
    }
);

projected!(
    project_at,
    PROJECT_COLUMNS,
    PROJECT_ALWAYS,
    project {
        always: [id, programme_id, status, owner_region_id, visibility],
        optional: [
            title,
            short_title,
            action_id,
            selection_mode,
            agreement_number,
            agreement_signed_on,
            start_date,
            end_date,
            total_value_grosze,
            total_value_approximate,
            grant_requested_grosze,
            grant_requested_approximate,
            grant_awarded_grosze,
            grant_awarded_approximate,
            website,
            description,
            version,
            created_at,
            updated_at,
            deleted_at,
            search_text,
        ],
    }
);

/// The columns of projects that `sel` needs.
pub(super) fn project_columns(sel: &Sel<ProjectF>) -> Columns {
    sel.fields
        .iter()
        .fold(Columns::always(PROJECT_ALWAYS), |cols, (_, f)| {
            cols.with(
                PROJECT_COLUMNS,
                match f {
                    ProjectF::Title => &["title"],
                    ProjectF::ShortTitle => &["short_title"],
                    ProjectF::SelectionMode => &["selection_mode"],
                    ProjectF::StartDate => &["start_date"],
                    ProjectF::EndDate => &["end_date"],
                    ProjectF::Website => &["website"],
                    ProjectF::Description => &["description"],
                    ProjectF::Version => &["version"],
                    ProjectF::CreatedAt => &["created_at"],
                    ProjectF::UpdatedAt => &["updated_at"],
                    _ => &[],
                },
            )
        })
}

/// The columns of experts and of their persons that `sel` needs.
pub(super) fn expert_columns(sel: &Sel<ExpertF>) -> (Columns, Columns) {
    let mut experts = Columns::always(EXPERT_ALWAYS);
    let mut persons = Columns::always(PERSON_ALWAYS);
    for (_, f) in &sel.fields {
        experts = experts.with(
            EXPERT_COLUMNS,
            match f {
                ExpertF::Summary => &["summary"],
                ExpertF::Specialisations => &["specialisations"],
                ExpertF::Version => &["version"],
                ExpertF::UpdatedAt => &["updated_at"],
                _ => &[],
            },
        );
        if let ExpertF::Person(p) = f {
            for (_, f) in &p.fields {
                persons = persons.with(
                    PERSON_COLUMNS,
                    match f {
                        PersonF::GivenName => &["given_name"],
                        PersonF::FamilyName => &["family_name"],
                        PersonF::Honorific => &["honorific"],
                        PersonF::DisplayName => &["given_name", "family_name", "honorific"],
                        PersonF::Email => &["email"],
                        PersonF::Phone => &["phone"],
                        PersonF::Version => &["version"],
                        PersonF::UpdatedAt => &["updated_at"],
                        _ => &[],
                    },
                );
            }
        }
    }
    (experts, persons)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ColumnTrait, Iterable};

    /// The names of `C`'s columns, sorted.
    fn names<C: ColumnTrait + Iterable>() -> Vec<String> {
        let mut n: Vec<String> = C::iter().map(|c| c.as_str().to_owned()).collect();
        n.sort();
        n
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut n: Vec<String> = list.iter().map(|c| (*c).to_owned()).collect();
        n.sort();
        n
    }

    #[test]
    fn the_projected_lists_name_every_column_of_their_entities() {
        assert_eq!(names::<centre::Column>(), sorted(CENTRE_COLUMNS));
        assert_eq!(names::<expert::Column>(), sorted(EXPERT_COLUMNS));
        assert_eq!(
            names::<municipality::Column>(),
            sorted(MUNICIPALITY_COLUMNS)
        );
        assert_eq!(names::<person::Column>(), sorted(PERSON_COLUMNS));
        assert_eq!(names::<project::Column>(), sorted(PROJECT_COLUMNS));
    }

    #[test]
    fn a_selection_reads_the_columns_every_read_needs_and_those_it_asks_for() {
        let all = Columns::always(EXPERT_ALWAYS).with(EXPERT_COLUMNS, EXPERT_COLUMNS);
        assert_eq!(all.count(), EXPERT_COLUMNS.len());
        let some = Columns::always(PERSON_ALWAYS).with(PERSON_COLUMNS, &["family_name", "x"]);
        assert_eq!(some.count(), PERSON_ALWAYS + 1);
        let at = |name: &str| PERSON_COLUMNS.iter().position(|c| *c == name);
        assert!(at("family_name").is_some_and(|i| some.has(i)));
        assert!(at("email").is_some_and(|i| !some.has(i)));
        assert_eq!(some.position(PERSON_COLUMNS, "id"), Some(1));
        assert_eq!(
            some.position(PERSON_COLUMNS, "family_name"),
            Some(PERSON_ALWAYS + 1)
        );
        assert_eq!(some.position(PERSON_COLUMNS, "email"), None);
    }
}
