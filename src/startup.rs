//! The one place that builds the GraphQL schema and the actix `App`.

use crate::access::WriteGate;
use crate::auth::{Jwks, JwksSource, TokenKeys, load_or_create_dev_secret};
use crate::config::{Environment, ServeArgs, Settings};
use crate::db::{self, StatementCounter};
use crate::graphql::{CusnetSchema, build_schema};
use crate::routes;
use crate::routes::rate_limit::RateLimits;
use crate::seed;
use crate::service::access_writer::AccessLog;
use actix_web::dev::Server;
use actix_web::middleware::Condition;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use sea_orm::DatabaseConnection;
use secrecy::{ExposeSecret, SecretString};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tracing_actix_web::TracingLogger;

/// What every request handler shares.
pub struct AppState {
    pub schema: CusnetSchema,
    pub db: DatabaseConnection,
    pub keys: TokenKeys,
    pub settings: Settings,
    /// On SQLite, write transactions take turns through this gate.
    pub write_gate: Option<WriteGate>,
    /// Set when shutdown has begun: `/readyz` answers 503 from then on.
    pub draining: Arc<AtomicBool>,
    /// Per-caller request budgets.
    pub rate_limits: Arc<RateLimits>,
    /// The personal-data access-log writer.
    pub access_log: AccessLog,
    /// Documents served without the engine's per-field work.
    pub compiled: Arc<crate::graphql::compiled::CompiledReads>,
    /// Turns for large requests (bodies of 64 KiB or more, and compiled reads whose last answer
    /// was that large), `CUSNET_LARGE_REQUEST_CONCURRENCY`.
    pub large_requests: Arc<tokio::sync::Semaphore>,
}

/// The shared secret: the configured one, or in development (when no JWKS is configured
/// either) a generated one kept beside the database. Production refuses to start without a
/// token key, and with a secret shorter than 32 bytes.
fn shared_secret(settings: &Settings) -> anyhow::Result<Option<SecretString>> {
    let production = settings.environment == Environment::Production;
    if let Some(secret) = &settings.jwt_secret {
        if production && secret.expose_secret().len() < MIN_PRODUCTION_SECRET_BYTES {
            anyhow::bail!(
                "production mode needs a CUSNET_JWT_SECRET of at least {MIN_PRODUCTION_SECRET_BYTES} bytes"
            );
        }
        return Ok(Some(secret.clone()));
    }
    let jwks = settings.jwks_file.is_some() || settings.jwks_url.is_some();
    match (settings.environment, jwks) {
        (Environment::Production, false) => anyhow::bail!(
            "production mode needs a token key: set CUSNET_JWT_SECRET, CUSNET_JWKS_FILE or CUSNET_JWKS_URL"
        ),
        (_, true) => Ok(None),
        (Environment::Development, false) => {
            let (secret, path) = load_or_create_dev_secret(&settings.database_url)?;
            tracing::info!(path = %path.display(), "using the development token secret");
            Ok(Some(secret))
        }
    }
}

/// Shortest shared secret production accepts.
const MIN_PRODUCTION_SECRET_BYTES: usize = 32;

/// Keys for signing development tokens (`cusnet token`): the shared secret only.
pub fn signing_keys(settings: &Settings) -> anyhow::Result<TokenKeys> {
    let secret = shared_secret(settings)?;
    Ok(TokenKeys::new(
        secret.as_ref(),
        None,
        &settings.jwt_issuer,
        &settings.jwt_audience,
        settings.jwt_leeway_secs,
    ))
}

/// Resolves the token keys the server verifies with: the shared secret (HS256) and the JWKS
/// (RS256/ES256) from `CUSNET_JWKS_FILE` or `CUSNET_JWKS_URL`, loaded once before serving.
pub async fn token_keys(settings: &Settings) -> anyhow::Result<TokenKeys> {
    let secret = shared_secret(settings)?;
    let source = match (&settings.jwks_file, &settings.jwks_url) {
        (Some(_), Some(_)) => anyhow::bail!("set CUSNET_JWKS_FILE or CUSNET_JWKS_URL, not both"),
        (Some(file), None) => Some(JwksSource::File(file.clone())),
        (None, Some(url)) => Some(JwksSource::Url(url.clone())),
        (None, None) => None,
    };
    let jwks = match source {
        Some(source) => Some(
            Jwks::load(
                source,
                Duration::from_secs(settings.jwks_refresh_secs),
                Duration::from_secs(settings.jwks_min_refresh_secs),
            )
            .await
            .context("loading the JWKS")?,
        ),
        None => None,
    };
    Ok(TokenKeys::new(
        secret.as_ref(),
        jwks,
        &settings.jwt_issuer,
        &settings.jwt_audience,
        settings.jwt_leeway_secs,
    ))
}

/// Connects, migrates and (when asked and the database is empty) loads the demo network.
pub async fn prepare_database(
    settings: &Settings,
    demo_seed: bool,
) -> anyhow::Result<(DatabaseConnection, StatementCounter)> {
    let (db, counter) = db::connect(settings).await?;
    db::migrate(&db).await?;
    if demo_seed && seed::load_demo_if_empty(&db).await? {
        tracing::info!("loaded the demo network into the empty database");
    }
    Ok((db, counter))
}

/// A bound, ready-to-run server.
pub struct Application {
    port: u16,
    server: Server,
    statements: StatementCounter,
    draining: Arc<AtomicBool>,
    access_log: AccessLog,
    compiled: Arc<crate::graphql::compiled::CompiledReads>,
    lanes: Option<Arc<db::LaneStats>>,
}

impl Application {
    /// Prepares the database and binds the listener (port 0 picks a free port).
    pub async fn build(settings: Settings, serve: ServeArgs) -> anyhow::Result<Self> {
        routes::validate_origins(&settings.cors_origins)?;
        let keys = token_keys(&settings).await?;
        let (db, statements) = prepare_database(&settings, serve.demo_seed).await?;
        let listener =
            TcpListener::bind(serve.bind).with_context(|| format!("binding {}", serve.bind))?;
        let port = listener.local_addr()?.port();
        let schema = build_schema(&settings);
        if settings.feed_retention_days > 0 {
            tokio::spawn(crate::service::feed::prune_periodically(
                db.clone(),
                settings.feed_retention_days,
            ));
        }
        let draining = Arc::new(AtomicBool::new(false));
        let rate_limits = Arc::new(RateLimits::new(&settings));
        tokio::spawn(RateLimits::forget_idle_periodically(rate_limits.clone()));
        let write_gate = settings.is_sqlite().then(WriteGate::default);
        let access_log = AccessLog::start(db.clone(), write_gate.clone());
        let compiled = Arc::new(crate::graphql::compiled::CompiledReads::new(
            settings.compiled_reads,
        ));
        let state = web::Data::new(AppState {
            draining: draining.clone(),
            schema,
            db,
            keys,
            write_gate,
            access_log: access_log.clone(),
            settings: settings.clone(),
            rate_limits,
            compiled: compiled.clone(),
            large_requests: Arc::new(tokio::sync::Semaphore::new(
                settings.large_request_concurrency as usize,
            )),
        });
        let graphiql = settings.graphiql_enabled();
        let cors_origins = settings.cors_origins.clone();
        // Each worker reads through its lane (on PostgreSQL its own connections, opened on
        // its thread); the workers are counted as the HTTP server counts them.
        let workers = serve
            .workers
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
        let lane_settings = db::lane_settings(&settings, workers, statements.clone())?;
        let lanes = lane_settings.as_ref().map(db::LaneSettings::stats);
        let mut server = HttpServer::new(move || {
            // A worker without connections of its own still shares its requests' lookups.
            let lane = web::Data::new(
                lane_settings
                    .clone()
                    .map_or_else(db::ReadLane::pooled, db::ReadLane::new),
            );
            let mut app = App::new()
                .wrap(TracingLogger::default())
                .wrap(Condition::new(
                    !cors_origins.is_empty(),
                    routes::cors(&cors_origins),
                ))
                .app_data(state.clone())
                .route("/graphql", web::post().to(routes::graphql_post))
                .route("/graphql", web::get().to(routes::graphql_get))
                .route("/healthz", web::get().to(routes::healthz))
                .route("/readyz", web::get().to(routes::readyz));
            if graphiql {
                app = app.route("/graphiql", web::get().to(routes::graphiql));
            }
            app.app_data(lane)
        })
        .listen(listener)?
        // Signals are handled by `run_until_terminated`, which drains before stopping.
        .disable_signals()
        .shutdown_timeout(serve.shutdown_timeout.as_secs());
        if let Some(w) = serve.workers {
            server = server.workers(w);
        }
        Ok(Self {
            port,
            server: server.run(),
            statements,
            draining,
            access_log,
            compiled,
            lanes,
        })
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The statement counter of this server's connection pool.
    pub fn statements(&self) -> StatementCounter {
        self.statements.clone()
    }

    /// What the workers' read lanes did; `None` when reads use the pool alone.
    pub fn read_lanes(&self) -> Option<Arc<db::LaneStats>> {
        self.lanes.clone()
    }

    /// The server's compiled reads (how many requests they answered).
    pub fn compiled_reads(&self) -> Arc<crate::graphql::compiled::CompiledReads> {
        self.compiled.clone()
    }

    /// Serves until the process is stopped.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        self.access_log.flush().await;
        served
    }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully: for `drain`, `/readyz`
    /// answers 503 while requests are still served (a load balancer takes the server out of
    /// rotation); then the listener closes and in-flight requests finish, for at most the
    /// shutdown timeout, before this returns.
    pub async fn run_until_terminated(self, drain: Duration) -> std::io::Result<()> {
        let handle = self.server.handle();
        let draining = self.draining.clone();
        tokio::spawn(async move {
            termination_signal().await;
            draining.store(true, Ordering::SeqCst);
            tracing::info!(
                drain_ms = drain.as_millis() as u64,
                "shutting down: /readyz answers 503, in-flight requests finish"
            );
            tokio::time::sleep(drain).await;
            handle.stop(true).await;
        });
        let served = self.server.await;
        // Entries of the last responses are stored before the process exits.
        self.access_log.flush().await;
        served
    }
}

/// Resolves on the first SIGTERM or SIGINT.
async fn termination_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM; only SIGINT stops the server");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
