//! `cusnet sync`: the client an office runs to keep its own system in step with the network —
//! `pull` writes every change it may see to an NDJSON file and remembers where it stopped;
//! `push` sends the office's records from NDJSON or CSV and reports on every row.

mod client;
mod pull;
mod push;
mod records;

pub use pull::pull;
pub use push::push;

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Options of `cusnet sync`.
#[derive(Debug, Clone, Args)]
pub struct SyncArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: SyncAction,
}

/// The two directions.
#[derive(Debug, Clone, Subcommand)]
pub enum SyncAction {
    /// Pull what changed since the last run into an NDJSON file.
    Pull(PullArgs),
    /// Push the office's records from an NDJSON or CSV file.
    Push(PushArgs),
}

/// Where the network is and who the office is.
#[derive(Debug, Clone, Args)]
pub struct Endpoint {
    /// GraphQL endpoint of the network, e.g. `https://cusnet.example.pl/graphql`.
    #[arg(long, env = "CUSNET_SYNC_URL")]
    pub url: String,

    /// The office's access token.
    #[arg(long, env = "CUSNET_SYNC_TOKEN", hide_env_values = true)]
    pub token: String,
}

/// Options of `cusnet sync pull`.
#[derive(Debug, Clone, Args)]
pub struct PullArgs {
    #[command(flatten)]
    pub endpoint: Endpoint,

    /// State file: where the last run stopped. Without it the first run copies everything
    /// (a snapshot) and then follows the feed.
    #[arg(long)]
    pub state: PathBuf,

    /// NDJSON file the changes are appended to, one per line.
    #[arg(long)]
    pub out: PathBuf,

    /// Only these record types, comma-separated (e.g. `Centre,Expert`).
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,

    /// Changes per request (1–1000).
    #[arg(long, default_value_t = 500)]
    pub page_size: u32,

    /// Stop after this many pages (the next run continues from there).
    #[arg(long)]
    pub max_pages: Option<u64>,
}

/// Options of `cusnet sync push`.
#[derive(Debug, Clone, Args)]
pub struct PushArgs {
    #[command(flatten)]
    pub endpoint: Endpoint,

    /// The office's source system name, the namespace of its ids.
    #[arg(long, default_value = "office-register")]
    pub source: String,

    /// Record type of every row of a CSV file (`Centre`, `Expert`, `Event`, …).
    #[arg(long = "type")]
    pub kind: Option<String>,

    /// Region the records belong to (TERYT code), for tokens of several regions.
    #[arg(long)]
    pub region: Option<String>,

    /// Key making the push safe to repeat; default derived from the file's content.
    #[arg(long)]
    pub key: Option<String>,

    /// Report what would happen without writing anything.
    #[arg(long)]
    pub dry_run: bool,

    /// Items per request.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,

    /// NDJSON (one `{type, externalId, baseVersion, data}` per line) or CSV (`.csv`: a header
    /// row with `externalId`, optional `baseVersion`, and the record's fields; a column named
    /// `field[]` holds a `;`-separated list).
    pub file: PathBuf,
}
