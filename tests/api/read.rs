//! The read API: search, pagination, filters, nested loading without N+1, demo facts.

use crate::helpers::*;
use serde_json::{Value, json};

fn names(v: &Value, field: &str) -> Vec<String> {
    v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n[field].as_str().unwrap_or_default().to_owned())
        .collect()
}

dual_test!(search_ignores_case_and_polish_diacritics, |app| {
    let q = "query($s: String!) { centres(filter: {search: $s}) { nodes { name } } }";
    for s in ["lagow", "ŁAGÓW", "Łag", "łagowie"] {
        let data = app.data(&Caller::Anonymous, q, json!({ "s": s })).await;
        assert_eq!(
            names(&data["centres"], "name"),
            vec!["Centrum Usług Społecznych w Łagowie".to_owned()],
            "search {s:?}"
        );
    }
    let m = app
        .data(
            &Caller::Anonymous,
            r#"{ municipalities(filter: {search: "skarzysko"}) { nodes { name terytCode } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        m["municipalities"]["nodes"][0]["name"],
        "Skarżysko-Kamienna"
    );

    // Wildcards and quotes are matched literally, never as SQL.
    for s in ["%", "_", "' OR 1=1 --", "\\", "%lagow%"] {
        let data = app.data(&Caller::Anonymous, q, json!({ "s": s })).await;
        assert_eq!(
            data["centres"]["nodes"],
            json!([]),
            "search {s:?} must match nothing"
        );
    }
    let nul = app
        .gql(&Caller::Anonymous, q, json!({ "s": "a\u{0}b" }))
        .await;
    assert_eq!(error_code(&nul), Some("BAD_USER_INPUT"));
    assert_eq!(nul["errors"][0]["extensions"]["field"], "filter.search");
});

dual_test!(pages_walk_the_whole_list_without_gaps_or_repeats, |app| {
    let q = "query($after: String) { regions(first: 5, after: $after) {
               totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { name } } } }";
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let data = app
            .data(&Caller::Anonymous, q, json!({ "after": after }))
            .await;
        let conn = &data["regions"];
        assert_eq!(conn["totalCount"], 16);
        assert_eq!(conn["pageInfo"]["hasPreviousPage"], after.is_some());
        for e in conn["edges"].as_array().expect("edges") {
            seen.push(e["node"]["name"].as_str().unwrap_or_default().to_owned());
        }
        if conn["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = conn["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen.len(), 16);
    assert_eq!(sorted.len(), 16, "no region twice");

    // `last` returns the tail, in list order.
    let data = app
        .data(
            &Caller::Anonymous,
            "{ regions(last: 3) { nodes { name } pageInfo { hasPreviousPage } } }",
            json!({}),
        )
        .await;
    assert_eq!(names(&data["regions"], "name"), seen[13..].to_vec());
    assert_eq!(data["regions"]["pageInfo"]["hasPreviousPage"], true);

    let too_big = app
        .gql(
            &Caller::Anonymous,
            "{ regions(first: 101) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&too_big), Some("BAD_USER_INPUT"));
    assert_eq!(too_big["errors"][0]["extensions"]["field"], "first");
    let bad_cursor = app
        .gql(
            &Caller::Anonymous,
            r#"{ centres(after: "zzz") { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&bad_cursor), Some("BAD_USER_INPUT"));
    assert_eq!(bad_cursor["errors"][0]["extensions"]["field"], "after");
});

/// Inserts `n` synthetic centres in region 26, each linked to a municipality, a project and a
/// good practice, through a direct connection (tests only).
async fn add_centres(app: &TestApp, n: usize, prefix: &str) {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let db = app.connect().await;
    let municipality = entity::municipality::Entity::find()
        .filter(entity::municipality::Column::RegionId.eq(26))
        .one(&db)
        .await
        .expect("query")
        .expect("a municipality in 26");
    let project = entity::project::Entity::find()
        .filter(entity::project::Column::OwnerRegionId.eq(26))
        .one(&db)
        .await
        .expect("query")
        .expect("a project in 26");
    let at = chrono::DateTime::parse_from_rfc3339("2026-02-01T00:00:00Z")
        .expect("time")
        .to_utc();
    for i in 0..n {
        let centre = entity::centre::ActiveModel {
            name: Set(format!("{prefix} {i:03}")),
            status: Set(entity::enums::CentreStatus::Planned),
            primary_municipality_id: Set(municipality.id),
            owner_region_id: Set(26),
            visibility: Set(entity::enums::Visibility::Network),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            search_text: Set(cusnet::text::fold(&format!("{prefix} {i:03}"))),
            ..Default::default()
        }
        .insert(&db)
        .await
        .expect("insert centre");
        entity::centre_municipality::ActiveModel {
            centre_id: Set(centre.id),
            municipality_id: Set(municipality.id),
            is_primary: Set(true),
        }
        .insert(&db)
        .await
        .expect("link municipality");
        entity::centre_project::ActiveModel {
            centre_id: Set(centre.id),
            project_id: Set(project.id),
        }
        .insert(&db)
        .await
        .expect("link project");
        entity::good_practice::ActiveModel {
            title: Set(format!("Praktyka {prefix} {i:03}")),
            summary: Set("Synthetic practice for tests.".into()),
            centre_id: Set(Some(centre.id)),
            status: Set(entity::enums::PublicationStatus::Published),
            categories: Set(json!([])),
            topics: Set(json!([])),
            owner_region_id: Set(26),
            visibility: Set(entity::enums::Visibility::Network),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            search_text: Set(String::new()),
            ..Default::default()
        }
        .insert(&db)
        .await
        .expect("insert good practice");
    }
}

dual_test!(
    nested_centre_pages_cost_the_same_statements_for_10_and_50_centres,
    |app| {
        add_centres(&app, 60, "Testowe Centrum").await;
        let q = r#"query($n: Int!) { centres(first: $n, filter: {search: "testowe centrum"}) { nodes {
                 name primaryMunicipality { name } municipalities { name terytCode }
                 projects { title grantAwarded { amount } } goodPractices { title } } } }"#;
        let mut costs = Vec::new();
        for n in [10, 50] {
            let before = app.statements.get();
            let data = app.data(&Caller::Editor("26"), q, json!({ "n": n })).await;
            let after = app.statements.get();
            let nodes = data["centres"]["nodes"].as_array().expect("nodes");
            assert_eq!(nodes.len(), n as usize);
            assert!(
                nodes
                    .iter()
                    .all(|c| c["projects"].as_array().is_some_and(|p| p.len() == 1))
            );
            assert!(
                nodes
                    .iter()
                    .all(|c| c["goodPractices"].as_array().is_some_and(|p| p.len() == 1))
            );
            costs.push(after - before);
        }
        assert_eq!(
            costs[0], costs[1],
            "statements must not grow with the page size: {costs:?}"
        );
        assert!(
            costs[1] <= 8,
            "one statement per loader and level: {costs:?}"
        );
    }
);

dual_test!(
    cursors_stay_valid_when_rows_are_inserted_before_them,
    |app| {
        add_centres(&app, 6, "Kursor").await;
        let q = r#"query($after: String) { centres(first: 3, after: $after, filter: {search: "kursor"}) {
                 nodes { name } pageInfo { endCursor } } }"#;
        let first = app
            .data(&Caller::Editor("26"), q, json!({ "after": null }))
            .await;
        assert_eq!(
            names(&first["centres"], "name"),
            vec!["Kursor 000", "Kursor 001", "Kursor 002"]
        );
        let cursor = first["centres"]["pageInfo"]["endCursor"].clone();
        add_centres(&app, 1, "Kursor 0").await; // "Kursor 0 000" sorts before "Kursor 001"
        let next = app
            .data(&Caller::Editor("26"), q, json!({ "after": cursor }))
            .await;
        assert_eq!(
            names(&next["centres"], "name"),
            vec!["Kursor 003", "Kursor 004", "Kursor 005"]
        );
    }
);

dual_test!(filters_narrow_lists_and_money_is_exact, |app| {
    let data = app
        .data(
            &Caller::Anonymous,
            r#"{ centres(first: 100, filter: {regionCodes: ["26"], statuses: [OPERATING]}) { totalCount nodes { name status } }
                 nonMember: centres(filter: {regionCodes: ["22", "32"]}) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["centres"]["totalCount"], 6);
    assert!(
        names(&data["centres"], "name")
            .contains(&"Centrum Usług Społecznych w Zagnańsku".to_owned())
    );
    assert_eq!(
        data["nonMember"]["totalCount"], 3,
        "Czersk, Resko, Goleniów"
    );

    let projects = app
        .data(
            &Caller::Admin,
            r#"{ projects(first: 100) { nodes { title grantAwarded { amount currency approximate } grantRequested { amount } } } }"#,
            json!({}),
        )
        .await;
    for p in projects["projects"]["nodes"].as_array().expect("projects") {
        for key in ["grantAwarded", "grantRequested"] {
            if let Some(amount) = p[key]["amount"].as_str() {
                let (_, frac) = amount.split_once('.').expect("decimal");
                assert_eq!(frac.len(), 2, "two decimals: {amount}");
            }
        }
    }
    let bad = app
        .gql(
            &Caller::Admin,
            r#"{ projects(filter: {awardedMin: "1.234"}) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&bad), Some("BAD_USER_INPUT"));
    assert_eq!(bad["errors"][0]["extensions"]["field"], "filter.awardedMin");
    let bad_enum = app
        .gql(
            &Caller::Admin,
            r#"{ centres(filter: {statuses: [OPEN]}) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&bad_enum), Some("BAD_USER_INPUT"));
});

dual_test!(the_demo_network_holds_the_seed_facts, |app| {
    let data = app
        .data(
            &Caller::Admin,
            r#"{ centres(filter: {search: "lagow"}) { nodes { name status operatingSince creationMode
                   establishingResolution { number } primaryMunicipality { terytCode county { name } region { name } } } }
                 trainings(first: 100, filter: {regionCodes: ["26"], kinds: [COMMUNITY_ORGANISATION]}) { nodes { title completedCount } }
                 people(filter: {search: "Janik"}) { nodes { givenName positions { roleType asOf } } } }"#,
            json!({}),
        )
        .await;
    let lagow = &data["centres"]["nodes"][0];
    assert_eq!(lagow["status"], "OPERATING");
    assert_eq!(lagow["operatingSince"], "2024-09-30");
    assert_eq!(lagow["creationMode"], "OPS_TRANSFORMATION");
    assert_eq!(lagow["establishingResolution"]["number"], "IX/36/2024");
    assert_eq!(lagow["primaryMunicipality"]["terytCode"], "2604073");
    assert_eq!(
        lagow["primaryMunicipality"]["region"]["name"],
        "świętokrzyskie"
    );
    let counts: Vec<i64> = data["trainings"]["nodes"]
        .as_array()
        .expect("trainings")
        .iter()
        .filter_map(|t| t["completedCount"].as_i64())
        .collect();
    assert!(
        counts.contains(&22),
        "22 community organisers completed the 2025 training"
    );
    let janik = &data["people"]["nodes"][0];
    assert_eq!(janik["givenName"], "Renata");
    let roles: Vec<&str> = janik["positions"]
        .as_array()
        .expect("positions")
        .iter()
        .filter_map(|p| p["roleType"].as_str())
        .collect();
    assert_eq!(
        roles,
        vec!["MARSHAL", "VICE_MARSHAL"],
        "newest position first"
    );
});

dual_test!(
    counted_pages_are_one_statement_before_and_after_a_cursor,
    |app| {
        add_centres(&app, 12, "Liczone Centrum").await;
        let q = r#"query($after: String) { centres(first: 5, after: $after, filter: {search: "liczone centrum"}) {
                 totalCount pageInfo { hasNextPage endCursor } nodes { name } } }"#;
        let mut after: Option<String> = None;
        let mut seen = 0;
        loop {
            let before = app.statements.get();
            let data = app
                .data(&Caller::Editor("26"), q, json!({ "after": after }))
                .await;
            let cost = app.statements.get() - before;
            let conn = &data["centres"];
            assert_eq!(
                conn["totalCount"], 12,
                "the whole list, whatever the cursor"
            );
            assert_eq!(cost, 1, "page and count in one statement (after {after:?})");
            seen += conn["nodes"].as_array().expect("nodes").len();
            if conn["pageInfo"]["hasNextPage"] != true {
                // Past the last row the page is empty and the count still covers the list.
                let end = conn["pageInfo"]["endCursor"].clone();
                let past = app
                    .data(&Caller::Editor("26"), q, json!({ "after": end }))
                    .await;
                assert_eq!(past["centres"]["nodes"], json!([]));
                assert_eq!(past["centres"]["totalCount"], 12);
                break;
            }
            after = conn["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        }
        assert_eq!(seen, 12);
    }
);
