//! Writing centres: the life cycle (create, update, delete, restore) with its audit trail,
//! who may write where, validation, optimistic concurrency, idempotent retries, and the
//! guarantee that a write whose audit entry fails leaves nothing behind.

use crate::helpers::{Caller, TestApp, dual_test};
use crate::writes::{assert_error, audit_entries, id_by_name, snapshot};
use serde_json::{Value, json};

const CREATE: &str = "mutation Create($input: CentreInput!, $key: String) {
    createCentre(input: $input, idempotencyKey: $key) {
        id name version visibility ownerRegion { terytCode }
        primaryMunicipality { name } municipalities { name } serviceCategories
    }
}";

const UPDATE: &str = "mutation Update($id: ID!, $v: Int!, $input: CentrePatch!) {
    updateCentre(id: $id, expectedVersion: $v, input: $input) {
        id name version address website ownerRegion { terytCode }
    }
}";

const DELETE: &str = "mutation Delete($id: ID!, $v: Int!) {
    deleteRecord(id: $id, expectedVersion: $v) { ... on Centre { id version } }
}";

const RESTORE: &str = "mutation Restore($id: ID!, $v: Int!) {
    restoreRecord(id: $id, expectedVersion: $v) { ... on Centre { id version name } }
}";

/// Global id of a municipality by its TERYT code.
async fn municipality(app: &TestApp, teryt: &str) -> String {
    let data = app
        .data(
            &Caller::Admin,
            "query($t: [String!]) { municipalities(filter: { terytCodes: $t }) { nodes { id } } }",
            json!({ "t": [teryt] }),
        )
        .await;
    data["municipalities"]["nodes"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no municipality {teryt}: {data}"))
        .to_owned()
}

/// A valid new centre in the given municipality.
fn centre_input(name: &str, municipality: &str) -> Value {
    json!({
        "name": name,
        "status": "IN_CREATION",
        "primaryMunicipalityId": municipality,
        "serviceCategories": ["FAMILY_SUPPORT", "HEALTH_PROMOTION"],
        "address": "ul. Rynek 1, 26-025 Łagów",
    })
}

/// The name of a centre as `caller` reads it through `node`; `null` when it is not found.
async fn node_name(app: &TestApp, caller: &Caller, id: &str) -> Value {
    let resp = app
        .gql(
            caller,
            "query($id: ID!) { node(id: $id) { ... on Centre { name } } }",
            json!({ "id": id }),
        )
        .await;
    if resp.get("errors").is_some() {
        assert_error(&resp, "NOT_FOUND", None);
    }
    resp["data"]["node"]["name"].clone()
}

dual_test!(
    a_centre_lives_through_create_update_delete_and_restore,
    |app| {
        let lagow = municipality(&app, "2604073").await;
        let editor = Caller::Editor("26");
        let audits_before = audit_entries(&app, "Centre").await;

        let created = app
        .data(
            &editor,
            CREATE,
            json!({ "input": centre_input("  Centrum Usług Społecznych „Razem” w Łagowie ", &lagow) }),
        )
        .await["createCentre"]
        .clone();
        assert_eq!(
            created["name"],
            "Centrum Usług Społecznych „Razem” w Łagowie"
        );
        assert_eq!(created["version"], 1);
        assert_eq!(created["visibility"], "PUBLIC");
        assert_eq!(created["ownerRegion"]["terytCode"], "26");
        assert_eq!(created["primaryMunicipality"]["name"], "Łagów");
        assert_eq!(
            created["serviceCategories"],
            json!(["FAMILY_SUPPORT", "HEALTH_PROMOTION"])
        );
        let id = created["id"].as_str().expect("id").to_owned();

        // Readable at once, and findable without diacritics.
        let found = app
            .data(
                &Caller::Anonymous,
                "{ centres(filter: { search: \"RAZEM\" }) { nodes { id } } }",
                json!({}),
            )
            .await;
        assert_eq!(found["centres"]["nodes"], json!([{ "id": id }]));

        // A partial update changes only what it names and bumps the version.
        let updated = app
        .data(
            &editor,
            UPDATE,
            json!({ "id": id, "v": 1, "input": { "website": "https://cus.lagow.example", "address": null } }),
        )
        .await["updateCentre"]
        .clone();
        assert_eq!(updated["version"], 2);
        assert_eq!(updated["website"], "https://cus.lagow.example");
        assert_eq!(updated["address"], Value::Null);
        assert_eq!(updated["name"], created["name"]);

        // An update that changes nothing writes nothing.
        let same = app
            .data(
                &editor,
                UPDATE,
                json!({ "id": id, "v": 2, "input": { "website": "https://cus.lagow.example" } }),
            )
            .await;
        assert_eq!(same["updateCentre"]["version"], 2);

        // Delete hides it from every read; an editor can't restore it; the region admin can.
        let deleted = app.data(&editor, DELETE, json!({ "id": id, "v": 2 })).await;
        assert_eq!(deleted["deleteRecord"]["version"], 3);
        assert_eq!(node_name(&app, &editor, &id).await, Value::Null);
        assert_eq!(node_name(&app, &Caller::Admin, &id).await, Value::Null);
        let again = app.gql(&editor, DELETE, json!({ "id": id, "v": 3 })).await;
        assert_error(&again, "NOT_FOUND", None);
        let by_editor = app.gql(&editor, RESTORE, json!({ "id": id, "v": 3 })).await;
        assert_error(&by_editor, "FORBIDDEN", None);
        let by_other_admin = app
            .gql(
                &Caller::RegionAdmin("28"),
                RESTORE,
                json!({ "id": id, "v": 3 }),
            )
            .await;
        assert_error(&by_other_admin, "FORBIDDEN", None);
        let restored = app
            .data(
                &Caller::RegionAdmin("26"),
                RESTORE,
                json!({ "id": id, "v": 3 }),
            )
            .await;
        assert_eq!(restored["restoreRecord"]["version"], 4);
        assert_eq!(
            node_name(&app, &Caller::Anonymous, &id).await,
            created["name"]
        );

        // Four writes, four audit entries, newest first, with before and after values.
        assert_eq!(audit_entries(&app, "Centre").await, audits_before + 4);
        let log = app
        .data(
            &Caller::RegionAdmin("26"),
            "query($id: ID!) { auditLog(filter: { entityId: $id }) {
                nodes { operation entityType entityId changes actor { subject role regions } ownerRegion { terytCode } }
            } }",
            json!({ "id": id }),
        )
        .await;
        let nodes = log["auditLog"]["nodes"].as_array().expect("entries");
        let ops: Vec<&str> = nodes
            .iter()
            .filter_map(|n| n["operation"].as_str())
            .collect();
        assert_eq!(ops, ["RESTORE", "DELETE", "UPDATE", "CREATE"]);
        let update = &nodes[2];
        assert_eq!(update["entityType"], "Centre");
        assert_eq!(update["entityId"], id.as_str());
        assert_eq!(update["actor"]["role"], "REGION_EDITOR");
        assert_eq!(update["actor"]["regions"], json!(["26"]));
        assert_eq!(update["ownerRegion"]["terytCode"], "26");
        assert_eq!(update["changes"]["website"]["before"], Value::Null);
        assert_eq!(
            update["changes"]["website"]["after"],
            "https://cus.lagow.example"
        );
        assert_eq!(
            update["changes"]["address"]["before"],
            "ul. Rynek 1, 26-025 Łagów"
        );
        assert!(
            update["changes"].get("name").is_none(),
            "unchanged fields are not listed: {update}"
        );
        let create = &nodes[3];
        assert_eq!(
            create["changes"]["serviceCategories"]["after"]
                .as_array()
                .map(Vec::len),
            Some(2),
            "join rows are part of the audit entry: {create}"
        );
    }
);

dual_test!(callers_without_write_rights_write_nothing, |app| {
    let lagow = municipality(&app, "2604073").await;
    let (gorno, version) = id_by_name(
        &app,
        &Caller::Admin,
        "centres",
        "name",
        "Centrum Usług Społecznych w Górnie",
    )
    .await;
    let before = snapshot(&app).await;
    let input = centre_input("Nowe centrum", &lagow);
    let patch = json!({ "id": gorno, "v": version, "input": { "name": "Zmienione" } });
    for caller in [
        Caller::Viewer("26"),
        Caller::University(1),
        Caller::Anonymous,
    ] {
        let resp = app.gql(&caller, CREATE, json!({ "input": input })).await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app.gql(&caller, UPDATE, patch.clone()).await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app
            .gql(&caller, DELETE, json!({ "id": gorno, "v": version }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }
    // Their input is not even looked at: bad input is FORBIDDEN too, not a validation hint.
    for caller in [Caller::Viewer("26"), Caller::Anonymous] {
        let bad =
            json!({ "input": { "name": " ", "status": "PLANNED", "primaryMunicipalityId": "x" } });
        let resp = app.gql(&caller, CREATE, bad).await;
        assert_error(&resp, "FORBIDDEN", None);
    }
    // Reference data is not writable through the record mutations.
    let resp = app
        .gql(&Caller::Admin, DELETE, json!({ "id": lagow, "v": 1 }))
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    assert_eq!(snapshot(&app).await, before);
});

dual_test!(writes_stay_inside_the_callers_regions, |app| {
    let lagow = municipality(&app, "2604073").await;
    let bukowsko = municipality(&app, "1817032").await;
    // A centre of region 26 that only region 26 may see.
    let hidden = app
        .data(
            &Caller::Admin,
            CREATE,
            json!({ "input": { "name": "Centrum wewnętrzne", "status": "PLANNED",
                "primaryMunicipalityId": lagow, "visibility": "REGION" } }),
        )
        .await["createCentre"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let (gorno, version) = id_by_name(
        &app,
        &Caller::Admin,
        "centres",
        "name",
        "Centrum Usług Społecznych w Górnie",
    )
    .await;
    let before = snapshot(&app).await;
    let olsztyn = Caller::Editor("28");

    // Creating in another region's municipality.
    let resp = app
        .gql(
            &olsztyn,
            CREATE,
            json!({ "input": centre_input("Obce", &lagow) }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    // Changing a record it can read but not write.
    let resp = app
        .gql(
            &olsztyn,
            UPDATE,
            json!({ "id": gorno, "v": version, "input": { "name": "X" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    // A record it cannot see at all does not exist for it.
    for q in [UPDATE, DELETE] {
        let resp = app
            .gql(
                &olsztyn,
                q,
                json!({ "id": hidden, "v": 1, "input": { "name": "X" } }),
            )
            .await;
        assert_error(&resp, "NOT_FOUND", None);
    }
    // Its own editor cannot move a centre to a region it does not write.
    let resp = app
        .gql(
            &Caller::Editor("26"),
            UPDATE,
            json!({ "id": gorno, "v": version, "input": { "primaryMunicipalityId": bukowsko } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    assert_eq!(snapshot(&app).await, before);

    // An editor of both regions can move it; the audit entry records where it came from.
    let both = Caller::Raw(app.token_for_regions(&["26", "18"]));
    let moved = app
        .data(
            &both,
            UPDATE,
            json!({ "id": gorno, "v": version, "input": { "primaryMunicipalityId": bukowsko } }),
        )
        .await;
    assert_eq!(moved["updateCentre"]["ownerRegion"]["terytCode"], "18");
    let log = app
        .data(
            &Caller::RegionAdmin("26"),
            "query($id: ID!) { auditLog(filter: { entityId: $id }, first: 1) {
                nodes { previousOwnerRegion { terytCode } ownerRegion { terytCode } } } }",
            json!({ "id": gorno }),
        )
        .await;
    assert_eq!(
        log["auditLog"]["nodes"][0],
        json!({ "previousOwnerRegion": { "terytCode": "26" }, "ownerRegion": { "terytCode": "18" } })
    );
});

dual_test!(bad_input_names_the_field_and_writes_nothing, |app| {
    let lagow = municipality(&app, "2604073").await;
    let (gorno, version) = id_by_name(
        &app,
        &Caller::Admin,
        "centres",
        "name",
        "Centrum Usług Społecznych w Górnie",
    )
    .await;
    let editor = Caller::Editor("26");
    let before = snapshot(&app).await;
    let with = |patch: Value| {
        let mut input = centre_input("Centrum", &lagow);
        for (k, v) in patch.as_object().expect("object") {
            input[k] = v.clone();
        }
        input
    };
    let too_many: Vec<String> = (0..101).map(|_| lagow.clone()).collect();
    let cases = [
        (with(json!({ "name": "   " })), "input.name"),
        (with(json!({ "name": "x".repeat(301) })), "input.name"),
        (with(json!({ "name": "Centrum\u{7}" })), "input.name"),
        (
            with(json!({ "website": "ftp://cus.example" })),
            "input.website",
        ),
        (
            with(json!({ "description": "a\u{0}b" })),
            "input.description",
        ),
        (
            with(json!({ "primaryMunicipalityId": gorno })),
            "input.primaryMunicipalityId",
        ),
        (
            with(json!({ "primaryMunicipalityId": "bm90LWFuLWlk" })),
            "input.primaryMunicipalityId",
        ),
        (
            with(json!({ "otherMunicipalityIds": too_many })),
            "input.otherMunicipalityIds",
        ),
        (
            with(json!({ "establishingResolution": { "number": " " } })),
            "input.establishingResolution.number",
        ),
    ];
    for (input, field) in cases {
        let resp = app.gql(&editor, CREATE, json!({ "input": input })).await;
        assert_error(&resp, "BAD_USER_INPUT", Some(field));
    }
    let resp = app
        .gql(
            &editor,
            CREATE,
            json!({ "input": with(json!({})), "key": "" }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("idempotencyKey"));
    // A value outside an enum is refused by the schema itself, with the same code.
    let resp = app
        .gql(
            &editor,
            CREATE,
            json!({ "input": with(json!({ "status": "DEMOLISHED" })) }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.status"));
    let resp = app
        .gql(
            &editor,
            CREATE,
            json!({ "input": with(json!({ "serviceCategories": ["CULTURE", "ASTROLOGY"] })) }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.serviceCategories[1]"));
    // Updates validate the same way and also leave the record as it was.
    for (patch, field) in [
        (json!({ "name": "" }), "input.name"),
        (json!({ "website": "not a url" }), "input.website"),
        (
            json!({ "otherMunicipalityIds": ["Q2VudHJlOjE"] }),
            "input.otherMunicipalityIds",
        ),
    ] {
        let resp = app
            .gql(
                &editor,
                UPDATE,
                json!({ "id": gorno, "v": version, "input": patch }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some(field));
    }
    let resp = app
        .gql(&editor, UPDATE, json!({ "id": lagow, "v": 1, "input": {} }))
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("id"));
    assert_eq!(snapshot(&app).await, before);
});

dual_test!(
    concurrent_updates_of_one_version_let_exactly_one_win,
    |app| {
        let (gorno, version) = id_by_name(
            &app,
            &Caller::Admin,
            "centres",
            "name",
            "Centrum Usług Społecznych w Górnie",
        )
        .await;
        let audits_before = audit_entries(&app, "Centre").await;
        let editor = Caller::Editor("26");
        let calls = (0..8).map(|i| {
            app.gql(
            &editor,
            UPDATE,
            json!({ "id": gorno, "v": version, "input": { "address": format!("ul. Wersja {i}") } }),
        )
        });
        let results = futures_util::future::join_all(calls).await;
        let winners: Vec<&Value> = results
            .iter()
            .filter(|r| r.get("errors").is_none())
            .collect();
        assert_eq!(winners.len(), 1, "exactly one update wins: {results:?}");
        for loser in results.iter().filter(|r| r.get("errors").is_some()) {
            assert_error(loser, "CONFLICT", None);
            assert_eq!(
                loser["errors"][0]["extensions"]["currentVersion"],
                json!(version + 1)
            );
        }
        let won = &winners[0]["data"]["updateCentre"];
        assert_eq!(won["version"], json!(version + 1));
        let now = app
            .data(
                &editor,
                "query($id: ID!) { node(id: $id) { ... on Centre { address version } } }",
                json!({ "id": gorno }),
            )
            .await;
        assert_eq!(now["node"]["version"], json!(version + 1));
        assert_eq!(now["node"]["address"], won["address"]);
        assert_eq!(audit_entries(&app, "Centre").await, audits_before + 1);

        // Deleting with a stale version is a conflict too.
        let resp = app
            .gql(&editor, DELETE, json!({ "id": gorno, "v": version }))
            .await;
        assert_error(&resp, "CONFLICT", None);
        assert_eq!(
            resp["errors"][0]["extensions"]["currentVersion"],
            json!(version + 1)
        );
    }
);

dual_test!(
    an_idempotency_key_makes_parallel_retries_create_one_centre,
    |app| {
        let lagow = municipality(&app, "2604073").await;
        let before = snapshot(&app).await;
        let editor = Caller::Editor("26");
        let input = centre_input("Centrum Usług Społecznych w Łagowie – filia", &lagow);
        let calls = (0..20).map(|_| {
            app.gql(
                &editor,
                CREATE,
                json!({ "input": input, "key": "import-2026-11-23-row-17" }),
            )
        });
        let results = futures_util::future::join_all(calls).await;
        let ids: std::collections::BTreeSet<String> = results
            .iter()
            .map(|r| {
                assert!(r.get("errors").is_none(), "every retry succeeds: {r}");
                r["data"]["createCentre"]["id"]
                    .as_str()
                    .expect("id")
                    .to_owned()
            })
            .collect();
        assert_eq!(ids.len(), 1, "all retries return the same centre");
        let after = snapshot(&app).await;
        assert_eq!(after["centre"].0, before["centre"].0 + 1);
        assert_eq!(
            after["centre_municipality"].0,
            before["centre_municipality"].0 + 1
        );
        assert_eq!(after["audit_entry"].0, before["audit_entry"].0 + 1);
        assert_eq!(after["idempotency_key"].0, before["idempotency_key"].0 + 1);

        // The key belongs to its caller: another office using the same key creates its own.
        let other = app
            .data(
                &Caller::Admin,
                CREATE,
                json!({ "input": input, "key": "import-2026-11-23-row-17" }),
            )
            .await;
        assert!(!ids.contains(other["createCentre"]["id"].as_str().expect("id")));
    }
);

dual_test!(a_write_whose_audit_entry_fails_does_not_happen, |app| {
    use sea_orm::ConnectionTrait;
    let lagow = municipality(&app, "2604073").await;
    let (gorno, version) = id_by_name(
        &app,
        &Caller::Admin,
        "centres",
        "name",
        "Centrum Usług Społecznych w Górnie",
    )
    .await;
    // Make every audit insert fail.
    let conn = app.connect().await;
    let sql = match conn.get_database_backend() {
        sea_orm::DbBackend::Postgres => vec![
            "CREATE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$"
                .to_owned(),
            "CREATE TRIGGER audit_down BEFORE INSERT ON audit_entry \
             FOR EACH ROW EXECUTE FUNCTION audit_down()"
                .to_owned(),
        ],
        _ => vec![
            "CREATE TRIGGER audit_down BEFORE INSERT ON audit_entry \
             BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END"
                .to_owned(),
        ],
    };
    for s in sql {
        conn.execute_unprepared(&s)
            .await
            .expect("install failing trigger");
    }
    let before = snapshot(&app).await;
    let editor = Caller::Editor("26");
    let resp = app
        .gql(
            &editor,
            CREATE,
            json!({ "input": centre_input("Bez śladu", &lagow), "key": "k-1" }),
        )
        .await;
    assert_error(&resp, "INTERNAL", None);
    let message = resp["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        !message.contains("audit store") && !message.to_lowercase().contains("insert"),
        "internal details stay in the log: {message}"
    );
    let resp = app
        .gql(
            &editor,
            UPDATE,
            json!({ "id": gorno, "v": version, "input": { "name": "Bez śladu" } }),
        )
        .await;
    assert_error(&resp, "INTERNAL", None);
    let resp = app
        .gql(&editor, DELETE, json!({ "id": gorno, "v": version }))
        .await;
    assert_error(&resp, "INTERNAL", None);
    assert_eq!(snapshot(&app).await, before);
});

dual_test!(the_audit_log_is_for_administrators_of_the_region, |app| {
    let lagow = municipality(&app, "2604073").await;
    let bukowsko = municipality(&app, "1817032").await;
    app.data(
        &Caller::Editor("26"),
        CREATE,
        json!({ "input": centre_input("Centrum A", &lagow) }),
    )
    .await;
    app.data(
        &Caller::Editor("26"),
        CREATE,
        json!({ "input": centre_input("Centrum B", &lagow) }),
    )
    .await;
    app.data(
        &Caller::Editor("18"),
        CREATE,
        json!({ "input": centre_input("Centrum C", &bukowsko) }),
    )
    .await;
    const LOG: &str = "query($f: AuditFilter, $first: Int, $after: String) {
        auditLog(filter: $f, first: $first, after: $after) {
            totalCount nodes { ownerRegion { terytCode } changes }
            pageInfo { hasNextPage endCursor }
        } }";
    let names = |v: &Value| -> Vec<String> {
        v["auditLog"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .filter_map(|n| n["changes"]["name"]["after"].as_str().map(str::to_owned))
            .collect()
    };
    let all = app.data(&Caller::Admin, LOG, json!({})).await;
    assert_eq!(names(&all), ["Centrum C", "Centrum B", "Centrum A"]);
    let swk = app.data(&Caller::RegionAdmin("26"), LOG, json!({})).await;
    assert_eq!(names(&swk), ["Centrum B", "Centrum A"]);
    assert_eq!(swk["auditLog"]["totalCount"], 2);
    let pk = app.data(&Caller::RegionAdmin("18"), LOG, json!({})).await;
    assert_eq!(names(&pk), ["Centrum C"]);
    // Pages walk the log without gaps.
    let first = app
        .data(&Caller::RegionAdmin("26"), LOG, json!({ "first": 1 }))
        .await;
    assert_eq!(names(&first), ["Centrum B"]);
    assert_eq!(first["auditLog"]["pageInfo"]["hasNextPage"], true);
    let cursor = first["auditLog"]["pageInfo"]["endCursor"].clone();
    let second = app
        .data(
            &Caller::RegionAdmin("26"),
            LOG,
            json!({ "first": 1, "after": cursor }),
        )
        .await;
    assert_eq!(names(&second), ["Centrum A"]);
    assert_eq!(second["auditLog"]["pageInfo"]["hasNextPage"], false);
    // Filters: by actor, by type, by time.
    let by_actor = app
        .data(
            &Caller::Admin,
            LOG,
            json!({ "f": { "actor": "test-RegionEditor" } }),
        )
        .await;
    assert_eq!(by_actor["auditLog"]["totalCount"], 3);
    let by_other = app
        .data(
            &Caller::Admin,
            LOG,
            json!({ "f": { "actor": "someone-else" } }),
        )
        .await;
    assert_eq!(by_other["auditLog"]["totalCount"], 0);
    let by_type = app
        .data(
            &Caller::Admin,
            LOG,
            json!({ "f": { "entityType": "Project" } }),
        )
        .await;
    assert_eq!(by_type["auditLog"]["totalCount"], 0);
    let future = app
        .data(
            &Caller::Admin,
            LOG,
            json!({ "f": { "from": "2999-01-01T00:00:00Z" } }),
        )
        .await;
    assert_eq!(future["auditLog"]["totalCount"], 0);
    let past = app
        .data(
            &Caller::Admin,
            LOG,
            json!({ "f": { "to": "2000-01-01T00:00:00Z" } }),
        )
        .await;
    assert_eq!(past["auditLog"]["totalCount"], 0);
    // Everyone else is refused.
    for caller in [
        Caller::Editor("26"),
        Caller::Viewer("26"),
        Caller::University(1),
        Caller::Anonymous,
    ] {
        let resp = app.gql(&caller, LOG, json!({})).await;
        assert_error(&resp, "FORBIDDEN", None);
    }
    // The log has no mutations.
    let schema = app
        .data(
            &Caller::Admin,
            "{ __schema { mutationType { fields { name } } } }",
            json!({}),
        )
        .await;
    let fields = schema["__schema"]["mutationType"]["fields"].to_string();
    assert!(!fields.to_lowercase().contains("audit"), "{fields}");
});
