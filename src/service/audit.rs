//! The audit trail: entries appended inside the writing transaction, idempotency keys, and
//! the scoped audit-log listing. There is no way to change or delete an entry.

use super::write::RequestInfo;
use crate::access::ScopedDb;
use crate::auth::Principal;
use crate::error::AppResult;
use crate::graphql::ids::Kind;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, Set,
};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// Changed fields: `{"field": {"before": …, "after": …}}`.
pub type Changes = Map<String, Value>;

/// Kinds of write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Create,
    Update,
    Delete,
    Restore,
}

impl Operation {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "CREATE",
            Self::Update => "UPDATE",
            Self::Delete => "DELETE",
            Self::Restore => "RESTORE",
        }
    }
}

/// Bookkeeping columns that change with every write and say nothing of their own.
const NOT_AUDITED: [&str; 4] = ["version", "updated_at", "created_at", "search_text"];

/// Field-by-field differences between two versions of a record (`None` = absent).
pub fn diff<M: Serialize>(before: Option<&M>, after: Option<&M>) -> Changes {
    let as_map = |m: Option<&M>| match m.map(serde_json::to_value) {
        Some(Ok(Value::Object(map))) => map,
        _ => Map::new(),
    };
    let (b, a) = (as_map(before), as_map(after));
    let mut out = Map::new();
    for key in b.keys().chain(a.keys()) {
        if NOT_AUDITED.contains(&key.as_str()) || out.contains_key(key) {
            continue;
        }
        let (bv, av) = (
            b.get(key).unwrap_or(&Value::Null),
            a.get(key).unwrap_or(&Value::Null),
        );
        if bv != av {
            out.insert(key.clone(), json!({ "before": bv, "after": av }));
        }
    }
    out
}

/// One change of a list of related ids (join rows), for the audit entry.
pub fn list_change(field: &str, before: &[i64], after: &[i64]) -> Changes {
    let mut out = Map::new();
    let (mut b, mut a) = (before.to_vec(), after.to_vec());
    b.sort_unstable();
    a.sort_unstable();
    if b != a {
        out.insert(field.to_owned(), json!({ "before": b, "after": a }));
    }
    out
}

/// Who a principal is, as the audit trail and the access log record it: subject, role,
/// regions (TERYT codes) and organisation.
pub(crate) fn actor_of(principal: &Principal) -> (String, String, Value, Option<i64>) {
    match principal {
        Principal::Anonymous => ("anonymous".into(), "ANONYMOUS".into(), json!([]), None),
        Principal::Member {
            subject,
            role,
            regions,
            organisation,
        } => (
            subject.clone(),
            serde_json::to_value(role)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            json!(
                regions
                    .iter()
                    .map(|r| format!("{r:02}"))
                    .collect::<Vec<_>>()
            ),
            *organisation,
        ),
    }
}

/// Appends an audit entry inside the writing transaction.
#[allow(clippy::too_many_arguments, reason = "one entry has this many facts")]
pub async fn append(
    txn: &DatabaseTransaction,
    db: &ScopedDb,
    info: &RequestInfo,
    kind: Kind,
    entity_id: i64,
    owner_region_id: i64,
    previous_owner_region_id: Option<i64>,
    operation: Operation,
    changes: Changes,
) -> AppResult<()> {
    let (sub, role, regions, org) = actor_of(db.principal());
    entity::audit_entry::ActiveModel {
        occurred_at: Set(chrono::Utc::now()),
        actor_sub: Set(sub),
        actor_role: Set(role),
        actor_regions: Set(regions),
        actor_org: Set(org),
        entity_type: Set(kind.name().to_owned()),
        entity_id: Set(entity_id),
        owner_region_id: Set(owner_region_id),
        previous_owner_region_id: Set(previous_owner_region_id),
        operation: Set(operation.as_str().to_owned()),
        changes: Set(Value::Object(changes)),
        request_id: Set(info.request_id.clone()),
        operation_name: Set(info.operation_name.clone()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The record a caller's earlier call with this idempotency key created, if any.
pub async fn find_idempotent(db: &ScopedDb, operation: &str, key: &str) -> AppResult<Option<i64>> {
    use entity::idempotency_key::{Column, Entity};
    let found = Entity::find()
        .filter(Column::ActorSub.eq(db.principal().subject()))
        .filter(Column::Operation.eq(operation))
        .filter(Column::Key.eq(key))
        .one(db.conn())
        .await?;
    Ok(found.map(|k| k.entity_id))
}

/// Remembers an idempotency key; fails with a unique violation when a parallel call with the
/// same key committed first.
pub async fn remember_idempotent<C: ConnectionTrait>(
    conn: &C,
    db: &ScopedDb,
    operation: &str,
    key: &str,
    kind: Kind,
    entity_id: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    entity::idempotency_key::ActiveModel {
        actor_sub: Set(db.principal().subject().to_owned()),
        operation: Set(operation.to_owned()),
        key: Set(key.to_owned()),
        entity_type: Set(kind.name().to_owned()),
        entity_id: Set(entity_id),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Conditions of an audit-log listing (already validated).
#[derive(Debug, Default, Clone)]
pub struct AuditQuery {
    pub entity_type: Option<String>,
    pub entity_id: Option<i64>,
    pub actor_sub: Option<String>,
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    pub to: Option<chrono::DateTime<chrono::Utc>>,
}

/// A page of the audit entries the caller may read, newest first.
pub async fn list(
    db: &ScopedDb,
    q: &AuditQuery,
    args: &super::page::PageArgs,
    max_page_size: u64,
    count: bool,
) -> AppResult<super::lists::Listing<entity::audit_entry::Model>> {
    use super::page::{KeyKind, SortKey, paginate};
    use entity::audit_entry::{Column, Entity};
    use sea_orm::PaginatorTrait;
    let mut sel = Entity::find().filter(db.audit_condition()?);
    if let Some(t) = &q.entity_type {
        sel = sel.filter(Column::EntityType.eq(t.as_str()));
    }
    if let Some(id) = q.entity_id {
        sel = sel.filter(Column::EntityId.eq(id));
    }
    if let Some(a) = &q.actor_sub {
        sel = sel.filter(Column::ActorSub.eq(a.as_str()));
    }
    if let Some(f) = q.from {
        sel = sel.filter(Column::OccurredAt.gte(f));
    }
    if let Some(t) = q.to {
        sel = sel.filter(Column::OccurredAt.lte(t));
    }
    let total = if count {
        sel.clone().count(db.conn()).await? as i64
    } else {
        0
    };
    let key = SortKey::<Entity> {
        column: Column::Id,
        kind: KeyKind::Int,
        descending: true,
        read: Box::new(|m| json!(m.id)),
    };
    let page = paginate(
        db.conn(),
        sel,
        &key,
        Column::Id,
        &|m: &entity::audit_entry::Model| m.id,
        args,
        max_page_size,
    )
    .await?;
    Ok(super::lists::Listing { page, total })
}
