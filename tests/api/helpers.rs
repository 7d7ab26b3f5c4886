//! Test harness: starts the real server on a free port over a fresh database (a SQLite file
//! in a temp dir, or a PostgreSQL database created for the test and dropped afterwards), and
//! talks HTTP to it.

use cusnet::auth::{Claims, Role, TokenKeys};
use cusnet::config::{Environment, LogFormat, ServeArgs, Settings};
use cusnet::db::StatementCounter;
use cusnet::startup::Application;
use secrecy::SecretString;
use serde_json::{Value, json};
use std::net::SocketAddr;

pub(crate) const TEST_SECRET: &str = "test-secret-with-enough-entropy-0123456789";
pub(crate) const ISSUER: &str = "cusnet";
pub(crate) const AUDIENCE: &str = "cusnet-api";

/// The database backends every dual test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

/// A database made for one test; dropped with it.
pub(crate) struct TestDatabase {
    pub(crate) url: String,
    admin_url: Option<String>,
    name: String,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some(admin) = self.admin_url.clone() else {
            return;
        };
        let name = self.name.clone();
        // Drop runs outside any runtime guarantee; use a short-lived one of our own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(rt) = rt {
                rt.block_on(async move {
                    if let Ok(conn) = sea_orm::Database::connect(admin).await {
                        use sea_orm::ConnectionTrait;
                        let _ = conn
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                            ))
                            .await;
                    }
                });
            }
        })
        .join();
    }
}

/// The PostgreSQL server tests use.
pub(crate) fn postgres_admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

impl TestDatabase {
    /// The same database for a second server; dropping it leaves the database in place.
    pub(crate) fn shared(&self) -> Self {
        Self {
            url: self.url.clone(),
            admin_url: None,
            name: self.name.clone(),
            _dir: None,
        }
    }

    /// A fresh, empty database; `None` when PostgreSQL is unreachable outside CI (said loudly).
    pub(crate) async fn create(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("cusnet-test.db");
                Some(Self {
                    url: format!("sqlite://{}", path.display()),
                    admin_url: None,
                    name: String::new(),
                    _dir: Some(dir),
                })
            }
            Backend::Postgres => {
                use sea_orm::ConnectionTrait;
                let admin = postgres_admin_url();
                let conn = match sea_orm::Database::connect(admin.as_str()).await {
                    Ok(c) => c,
                    Err(e) => {
                        if std::env::var("CI").is_ok_and(|v| v == "true") {
                            panic!("PostgreSQL is required in CI but unreachable at {admin}: {e}");
                        }
                        eprintln!(
                            "\n!!! PostgreSQL UNREACHABLE at {admin} ({e}): PostgreSQL tests SKIPPED. \
                             Set TEST_DATABASE_URL or start PostgreSQL. !!!\n"
                        );
                        return None;
                    }
                };
                let name = format!("cusnet_test_{}", uuid::Uuid::new_v4().simple());
                conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                let base = admin
                    .rsplit_once('/')
                    .map(|(b, _)| b.to_owned())
                    .unwrap_or(admin.clone());
                Some(Self {
                    url: format!("{base}/{name}"),
                    admin_url: Some(admin),
                    name,
                    _dir: None,
                })
            }
        }
    }
}

/// Settings of a test server over the given database.
pub(crate) fn settings(database_url: &str) -> Settings {
    Settings {
        database_url: database_url.to_owned(),
        environment: Environment::Development,
        jwt_secret: Some(SecretString::from(TEST_SECRET)),
        jwt_issuer: ISSUER.to_owned(),
        jwt_audience: AUDIENCE.to_owned(),
        log_format: LogFormat::Text,
        db_max_connections: 5,
        db_read_connections: Some(4),
        db_generic_plans: true,
        max_page_size: 100,
        feed_retention_days: 90,
        sync_max_items: 1000,
        sync_concurrency: 2,
        large_request_concurrency: 2,
        request_timeout: std::time::Duration::from_secs(30),
        statement_timeout: std::time::Duration::from_secs(20),
        db_acquire_timeout: std::time::Duration::from_secs(5),
        jwks_file: None,
        jwks_url: None,
        jwks_refresh_secs: 300,
        jwks_min_refresh_secs: 30,
        jwt_leeway_secs: 30,
        introspection: None,
        graphiql: None,
        field_suggestions: None,
        cors_origins: Vec::new(),
        // High enough that no other test meets them; tests/api/rate_limits.rs sets its own.
        rate_per_minute: 1_000_000,
        rate_burst: 100_000,
        sync_rate_per_minute: 1_000_000,
        sync_rate_burst: 100_000,
        request_limits: Default::default(),
        verify_rate_per_minute: 10,
        training_retention_days: 1825,
        compiled_reads: true,
    }
}

/// A running server with the demo network.
pub(crate) struct TestApp {
    pub(crate) addr: SocketAddr,
    pub(crate) db: TestDatabase,
    pub(crate) statements: StatementCounter,
    pub(crate) compiled: std::sync::Arc<cusnet::graphql::compiled::CompiledReads>,
    /// What the workers' read lanes did (PostgreSQL).
    pub(crate) read_lanes: Option<std::sync::Arc<cusnet::db::LaneStats>>,
    client: awc::Client,
}

/// Who a request is sent as.
#[derive(Debug, Clone)]
pub(crate) enum Caller {
    Anonymous,
    Admin,
    Editor(&'static str),
    Viewer(&'static str),
    RegionAdmin(&'static str),
    University(i64),
    Raw(String),
}

impl TestApp {
    /// Starts a server over a fresh database; `None` when the backend is unavailable locally.
    pub(crate) async fn spawn(backend: Backend) -> Option<Self> {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Starts a server over a fresh database with adjusted settings.
    pub(crate) async fn spawn_with(
        backend: Backend,
        adjust: impl FnOnce(&mut Settings),
    ) -> Option<Self> {
        if std::env::var_os("TEST_LOG").is_some() {
            cusnet::telemetry::init(LogFormat::Text);
        }
        let db = TestDatabase::create(backend).await?;
        Some(Self::spawn_over_with(db, adjust).await)
    }

    /// Starts a server over a database the test prepared (the demo network is loaded only
    /// when the database holds no regions yet).
    pub(crate) async fn spawn_over(db: TestDatabase) -> Self {
        Self::spawn_over_with(db, |_| {}).await
    }

    /// Like [`Self::spawn_over`], with adjusted settings.
    pub(crate) async fn spawn_over_with(
        db: TestDatabase,
        adjust: impl FnOnce(&mut Settings),
    ) -> Self {
        let serve = ServeArgs {
            bind: "127.0.0.1:0".parse().expect("address"),
            demo_seed: true,
            workers: Some(2),
            ..ServeArgs::default()
        };
        let mut settings = settings(&db.url);
        adjust(&mut settings);
        let app = Application::build(settings, serve)
            .await
            .expect("server builds");
        let addr: SocketAddr = format!("127.0.0.1:{}", app.port())
            .parse()
            .expect("address");
        let statements = app.statements();
        let compiled = app.compiled_reads();
        let read_lanes = app.read_lanes();
        actix_web::rt::spawn(app.run_until_stopped());
        Self {
            addr,
            db,
            statements,
            compiled,
            read_lanes,
            // Idle connections are dropped by the client after 2 s, before the server's
            // keep-alive (5 s) closes them: reusing one the server is closing fails the
            // request (seen after a test waits on a long CLI run).
            client: awc::Client::builder()
                .timeout(std::time::Duration::from_secs(30))
                .connector(awc::Connector::new().conn_keep_alive(std::time::Duration::from_secs(2)))
                .finish(),
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A signed token for a caller.
    pub(crate) fn token(&self, caller: &Caller) -> Option<String> {
        let (role, regions, org) = match caller {
            Caller::Anonymous => return None,
            Caller::Raw(t) => return Some(t.clone()),
            Caller::Admin => (Role::NetworkAdmin, vec![], None),
            Caller::Editor(r) => (Role::RegionEditor, vec![r.to_string()], None),
            Caller::Viewer(r) => (Role::RegionViewer, vec![r.to_string()], None),
            Caller::RegionAdmin(r) => (Role::RegionAdmin, vec![r.to_string()], None),
            Caller::University(org) => (Role::University, vec![], Some(org.to_string())),
        };
        Some(sign(Claims {
            sub: format!("test-{role:?}"),
            role,
            regions,
            org,
            exp: now() + 3600,
            iat: now(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        }))
    }

    /// A region editor's token for several regions.
    pub(crate) fn token_for_regions(&self, regions: &[&str]) -> String {
        sign(Claims {
            sub: "test-multi-region-editor".to_owned(),
            role: Role::RegionEditor,
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
            org: None,
            exp: now() + 3600,
            iat: now(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        })
    }

    /// Sends a raw POST to /graphql and returns status and body.
    pub(crate) async fn post_raw(
        &self,
        content_type: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut req = self
            .client
            .post(self.url("/graphql"))
            .insert_header(("content-type", content_type));
        for (k, v) in headers {
            req = req.insert_header((*k, *v));
        }
        let mut resp = req.send_body(body.to_owned()).await.expect("request sent");
        let status = resp.status().as_u16();
        let bytes = resp.body().limit(16 * 1024 * 1024).await.expect("body");
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// Runs a GraphQL operation as a caller; returns the whole response body.
    pub(crate) async fn gql(&self, caller: &Caller, query: &str, variables: Value) -> Value {
        let body = json!({ "query": query, "variables": variables }).to_string();
        let auth = self.token(caller).map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = auth
            .as_deref()
            .map(|a| vec![("authorization", a)])
            .unwrap_or_default();
        self.post_raw("application/json", &body, &headers).await.1
    }

    /// Runs a GraphQL operation as a caller; returns the response body as sent.
    pub(crate) async fn gql_text(&self, caller: &Caller, query: &str, variables: Value) -> String {
        let body = json!({ "query": query, "variables": variables }).to_string();
        let mut req = self
            .client
            .post(self.url("/graphql"))
            .insert_header(("content-type", "application/json"));
        if let Some(t) = self.token(caller) {
            req = req.insert_header(("authorization", format!("Bearer {t}")));
        }
        let mut resp = req.send_body(body).await.expect("request sent");
        let bytes = resp.body().limit(16 * 1024 * 1024).await.expect("body");
        String::from_utf8(bytes.to_vec()).expect("UTF-8 body")
    }

    /// The global ids of the first 100 records of the list field `list` (`centres`,
    /// `projects` …), as the network administrator sees them.
    pub(crate) async fn ids_of(&self, list: &str) -> Vec<Value> {
        let q = format!("{{ {list}(first: 100) {{ nodes {{ id }} }} }}");
        let listed = self.data(&Caller::Admin, &q, json!({})).await;
        listed[list]["nodes"]
            .as_array()
            .unwrap_or_else(|| panic!("{listed}"))
            .iter()
            .map(|n| n["id"].clone())
            .collect()
    }

    /// The answers to `query` asked with `$id` by each caller of `asks`, one after another.
    pub(crate) async fn ask_each(&self, query: &str, asks: &[(&Caller, &Value)]) -> Vec<Value> {
        let mut answers = Vec::new();
        for (caller, id) in asks {
            answers.push(self.gql(caller, query, json!({ "id": id })).await);
        }
        answers
    }

    /// The same, all asked at once.
    pub(crate) async fn ask_at_once(&self, query: &str, asks: &[(&Caller, &Value)]) -> Vec<Value> {
        futures_util::future::join_all(
            asks.iter()
                .map(|(caller, id)| self.gql(caller, query, json!({ "id": id }))),
        )
        .await
    }

    /// Runs an operation that must succeed and returns `data`.
    pub(crate) async fn data(&self, caller: &Caller, query: &str, variables: Value) -> Value {
        let resp = self.gql(caller, query, variables).await;
        assert!(
            resp.get("errors").is_none(),
            "unexpected errors as {caller:?}: {resp}"
        );
        resp["data"].clone()
    }

    /// A direct connection to the test database (to arrange data a test needs).
    pub(crate) async fn connect(&self) -> sea_orm::DatabaseConnection {
        sea_orm::Database::connect(self.db.url.as_str())
            .await
            .expect("connect")
    }

    pub(crate) async fn get(&self, path: &str) -> (u16, String) {
        let mut resp = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent");
        let status = resp.status().as_u16();
        let bytes = resp.body().await.expect("body");
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }
}

pub(crate) fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Signs claims with the test secret.
pub(crate) fn sign(claims: Claims) -> String {
    TokenKeys::hs256(&SecretString::from(TEST_SECRET), ISSUER, AUDIENCE)
        .sign(&claims)
        .expect("sign")
}

/// The first error code of a response.
pub(crate) fn error_code(resp: &Value) -> Option<&str> {
    resp["errors"][0]["extensions"]["code"].as_str()
}

/// Defines one test that runs on SQLite and on PostgreSQL.
macro_rules! dual_test {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: crate::helpers::TestApp) $body

            #[actix_web::test]
            async fn sqlite() {
                if let Some(app) = crate::helpers::TestApp::spawn(crate::helpers::Backend::Sqlite).await {
                    run(app).await;
                }
            }

            #[actix_web::test]
            async fn postgres() {
                if let Some(app) = crate::helpers::TestApp::spawn(crate::helpers::Backend::Postgres).await {
                    run(app).await;
                }
            }
        }
    };
}
pub(crate) use dual_test;

/// The `personIds` of an access-log entry, sorted.
pub(crate) fn sorted_person_ids(entry: &Value) -> Vec<String> {
    let mut ids: Vec<String> = entry["personIds"]
        .as_array()
        .expect("personIds")
        .iter()
        .map(|v| v.as_str().expect("id").to_owned())
        .collect();
    ids.sort_unstable();
    ids
}

/// Runs a test on SQLite and PostgreSQL with adjusted settings.
macro_rules! dual_test_with {
    ($name:ident, $adjust:expr, |$app:ident, $backend:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use crate::helpers::{Backend, TestApp};

            async fn run($app: TestApp, $backend: Backend) $body

            #[actix_web::test]
            async fn sqlite() {
                if let Some(app) = TestApp::spawn_with(Backend::Sqlite, $adjust).await {
                    run(app, Backend::Sqlite).await;
                }
            }

            #[actix_web::test]
            async fn postgres() {
                if let Some(app) = TestApp::spawn_with(Backend::Postgres, $adjust).await {
                    run(app, Backend::Postgres).await;
                }
            }
        }
    };
}
pub(crate) use dual_test_with;

/// Every id of `ids` paired with every caller of `callers`, id by id.
pub(crate) fn asks<'a>(ids: &'a [Value], callers: &'a [Caller]) -> Vec<(&'a Caller, &'a Value)> {
    ids.iter()
        .flat_map(|id| callers.iter().map(move |c| (c, id)))
        .collect()
}
