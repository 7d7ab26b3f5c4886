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
}

/// The deployment environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    /// Local work: GraphiQL on, a generated token secret when none is configured.
    Development,
    /// Production: a token key is required.
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
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load data into the database.
    Seed(SeedArgs),
    /// Print the GraphQL schema (SDL) to standard output.
    Schema,
    /// Mint a signed development access token and print it.
    Token(TokenArgs),
    /// Exchange records with a cusnet server, as a regional office does.
    Sync(crate::sync_client::SyncArgs),
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
}

impl Default for ServeArgs {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            demo_seed: true,
            workers: None,
        }
    }
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
}
