//! Region scoping: the same operations as a region-26 editor, a region-28 editor, a
//! university, an anonymous caller and the network administrator, with exactly what each sees.

use crate::helpers::*;
use serde_json::{Value, json};

const INTERNAL_26: &str = "Plan doradztwa dla gmin tworzących CUS (wewnętrzny)";
const INTERNAL_28: &str = "Projekt wsparcia gmin warmińsko-mazurskich w tworzeniu CUS (wewnętrzny)";

/// The organisation id of Uczelnia Korczaka, for university tokens.
async fn korczak_org_id(app: &TestApp) -> i64 {
    let data = app
        .data(
            &Caller::Admin,
            r#"{ organisations(filter: {search: "Korczaka"}) { nodes { id kind } } }"#,
            json!({}),
        )
        .await;
    let id = data["organisations"]["nodes"][0]["id"]
        .as_str()
        .expect("Uczelnia Korczaka exists");
    let (_, n) =
        cusnet::graphql::ids::decode("id", &async_graphql::ID(id.to_owned())).expect("valid id");
    n
}

fn titles(list: &Value) -> Vec<String> {
    let mut t: Vec<String> = list["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["title"].as_str().unwrap_or_default().to_owned())
        .collect();
    t.sort();
    t
}

dual_test!(lists_show_each_caller_exactly_its_scope, |app| {
    let uni = Caller::University(korczak_org_id(&app).await);
    let q = r#"{ projects(first: 100, filter: {search: "wewnetrzny"}) { totalCount nodes { title } }
                 all: projects(first: 100) { totalCount } }"#;
    let admin = app.data(&Caller::Admin, q, json!({})).await;
    let e26 = app.data(&Caller::Editor("26"), q, json!({})).await;
    let e28 = app.data(&Caller::Editor("28"), q, json!({})).await;
    let univ = app.data(&uni, q, json!({})).await;
    let anon = app.data(&Caller::Anonymous, q, json!({})).await;

    let mut both = vec![INTERNAL_26.to_owned(), INTERNAL_28.to_owned()];
    both.sort();
    assert_eq!(titles(&admin["projects"]), both);
    assert_eq!(titles(&e26["projects"]), vec![INTERNAL_26.to_owned()]);
    for same_region in [Caller::Viewer("26"), Caller::RegionAdmin("26")] {
        let v = app.data(&same_region, q, json!({})).await;
        assert_eq!(
            titles(&v["projects"]),
            vec![INTERNAL_26.to_owned()],
            "{same_region:?} reads like the editor"
        );
    }
    assert_eq!(titles(&e28["projects"]), vec![INTERNAL_28.to_owned()]);
    assert_eq!(titles(&univ["projects"]), Vec::<String>::new());
    assert_eq!(titles(&anon["projects"]), Vec::<String>::new());

    let total = |v: &Value| v["all"]["totalCount"].as_i64().expect("count");
    let n = total(&admin);
    assert!(n >= 10, "the demo network has projects: {n}");
    assert_eq!(
        total(&e26),
        n - 1,
        "region 26 misses only 28's internal project"
    );
    assert_eq!(total(&e28), n - 1);
    assert_eq!(
        total(&univ),
        n - 2,
        "members see NETWORK projects, no REGION ones"
    );
    assert_eq!(total(&anon), 0, "projects are not PUBLIC");
});

dual_test!(
    a_record_outside_the_scope_is_indistinguishable_from_a_missing_one,
    |app| {
        let admin = app
            .data(
                &Caller::Admin,
                r#"{ projects(filter: {search: "warminsko-mazurskich"}) { nodes { id title } } }"#,
                json!({}),
            )
            .await;
        let node = &admin["projects"]["nodes"][0];
        assert_eq!(node["title"], INTERNAL_28);
        let id = node["id"].as_str().expect("id").to_owned();
        let q = "query($id: ID!) { node(id: $id) { id ... on Project { title } } }";

        let own = app
            .data(&Caller::Editor("28"), q, json!({ "id": id }))
            .await;
        assert_eq!(own["node"]["title"], INTERNAL_28);

        let foreign = app.gql(&Caller::Editor("26"), q, json!({ "id": id })).await;
        let missing_id =
            cusnet::graphql::ids::encode(cusnet::graphql::ids::Kind::Project, 999_999).0;
        let missing = app
            .gql(&Caller::Editor("26"), q, json!({ "id": missing_id }))
            .await;
        assert_eq!(error_code(&foreign), Some("NOT_FOUND"));
        assert_eq!(foreign["data"], Value::Null);
        assert_eq!(
            foreign["errors"][0]["message"],
            missing["errors"][0]["message"]
        );
        assert_eq!(error_code(&missing), Some("NOT_FOUND"));

        let anon = app.gql(&Caller::Anonymous, q, json!({ "id": id })).await;
        assert_eq!(error_code(&anon), Some("NOT_FOUND"));

        let nodes = app
            .data(
                &Caller::Editor("26"),
                "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                json!({ "ids": [id, missing_id] }),
            )
            .await;
        assert_eq!(nodes["nodes"], json!([null, null]));

        let bad = app
            .gql(&Caller::Editor("26"), q, json!({ "id": "not-an-id" }))
            .await;
        assert_eq!(error_code(&bad), Some("BAD_USER_INPUT"));
        assert_eq!(bad["errors"][0]["extensions"]["field"], "id");
    }
);

dual_test!(nested_paths_apply_the_same_scope, |app| {
    let q = r#"{ people(filter: {search: "Klimowicz"}) { nodes { familyName
                   expertProfiles { summary ownerRegion { terytCode } } } } }"#;
    let profiles = |v: &Value| {
        v["people"]["nodes"][0]["expertProfiles"]
            .as_array()
            .map(Vec::len)
    };
    let e28 = app.data(&Caller::Editor("28"), q, json!({})).await;
    let e26 = app.data(&Caller::Editor("26"), q, json!({})).await;
    let admin = app.data(&Caller::Admin, q, json!({})).await;
    assert_eq!(e28["people"]["nodes"][0]["familyName"], "Klimowicz");
    assert_eq!(profiles(&e28), Some(1), "28 sees its REGION expert profile");
    assert_eq!(profiles(&admin), Some(1));
    assert_eq!(
        profiles(&e26),
        Some(0),
        "26 sees the person but not 28's REGION profile"
    );

    // Drafts reach only their own region, also when listed under their centre or directly.
    let q = r#"{ goodPractices(filter: {statuses: [DRAFT]}) { totalCount nodes { title } } }"#;
    let count = |v: &Value| v["goodPractices"]["totalCount"].as_i64();
    assert_eq!(
        count(&app.data(&Caller::Editor("26"), q, json!({})).await),
        Some(1)
    );
    assert_eq!(
        count(&app.data(&Caller::Admin, q, json!({})).await),
        Some(1)
    );
    assert_eq!(
        count(&app.data(&Caller::Editor("28"), q, json!({})).await),
        Some(0)
    );
    assert_eq!(
        count(&app.data(&Caller::Anonymous, q, json!({})).await),
        Some(0)
    );

    let q = r#"{ centres(first: 100) { nodes { goodPractices { status } } } }"#;
    let drafts = |v: &Value| {
        v["centres"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .flat_map(|c| c["goodPractices"].as_array().cloned().unwrap_or_default())
            .filter(|g| g["status"] == "DRAFT")
            .count()
    };
    assert_eq!(
        drafts(&app.data(&Caller::Editor("28"), q, json!({})).await),
        0
    );
    assert_eq!(drafts(&app.data(&Caller::Anonymous, q, json!({})).await), 0);
});

dual_test!(
    contact_data_and_participants_reach_only_the_owner_region,
    |app| {
        let q = r#"{ people(first: 100) { nodes { familyName email phone ownerRegion { terytCode } } } }"#;
        let e26 = app.data(&Caller::Editor("26"), q, json!({})).await;
        let mut own_with_email = 0;
        let mut foreign = 0;
        for p in e26["people"]["nodes"].as_array().expect("people") {
            if p["ownerRegion"]["terytCode"] == "26" {
                if p["email"].is_string() {
                    own_with_email += 1;
                    assert!(
                        p["email"]
                            .as_str()
                            .is_some_and(|e| e.ends_with("@example.invalid"))
                    );
                }
            } else {
                foreign += 1;
                assert_eq!(p["email"], Value::Null, "foreign e-mail leaked: {p}");
                assert_eq!(p["phone"], Value::Null, "foreign phone leaked: {p}");
            }
        }
        assert!(
            own_with_email > 0 && foreign > 0,
            "the demo data covers both cases"
        );

        let admin = app.data(&Caller::Admin, q, json!({})).await;
        let emails = admin["people"]["nodes"]
            .as_array()
            .expect("people")
            .iter()
            .filter(|p| p["email"].is_string())
            .count();
        assert!(
            emails > own_with_email,
            "the administrator sees every region's contacts"
        );

        let anon = app.data(&Caller::Anonymous, q, json!({})).await;
        assert_eq!(anon["people"]["nodes"], json!([]), "people are not PUBLIC");

        let q = r#"{ events(first: 100) { nodes { title participants { role } ownerRegion { terytCode } } } }"#;
        for (caller, region) in [(Caller::Editor("26"), "26"), (Caller::Editor("18"), "18")] {
            let data = app.data(&caller, q, json!({})).await;
            let events = data["events"]["nodes"].as_array().expect("events").clone();
            assert!(!events.is_empty());
            for e in events {
                if e["ownerRegion"]["terytCode"] == region {
                    assert!(
                        e["participants"].is_array(),
                        "own participants visible: {e}"
                    );
                } else {
                    assert_eq!(
                        e["participants"],
                        Value::Null,
                        "foreign participants leaked: {e}"
                    );
                }
            }
        }
    }
);

dual_test!(
    dashboard_figures_count_only_what_the_caller_may_see,
    |app| {
        let q = r#"{ dashboard { totals { projects centres events goodPractices }
                   funding { region { terytCode } projectCount awarded { amount } requested { amount } }
                   centresByStatus { region { terytCode } status count } } }"#;
        let admin = app.data(&Caller::Admin, q, json!({})).await;
        let e26 = app.data(&Caller::Editor("26"), q, json!({})).await;
        let anon = app.data(&Caller::Anonymous, q, json!({})).await;
        let t = |v: &Value, k: &str| v["dashboard"]["totals"][k].as_i64().expect("total");
        assert_eq!(t(&e26, "projects"), t(&admin, "projects") - 1);
        assert_eq!(t(&anon, "projects"), 0);
        assert_eq!(
            t(&e26, "events"),
            t(&admin, "events") - 1,
            "28's REGION event is not counted for 26"
        );
        assert_eq!(
            t(&e26, "goodPractices"),
            t(&admin, "goodPractices"),
            "26 owns the draft"
        );
        assert_eq!(
            t(&anon, "centres"),
            t(&admin, "centres"),
            "centres are PUBLIC"
        );

        let projects_of = |v: &Value, region: &str| {
            v["dashboard"]["funding"]
                .as_array()
                .expect("funding")
                .iter()
                .find(|f| f["region"]["terytCode"] == region)
                .and_then(|f| f["projectCount"].as_i64())
                .unwrap_or(0)
        };
        assert_eq!(projects_of(&e26, "28"), projects_of(&admin, "28") - 1);
        assert_eq!(projects_of(&e26, "26"), projects_of(&admin, "26"));

        let operating_26: i64 = admin["dashboard"]["centresByStatus"]
            .as_array()
            .expect("statuses")
            .iter()
            .filter(|s| s["region"]["terytCode"] == "26" && s["status"] == "OPERATING")
            .map(|s| s["count"].as_i64().unwrap_or(0))
            .sum();
        assert_eq!(operating_26, 6, "six CUS operate in Świętokrzyskie");

        let limited = app
            .data(
                &Caller::Admin,
                r#"{ dashboard(regionCodes: ["18"]) { totals { centres } } }"#,
                json!({}),
            )
            .await;
        assert_eq!(limited["dashboard"]["totals"]["centres"], 1, "Bukowsko");
        let bad = app
            .gql(
                &Caller::Admin,
                r#"{ dashboard(regionCodes: ["99"]) { totals { centres } } }"#,
                json!({}),
            )
            .await;
        assert_eq!(error_code(&bad), Some("BAD_USER_INPUT"));
        assert_eq!(bad["errors"][0]["extensions"]["field"], "regionCodes");
    }
);
