//! Typed settings from command-line flags and environment variables.
//!
//! Every flag has an environment variable (`CUSNET_…`, plus the conventional `DATABASE_URL`);
//! `cusnet --help` and `cusnet <command> --help` document each one.

use clap::{Parser, Subcommand, ValueEnum};
use secrecy::SecretString;
use std::net::SocketAddr;
use std::time::Duration;

/// GraphQL API of the cooperation network of Polish social-services centres (CUS).
#[derive(Debug, Parser)]
#[command(name = "cusnet", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Settings shared by every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// Database URL: `sqlite://FILE` (embedded, the default) or `postgres://USER@HOST/DB`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://cusnet.db",
        global = true
    )]
    pub database_url: String,

    /// Deployment environment: `development` (GraphiQL, generated token secret) or `production`.
    #[arg(long = "env", env = "CUSNET_ENV", value_enum, default_value_t = Environment::Development, global = true)]
    pub environment: Environment,

    /// Shared secret for HS256 access tokens. In development, when unset, a random secret is
    /// generated on first start and kept beside the database (`<database>.jwt-secret`).
    #[arg(long, env = "CUSNET_JWT_SECRET", hide_env_values = true, global = true)]
    pub jwt_secret: Option<SecretString>,

    /// Required `iss` claim of access tokens.
    #[arg(
        long,
        env = "CUSNET_JWT_ISSUER",
        default_value = "cusnet",
        global = true
    )]
    pub jwt_issuer: String,

    /// Required `aud` claim of access tokens.
    #[arg(
        long,
        env = "CUSNET_JWT_AUDIENCE",
        default_value = "cusnet-api",
        global = true
    )]
    pub jwt_audience: String,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(long, env = "CUSNET_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// Maximum number of database connections in the pool.
    #[arg(
        long,
        env = "CUSNET_DB_MAX_CONNECTIONS",
        default_value_t = 16,
        global = true
    )]
    pub db_max_connections: u32,

    /// PostgreSQL connections the server's workers keep for their own reads, beside the
    /// pool (shared out evenly between workers, at least one each; by default two per
    /// worker, at most 16 in all). A read waits for one of its worker's connections, up to
    /// the acquire timeout, then uses the pool; so does a read of a worker that cannot
    /// connect. 0 sends every read to the pool. Ignored on SQLite.
    #[arg(long, env = "CUSNET_DB_READ_CONNECTIONS", global = true)]
    pub db_read_connections: Option<u32>,

    /// Largest page a list field returns (`first`/`last` above it is rejected).
    #[arg(
        long,
        env = "CUSNET_MAX_PAGE_SIZE",
        default_value_t = 100,
        global = true
    )]
    pub max_page_size: u64,

    /// Days the change feed keeps changes; an office whose cursor is older must take a new
    /// snapshot. 0 keeps them forever.
    #[arg(
        long,
        env = "CUSNET_FEED_RETENTION_DAYS",
        default_value_t = 90,
        global = true
    )]
    pub feed_retention_days: u32,

    /// Most items one `syncPush` may carry.
    #[arg(
        long,
        env = "CUSNET_SYNC_MAX_ITEMS",
        default_value_t = 1000,
        global = true
    )]
    pub sync_max_items: usize,

    /// Most `syncPush` mutations one server writes at the same time; further pushes wait
    /// for a turn (in arrival order, within the request timeout). Pushes write item by item,
    /// so running many at once only makes every one of them slower.
    #[arg(
        long,
        env = "CUSNET_SYNC_CONCURRENCY",
        default_value_t = 2,
        value_parser = clap::value_parser!(u32).range(1..),
        global = true
    )]
    pub sync_concurrency: u32,

    /// Most large requests (bodies of 64 KiB or more, such as pushes of hundreds of
    /// records, and repeated reads whose last answer was 64 KiB or more) one server parses
    /// and runs at the same time; further ones wait for a turn, within the request timeout.
    /// Running one takes megabytes, so a burst of them would multiply the server's memory.
    #[arg(
        long,
        env = "CUSNET_LARGE_REQUEST_CONCURRENCY",
        default_value_t = 2,
        value_parser = clap::value_parser!(u32).range(1..),
        global = true
    )]
    pub large_request_concurrency: u32,

    /// Longest a GraphQL request may run; past it the client gets an `INTERNAL` error with
    /// `reason: TIMEOUT` (HTTP 503) and the request's transaction rolls back.
    #[arg(long, env = "CUSNET_REQUEST_TIMEOUT", default_value = "30s", value_parser = humantime::parse_duration, global = true)]
    pub request_timeout: Duration,

    /// Longest one SQL statement may run: PostgreSQL `statement_timeout` on every pooled
    /// connection; on SQLite, how long a statement waits for another writer's lock.
    /// `0` leaves the database default.
    #[arg(long, env = "CUSNET_STATEMENT_TIMEOUT", default_value = "20s", value_parser = humantime::parse_duration, global = true)]
    pub statement_timeout: Duration,

    /// PostgreSQL: plan each prepared statement once per connection and reuse the plan
    /// (`plan_cache_mode = force_generic_plan`, a startup parameter of every pooled
    /// connection) instead of planning it again for most executions. cusnet's statements
    /// filter by ids, regions and keys whose values do not change the best plan; `false`
    /// leaves the server's choice.
    #[arg(
        long,
        env = "CUSNET_DB_GENERIC_PLANS",
        default_value_t = true,
        action = clap::ArgAction::Set,
        global = true
    )]
    pub db_generic_plans: bool,

    /// Longest a request waits for a database connection (or for the database to accept a
    /// new one); past it the client gets `reason: DATABASE_UNAVAILABLE` (HTTP 503).
    #[arg(long, env = "CUSNET_DB_ACQUIRE_TIMEOUT", default_value = "5s", value_parser = humantime::parse_duration, global = true)]
    pub db_acquire_timeout: Duration,

    /// JWKS file with the public keys (RS256/ES256) of an identity provider, e.g. an export of
    /// Keycloak's `…/protocol/openid-connect/certs`. Re-read like a URL source.
    #[arg(long, env = "CUSNET_JWKS_FILE", global = true)]
    pub jwks_file: Option<std::path::PathBuf>,

    /// JWKS URL of an identity provider (RS256/ES256 keys), e.g.
    /// `https://sso.example.pl/realms/rops/protocol/openid-connect/certs`.
    #[arg(long, env = "CUSNET_JWKS_URL", global = true)]
    pub jwks_url: Option<String>,

    /// Seconds after which the JWKS is reloaded (on the next token that needs it).
    #[arg(
        long,
        env = "CUSNET_JWKS_REFRESH_SECS",
        default_value_t = 300,
        global = true
    )]
    pub jwks_refresh_secs: u64,

    /// Shortest gap, in seconds, between JWKS reloads caused by a token with an unknown `kid`;
    /// a flood of made-up key ids costs at most one reload per gap.
    #[arg(
        long,
        env = "CUSNET_JWKS_MIN_REFRESH_SECS",
        default_value_t = 30,
        global = true
    )]
    pub jwks_min_refresh_secs: u64,

    /// Clock-skew leeway, in seconds, when checking `exp` and `nbf` (at most 60).
    #[arg(long, env = "CUSNET_JWT_LEEWAY_SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(0..=60), global = true)]
    pub jwt_leeway_secs: u64,

    /// Answer introspection queries. Default: on in development, off in production.
    #[arg(long, env = "CUSNET_INTROSPECTION", global = true)]
    pub introspection: Option<bool>,

    /// Serve GraphiQL at `/graphiql`. Default: on in development, off in production.
    #[arg(long, env = "CUSNET_GRAPHIQL", global = true)]
    pub graphiql: Option<bool>,

    /// Suggest field names („did you mean …”) in validation errors. Default: on in
    /// development, off in production.
    #[arg(long, env = "CUSNET_FIELD_SUGGESTIONS", global = true)]
    pub field_suggestions: Option<bool>,

    /// Browser origins allowed to call the API (CORS), comma-separated, e.g.
    /// `https://cus.example.pl,https://rops.example.pl`. Empty: no CORS headers at all.
    #[arg(
        long,
        env = "CUSNET_CORS_ORIGINS",
        value_delimiter = ',',
        global = true
    )]
    pub cors_origins: Vec<String>,

    /// Requests per minute one caller may send (per token subject; per client IP without a
    /// token). 0 turns the limit off.
    #[arg(
        long,
        env = "CUSNET_RATE_PER_MINUTE",
        default_value_t = 600,
        global = true
    )]
    pub rate_per_minute: u32,

    /// Requests one caller may send at once before the per-minute rate applies.
    #[arg(long, env = "CUSNET_RATE_BURST", default_value_t = 60, global = true)]
    pub rate_burst: u32,

    /// `syncPush` requests per minute one caller may send (a budget of its own). 0: no limit.
    #[arg(
        long,
        env = "CUSNET_SYNC_RATE_PER_MINUTE",
        default_value_t = 30,
        global = true
    )]
    pub sync_rate_per_minute: u32,

    /// `syncPush` requests one caller may send at once.
    #[arg(
        long,
        env = "CUSNET_SYNC_RATE_BURST",
        default_value_t = 5,
        global = true
    )]
    pub sync_rate_burst: u32,
    /// Limits on request bodies and query shapes (`docs/limits.md`).
    #[command(flatten)]
    pub request_limits: RequestLimits,
    /// Certificate verifications one client address may attempt per minute (public
    /// `verifyCertificate`; guessing codes is throttled).
    #[arg(
        long,
        env = "CUSNET_VERIFY_RATE_PER_MINUTE",
        default_value_t = 10,
        global = true
    )]
    pub verify_rate_per_minute: u32,
    /// Days after a training's last day that its participants' personal data is kept;
    /// `cusnet purge` anonymises what is older. 0 keeps it forever.
    #[arg(
        long,
        env = "CUSNET_TRAINING_RETENTION_DAYS",
        default_value_t = 1825,
        global = true
    )]
    pub training_retention_days: u32,
    /// Serve repeated read queries of the compiled subset (centre lists with their nested
    /// municipality, region, projects and experts; `node` of a centre; the region list)
    /// without the engine's per-field work, once the engine has run the same document
    /// cleanly. `false` sends every request through the engine.
    #[arg(
        long,
        env = "CUSNET_COMPILED_READS",
        default_value_t = true,
        action = clap::ArgAction::Set,
        global = true
    )]
    pub compiled_reads: bool,
}

/// The deployment environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    /// Local work: GraphiQL on, a generated token secret when none is configured.
    Development,
    /// Production: a token key is required; introspection, GraphiQL and field suggestions
    /// are off unless enabled explicitly.
    Production,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// What the binary does.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (the default): migrates the database and loads the demo network
    /// into an empty database first.
    Serve(ServeArgs),
    /// Apply pending database migrations (or undo the latest ones) and exit.
    Migrate(MigrateArgs),
    /// Load data into the database.
    Seed(SeedArgs),
    /// Print the GraphQL schema (SDL) to standard output.
    Schema,
    /// Mint a signed development access token and print it.
    Token(TokenArgs),
    /// Exchange records with a cusnet server, as a regional office does.
    Sync(crate::sync_client::SyncArgs),
    /// Anonymise training participants whose retention period has passed
    /// (`CUSNET_TRAINING_RETENTION_DAYS` after the training's last day).
    Purge(PurgeArgs),
}

/// Options of `cusnet serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "CUSNET_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Load the demo network when the database holds no regions yet.
    #[arg(long, env = "CUSNET_DEMO_SEED", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo_seed: bool,

    /// Number of HTTP worker threads (default: one per CPU core).
    #[arg(long, env = "CUSNET_WORKERS")]
    pub workers: Option<usize>,

    /// After SIGTERM or SIGINT: how long `/readyz` answers 503 while requests are still
    /// accepted, so a load balancer stops sending traffic before the listener closes.
    #[arg(long, env = "CUSNET_SHUTDOWN_DRAIN", default_value = "5s", value_parser = humantime::parse_duration)]
    pub shutdown_drain: Duration,

    /// After the drain: how long in-flight requests may take to finish before the process
    /// exits anyway.
    #[arg(long, env = "CUSNET_SHUTDOWN_TIMEOUT", default_value = "30s", value_parser = humantime::parse_duration)]
    pub shutdown_timeout: Duration,
}

impl Default for ServeArgs {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            demo_seed: true,
            workers: None,
            shutdown_drain: Duration::from_secs(5),
            shutdown_timeout: Duration::from_secs(30),
        }
    }
}

/// Options of `cusnet migrate`.
#[derive(Debug, Clone, clap::Args)]
pub struct MigrateArgs {
    /// Undo the latest N applied migrations instead of applying pending ones (to go back to
    /// an earlier release; see docs/operations.md).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub down: Option<u32>,
}

/// Options of `cusnet seed`.
#[derive(Debug, Clone, clap::Args)]
pub struct SeedArgs {
    /// Load the demo network (the facts of the founding regions). Does nothing when it is
    /// already loaded.
    #[arg(long)]
    pub demo: bool,

    /// Generate the synthetic national network (for load tests) into an empty database.
    #[arg(long, conflicts_with = "demo")]
    pub synthetic: bool,

    /// Size of the synthetic network: 1 is roughly all of Poland (~2,500 centres, ~50,000
    /// events); fractions make smaller networks.
    #[arg(long, default_value_t = 1.0, requires = "synthetic")]
    pub scale: f64,
}

/// Options of `cusnet token`.
#[derive(Debug, Clone, clap::Args)]
pub struct TokenArgs {
    /// Role: network-admin, region-admin, region-editor, region-viewer or university.
    #[arg(long)]
    pub role: String,

    /// TERYT code of a region in scope (repeat for several), e.g. `--region 26`.
    #[arg(long = "region")]
    pub regions: Vec<String>,

    /// Organisation id for university tokens (the `org` claim).
    #[arg(long)]
    pub org: Option<String>,

    /// Subject (`sub` claim): who the token is for.
    #[arg(long, default_value = "dev-user")]
    pub sub: String,

    /// Lifetime, e.g. `30m`, `8h`, `7d`.
    #[arg(long, default_value = "8h", value_parser = humantime::parse_duration)]
    pub ttl: Duration,
}

impl Settings {
    /// True when the configured database is SQLite.
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// True when introspection queries are answered.
    pub fn introspection_enabled(&self) -> bool {
        self.introspection.unwrap_or(self.is_development())
    }

    /// True when `/graphiql` is served.
    pub fn graphiql_enabled(&self) -> bool {
        self.graphiql.unwrap_or(self.is_development())
    }

    /// True when validation errors suggest field names.
    pub fn field_suggestions_enabled(&self) -> bool {
        self.field_suggestions.unwrap_or(self.is_development())
    }

    fn is_development(&self) -> bool {
        self.environment == Environment::Development
    }
}

/// Limits on what one GraphQL request may ask for; every one is checked before execution.
/// `docs/limits.md` explains each and how the defaults were chosen.
#[derive(Debug, Clone, clap::Args)]
pub struct RequestLimits {
    /// Largest request body in bytes (larger is HTTP 413).
    #[arg(long, env = "CUSNET_MAX_BODY_BYTES", default_value_t = RequestLimits::default().max_body_bytes, global = true)]
    pub max_body_bytes: usize,

    /// Deepest field nesting of a query.
    #[arg(long = "max-query-depth", env = "CUSNET_MAX_QUERY_DEPTH", default_value_t = RequestLimits::default().max_depth, global = true)]
    pub max_depth: usize,

    /// Highest query complexity: every field counts 1, a list field counts its page size
    /// (`first`/`last`, default 20) times its selection.
    #[arg(long = "max-query-complexity", env = "CUSNET_MAX_QUERY_COMPLEXITY", default_value_t = RequestLimits::default().max_complexity, global = true)]
    pub max_complexity: usize,

    /// Deepest nesting of selection sets and fragments, checked while parsing.
    #[arg(long = "max-query-recursion", env = "CUSNET_MAX_QUERY_RECURSION", default_value_t = RequestLimits::default().max_recursion, global = true)]
    pub max_recursion: usize,

    /// Most directives on one field.
    #[arg(long = "max-query-directives", env = "CUSNET_MAX_QUERY_DIRECTIVES", default_value_t = RequestLimits::default().max_directives, global = true)]
    pub max_directives: usize,

    /// Most aliased fields in one request.
    #[arg(long = "max-query-aliases", env = "CUSNET_MAX_QUERY_ALIASES", default_value_t = RequestLimits::default().max_aliases, global = true)]
    pub max_aliases: usize,

    /// Most field selections in one request, `__typename` included, every fragment counted
    /// where it is spread.
    #[arg(long = "max-query-fields", env = "CUSNET_MAX_QUERY_FIELDS", default_value_t = RequestLimits::default().max_fields, global = true)]
    pub max_fields: usize,
}

impl Default for RequestLimits {
    fn default() -> Self {
        Self {
            max_body_bytes: 256 * 1024,
            max_depth: 16,
            max_complexity: 50_000,
            max_recursion: 32,
            max_directives: 8,
            max_aliases: 200,
            max_fields: 2_000,
        }
    }
}

/// Options of `cusnet purge`.
#[derive(Debug, Clone, clap::Args)]
pub struct PurgeArgs {
    /// List what would be anonymised (counts and ids, no names) without changing anything.
    #[arg(long)]
    pub dry_run: bool,
}
