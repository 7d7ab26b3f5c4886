//! The one place that builds the GraphQL schema and the actix `App`.

use crate::access::WriteGate;
use crate::auth::{TokenKeys, load_or_create_dev_secret};
use crate::config::{Environment, ServeArgs, Settings};
use crate::db::{self, StatementCounter};
use crate::graphql::{CusnetSchema, build_schema};
use crate::routes;
use crate::seed;
use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use sea_orm::DatabaseConnection;
use std::net::TcpListener;
use tracing_actix_web::TracingLogger;

/// What every request handler shares.
pub struct AppState {
    pub schema: CusnetSchema,
    pub db: DatabaseConnection,
    pub keys: TokenKeys,
    pub settings: Settings,
    /// On SQLite, write transactions take turns through this gate.
    pub write_gate: Option<WriteGate>,
}

/// Resolves the token keys: the configured secret, or in development a generated one kept
/// beside the database. Production refuses to start without a key.
pub fn token_keys(settings: &Settings) -> anyhow::Result<TokenKeys> {
    let secret = match (&settings.jwt_secret, settings.environment) {
        (Some(s), _) => s.clone(),
        (None, Environment::Production) => {
            anyhow::bail!("production mode needs a token key: set CUSNET_JWT_SECRET")
        }
        (None, Environment::Development) => {
            let (secret, path) = load_or_create_dev_secret(&settings.database_url)?;
            tracing::info!(path = %path.display(), "using the development token secret");
            secret
        }
    };
    Ok(TokenKeys::hs256(
        &secret,
        &settings.jwt_issuer,
        &settings.jwt_audience,
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
}

impl Application {
    /// Prepares the database and binds the listener (port 0 picks a free port).
    pub async fn build(settings: Settings, serve: ServeArgs) -> anyhow::Result<Self> {
        let keys = token_keys(&settings)?;
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
        let state = web::Data::new(AppState {
            schema,
            db,
            keys,
            write_gate: settings.is_sqlite().then(WriteGate::default),
            settings: settings.clone(),
        });
        let development = settings.environment == Environment::Development;
        let mut server = HttpServer::new(move || {
            let mut app = App::new()
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .route("/graphql", web::post().to(routes::graphql_post))
                .route("/graphql", web::get().to(routes::graphql_get))
                .route("/healthz", web::get().to(routes::healthz))
                .route("/readyz", web::get().to(routes::readyz));
            if development {
                app = app.route("/graphiql", web::get().to(routes::graphiql));
            }
            app
        })
        .listen(listener)?;
        if let Some(w) = serve.workers {
            server = server.workers(w);
        }
        Ok(Self {
            port,
            server: server.run(),
            statements,
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

    /// Serves until the process is stopped.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
