//! A small GraphQL-over-HTTP client for the sync commands.

use anyhow::{Context, bail};
use serde_json::{Value, json};

/// One endpoint, one token.
pub(super) struct Client {
    http: awc::Client,
    url: String,
    auth: String,
}

impl Client {
    pub(super) fn new(url: &str, token: &str) -> Self {
        Self {
            http: awc::Client::builder()
                .timeout(std::time::Duration::from_secs(120))
                .finish(),
            url: url.to_owned(),
            auth: format!("Bearer {token}"),
        }
    }

    /// Runs an operation; its `data`, or an error with the server's code and message.
    pub(super) async fn run(&self, query: &str, variables: Value) -> anyhow::Result<Value> {
        let body = json!({ "query": query, "variables": variables }).to_string();
        let mut resp = self
            .http
            .post(&self.url)
            .insert_header(("content-type", "application/json"))
            .insert_header(("accept", "application/json"))
            .insert_header(("authorization", self.auth.as_str()))
            .send_body(body)
            .await
            .map_err(|e| anyhow::anyhow!("cannot reach {}: {e}", self.url))?;
        let bytes = resp
            .body()
            .limit(64 * 1024 * 1024)
            .await
            .context("reading the response")?;
        let v: Value = serde_json::from_slice(&bytes)
            .with_context(|| format!("the server answered HTTP {} without JSON", resp.status()))?;
        if let Some(err) = v["errors"].as_array().and_then(|e| e.first()) {
            let code = err["extensions"]["code"].as_str().unwrap_or("ERROR");
            let field = err["extensions"]["field"]
                .as_str()
                .map(|f| format!(" ({f})"))
                .unwrap_or_default();
            bail!(
                "{code}{field}: {}",
                err["message"].as_str().unwrap_or("no message")
            );
        }
        Ok(v["data"].clone())
    }
}
