//! `cusnet sync push`: the office's records from NDJSON or CSV, sent in batches; one report
//! line per row; a non-zero exit when any row was refused or in conflict.

use super::PushArgs;
use super::client::Client;
use anyhow::{Context, bail};
use serde_json::{Map, Value, json};

const PUSH: &str = "mutation($source: String!, $key: String!, $items: [SyncItemInput!]!, $dry: Boolean, $region: String) {
    syncPush(source: $source, idempotencyKey: $key, items: $items, dryRun: $dry, regionCode: $region) {
        replayed items { index externalId status id version serverVersion differingFields errors { field message } } } }";

/// Items from NDJSON: one `{type, externalId, baseVersion?, data}` per non-blank line.
fn ndjson_items(text: &str) -> anyhow::Result<Vec<Value>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str::<Value>(l).with_context(|| format!("line {}: not JSON", i + 1))
        })
        .collect()
}

/// Items from CSV: `externalId`, optional `baseVersion`, and data columns (`name[]` = a
/// `;`-separated list); empty cells are left out.
fn csv_items(text: &str, kind: &str) -> anyhow::Result<Vec<Value>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().context("reading the header row")?.clone();
    if !headers.iter().any(|h| h == "externalId") {
        bail!("the header row needs an `externalId` column");
    }
    let mut items = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("row {}", i + 2))?;
        let (mut external, mut base, mut data) = (String::new(), None, Map::new());
        for (h, cell) in headers.iter().zip(row.iter()) {
            let cell = cell.trim();
            match h {
                "externalId" => external = cell.to_owned(),
                "baseVersion" if !cell.is_empty() => {
                    base =
                        Some(cell.parse::<i64>().with_context(|| {
                            format!("row {}: baseVersion is not a number", i + 2)
                        })?);
                }
                _ if cell.is_empty() => {}
                _ => {
                    let value = match h.strip_suffix("[]") {
                        Some(_) => Value::Array(
                            cell.split(';')
                                .map(|s| Value::String(s.trim().to_owned()))
                                .collect(),
                        ),
                        None => Value::String(cell.to_owned()),
                    };
                    data.insert(h.trim_end_matches("[]").to_owned(), value);
                }
            }
        }
        items.push(
            json!({ "type": kind, "externalId": external, "baseVersion": base, "data": data }),
        );
    }
    Ok(items)
}

/// A stable key for a file's content, so that repeating the same push replays it.
fn content_key(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("file-{h:016x}")
}

/// Runs a push; prints a line per row; fails when any row was refused or in conflict.
pub async fn push(args: &PushArgs) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let text = String::from_utf8(bytes.clone()).context("the file is not UTF-8")?;
    let is_csv = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let items = if is_csv {
        let kind = args
            .kind
            .as_deref()
            .context("a CSV file needs --type (e.g. --type Centre)")?;
        csv_items(&text, kind)?
    } else {
        ndjson_items(&text)?
    };
    let key = args.key.clone().unwrap_or_else(|| content_key(&bytes));
    let client = Client::new(&args.endpoint.url, &args.endpoint.token);
    let (mut refused, mut conflicts, mut done) = (0usize, 0usize, 0usize);
    let batch = args.batch.clamp(1, 1000);
    println!("row\texternalId\tstatus\tid\tversion\tdetails");
    for (n, chunk) in items.chunks(batch).enumerate() {
        let data = client
            .run(
                PUSH,
                json!({ "source": args.source, "key": format!("{key}-{n}"), "items": chunk,
                        "dry": args.dry_run, "region": args.region }),
            )
            .await?;
        for item in data["syncPush"]["items"].as_array().into_iter().flatten() {
            let row = done + item["index"].as_u64().unwrap_or(0) as usize + 1;
            let status = item["status"].as_str().unwrap_or("?");
            let details = match status {
                "REJECTED" => {
                    refused += 1;
                    item["errors"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|e| {
                            format!(
                                "{}: {}",
                                e["field"].as_str().unwrap_or("-"),
                                e["message"].as_str().unwrap_or("")
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                }
                "CONFLICT" => {
                    conflicts += 1;
                    format!(
                        "server version {}; differs in {}",
                        item["serverVersion"], item["differingFields"]
                    )
                }
                _ => String::new(),
            };
            println!(
                "{row}\t{}\t{status}\t{}\t{}\t{details}",
                item["externalId"].as_str().unwrap_or(""),
                item["id"].as_str().unwrap_or("-"),
                item["version"],
            );
        }
        done += chunk.len();
        eprintln!("pushed {done}/{}", items.len());
    }
    if refused + conflicts > 0 {
        bail!("{refused} rows refused, {conflicts} in conflict");
    }
    Ok(())
}
