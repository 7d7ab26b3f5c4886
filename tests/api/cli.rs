//! The binary as a new user runs it: tokens, schema, and a database reused across starts.

use crate::helpers::*;
use serde_json::json;
use std::process::Command;

fn cusnet(args: &[&str], database_url: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cusnet"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("CUSNET_JWT_SECRET", TEST_SECRET)
        .env_remove("CUSNET_ENV")
        .output()
        .expect("run cusnet")
}

#[test]
fn schema_command_prints_the_checked_in_schema() {
    let out = cusnet(&["schema"], "sqlite::memory:");
    assert!(out.status.success());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        std::fs::read_to_string(path).unwrap_or_default()
    );
}

#[test]
fn token_command_rejects_unknown_roles_and_regions() {
    assert!(
        !cusnet(&["token", "--role", "superuser"], "sqlite::memory:")
            .status
            .success()
    );
    assert!(
        !cusnet(
            &["token", "--role", "region-editor", "--region", "27"],
            "sqlite::memory:"
        )
        .status
        .success()
    );
    assert!(
        !cusnet(&["token", "--role", "region-editor"], "sqlite::memory:")
            .status
            .success()
    );
}

#[test]
fn development_secret_is_generated_once_and_kept_beside_the_database() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("dev.db").display());
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_cusnet"))
            .args(["token", "--role", "network-admin"])
            .env("DATABASE_URL", &url)
            .env_remove("CUSNET_JWT_SECRET")
            .output()
            .expect("run cusnet")
    };
    assert!(run().status.success());
    let secret_file = dir.path().join("dev.db.jwt-secret");
    let first = std::fs::read_to_string(&secret_file).expect("secret file written");
    assert!(first.trim().len() >= 40, "a random secret, not a constant");
    assert!(run().status.success());
    assert_eq!(
        std::fs::read_to_string(&secret_file).expect("secret"),
        first,
        "reused, not regenerated"
    );
}

dual_test!(a_minted_token_is_accepted_by_the_server, |app| {
    let out = cusnet(
        &[
            "token",
            "--role",
            "region-editor",
            "--region",
            "28",
            "--ttl",
            "10m",
        ],
        &app.db.url,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let data = app
        .data(
            &Caller::Raw(token),
            r#"{ projects(filter: {search: "wewnetrzny"}) { nodes { ownerRegion { terytCode } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data["projects"]["nodes"],
        json!([{ "ownerRegion": { "terytCode": "28" } }])
    );
});

dual_test!(
    a_second_start_reuses_the_database_and_duplicates_nothing,
    |app| {
        let count = |app: &TestApp| {
            let app_url = app.db.url.clone();
            async move {
                use sea_orm::{EntityTrait, PaginatorTrait};
                let db = sea_orm::Database::connect(app_url.as_str())
                    .await
                    .expect("connect");
                (
                    entity::region::Entity::find()
                        .count(&db)
                        .await
                        .expect("count"),
                    entity::centre::Entity::find()
                        .count(&db)
                        .await
                        .expect("count"),
                )
            }
        };
        let before = count(&app).await;
        assert_eq!(before.0, 16);
        let (_db, _) = cusnet::startup::prepare_database(&settings(&app.db.url), true)
            .await
            .expect("second start");
        assert_eq!(count(&app).await, before);
        let out = cusnet(&["seed", "--demo"], &app.db.url);
        assert!(out.status.success());
        assert_eq!(count(&app).await, before);
    }
);

/// `cusnet serve` as a new user starts it: a fresh SQLite file, migrated and seeded, answering
/// on its port; a second start reuses the file.
#[test]
fn the_binary_serves_a_fresh_database_and_restarts_on_it() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("served.db").display());
    let start = || {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_cusnet"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", &url)
            .env("CUSNET_JWT_SECRET", TEST_SECRET)
            .env_remove("CUSNET_ENV")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start cusnet serve");
        (child, port)
    };
    let centres = |port: u16| -> Option<usize> {
        use std::io::{Read, Write};
        let body = r#"{"query":"{ centres(first: 100) { nodes { id } } }"}"#;
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        write!(
            s,
            "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        let json = out.split_once("\r\n\r\n")?.1;
        let v: serde_json::Value = serde_json::from_str(json).ok()?;
        v["data"]["centres"]["nodes"].as_array().map(Vec::len)
    };
    let wait = |port: u16| -> Option<usize> {
        for _ in 0..300 {
            if let Some(n) = centres(port) {
                return Some(n);
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        None
    };
    let (mut child, port) = start();
    let first = wait(port);
    let _ = child.kill();
    let _ = child.wait();
    let first = first.expect("the server answers on its port");
    assert!(first > 0, "the demo network is loaded");
    let (mut child, port) = start();
    let second = wait(port);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        second,
        Some(first),
        "a second start reuses the file, duplicating nothing"
    );
}

/// `cusnet migrate --down N` undoes the latest migrations (to go back to an earlier release)
/// and `cusnet migrate` applies them again, on a database that keeps its data.
#[actix_web::test]
async fn migrate_down_undoes_the_latest_migrations_and_migrate_reapplies_them() {
    use sea_orm::{ConnectionTrait, Statement};
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("cusnet.db").display());
    let applied = || async {
        let db = sea_orm::Database::connect(format!("{url}?mode=ro"))
            .await
            .expect("open");
        db.query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM seaql_migrations",
        ))
        .await
        .expect("count")
        .expect("a row")
        .try_get::<i64>("", "n")
        .expect("n")
    };
    let up = cusnet(&["migrate"], &url);
    assert!(
        up.status.success(),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    let all = applied().await;
    assert!(all > 2, "{all}");
    let down = cusnet(&["migrate", "--down", "2"], &url);
    assert!(
        down.status.success(),
        "{}",
        String::from_utf8_lossy(&down.stderr)
    );
    assert!(String::from_utf8_lossy(&down.stdout).contains("undid the latest 2 migration(s)"));
    assert_eq!(applied().await, all - 2, "two fewer applied");
    let again = cusnet(&["migrate"], &url);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(applied().await, all, "all applied again");
    assert!(!cusnet(&["migrate", "--down", "0"], &url).status.success());
}
