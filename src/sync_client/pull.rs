//! `cusnet sync pull`: snapshot first, then the change feed, appended to an NDJSON file. The
//! state file moves only after the lines it covers are safely on disk, so an interrupted run
//! repeats at most one page (harmless: every line carries the record's id and version).

use super::PullArgs;
use super::client::Client;
use super::records::RECORD_FIELDS;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// Where a pull stopped.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct State {
    /// Whether the first copy is complete.
    snapshot_done: bool,
    /// Where the snapshot walk stopped (while it runs).
    snapshot_cursor: Option<String>,
    /// Where the feed continues.
    feed_cursor: Option<String>,
}

fn read_state(path: &Path) -> anyhow::Result<State> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .with_context(|| format!("{} is not a sync state file", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Replaces the state file atomically (write beside it, sync, rename).
fn save_state(path: &Path, state: &State) -> anyhow::Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut f =
            std::fs::File::create(&tmp).with_context(|| format!("writing {}", tmp.display()))?;
        f.write_all(serde_json::to_string_pretty(state)?.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))
}

/// Appends lines to the output and makes them durable.
fn append(out: &Path, lines: &[Value]) -> anyhow::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(out)
        .with_context(|| format!("opening {}", out.display()))?;
    let mut buf = String::new();
    for l in lines {
        buf.push_str(&l.to_string());
        buf.push('\n');
    }
    f.write_all(buf.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

/// Runs a pull; returns the number of lines written.
pub async fn pull(args: &PullArgs) -> anyhow::Result<u64> {
    let client = Client::new(&args.endpoint.url, &args.endpoint.token);
    let mut state = read_state(&args.state)?;
    let types = (!args.types.is_empty()).then(|| args.types.clone());
    let first = args.page_size.clamp(1, 1000);
    let (mut pages, mut written) = (0u64, 0u64);
    let more_pages = |pages: u64| args.max_pages.is_none_or(|m| pages < m);

    let snapshot_q = format!(
        "query($after: String, $first: Int, $types: [String!]) {{ snapshot(after: $after, first: $first, types: $types) {{
            records {{ {RECORD_FIELDS} }} endCursor hasMore feedCursor }} }}"
    );
    while !state.snapshot_done && more_pages(pages) {
        let data = client
            .run(
                &snapshot_q,
                json!({ "after": state.snapshot_cursor, "first": first, "types": types }),
            )
            .await?;
        let page = &data["snapshot"];
        let lines: Vec<Value> = page["records"]
            .as_array()
            .map(|rs| {
                rs.iter()
                    .map(|r| json!({ "operation": "UPSERT", "type": r["__typename"], "id": r["id"], "version": r["version"], "record": r }))
                    .collect()
            })
            .unwrap_or_default();
        append(&args.out, &lines)?;
        written += lines.len() as u64;
        pages += 1;
        state.snapshot_cursor = page["endCursor"].as_str().map(str::to_owned);
        state.feed_cursor = page["feedCursor"].as_str().map(str::to_owned);
        state.snapshot_done = page["hasMore"] != true;
        save_state(&args.state, &state)?;
        eprintln!("snapshot: {written} records");
    }

    let changes_q = format!(
        "query($after: String, $first: Int, $types: [String!]) {{ changes(after: $after, first: $first, types: $types) {{
            changes {{ entityType entityId operation version record {{ {RECORD_FIELDS} }} }} endCursor hasMore }} }}"
    );
    while state.snapshot_done && more_pages(pages) {
        let data = client
            .run(
                &changes_q,
                json!({ "after": state.feed_cursor, "first": first, "types": types }),
            )
            .await?;
        let page = &data["changes"];
        let lines: Vec<Value> = page["changes"]
            .as_array()
            .map(|cs| {
                cs.iter()
                    .map(|c| json!({ "operation": c["operation"], "type": c["entityType"], "id": c["entityId"], "version": c["version"], "record": c["record"] }))
                    .collect()
            })
            .unwrap_or_default();
        append(&args.out, &lines)?;
        written += lines.len() as u64;
        pages += 1;
        state.feed_cursor = page["endCursor"].as_str().map(str::to_owned);
        save_state(&args.state, &state)?;
        eprintln!("changes: {written} lines");
        if page["hasMore"] != true {
            break;
        }
    }
    Ok(written)
}
