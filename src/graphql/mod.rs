//! The GraphQL API: schema assembly, per-request context, thin resolvers and types.
//!
//! Resolvers turn arguments into `service::` calls with the request's [`ScopedDb`] and turn
//! models into GraphQL types; they never build region conditions.

pub mod compiled;
pub mod connection;
pub(crate) mod cost;
pub mod enums;
pub mod field_order;
pub mod guard;
pub mod ids;
pub mod inputs;
pub mod loaders;
pub mod mutation;
pub mod query;
pub mod scalars;
pub(crate) mod shape;
pub mod types;

use crate::access::ScopedDb;
use crate::auth::Principal;
use crate::config::Settings;
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use async_graphql::{Context, EmptySubscription, Schema};
use loaders::Loaders;

/// The schema type cusnet serves.
pub type CusnetSchema = Schema<query::QueryRoot, mutation::MutationRoot, EmptySubscription>;

/// Limits that apply to every list field.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest `first`/`last`.
    pub max_page_size: u64,
    /// Most items one sync push may carry.
    pub max_push_items: usize,
}

/// Turns for `syncPush`: at most as many pushes write at once as there are permits; the
/// others wait in arrival order.
pub struct SyncTurns(pub std::sync::Arc<tokio::sync::Semaphore>);

/// Builds the schema; the server, `cusnet schema` and the SDL test all call this.
pub fn build_schema(settings: &Settings) -> CusnetSchema {
    let mut builder = Schema::build(
        query::QueryRoot::default(),
        mutation::MutationRoot::default(),
        EmptySubscription,
    )
    .data(Limits {
        max_page_size: settings.max_page_size,
        max_push_items: settings.sync_max_items,
    })
    .data(SyncTurns(std::sync::Arc::new(tokio::sync::Semaphore::new(
        settings.sync_concurrency as usize,
    ))))
    .data(crate::service::verification::VerifyLimiter::new(
        settings.verify_rate_per_minute,
    ))
    .limit_depth(settings.request_limits.max_depth)
    .limit_complexity(settings.request_limits.max_complexity)
    .limit_recursive_depth(settings.request_limits.max_recursion)
    .limit_directives(settings.request_limits.max_directives);
    if !settings.introspection_enabled() {
        builder = builder.disable_introspection();
    }
    if !settings.field_suggestions_enabled() {
        builder = builder.disable_suggestions();
    }
    builder.finish()
}

/// Attaches the caller, its scoped database handle (reading through the serving worker's
/// `lane`, if any) and fresh loaders to a request.
pub fn request_data(
    req: async_graphql::Request,
    state: &AppState,
    principal: Principal,
    request_id: Option<String>,
    lane: Option<std::sync::Arc<crate::db::ReadLane>>,
) -> async_graphql::Request {
    let info = crate::service::write::RequestInfo {
        request_id,
        operation_name: req.operation_name.clone(),
        ..Default::default()
    };
    let db = ScopedDb::new(state.db.clone(), principal.clone())
        .with_write_gate(state.write_gate.clone())
        .with_lane(lane);
    let loaders = Loaders::new(&db);
    req.data(principal).data(db).data(loaders).data(info)
}

/// What a resolver needs from the request.
pub(crate) struct Ctx<'a> {
    pub db: &'a ScopedDb,
    pub loaders: &'a Loaders,
    pub limits: Limits,
}

/// Reads the request's context; fails only if the request was not prepared by
/// [`request_data`] (a programming error, reported as INTERNAL).
pub(crate) fn req<'a>(ctx: &Context<'a>) -> AppResult<Ctx<'a>> {
    let missing = || AppError::Internal(anyhow::anyhow!("request context missing"));
    Ok(Ctx {
        db: ctx.data::<ScopedDb>().map_err(|_| missing())?,
        loaders: ctx.data::<Loaders>().map_err(|_| missing())?,
        limits: *ctx.data::<Limits>().map_err(|_| missing())?,
    })
}

/// True when the current field's selection asks for `totalCount`.
pub(crate) fn wants_total(ctx: &Context<'_>) -> bool {
    ctx.look_ahead().field("totalCount").exists()
}
