//! The synthetic national network (`cusnet seed --synthetic`): loaded through the command,
//! served, searched without diacritics, scoped per caller, and the same on every load.

use crate::helpers::*;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use std::process::Command;

/// Scale of the small network the tests load (~25 centres, 500 events).
const SCALE: &str = "0.01";

/// Loads the synthetic network into `db` through the binary, as an operator does.
fn seed_with_command(db: &TestDatabase) {
    let out = Command::new(env!("CARGO_BIN_EXE_cusnet"))
        .args(["seed", "--synthetic", "--scale", SCALE])
        .env("DATABASE_URL", &db.url)
        .env("CUSNET_JWT_SECRET", TEST_SECRET)
        .env_remove("CUSNET_ENV")
        .output()
        .expect("run cusnet");
    assert!(
        out.status.success(),
        "seed failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("25 centres"), "{said}");
    assert!(said.contains("500 events"), "{said}");
}

/// The rows of a table that identify its content, in id order.
async fn fingerprint(conn: &sea_orm::DatabaseConnection, sql: &str) -> Vec<String> {
    let backend = conn.get_database_backend();
    conn.query_all_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .expect("query")
        .iter()
        .map(|row| {
            let id: i64 = row.try_get_by_index(0).expect("id");
            let text: String = row.try_get_by_index(1).expect("text");
            let extra: String = row.try_get_by_index(2).expect("extra");
            format!("{id}|{text}|{extra}")
        })
        .collect()
}

const TABLES: [&str; 6] = [
    "SELECT id, name, search_text FROM municipality ORDER BY id",
    "SELECT id, name, visibility FROM centre ORDER BY id",
    "SELECT id, given_name || ' ' || family_name, visibility FROM person ORDER BY id",
    "SELECT id, search_text, visibility FROM expert ORDER BY id",
    "SELECT id, title, visibility FROM event ORDER BY id",
    "SELECT id, title, status FROM good_practice ORDER BY id",
];

async fn run(backend: Backend) {
    let Some(db) = TestDatabase::create(backend).await else {
        return;
    };
    seed_with_command(&db);
    let app = TestApp::spawn_over(db).await;

    // A second load into a non-empty database is refused and changes nothing.
    let conn = app.connect().await;
    assert!(
        cusnet::seed::synthetic::load(&conn, 0.01, false)
            .await
            .is_err()
    );

    // Every region is there, each with its own centres.
    let data = app
        .data(
            &Caller::Admin,
            "{ regions(first: 20) { totalCount } centres(first: 1) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data["regions"]["totalCount"], 16);
    assert_eq!(data["centres"]["totalCount"], 25);

    // A dashboard page: one region's centres with experts, projects and municipalities,
    // in a number of statements that does not grow with the rows.
    let nested =
        "query($r: [String!]) { centres(first: 10, filter: { regionCodes: $r }, sort: NAME_ASC) {
        totalCount nodes { name municipalities { name } projects { title }
        experts { summary person { givenName familyName } } } } }";
    let before = app.statements.get();
    let page = app
        .data(&Caller::Viewer("26"), nested, json!({ "r": ["26"] }))
        .await;
    let statements = app.statements.get() - before;
    let centres = page["centres"]["nodes"].as_array().expect("nodes");
    assert!(!centres.is_empty());
    // Nine reads, one per level and loader, and the personal-data access-log entry for the
    // experts' names (a look-up of their owners and two inserts).
    assert!(
        statements <= 12,
        "{statements} statements for a nested page"
    );
    let experts: usize = centres
        .iter()
        .map(|c| c["experts"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(experts > 0, "the region's centres have experts: {page}");
    for c in centres {
        assert!(
            c["name"]
                .as_str()
                .expect("name")
                .starts_with("Centrum Usług Społecznych")
        );
        assert!(!c["municipalities"].as_array().expect("m").is_empty());
    }

    // Visibility mix: anonymous callers see the public centres only, fewer than all.
    let anon = app
        .data(
            &Caller::Anonymous,
            "{ centres(first: 1) { totalCount } people(first: 1) { totalCount } }",
            json!({}),
        )
        .await;
    let public = anon["centres"]["totalCount"].as_i64().expect("count");
    assert!(public > 0 && public < 25, "public centres: {public}");
    assert_eq!(anon["people"]["totalCount"], 0);

    // Search ignores case and Polish diacritics, for centres and good practices alike.
    let found = app
        .data(
            &Caller::Admin,
            r#"{ centres(first: 10, filter: { search: "LAGOW" }) { nodes { name } }
                 goodPractices(first: 5, filter: { search: "klub sasiedzki" }) { totalCount nodes { title } } }"#,
            json!({}),
        )
        .await;
    let names: Vec<&str> = found["centres"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["name"].as_str())
        .collect();
    assert!(
        !names.is_empty() && names.iter().all(|n| n.contains("Łagów")),
        "{names:?}"
    );
    assert!(found["goodPractices"]["totalCount"].as_i64().expect("n") > 0);
    for gp in found["goodPractices"]["nodes"].as_array().expect("nodes") {
        assert!(
            gp["title"]
                .as_str()
                .expect("title")
                .starts_with("Klub sąsiedzki")
        );
    }

    // Deterministic: a second load of the same scale, through the library, is identical.
    let Some(twin) = TestDatabase::create(backend).await else {
        return;
    };
    let twin_url = match backend {
        Backend::Sqlite => format!("{}?mode=rwc", twin.url),
        Backend::Postgres => twin.url.clone(),
    };
    let twin_conn = sea_orm::Database::connect(twin_url.as_str())
        .await
        .expect("connect");
    cusnet::db::migrate(&twin_conn).await.expect("migrate");
    cusnet::seed::synthetic::load(&twin_conn, 0.01, false)
        .await
        .expect("second load");
    for sql in TABLES {
        let a = fingerprint(&conn, sql).await;
        assert!(!a.is_empty(), "{sql}");
        assert_eq!(a, fingerprint(&twin_conn, sql).await, "{sql}");
    }

    // Records created through the API after a load get fresh ids (sequences moved on).
    let created = app
        .data(
            &Caller::Editor("26"),
            r#"mutation { createPerson(input: { givenName: "Zuzanna", familyName: "Źdźbło" }) { familyName } }"#,
            json!({}),
        )
        .await;
    assert_eq!(created["createPerson"]["familyName"], "Źdźbło");
}

#[actix_web::test]
async fn synthetic_network_on_sqlite() {
    run(Backend::Sqlite).await;
}

#[actix_web::test]
async fn synthetic_network_on_postgres() {
    run(Backend::Postgres).await;
}
