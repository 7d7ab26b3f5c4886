//! The audit log: who changed what, when. Region administrators read their regions' entries,
//! the network administrator all of them; nobody can change or delete an entry.

use super::page_args;
use crate::error::AppError;
use crate::graphql::connection::connection;
use crate::graphql::ids::{self, Kind};
use crate::graphql::types::Region;
use crate::graphql::{req, wants_total};
use crate::service::audit::{self, AuditQuery};
use async_graphql::{Context, Enum, ID, InputObject, Json, Object, Result, SimpleObject};

/// Kind of change.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
pub enum AuditOperation {
    /// A record was created.
    Create,
    /// A record was changed.
    Update,
    /// A record was (soft-)deleted.
    Delete,
    /// A deleted record was restored.
    Restore,
}

/// Who made a change.
#[derive(SimpleObject, Clone)]
pub struct AuditActor {
    /// Token subject.
    pub subject: String,
    /// Role at the time of the change.
    pub role: String,
    /// Regions (TERYT codes) of the token.
    pub regions: Vec<String>,
}

/// One entry of the audit log.
#[derive(Clone)]
pub struct AuditEntry(pub entity::audit_entry::Model);

/// One entry of the audit log.
#[Object]
impl AuditEntry {
    /// Position in the log; later entries have larger numbers.
    async fn sequence(&self) -> i64 {
        self.0.id
    }
    /// When the change was made.
    async fn occurred_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.occurred_at
    }
    /// Who made it.
    async fn actor(&self) -> AuditActor {
        AuditActor {
            subject: self.0.actor_sub.clone(),
            role: self.0.actor_role.clone(),
            regions: crate::graphql::types::strings(&self.0.actor_regions),
        }
    }
    /// Type of the changed record, e.g. `Centre`.
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }
    /// Global id of the changed record.
    async fn entity_id(&self) -> Option<ID> {
        Kind::from_name(&self.0.entity_type).map(|k| ids::encode(k, self.0.entity_id))
    }
    /// What happened.
    async fn operation(&self) -> Option<AuditOperation> {
        match self.0.operation.as_str() {
            "CREATE" => Some(AuditOperation::Create),
            "UPDATE" => Some(AuditOperation::Update),
            "DELETE" => Some(AuditOperation::Delete),
            "RESTORE" => Some(AuditOperation::Restore),
            _ => None,
        }
    }
    /// Changed fields with their values before and after: `{"name": {"before": …, "after": …}}`.
    async fn changes(&self) -> Json<serde_json::Value> {
        Json(self.0.changes.clone())
    }
    /// Owner region of the record after the change.
    async fn owner_region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        Ok(req(ctx)?
            .loaders
            .region()
            .load_one(self.0.owner_region_id)
            .await?
            .map(Region))
    }
    /// Owner region before the change, when the change moved the record.
    async fn previous_owner_region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        let Some(r) = self.0.previous_owner_region_id else {
            return Ok(None);
        };
        Ok(req(ctx)?.loaders.region().load_one(r).await?.map(Region))
    }
    /// Id of the HTTP request that made the change (matches the server log).
    async fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }
    /// GraphQL operation name of that request, when the client gave one.
    async fn operation_name(&self) -> Option<&str> {
        self.0.operation_name.as_deref()
    }
}

connection!(
    AuditEntryConnection,
    AuditEntryEdge,
    AuditEntry,
    "audit entries"
);

/// Conditions on audit entries; all given conditions apply.
#[derive(InputObject, Default, Debug, Clone)]
pub struct AuditFilter {
    /// Only entries about records of this type, e.g. `Centre`.
    pub entity_type: Option<String>,
    /// Only entries about this record (global id).
    pub entity_id: Option<ID>,
    /// Only entries made by this token subject.
    pub actor: Option<String>,
    /// Only entries at or after this time.
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// Only entries at or before this time.
    pub to: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Default)]
pub(crate) struct AuditQueryRoot;

#[Object]
impl AuditQueryRoot {
    /// The audit log, newest first. Region administrators see their regions' entries, the
    /// network administrator all; everyone else is FORBIDDEN.
    #[allow(clippy::too_many_arguments, reason = "GraphQL arguments")]
    #[graphql(complexity = "crate::graphql::cost::connection(first, last, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the entries must meet.")] filter: Option<AuditFilter>,
        #[graphql(desc = "Return at most this many entries from the start (after `after`).")] first: Option<i32>,
        #[graphql(desc = "Return entries after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return at most this many entries from the end (before `before`).")] last: Option<i32>,
        #[graphql(desc = "Return entries before this cursor.")] before: Option<String>,
    ) -> Result<AuditEntryConnection> {
        let c = req(ctx)?;
        let f = filter.unwrap_or_default();
        let (entity_type, entity_id) = match &f.entity_id {
            Some(id) => {
                let (kind, n) = ids::decode("filter.entityId", id)?;
                (Some(kind.name().to_owned()), Some(n))
            }
            None => (None, None),
        };
        if let (Some(t), Some(named)) = (&entity_type, &f.entity_type)
            && t != named
        {
            return Err(AppError::bad_input(
                "filter.entityType",
                "does not match the type of filter.entityId",
            )
            .into());
        }
        let q = AuditQuery {
            entity_type: entity_type.or(f.entity_type.clone()),
            entity_id,
            actor_sub: f.actor.clone(),
            from: f.from,
            to: f.to,
        };
        let l = audit::list(
            c.db,
            &q,
            &page_args(first, after, last, before),
            c.limits.max_page_size,
            wants_total(ctx),
        )
        .await?;
        Ok(AuditEntryConnection::new(l.page, l.total, AuditEntry))
    }
}
