//! Liveness and readiness probes.

use crate::startup::AppState;
use actix_web::{HttpResponse, web};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Longest `/readyz` waits for the database; probes are short.
const READY_CHECK_LIMIT: Duration = Duration::from_secs(2);

/// `GET /healthz`: the process is alive (whether or not the database answers).
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// `GET /readyz`: the server takes traffic — it is not shutting down and the database
/// answers within a short limit (or the pool's acquire timeout, if that is shorter).
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let unavailable = |why: &'static str| {
        HttpResponse::ServiceUnavailable()
            .content_type("text/plain")
            .body(why)
    };
    if state.draining.load(Ordering::SeqCst) {
        return unavailable("shutting down");
    }
    match tokio::time::timeout(READY_CHECK_LIMIT, state.db.ping()).await {
        Ok(Ok(())) => HttpResponse::Ok().content_type("text/plain").body("ready"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness check failed");
            unavailable("database unavailable")
        }
        Err(_) => {
            tracing::warn!("readiness check timed out waiting for the database");
            unavailable("database unavailable")
        }
    }
}
