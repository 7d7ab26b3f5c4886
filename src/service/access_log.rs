//! The personal-data access log (RODO art. 5(2) accountability; art. 15 right of access):
//! every response that contains personal data appends one entry naming the reader, the time,
//! the operation and the persons whose data it contained.
//!
//! Resolvers that return personal fields (names and contact data of persons, enrollments,
//! certificates) note the person ids in the request's [`AccessCollector`]; after the response
//! is built the HTTP route calls [`AccessCollector::finish`] once, which queues the entry for
//! the writer ([`super::access_writer`]). Reads of the log wait for the queue first. The log
//! is append-only (database triggers refuse updates and deletes).

use super::access_writer::{AccessLog, PendingEntry};
use crate::access::ScopedDb;
use crate::auth::Principal;
use crate::error::{AppError, AppResult};
use entity::personal_data_access as log;
use entity::personal_data_access_person as logp;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// The persons whose personal data one response contains.
#[derive(Clone, Default)]
pub struct AccessCollector {
    noted: Arc<Mutex<Noted>>,
    principal: Arc<Option<Principal>>,
    request_id: Option<String>,
    operation_name: Option<String>,
    /// The document, kept to find its operation's name only when an entry is written.
    query: Arc<str>,
}

/// The persons noted for one response, and the owner regions of those whose rows were at hand,
/// in the order they were noted, repeats included: a big response notes thousands, and
/// sorting them once when the entry is made costs less than keeping them sorted.
#[derive(Default)]
struct Noted {
    persons: Vec<i64>,
    owners: Vec<(i64, i64)>,
}

impl Noted {
    /// The persons, ascending and distinct.
    fn distinct_persons(&self) -> Vec<i64> {
        let mut persons = self.persons.clone();
        persons.sort_unstable();
        persons.dedup();
        persons
    }

    /// The owner regions noted, one per person, by person (a person has one owner region, so
    /// which of its notes is kept does not matter).
    fn distinct_owners(&self) -> Vec<(i64, i64)> {
        let mut owners = self.owners.clone();
        owners.sort_unstable();
        owners.dedup_by_key(|(person, _)| *person);
        owners
    }
}

impl std::fmt::Debug for AccessCollector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessCollector").finish_non_exhaustive()
    }
}

impl AccessCollector {
    /// A collector for one request.
    pub fn new(
        principal: &Principal,
        request: &async_graphql::Request,
        request_id: Option<String>,
    ) -> Self {
        Self {
            noted: Arc::default(),
            principal: Arc::new(Some(principal.clone())),
            request_id,
            operation_name: request.operation_name.clone(),
            query: if request.operation_name.is_some() {
                Arc::default()
            } else {
                Arc::from(request.query.as_str())
            },
        }
    }

    /// A collector for one request whose operation name is already known (`None`: the
    /// operation is anonymous).
    pub fn for_operation(
        principal: &Principal,
        operation_name: Option<String>,
        request_id: Option<String>,
    ) -> Self {
        Self {
            noted: Arc::default(),
            principal: Arc::new(Some(principal.clone())),
            request_id,
            operation_name,
            query: Arc::default(),
        }
    }

    /// Notes that the response contains personal data of `person_id`.
    pub fn note(&self, person_id: i64) {
        if let Ok(mut n) = self.noted.lock() {
            n.persons.push(person_id);
        }
    }

    /// Like [`Self::note`], for a person whose owner region the caller has at hand (it
    /// spares the writer looking it up).
    pub fn note_owned(&self, person_id: i64, owner_region_id: i64) {
        if let Ok(mut n) = self.noted.lock() {
            n.persons.push(person_id);
            n.owners.push((person_id, owner_region_id));
        }
    }

    /// The persons noted so far, ascending.
    pub fn persons(&self) -> Vec<i64> {
        self.noted
            .lock()
            .map(|n| n.distinct_persons())
            .unwrap_or_default()
    }

    /// Hands the entry for this response, if it contained personal data, to the access-log
    /// writer (see [`super::access_writer`]); the response does not wait for the database.
    pub async fn finish(&self, writer: &AccessLog) {
        let (persons, owners) = match self.noted.lock() {
            Ok(n) => (n.distinct_persons(), n.distinct_owners()),
            Err(_) => return,
        };
        if persons.is_empty() {
            return;
        }
        let principal = (*self.principal).clone().unwrap_or(Principal::Anonymous);
        let (actor_sub, actor_role, actor_regions, actor_org) = super::audit::actor_of(&principal);
        writer
            .submit(PendingEntry {
                occurred_at: chrono::Utc::now(),
                actor_sub,
                actor_role,
                actor_regions,
                actor_org,
                operation_name: self
                    .operation_name
                    .clone()
                    .or_else(|| single_operation_name(&self.query)),
                request_id: self.request_id.clone(),
                persons,
                owners,
            })
            .await;
    }
}

/// The name of the only operation of a document, when it has one (clients often name their
/// operation without repeating it as `operationName`).
fn single_operation_name(query: &str) -> Option<String> {
    use async_graphql::parser::types::DocumentOperations;
    // A named operation starts with one of these words: a document without any (the
    // shorthand `{ … }` most reads use) is not parsed again.
    if !["query", "mutation", "subscription"]
        .iter()
        .any(|word| query.contains(word))
    {
        return None;
    }
    match async_graphql::parser::parse_query(query).ok()?.operations {
        DocumentOperations::Single(_) => None,
        DocumentOperations::Multiple(ops) if ops.len() == 1 => {
            ops.keys().next().map(|n| n.to_string())
        }
        DocumentOperations::Multiple(_) => None,
    }
}

/// The access-log entries the caller may read: all for the network administrator; for a
/// region administrator, those naming a person its regions own. FORBIDDEN otherwise.
fn condition(db: &ScopedDb) -> AppResult<sea_orm::Condition> {
    use crate::auth::Role;
    match db.principal() {
        Principal::Member {
            role: Role::NetworkAdmin,
            ..
        } => Ok(sea_orm::Condition::all()),
        Principal::Member {
            role: Role::RegionAdmin,
            regions,
            ..
        } => Ok(sea_orm::Condition::all().add(entries_named_by(
            db.conn().get_database_backend(),
            NamedBy::Regions(regions),
        ))),
        _ => Err(AppError::Forbidden(
            "the personal-data access log is for region and network administrators".into(),
        )),
    }
}

/// Which person rows of the access log select entries.
#[derive(Clone, Copy)]
pub(crate) enum NamedBy<'a> {
    /// Rows of persons owned by these regions.
    Regions(&'a [i64]),
    /// Rows of this person.
    Person(i64),
}

/// `personal_data_access.id` is among the entries that the selected person rows stand for,
/// each row's list unnested (a row written before batching stands for its `access_id`). On
/// PostgreSQL, entries written since index rows are per batch are found through their
/// batch's row and kept when the entry itself names such a person.
pub(crate) fn entries_named_by(backend: sea_orm::DbBackend, by: NamedBy<'_>) -> Expr {
    let (column, keys) = match by {
        NamedBy::Regions(regions) => ("owner_region_id", regions.to_vec()),
        NamedBy::Person(person) => ("person_id", vec![person]),
    };
    let id = Expr::col((log::Entity, log::Column::Id));
    match backend {
        sea_orm::DbBackend::Postgres => {
            // The entry's own list: its persons, or its persons' owner regions. One `IN` over
            // both kinds of index rows keeps the search a semi-join.
            let (batch_column, named) = match by {
                NamedBy::Regions(_) => ("region_ids", "person_regions"),
                NamedBy::Person(_) => ("person_ids", "person_ids"),
            };
            Expr::cust_with_exprs(
                format!(
                    "$1 IN (SELECT CAST(e.value AS bigint) FROM personal_data_access_person p \
                     CROSS JOIN LATERAL json_array_elements_text(\
                     COALESCE(p.access_ids, json_build_array(p.access_id))) AS e \
                     WHERE p.{column} = ANY(CAST($2 AS bigint[])) \
                     UNION ALL SELECT x.id FROM personal_data_access_batch b \
                     JOIN personal_data_access x ON x.id = ANY(b.access_ids) \
                     WHERE b.{batch_column} && CAST($2 AS bigint[]) \
                     AND EXISTS (SELECT 1 FROM json_array_elements_text(x.{named}) AS n \
                     WHERE CAST(n.value AS bigint) = ANY(CAST($2 AS bigint[]))))"
                ),
                [id, Expr::val(crate::db::bigint_array(keys))],
            )
        }
        _ => Expr::cust_with_exprs(
            format!(
                "? IN (SELECT e.value FROM personal_data_access_person p, \
                 json_each(COALESCE(p.access_ids, json_array(p.access_id))) AS e \
                 WHERE p.{column} IN (SELECT value FROM json_each(?)))"
            ),
            [id, Expr::val(json!(keys).to_string())],
        ),
    }
}

/// Conditions of an access-log listing.
#[derive(Debug, Default, Clone)]
pub struct AccessQuery {
    /// Only entries naming this person.
    pub person_id: Option<i64>,
    /// Only entries of this reader (token subject).
    pub actor_sub: Option<String>,
}

/// A page of access-log entries, newest first. For a region administrator the person lists
/// are cut to the persons its regions own.
pub async fn list(
    db: &ScopedDb,
    q: &AccessQuery,
    args: &super::page::PageArgs,
    max_page_size: u64,
    count: bool,
) -> AppResult<super::lists::Listing<log::Model>> {
    use super::page::{KeyKind, SortKey, paginate};
    use sea_orm::PaginatorTrait;
    let mut sel = log::Entity::find().filter(condition(db)?);
    if let Some(p) = q.person_id {
        sel = sel.filter(entries_named_by(
            db.conn().get_database_backend(),
            NamedBy::Person(p),
        ));
    }
    if let Some(a) = &q.actor_sub {
        sel = sel.filter(log::Column::ActorSub.eq(a.as_str()));
    }
    let total = if count {
        sel.clone().count(db.conn()).await? as i64
    } else {
        0
    };
    let key = SortKey::<log::Entity> {
        column: log::Column::Id,
        kind: KeyKind::Int,
        descending: true,
        read: Box::new(|m| json!(m.id)),
    };
    let mut page = paginate(
        db.conn(),
        sel,
        &key,
        log::Column::Id,
        &|m: &log::Model| m.id,
        args,
        max_page_size,
    )
    .await?;
    if let Principal::Member {
        role: crate::auth::Role::RegionAdmin,
        regions,
        ..
    } = db.principal()
    {
        // The persons of the page's entries that the caller's regions own, by entry: from
        // the regions each entry keeps, or, for entries written before those were kept, from
        // their own person rows (one per person and entry then).
        let mut own: BTreeSet<(i64, i64)> = BTreeSet::new();
        let mut older = Vec::new();
        for (_, m) in &page.items {
            let persons = m
                .person_ids
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            match m.person_regions.as_ref().and_then(Value::as_array) {
                Some(owners) => own.extend(
                    persons
                        .iter()
                        .zip(owners)
                        .filter(|(_, r)| r.as_i64().is_some_and(|r| regions.contains(&r)))
                        .filter_map(|(p, _)| p.as_i64())
                        .map(|p| (m.id, p)),
                ),
                None => older.push(m.id),
            }
        }
        if !older.is_empty() {
            own.extend(
                logp::Entity::find()
                    .filter(logp::Column::AccessId.is_in(older))
                    .filter(logp::Column::OwnerRegionId.is_in(regions.iter().copied()))
                    .all(db.conn())
                    .await?
                    .into_iter()
                    .map(|r| (r.access_id, r.person_id)),
            );
        }
        for (_, m) in &mut page.items {
            let kept: Vec<Value> = own
                .iter()
                .filter(|(a, _)| *a == m.id)
                .map(|(_, p)| json!(p))
                .collect();
            m.person_ids = Value::Array(kept);
        }
    }
    Ok(super::lists::Listing { page, total })
}

#[cfg(test)]
mod tests {
    use super::single_operation_name;

    #[test]
    fn the_entry_names_the_only_operation_of_a_document() {
        assert_eq!(
            single_operation_name("query Dashboard { centres { totalCount } }").as_deref(),
            Some("Dashboard")
        );
        assert_eq!(
            single_operation_name(
                "fragment F on Centre { name } query Page { centres { nodes { ...F } } }"
            )
            .as_deref(),
            Some("Page")
        );
        // The shorthand, an anonymous operation, and two named ones name none.
        assert_eq!(single_operation_name("{ centres { totalCount } }"), None);
        assert_eq!(
            single_operation_name(r#"{ centres(filter: { search: "query" }) { totalCount } }"#),
            None
        );
        assert_eq!(
            single_operation_name("query { centres { totalCount } }"),
            None
        );
        assert_eq!(
            single_operation_name(
                "query A { regions { totalCount } } query B { centres { totalCount } }"
            ),
            None
        );
    }
}
