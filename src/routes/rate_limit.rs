//! Request budgets: a token bucket per caller (the token's subject, or the client IP for
//! callers without a valid token), and a separate budget for `syncPush`.
//!
//! A request over budget is refused before it is parsed further or executed, so a flooding
//! caller costs the server little and others keep their latency. It must not decide who a
//! caller is (that is `auth`); it only counts.

use crate::auth::Principal;
use crate::config::Settings;
use crate::error::AppError;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use async_graphql::Pos;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationType, Selection, SelectionSet,
};
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;
use std::time::Duration;

/// The mutation that has its own budget.
const SYNC_FIELD: &str = "syncPush";
/// How often buckets of callers that went quiet are dropped.
const FORGET_EVERY: Duration = Duration::from_secs(60);

/// The server's budgets; `None` where a limit is off.
pub struct RateLimits {
    general: Option<DefaultKeyedRateLimiter<String>>,
    sync: Option<DefaultKeyedRateLimiter<String>>,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits")
            .field("general", &self.general.is_some())
            .field("sync", &self.sync.is_some())
            .finish()
    }
}

/// A keyed limiter for `per_minute` requests with bursts of `burst`; `None` for 0.
fn limiter(per_minute: u32, burst: u32) -> Option<DefaultKeyedRateLimiter<String>> {
    let rate = NonZeroU32::new(per_minute)?;
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Some(DefaultKeyedRateLimiter::keyed(
        Quota::per_minute(rate).allow_burst(burst),
    ))
}

impl RateLimits {
    /// Budgets from the settings (`0` per minute turns one off).
    pub fn new(settings: &Settings) -> Self {
        Self {
            general: limiter(settings.rate_per_minute, settings.rate_burst),
            sync: limiter(settings.sync_rate_per_minute, settings.sync_rate_burst),
        }
    }

    /// Takes one request from the caller's budget; `Err` carries the whole seconds to wait.
    fn take(&self, caller: &str, sync: bool) -> Result<(), u64> {
        let limiter = if sync { &self.sync } else { &self.general };
        let Some(limiter) = limiter else {
            return Ok(());
        };
        limiter.check_key(&caller.to_owned()).map_err(|not_until| {
            let wait = not_until.wait_time_from(limiter.clock().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }

    /// Drops the buckets of callers that are back at full budget, so memory stays bounded.
    fn forget_idle(&self) {
        for limiter in [&self.general, &self.sync].into_iter().flatten() {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// Periodically forgets idle callers; runs until the process ends.
    pub async fn forget_idle_periodically(limits: std::sync::Arc<Self>) {
        let mut tick = tokio::time::interval(FORGET_EVERY);
        loop {
            tick.tick().await;
            limits.forget_idle();
        }
    }
}

/// Admits a request or says how many seconds the caller must wait. `principal` is `None`
/// when the token was refused: such requests are counted against the client IP.
pub fn admit(
    req: &HttpRequest,
    limits: &RateLimits,
    principal: Option<&Principal>,
    gql: &async_graphql::Request,
) -> Result<(), u64> {
    let caller = match principal {
        Some(Principal::Member { subject, .. }) => format!("sub:{subject}"),
        _ => match req.peer_addr() {
            Some(addr) => format!("ip:{}", addr.ip()),
            None => "ip:unknown".to_owned(),
        },
    };
    let sync = limits.sync.is_some() && pushes_sync(gql);
    limits.take(&caller, sync).inspect_err(|wait| {
        tracing::info!(sync, retry_after = wait, "request over the rate limit");
    })
}

/// The answer to a request over budget: HTTP 429 with `Retry-After`, and a GraphQL error
/// with `extensions.code` `RATE_LIMITED` and `extensions.retryAfter` (seconds).
pub fn too_many_requests(content_type: &str, wait_secs: u64) -> HttpResponse {
    let error: async_graphql::Error = AppError::RateLimited {
        retry_after_secs: wait_secs,
    }
    .into();
    let body = serde_json::json!({ "errors": [error.into_server_error(Pos::default())] });
    HttpResponse::TooManyRequests()
        .content_type(content_type)
        .insert_header((header::RETRY_AFTER, wait_secs.to_string()))
        .body(body.to_string())
}

/// True when the operation the request runs is a mutation selecting `syncPush`.
fn pushes_sync(gql: &async_graphql::Request) -> bool {
    if !gql.query.contains(SYNC_FIELD) {
        return false;
    }
    let Ok(doc) = async_graphql::parser::parse_query(&gql.query) else {
        return false;
    };
    let wanted = gql.operation_name.as_deref();
    let selections: Vec<&SelectionSet> = match &doc.operations {
        DocumentOperations::Single(op) => vec![&op.node.selection_set.node],
        DocumentOperations::Multiple(ops) => ops
            .iter()
            .filter(|(name, _)| wanted.is_none_or(|w| w == name.as_str()))
            .map(|(_, op)| &op.node.selection_set.node)
            .collect(),
    };
    let is_mutation = match &doc.operations {
        DocumentOperations::Single(op) => op.node.ty == OperationType::Mutation,
        DocumentOperations::Multiple(ops) => ops.iter().any(|(name, op)| {
            wanted.is_none_or(|w| w == name.as_str()) && op.node.ty == OperationType::Mutation
        }),
    };
    is_mutation && selections.into_iter().any(|s| selects(&doc, s, 0))
}

/// True when a selection set names the sync field, through fragments too (depth-bounded).
fn selects(doc: &ExecutableDocument, set: &SelectionSet, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    set.items.iter().any(|item| match &item.node {
        Selection::Field(f) => f.node.name.node.as_str() == SYNC_FIELD,
        Selection::InlineFragment(f) => selects(doc, &f.node.selection_set.node, depth + 1),
        Selection::FragmentSpread(s) => doc
            .fragments
            .get(&s.node.fragment_name.node)
            .is_some_and(|f| selects(doc, &f.node.selection_set.node, depth + 1)),
    })
}

#[cfg(test)]
mod tests {
    use super::pushes_sync;

    fn req(query: &str, op: Option<&str>) -> async_graphql::Request {
        let r = async_graphql::Request::new(query);
        match op {
            Some(name) => r.operation_name(name),
            None => r,
        }
    }

    #[test]
    fn sync_pushes_are_recognised_directly_and_through_fragments() {
        assert!(pushes_sync(&req(
            "mutation { syncPush(items: []) { applied } }",
            None
        )));
        assert!(pushes_sync(&req(
            "mutation M { ...F } fragment F on MutationRoot { syncPush(items: []) { applied } }",
            None
        )));
        assert!(pushes_sync(&req(
            "query Q { __typename } mutation P { syncPush(items: []) { applied } }",
            Some("P")
        )));
    }

    #[test]
    fn other_operations_are_not_sync_pushes() {
        assert!(!pushes_sync(&req("{ centres { totalCount } }", None)));
        assert!(!pushes_sync(&req("query { syncPush }", None)));
        assert!(!pushes_sync(&req(
            "query Q { __typename } mutation P { syncPush(items: []) { applied } }",
            Some("Q")
        )));
        assert!(!pushes_sync(&req("mutation { syncPush(", None)));
    }
}
