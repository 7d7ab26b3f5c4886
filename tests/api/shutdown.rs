//! Graceful shutdown of the real binary: after SIGTERM `/readyz` answers 503 at once, a request
//! already in flight finishes with its answer, new connections are refused once the drain is
//! over, and the process exits 0.

use crate::helpers::*;
use crate::raw_http::{free_port, request};
use crate::timeouts::hold_write_lock;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DRAIN: Duration = Duration::from_secs(2);

/// `cusnet serve` over the test's database.
fn start(database_url: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cusnet"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", database_url)
        .env("CUSNET_JWT_SECRET", TEST_SECRET)
        .env("CUSNET_SHUTDOWN_DRAIN", "2s")
        .env("CUSNET_STATEMENT_TIMEOUT", "60s")
        .env("CUSNET_WORKERS", "2")
        .env_remove("CUSNET_ENV")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start cusnet serve")
}

/// Polls until `check` holds or `limit` passes.
fn wait_until(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Kills the child if the test fails half-way.
struct Reap(Child);

impl Drop for Reap {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

dual_test!(
    sigterm_drains_finishes_in_flight_requests_and_exits_cleanly,
    |app| {
        let backend = if app.db.url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let port = free_port();
        let mut child = Reap(start(&app.db.url, port));
        let ready = || request(port, "GET", "/readyz", None, None).map(|r| r.0);
        assert!(
            wait_until(Duration::from_secs(60), || ready() == Some(200)),
            "the binary becomes ready"
        );

        let centre = app
            .data(
                &Caller::Admin,
                "{ centres(first: 1) { nodes { id version } } }",
                json!({}),
            )
            .await["centres"]["nodes"][0]
            .clone();
        let version = centre["version"].as_i64().expect("version");
        let body = json!({
        "query": "mutation($id: ID!, $v: Int!) { updateCentre(id: $id, expectedVersion: $v, input: { website: \"https://cus.shutdown.example\" }) { version } }",
        "variables": { "id": centre["id"], "v": version },
    })
    .to_string();
        let token = app.token(&Caller::Admin).expect("token");

        // A write that waits behind a lock held by the test: in flight during the shutdown.
        let lock = hold_write_lock(&app, backend).await;
        let in_flight = std::thread::spawn(move || {
            request(port, "POST", "/graphql", Some(&body), Some(&token))
        });
        std::thread::sleep(Duration::from_millis(500));

        let status = Command::new("kill")
            .args(["-TERM", &child.0.id().to_string()])
            .status()
            .expect("send SIGTERM");
        assert!(status.success());
        let signalled = Instant::now();

        assert!(
            wait_until(Duration::from_secs(1), || ready() == Some(503)),
            "/readyz answers 503 as soon as shutdown begins"
        );
        assert_eq!(
            request(port, "GET", "/healthz", None, None).map(|r| r.0),
            Some(200),
            "requests are still served during the drain"
        );
        // After the drain the listener closes; the blocked request keeps the process alive.
        assert!(
            wait_until(DRAIN + Duration::from_secs(3), || ready().is_none()),
            "new connections are refused after the drain"
        );
        assert!(signalled.elapsed() >= DRAIN, "not before the drain is over");
        assert!(
            child.0.try_wait().expect("try_wait").is_none(),
            "the process waits for its in-flight request"
        );

        lock.rollback().await.expect("release the lock");
        let (status, resp) = in_flight
            .join()
            .expect("request thread")
            .expect("the in-flight request is answered");
        let resp: Value = serde_json::from_str(&resp).expect("JSON response");
        assert_eq!(status, 200, "{resp}");
        assert_eq!(
            resp["data"]["updateCentre"]["version"],
            version + 1,
            "{resp}"
        );

        let mut exit = None;
        assert!(
            wait_until(Duration::from_secs(10), || {
                exit = child.0.try_wait().expect("try_wait");
                exit.is_some()
            }),
            "the process exits once the in-flight request is done"
        );
        assert!(exit.is_some_and(|s| s.success()), "exit status 0: {exit:?}");
    }
);
