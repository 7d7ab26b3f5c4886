//! Shared checks for mutation tests: the database's row counts before and after a failed
//! write, error codes with the offending field, and global ids of seeded records.

use crate::helpers::{Caller, TestApp};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Every table a write can touch (reference data included).
pub(crate) const TABLES: &[&str] = &[
    "region",
    "county",
    "municipality",
    "funding_programme",
    "funding_action",
    "organisation",
    "regional_office",
    "centre",
    "centre_municipality",
    "centre_service_category",
    "centre_project",
    "project",
    "project_participant",
    "person",
    "position",
    "expert",
    "contact_person",
    "event",
    "event_organiser",
    "event_participation",
    "event_good_practice",
    "training",
    "training_partner",
    "study_visit",
    "study_visit_organiser",
    "good_practice",
    "good_practice_document",
    "document",
    "audit_entry",
    "idempotency_key",
    "change_event",
    "external_ref",
    "sync_push",
];

/// Tables of region-owned records, which carry a `version`.
const VERSIONED: &[&str] = &[
    "organisation",
    "centre",
    "project",
    "person",
    "expert",
    "contact_person",
    "event",
    "training",
    "study_visit",
    "good_practice",
    "document",
];

/// The state of the database a failed write must leave untouched: per table, the row count
/// and the sum of versions where the table has them (an update bumps the version).
pub(crate) async fn snapshot(app: &TestApp) -> BTreeMap<&'static str, (i64, i64)> {
    let conn = app.connect().await;
    let backend = conn.get_database_backend();
    let mut out = BTreeMap::new();
    for table in TABLES {
        let has_version = VERSIONED.contains(table);
        let sql = if has_version {
            format!(
                "SELECT CAST(COUNT(*) AS BIGINT) AS n, CAST(COALESCE(SUM(version), 0) AS BIGINT) AS v FROM {table}"
            )
        } else {
            format!("SELECT CAST(COUNT(*) AS BIGINT) AS n, CAST(0 AS BIGINT) AS v FROM {table}")
        };
        let row = conn
            .query_one_raw(Statement::from_string(backend, sql))
            .await
            .expect("count query")
            .expect("a row");
        let n: i64 = row.try_get("", "n").expect("n");
        let v: i64 = row.try_get("", "v").expect("v");
        out.insert(*table, (n, v));
    }
    out
}

/// Asserts a response failed with `code`, naming `field` when given, and wrote no data.
pub(crate) fn assert_error(resp: &Value, code: &str, field: Option<&str>) {
    let err = &resp["errors"][0];
    assert_eq!(
        err["extensions"]["code"].as_str(),
        Some(code),
        "expected {code}: {resp}"
    );
    if let Some(field) = field {
        assert_eq!(
            err["extensions"]["field"].as_str(),
            Some(field),
            "expected field {field}: {resp}"
        );
    }
}

/// Global id of the first record of a list query whose `name`/`title` field equals `name`.
/// `list` is a root list field (e.g. `centres`), `label` the field holding the name.
pub(crate) async fn id_by_name(
    app: &TestApp,
    caller: &Caller,
    list: &str,
    label: &str,
    name: &str,
) -> (String, i64) {
    let q = format!(
        "query($s: String) {{ {list}(filter: {{ search: $s }}, first: 100) {{ nodes {{ id version {label} }} }} }}"
    );
    let data = app.data(caller, &q, json!({ "s": name })).await;
    let node = data[list]["nodes"]
        .as_array()
        .and_then(|ns| ns.iter().find(|n| n[label].as_str() == Some(name)))
        .unwrap_or_else(|| panic!("no {list} named {name}: {data}"))
        .clone();
    (
        node["id"].as_str().expect("id").to_owned(),
        node["version"].as_i64().expect("version"),
    )
}

/// The number of audit entries about one record (read directly from the database).
pub(crate) async fn audit_entries(app: &TestApp, entity_type: &str) -> i64 {
    let conn = app.connect().await;
    let backend = conn.get_database_backend();
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM audit_entry WHERE entity_type = '{entity_type}'"
    );
    let row = conn
        .query_one_raw(Statement::from_string(backend, sql))
        .await
        .expect("count query")
        .expect("a row");
    row.try_get("", "n").expect("n")
}
