//! A second server over a test's database, started with settings the test chooses
//! (production mode, a JWKS, CORS origins, tight rate limits), and a small client for it.

use crate::helpers::settings;
use cusnet::config::{ServeArgs, Settings};
use cusnet::startup::Application;
use serde_json::{Value, json};
use std::net::SocketAddr;

/// A running server with custom settings.
pub(crate) struct CustomServer {
    addr: SocketAddr,
    client: awc::Client,
}

/// What the server answered.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: awc::http::header::HeaderMap,
    pub(crate) body: Value,
}

impl Answer {
    /// A response header as text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The first error code of the body.
    pub(crate) fn code(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["code"].as_str()
    }
}

/// Builds a server over `database_url` with the test settings changed by `customize`;
/// `Err` when the server refuses to start.
pub(crate) async fn try_spawn(
    database_url: &str,
    customize: impl FnOnce(&mut Settings),
) -> anyhow::Result<CustomServer> {
    let mut s = settings(database_url);
    customize(&mut s);
    let serve = ServeArgs {
        bind: "127.0.0.1:0".parse().expect("address"),
        demo_seed: true,
        workers: Some(2),
        ..ServeArgs::default()
    };
    let app = Application::build(s, serve).await?;
    let addr: SocketAddr = format!("127.0.0.1:{}", app.port())
        .parse()
        .expect("address");
    actix_web::rt::spawn(app.run_until_stopped());
    Ok(CustomServer {
        addr,
        client: awc::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .finish(),
    })
}

/// Like [`try_spawn`], for servers that must start.
pub(crate) async fn spawn(
    database_url: &str,
    customize: impl FnOnce(&mut Settings),
) -> CustomServer {
    try_spawn(database_url, customize)
        .await
        .expect("server starts")
}

impl CustomServer {
    /// Sends a request with the given method, headers and optional body.
    pub(crate) async fn request(
        &self,
        method: awc::http::Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<String>,
    ) -> Answer {
        let mut req = self
            .client
            .request(method, format!("http://{}{path}", self.addr));
        for (k, v) in headers {
            req = req.insert_header((*k, *v));
        }
        let mut resp = match body {
            Some(b) => req.send_body(b).await,
            None => req.send().await,
        }
        .expect("request sent");
        let bytes = resp.body().await.expect("body");
        Answer {
            status: resp.status().as_u16(),
            headers: resp.headers().clone(),
            body: serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned())),
        }
    }

    /// Posts a GraphQL operation, with a bearer token when given.
    pub(crate) async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Answer {
        let auth = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![("content-type", "application/json")];
        if let Some(a) = auth.as_deref() {
            headers.push(("authorization", a));
        }
        let body = json!({ "query": query, "variables": variables }).to_string();
        self.request(awc::http::Method::POST, "/graphql", &headers, Some(body))
            .await
    }
}
