//! The synthetic national network (`cusnet seed --synthetic`): loaded through the command,
//! served, searched without diacritics, scoped per caller, and the same on every load.

use crate::helpers::*;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use std::process::Command;

/// Scale of the small network the tests load (~25 centres, 500 events).
const SCALE: &str = "0.01";

/// Enrollments and certificates of that network (~12 participants for each of its 50
/// trainings: a region has ~13 persons at this scale).
const ENROLLMENTS: i64 = 626;
/// See [`ENROLLMENTS`].
const CERTIFICATES: i64 = 490;

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
    assert!(
        said.contains(&format!(
            "{ENROLLMENTS} enrollments, {CERTIFICATES} certificates"
        )),
        "{said}"
    );
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

/// One number a query answers.
async fn number(conn: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .expect("query")
        .expect("row");
    row.try_get_by_index(0).expect("number")
}

const TABLES: [&str; 8] = [
    "SELECT id, name, search_text FROM municipality ORDER BY id",
    "SELECT id, name, visibility FROM centre ORDER BY id",
    "SELECT id, given_name || ' ' || family_name, visibility FROM person ORDER BY id",
    "SELECT id, search_text, visibility FROM expert ORDER BY id",
    "SELECT id, title, visibility FROM event ORDER BY id",
    "SELECT id, title, status FROM good_practice ORDER BY id",
    "SELECT id, participant_name, status FROM training_enrollment ORDER BY id",
    "SELECT id, number, code_hash FROM certificate ORDER BY id",
];

/// Participant figures of region 26's trainings, by the API and by the tables.
const REGION_FIGURES: [(&str, &str); 4] = [
    (
        "total",
        "SELECT COUNT(*) FROM training_enrollment WHERE owner_region_id = 26",
    ),
    (
        "completed",
        "SELECT COUNT(*) FROM training_enrollment WHERE owner_region_id = 26 AND status = 'COMPLETED'",
    ),
    (
        "withdrawn",
        "SELECT COUNT(*) FROM training_enrollment WHERE owner_region_id = 26 AND status = 'WITHDRAWN'",
    ),
    (
        "certificates",
        "SELECT COUNT(*) FROM certificate WHERE owner_region_id = 26",
    ),
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

    // The region administrator of the organising region reads every training's participants,
    // persons of the region, each once; the figures agree with the list.
    let courses = app
        .data(
            &Caller::RegionAdmin("26"),
            r#"{ trainings(first: 50, filter: { regionCodes: ["26"] }) { totalCount nodes {
                endDate enrollments { status completedOn hours participantName
                  participant { id } certificate { number } }
                enrollmentCounts { total enrolled completed withdrawn certificates } } } }"#,
            json!({}),
        )
        .await;
    let courses = courses["trainings"]["nodes"].as_array().expect("nodes");
    assert!(!courses.is_empty());
    let mut region_figures: std::collections::HashMap<&str, i64> = Default::default();
    for course in courses {
        let list = course["enrollments"].as_array().expect("enrollments");
        let counts = &course["enrollmentCounts"];
        assert!(!list.is_empty(), "{course}");
        assert_eq!(
            counts["total"].as_i64(),
            Some(list.len() as i64),
            "{course}"
        );
        let mut people: Vec<&str> = list
            .iter()
            .map(|e| e["participant"]["id"].as_str().expect("participant"))
            .collect();
        people.sort_unstable();
        people.dedup();
        assert_eq!(people.len(), list.len(), "each person once: {course}");
        let with = |s: &str| list.iter().filter(|e| e["status"] == s).count() as i64;
        assert_eq!(counts["completed"].as_i64(), Some(with("COMPLETED")));
        assert_eq!(counts["withdrawn"].as_i64(), Some(with("WITHDRAWN")));
        assert_eq!(counts["enrolled"].as_i64(), Some(with("ENROLLED")));
        let certified = list.iter().filter(|e| !e["certificate"].is_null()).count() as i64;
        assert_eq!(counts["certificates"].as_i64(), Some(certified));
        for e in list {
            assert!(!e["participantName"].as_str().expect("name").is_empty());
            if e["status"] == "COMPLETED" {
                assert_eq!(e["completedOn"], course["endDate"], "{e}");
                assert!(e["hours"].as_i64().is_some_and(|h| (16..=24).contains(&h)));
            } else {
                assert!(
                    e["completedOn"].is_null() && e["certificate"].is_null(),
                    "{e}"
                );
            }
        }
        for (key, _) in REGION_FIGURES {
            *region_figures.entry(key).or_default() += counts[key].as_i64().expect("figure");
        }
    }
    assert!(region_figures["completed"] > region_figures["withdrawn"]);
    assert!(region_figures["certificates"] > 0);

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
    let twin_summary = cusnet::seed::synthetic::load(&twin_conn, 0.01, false)
        .await
        .expect("second load");
    for sql in TABLES {
        let a = fingerprint(&conn, sql).await;
        assert!(!a.is_empty(), "{sql}");
        assert_eq!(a, fingerprint(&twin_conn, sql).await, "{sql}");
    }
    // The same participant figures: through the API on the first load, in the tables of the
    // second, and as the command reported them.
    for (key, sql) in REGION_FIGURES {
        assert_eq!(region_figures[key], number(&twin_conn, sql).await, "{key}");
    }
    let enrollments = number(&conn, "SELECT COUNT(*) FROM training_enrollment").await;
    let certificates = number(&conn, "SELECT COUNT(*) FROM certificate").await;
    assert_eq!(twin_summary.enrollments as i64, enrollments);
    assert_eq!(twin_summary.certificates as i64, certificates);
    assert_eq!((enrollments, certificates), (ENROLLMENTS, CERTIFICATES));

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
