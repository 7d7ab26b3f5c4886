//! Writing organisations, projects and documents: the life cycle (create, update, delete,
//! restore) with its audit trail and optimistic concurrency, who may write where, references
//! to records the caller cannot see, and validation naming the offending field.

use crate::helpers::{Caller, TestApp, dual_test};
use crate::writes::{assert_error, audit_entries, id_by_name, snapshot};
use base64::Engine;
use serde_json::{Value, json};

const NODE: &str = "query($id: ID!) { node(id: $id) { id } }";

const DELETE: &str = "mutation Delete($id: ID!, $v: Int!) {
    deleteRecord(id: $id, expectedVersion: $v) {
        ... on Organisation { id version }
        ... on Project { id version }
        ... on Document { id version }
    }
}";

const RESTORE: &str = "mutation Restore($id: ID!, $v: Int!) {
    restoreRecord(id: $id, expectedVersion: $v) {
        ... on Organisation { id version }
        ... on Project { id version }
        ... on Document { id version }
    }
}";

/// A global id made by hand (for records that do not exist).
fn gid(kind: &str, n: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{n}"))
}

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

/// Global id of a funding programme by its code.
async fn programme(app: &TestApp, code: &str) -> String {
    let data = app
        .data(
            &Caller::Admin,
            "{ fundingProgrammes(first: 100) { nodes { id code } } }",
            json!({}),
        )
        .await;
    data["fundingProgrammes"]["nodes"]
        .as_array()
        .and_then(|ns| ns.iter().find(|n| n["code"] == code))
        .and_then(|n| n["id"].as_str())
        .unwrap_or_else(|| panic!("no programme {code}: {data}"))
        .to_owned()
}

/// Global id of the FERS.04.13 action (that of the Świętokrzyskie coordination project).
async fn fers_action(app: &TestApp) -> String {
    let (koordynacja, _) = project(app, KOORDYNACJA).await;
    let data = app
        .data(
            &Caller::Admin,
            "query($id: ID!) { node(id: $id) { ... on Project { action { id code } } } }",
            json!({ "id": koordynacja }),
        )
        .await;
    assert_eq!(data["node"]["action"]["code"], "FERS.04.13");
    data["node"]["action"]["id"]
        .as_str()
        .expect("action id")
        .to_owned()
}

async fn organisation(app: &TestApp, name: &str) -> (String, i64) {
    id_by_name(app, &Caller::Admin, "organisations", "name", name).await
}

async fn project(app: &TestApp, title: &str) -> (String, i64) {
    id_by_name(app, &Caller::Admin, "projects", "title", title).await
}

async fn document(app: &TestApp, title: &str) -> (String, i64) {
    id_by_name(app, &Caller::Admin, "documents", "title", title).await
}

/// Whether `caller` can read the record.
async fn visible(app: &TestApp, caller: &Caller, id: &str) -> bool {
    let resp = app.gql(caller, NODE, json!({ "id": id })).await;
    if resp.get("errors").is_some() {
        assert_error(&resp, "NOT_FOUND", None);
        return false;
    }
    resp["data"]["node"]["id"] == id
}

/// Ids of a list's records matching a search, as `caller`.
async fn search(app: &TestApp, caller: &Caller, list: &str, text: &str) -> Vec<String> {
    let q = format!(
        "query($s: String) {{ {list}(filter: {{ search: $s }}, first: 100) {{ nodes {{ id }} }} }}"
    );
    let data = app.data(caller, &q, json!({ "s": text })).await;
    data[list]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str().map(str::to_owned))
        .collect()
}

/// The audit entries of one record, newest first: (operation, changes).
async fn audit_of(app: &TestApp, id: &str) -> Vec<(String, Value)> {
    let data = app
        .data(
            &Caller::Admin,
            "query($id: ID!) { auditLog(filter: { entityId: $id }) { nodes { operation changes } } }",
            json!({ "id": id }),
        )
        .await;
    data["auditLog"]["nodes"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|n| {
            (
                n["operation"].as_str().unwrap_or_default().to_owned(),
                n["changes"].clone(),
            )
        })
        .collect()
}

/// Deletes a record as a region editor, checks it is gone, that the editor cannot restore
/// it and that the region administrator can (the version grows by one each time).
async fn delete_and_restore(app: &TestApp, editor: &Caller, admin: &Caller, id: &str, v: i64) {
    let deleted = app.data(editor, DELETE, json!({ "id": id, "v": v })).await;
    assert_eq!(deleted["deleteRecord"]["version"], v + 1);
    assert!(!visible(app, editor, id).await);
    assert!(!visible(app, &Caller::Admin, id).await);
    let resp = app
        .gql(editor, RESTORE, json!({ "id": id, "v": v + 1 }))
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let restored = app
        .data(admin, RESTORE, json!({ "id": id, "v": v + 1 }))
        .await;
    assert_eq!(restored["restoreRecord"]["version"], v + 2);
    assert!(visible(app, editor, id).await);
}

/// Asserts every case fails with BAD_USER_INPUT on its field.
async fn bad_inputs(app: &TestApp, caller: &Caller, query: &str, cases: Vec<(Value, &str)>) {
    for (vars, field) in cases {
        let resp = app.gql(caller, query, vars.clone()).await;
        assert!(
            resp["data"].is_null(),
            "nothing is returned for {vars}: {resp}"
        );
        assert_error(&resp, "BAD_USER_INPUT", Some(field));
    }
}

/// A stale `expectedVersion` is a conflict naming the current version.
async fn assert_conflict(app: &TestApp, caller: &Caller, update: &str, id: &str, current: i64) {
    let resp = app
        .gql(
            caller,
            update,
            json!({ "id": id, "v": current - 1, "input": {} }),
        )
        .await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(
        resp["errors"][0]["extensions"]["currentVersion"],
        json!(current)
    );
}

/// Merges `patch` into a copy of `base`.
fn with(base: &Value, patch: Value) -> Value {
    let mut out = base.clone();
    for (k, v) in patch.as_object().expect("object") {
        out[k] = v.clone();
    }
    out
}

const ROPS_KIELCE: &str = "Regionalny Ośrodek Polityki Społecznej Urzędu Marszałkowskiego Województwa Świętokrzyskiego w Kielcach";
const UM_SWK: &str = "Urząd Marszałkowski Województwa Świętokrzyskiego";
const FILHARMONIA: &str = "Filharmonia Świętokrzyska";
const UMK: &str = "Uniwersytet Mikołaja Kopernika w Toruniu";
const KOORDYNACJA: &str = "Koordynacja polityki społecznej w województwie świętokrzyskim";
const INTERNAL_26: &str = "Plan doradztwa dla gmin tworzących CUS (wewnętrzny)";
const GALERIA: &str =
    "Galeria zdjęć – wręczenie dyplomów organizatorom społeczności lokalnej (2025)";
const PROGRAM_BUKOWSKO: &str = "Program Usług Społecznych dla Gminy Bukowsko";
const GORNO: &str = "Centrum Usług Społecznych w Górnie";

/// An organisation of region 26 that only region 26 may see.
async fn hidden_organisation(app: &TestApp) -> String {
    app.data(
        &Caller::Admin,
        CREATE_ORG,
        json!({ "input": { "name": "Stowarzyszenie wewnętrzne", "kind": "NGO",
            "visibility": "REGION", "regionCode": "26" } }),
    )
    .await["createOrganisation"]["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

// ---------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------

const CREATE_ORG: &str = "mutation Create($input: OrganisationInput!, $key: String) {
    createOrganisation(input: $input, idempotencyKey: $key) {
        id name shortName aliases kind website visibility version
        municipality { name } parent { name } ownerRegion { terytCode }
    }
}";

const UPDATE_ORG: &str = "mutation Update($id: ID!, $v: Int!, $input: OrganisationPatch!) {
    updateOrganisation(id: $id, expectedVersion: $v, input: $input) {
        id name shortName aliases kind version parent { name } ownerRegion { terytCode }
    }
}";

dual_test!(an_organisation_lives_through_its_life_cycle, |app| {
    let lagow = municipality(&app, "2604073").await;
    let (rops, _) = organisation(&app, ROPS_KIELCE).await;
    let editor = Caller::Editor("26");
    let audits_before = audit_entries(&app, "Organisation").await;
    let input = json!({
        "name": "  Klub „Senior+” w Łagowie ",
        "shortName": "Senior+ Łagów",
        "aliases": ["Klub Seniora w Łagowie", "KS Łagów"],
        "kind": "SENIOR_CLUB",
        "municipalityId": lagow,
        "parentId": rops,
        "website": "https://senior.lagow.example",
    });
    let created = app
        .data(
            &editor,
            CREATE_ORG,
            json!({ "input": input, "key": "org-import-1" }),
        )
        .await["createOrganisation"]
        .clone();
    assert_eq!(created["name"], "Klub „Senior+” w Łagowie");
    assert_eq!(
        created["aliases"],
        json!(["Klub Seniora w Łagowie", "KS Łagów"])
    );
    assert_eq!(created["kind"], "SENIOR_CLUB");
    assert_eq!(created["visibility"], "PUBLIC");
    assert_eq!(created["version"], 1);
    assert_eq!(created["municipality"]["name"], "Łagów");
    assert_eq!(created["parent"]["name"], ROPS_KIELCE);
    assert_eq!(created["ownerRegion"]["terytCode"], "26");
    let id = created["id"].as_str().expect("id").to_owned();

    // A retry with the same key returns the same organisation.
    let retry = app
        .data(
            &editor,
            CREATE_ORG,
            json!({ "input": input, "key": "org-import-1" }),
        )
        .await;
    assert_eq!(retry["createOrganisation"]["id"], id.as_str());

    // Readable by anyone, findable by an alias without diacritics.
    assert!(visible(&app, &Caller::Anonymous, &id).await);
    assert_eq!(
        search(&app, &Caller::Anonymous, "organisations", "ks lagow").await,
        std::slice::from_ref(&id)
    );

    let updated = app
        .data(
            &editor,
            UPDATE_ORG,
            json!({ "id": id, "v": 1, "input": {
                "name": "Klub „Senior+” w Łagowie – filia",
                "shortName": null,
                "aliases": [],
                "parentId": null,
            } }),
        )
        .await["updateOrganisation"]
        .clone();
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["name"], "Klub „Senior+” w Łagowie – filia");
    assert_eq!(updated["shortName"], Value::Null);
    assert_eq!(updated["aliases"], json!([]));
    assert_eq!(updated["parent"], Value::Null);
    assert_eq!(updated["kind"], "SENIOR_CLUB");
    // The search text follows the record.
    assert!(
        search(&app, &Caller::Anonymous, "organisations", "ks lagow")
            .await
            .is_empty()
    );
    assert_eq!(
        search(
            &app,
            &Caller::Anonymous,
            "organisations",
            "w łagowie – filia"
        )
        .await,
        std::slice::from_ref(&id)
    );
    let log = audit_of(&app, &id).await;
    assert_eq!(log[0].0, "UPDATE");
    let changes = &log[0].1;
    assert_eq!(changes["name"]["before"], "Klub „Senior+” w Łagowie");
    assert_eq!(changes["name"]["after"], "Klub „Senior+” w Łagowie – filia");
    assert_eq!(changes["aliases"]["after"], json!([]));
    assert!(changes.get("kind").is_none(), "{changes}");

    assert_conflict(&app, &editor, UPDATE_ORG, &id, 2).await;
    delete_and_restore(&app, &editor, &Caller::RegionAdmin("26"), &id, 2).await;
    let ops: Vec<String> = audit_of(&app, &id).await.into_iter().map(|e| e.0).collect();
    assert_eq!(ops, ["RESTORE", "DELETE", "UPDATE", "CREATE"]);
    assert_eq!(audit_entries(&app, "Organisation").await, audits_before + 4);
});

dual_test!(organisation_writes_stay_inside_the_callers_rights, |app| {
    let hidden = hidden_organisation(&app).await;
    let (filharmonia, fv) = organisation(&app, FILHARMONIA).await;
    let (rops, rv) = organisation(&app, ROPS_KIELCE).await;
    let before = snapshot(&app).await;
    let input = json!({ "name": "Fundacja Nowa", "kind": "NGO" });
    let rename = json!({ "id": filharmonia, "v": fv, "input": { "name": "Zmieniona" } });

    for caller in [
        Caller::Viewer("26"),
        Caller::University(1),
        Caller::Anonymous,
    ] {
        let resp = app
            .gql(&caller, CREATE_ORG, json!({ "input": input }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app
            .gql(
                &caller,
                CREATE_ORG,
                json!({ "input": with(&input, json!({ "regionCode": "26" })) }),
            )
            .await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app.gql(&caller, UPDATE_ORG, rename.clone()).await;
        assert_error(&resp, "FORBIDDEN", None);
    }

    let olsztyn = Caller::Editor("28");
    let resp = app
        .gql(
            &olsztyn,
            CREATE_ORG,
            json!({ "input": with(&input, json!({ "regionCode": "26" })) }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app.gql(&olsztyn, UPDATE_ORG, rename.clone()).await;
    assert_error(&resp, "FORBIDDEN", None);
    for q in [UPDATE_ORG, DELETE] {
        let resp = app
            .gql(
                &olsztyn,
                q,
                json!({ "id": hidden, "v": 1, "input": { "name": "X" } }),
            )
            .await;
        assert_error(&resp, "NOT_FOUND", None);
    }
    // A parent it cannot see is no parent at all.
    let resp = app
        .gql(
            &olsztyn,
            CREATE_ORG,
            json!({ "input": with(&input, json!({ "parentId": hidden })) }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.parentId"));
    // Its own editor cannot move a record to a region it does not write.
    let resp = app
        .gql(
            &Caller::Editor("26"),
            UPDATE_ORG,
            json!({ "id": filharmonia, "v": fv, "input": { "regionCode": "28" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    // The organisation of a regional office stays in the office's region.
    let both = Caller::Raw(app.token_for_regions(&["26", "18"]));
    let resp = app
        .gql(
            &both,
            UPDATE_ORG,
            json!({ "id": rops, "v": rv, "input": { "regionCode": "18" } }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.regionCode"));
    assert_eq!(snapshot(&app).await, before);

    // An editor of both regions can move another organisation.
    let moved = app
        .data(
            &both,
            UPDATE_ORG,
            json!({ "id": filharmonia, "v": fv, "input": { "regionCode": "18" } }),
        )
        .await;
    assert_eq!(
        moved["updateOrganisation"]["ownerRegion"]["terytCode"],
        "18"
    );
});

dual_test!(organisation_input_is_validated_field_by_field, |app| {
    let (um, umv) = organisation(&app, UM_SWK).await;
    let (rops, _) = organisation(&app, ROPS_KIELCE).await;
    let (koordynacja, _) = project(&app, KOORDYNACJA).await;
    let editor = Caller::Editor("26");
    let before = snapshot(&app).await;
    let base = json!({ "name": "Fundacja „Razem”", "kind": "NGO" });
    let create = |patch: Value| json!({ "input": with(&base, patch) });
    let too_many: Vec<String> = (0..101).map(|i| format!("Alias {i}")).collect();
    bad_inputs(
        &app,
        &editor,
        CREATE_ORG,
        vec![
            (create(json!({ "name": "   " })), "input.name"),
            (create(json!({ "name": "ż".repeat(301) })), "input.name"),
            (create(json!({ "name": "Fundacja\u{7}" })), "input.name"),
            (create(json!({ "shortName": "a\nb" })), "input.shortName"),
            (
                create(json!({ "aliases": ["Dobra", " "] })),
                "input.aliases[1]",
            ),
            (create(json!({ "aliases": too_many })), "input.aliases"),
            (
                create(json!({ "website": "ftp://fundacja.example" })),
                "input.website",
            ),
            (
                create(json!({ "website": "https://fundacja example.pl" })),
                "input.website",
            ),
            (
                create(json!({ "municipalityId": koordynacja })),
                "input.municipalityId",
            ),
            (
                create(json!({ "municipalityId": gid("Municipality", 999_999) })),
                "input.municipalityId",
            ),
            (
                create(json!({ "parentId": gid("Organisation", 999_999) })),
                "input.parentId",
            ),
            (create(json!({ "parentId": "%%%" })), "input.parentId"),
            (create(json!({ "regionCode": "99" })), "input.regionCode"),
            (
                json!({ "input": base, "key": "k".repeat(129) }),
                "idempotencyKey",
            ),
        ],
    )
    .await;
    let update = |patch: Value| json!({ "id": um, "v": umv, "input": patch });
    bad_inputs(
        &app,
        &editor,
        UPDATE_ORG,
        vec![
            (update(json!({ "name": "" })), "input.name"),
            (update(json!({ "website": "not a url" })), "input.website"),
            // Its own parent, or a child of its own.
            (update(json!({ "parentId": um })), "input.parentId"),
            (update(json!({ "parentId": rops })), "input.parentId"),
            (
                update(json!({ "municipalityId": gid("Municipality", 999_999) })),
                "input.municipalityId",
            ),
        ],
    )
    .await;
    assert_eq!(snapshot(&app).await, before);
});

// ---------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------

const CREATE_PROJECT: &str = "mutation Create($input: ProjectInput!, $key: String) {
    createProject(input: $input, idempotencyKey: $key) {
        id title shortTitle status selectionMode version visibility
        programme { code } action { code } agreement { number signedOn }
        startDate endDate website description
        totalValue { amount approximate } grantRequested { amount approximate }
        grantAwarded { amount currency approximate }
        participants { organisation { name } role } centres { name }
        ownerRegion { terytCode }
    }
}";

const UPDATE_PROJECT: &str = "mutation Update($id: ID!, $v: Int!, $input: ProjectPatch!) {
    updateProject(id: $id, expectedVersion: $v, input: $input) {
        id title version grantAwarded { amount } totalValue { amount approximate }
        endDate participants { organisation { name } role } centres { name }
        ownerRegion { terytCode }
    }
}";

dual_test!(a_project_lives_through_its_life_cycle, |app| {
    let fers = programme(&app, "FERS").await;
    let action = fers_action(&app).await;
    let (rops, _) = organisation(&app, ROPS_KIELCE).await;
    let (umk, _) = organisation(&app, UMK).await;
    let (gorno, _) = id_by_name(&app, &Caller::Admin, "centres", "name", GORNO).await;
    let editor = Caller::Editor("26");
    let created = app
        .data(
            &editor,
            CREATE_PROJECT,
            json!({ "input": {
                "title": "Świętokrzyskie Centra Usług – wsparcie kadr",
                "shortTitle": "ŚCU Kadry",
                "programmeId": fers,
                "actionId": action,
                "status": "CONTRACTED",
                "selectionMode": "COMPETITIVE",
                "agreementNumber": "FERS.04.13-IP.06-0099/25",
                "agreementSignedOn": "2025-03-12",
                "startDate": "2025-04-01",
                "endDate": "2027-12-31",
                "totalValue": { "amount": "1234567.5" },
                "grantAwarded": { "amount": "1000000", "approximate": true },
                "website": "https://kadry.swietokrzyskie.example",
                "description": "Szkolenia i superwizja dla kadry CUS.\nDrugi wiersz.",
                "participants": [
                    { "organisationId": umk, "role": "ACADEMIC_PARTNER" },
                    { "organisationId": rops, "role": "LEAD" },
                ],
                "centreIds": [gorno, gorno],
            } }),
        )
        .await["createProject"]
        .clone();
    assert_eq!(created["version"], 1);
    assert_eq!(created["visibility"], "NETWORK");
    assert_eq!(created["ownerRegion"]["terytCode"], "26");
    assert_eq!(created["programme"]["code"], "FERS");
    assert_eq!(created["action"]["code"], "FERS.04.13");
    assert_eq!(
        created["agreement"],
        json!({ "number": "FERS.04.13-IP.06-0099/25", "signedOn": "2025-03-12" })
    );
    assert_eq!(created["startDate"], "2025-04-01");
    assert_eq!(
        created["totalValue"],
        json!({ "amount": "1234567.50", "approximate": false })
    );
    assert_eq!(created["grantRequested"], Value::Null);
    assert_eq!(
        created["grantAwarded"],
        json!({ "amount": "1000000.00", "currency": "PLN", "approximate": true })
    );
    assert_eq!(
        created["participants"],
        json!([
            { "organisation": { "name": ROPS_KIELCE }, "role": "LEAD" },
            { "organisation": { "name": UMK }, "role": "ACADEMIC_PARTNER" },
        ])
    );
    assert_eq!(created["centres"], json!([{ "name": GORNO }]));
    let id = created["id"].as_str().expect("id").to_owned();

    // NETWORK: members read it, anonymous callers do not; the programme code finds it.
    assert!(visible(&app, &Caller::Viewer("28"), &id).await);
    assert!(!visible(&app, &Caller::Anonymous, &id).await);
    assert!(
        search(&app, &editor, "projects", "scu kadry fers")
            .await
            .contains(&id)
    );
    // The centre lists the project too.
    let centre = app
        .data(
            &editor,
            "query($id: ID!) { node(id: $id) { ... on Centre { projects { id } } } }",
            json!({ "id": gorno }),
        )
        .await;
    assert!(
        centre["node"]["projects"].to_string().contains(&id),
        "{centre}"
    );

    let updated = app
        .data(
            &editor,
            UPDATE_PROJECT,
            json!({ "id": id, "v": 1, "input": {
                "title": "Świętokrzyskie Centra Usług – kadry 2025–2028",
                "endDate": "2028-06-30",
                "grantAwarded": null,
                "totalValue": { "amount": "1300000.00", "approximate": true },
                "participants": [{ "organisationId": rops, "role": "PARTNER" }],
                "centreIds": [],
            } }),
        )
        .await["updateProject"]
        .clone();
    assert_eq!(updated["version"], 2);
    assert_eq!(
        updated["title"],
        "Świętokrzyskie Centra Usług – kadry 2025–2028"
    );
    assert_eq!(updated["endDate"], "2028-06-30");
    assert_eq!(updated["grantAwarded"], Value::Null);
    assert_eq!(
        updated["totalValue"],
        json!({ "amount": "1300000.00", "approximate": true })
    );
    assert_eq!(
        updated["participants"],
        json!([{ "organisation": { "name": ROPS_KIELCE }, "role": "PARTNER" }])
    );
    assert_eq!(updated["centres"], json!([]));
    let log = audit_of(&app, &id).await;
    assert_eq!(log[0].0, "UPDATE");
    let changes = &log[0].1;
    assert_eq!(
        changes["title"]["before"],
        "Świętokrzyskie Centra Usług – wsparcie kadr"
    );
    assert_eq!(changes["grant_awarded_grosze"]["before"], 100_000_000);
    assert_eq!(changes["grant_awarded_grosze"]["after"], Value::Null);
    assert_eq!(
        changes["participants"]["before"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(changes["participants"]["after"][0]["role"], "PARTNER");
    assert_eq!(changes["centres"]["after"], json!([]));
    assert!(changes.get("programme_id").is_none(), "{changes}");
    let create = &log[1].1;
    assert_eq!(
        create["participants"]["after"].as_array().map(Vec::len),
        Some(2)
    );

    assert_conflict(&app, &editor, UPDATE_PROJECT, &id, 2).await;
    delete_and_restore(&app, &editor, &Caller::RegionAdmin("26"), &id, 2).await;
    // Delete and restore keep the search text, programme code included.
    assert!(
        search(&app, &editor, "projects", "scu kadry fers")
            .await
            .contains(&id)
    );
    let ops: Vec<String> = audit_of(&app, &id).await.into_iter().map(|e| e.0).collect();
    assert_eq!(ops, ["RESTORE", "DELETE", "UPDATE", "CREATE"]);
});

dual_test!(project_writes_stay_inside_the_callers_rights, |app| {
    let fers = programme(&app, "FERS").await;
    let hidden_org = hidden_organisation(&app).await;
    let public = app
        .data(
            &Caller::Editor("26"),
            CREATE_PROJECT,
            json!({ "input": { "title": "Projekt jawny", "programmeId": fers,
                "status": "APPLIED", "visibility": "PUBLIC" } }),
        )
        .await["createProject"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let (koordynacja, kv) = project(&app, KOORDYNACJA).await;
    let (internal, iv) = project(&app, INTERNAL_26).await;
    let before = snapshot(&app).await;
    let input = json!({ "title": "Nowy projekt", "programmeId": fers, "status": "APPLIED" });

    for caller in [
        Caller::Viewer("26"),
        Caller::University(1),
        Caller::Anonymous,
    ] {
        let resp = app
            .gql(&caller, CREATE_PROJECT, json!({ "input": input }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app
            .gql(
                &caller,
                UPDATE_PROJECT,
                json!({ "id": public, "v": 1, "input": { "title": "Zmieniony" } }),
            )
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }

    let olsztyn = Caller::Editor("28");
    let resp = app
        .gql(
            &olsztyn,
            CREATE_PROJECT,
            json!({ "input": with(&input, json!({ "regionCode": "26" })) }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app
        .gql(
            &olsztyn,
            UPDATE_PROJECT,
            json!({ "id": koordynacja, "v": kv, "input": { "title": "X" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    for q in [UPDATE_PROJECT, DELETE] {
        let resp = app
            .gql(
                &olsztyn,
                q,
                json!({ "id": internal, "v": iv, "input": { "title": "X" } }),
            )
            .await;
        assert_error(&resp, "NOT_FOUND", None);
    }
    let resp = app
        .gql(
            &olsztyn,
            CREATE_PROJECT,
            json!({ "input": with(&input, json!({ "participants": [
                { "organisationId": hidden_org, "role": "LEAD" }
            ] })) }),
        )
        .await;
    assert_error(
        &resp,
        "BAD_USER_INPUT",
        Some("input.participants[0].organisationId"),
    );
    let resp = app
        .gql(
            &Caller::Editor("26"),
            UPDATE_PROJECT,
            json!({ "id": koordynacja, "v": kv, "input": { "regionCode": "28" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    assert_eq!(snapshot(&app).await, before);
});

dual_test!(project_input_is_validated_field_by_field, |app| {
    let fers = programme(&app, "FERS").await;
    let fesw = programme(&app, "FESW").await;
    let action = fers_action(&app).await;
    let (rops, _) = organisation(&app, ROPS_KIELCE).await;
    let (umk, _) = organisation(&app, UMK).await;
    let (gorno, _) = id_by_name(&app, &Caller::Admin, "centres", "name", GORNO).await;
    let (koordynacja, kv) = project(&app, KOORDYNACJA).await;
    let editor = Caller::Editor("26");
    let before = snapshot(&app).await;
    let base = json!({ "title": "Projekt", "programmeId": fers, "status": "APPLIED" });
    let create = |patch: Value| json!({ "input": with(&base, patch) });
    let too_many: Vec<String> = (0..101).map(|_| gorno.clone()).collect();
    let lead = |org: &str| json!({ "organisationId": org, "role": "LEAD" });
    bad_inputs(
        &app,
        &editor,
        CREATE_PROJECT,
        vec![
            (create(json!({ "title": "" })), "input.title"),
            (create(json!({ "title": "x".repeat(301) })), "input.title"),
            (
                create(json!({ "shortTitle": "a\u{1}" })),
                "input.shortTitle",
            ),
            (
                create(json!({ "programmeId": action })),
                "input.programmeId",
            ),
            (
                create(json!({ "programmeId": gid("FundingProgramme", 999_999) })),
                "input.programmeId",
            ),
            (
                create(json!({ "actionId": gid("FundingAction", 999_999) })),
                "input.actionId",
            ),
            (
                create(json!({ "programmeId": fesw, "actionId": action })),
                "input.actionId",
            ),
            (
                create(json!({ "startDate": "2026-01-02", "endDate": "2026-01-01" })),
                "input.endDate",
            ),
            (
                create(json!({ "totalValue": { "amount": "-5" } })),
                "input.totalValue.amount",
            ),
            (
                create(json!({ "grantRequested": { "amount": "10.005" } })),
                "input.grantRequested.amount",
            ),
            (
                create(json!({ "grantAwarded": { "amount": "1,5 mln" } })),
                "input.grantAwarded.amount",
            ),
            (
                create(json!({ "agreementNumber": "9".repeat(101) })),
                "input.agreementNumber",
            ),
            (create(json!({ "website": "http://" })), "input.website"),
            (
                create(json!({ "description": "a\u{0}b" })),
                "input.description",
            ),
            (
                create(json!({ "participants": [lead(&rops), lead(&umk)] })),
                "input.participants[1].role",
            ),
            (
                create(json!({ "participants": [
                    lead(&rops),
                    { "organisationId": rops, "role": "PARTNER" },
                ] })),
                "input.participants[1].organisationId",
            ),
            (
                create(json!({ "participants": [lead(&gid("Organisation", 999_999))] })),
                "input.participants[0].organisationId",
            ),
            (
                create(json!({ "participants": [lead(&gorno)] })),
                "input.participants[0].organisationId",
            ),
            (create(json!({ "centreIds": too_many })), "input.centreIds"),
            (
                create(json!({ "centreIds": [gorno, gid("Centre", 999_999)] })),
                "input.centreIds[1]",
            ),
            (create(json!({ "regionCode": "2" })), "input.regionCode"),
        ],
    )
    .await;
    let update = |patch: Value| json!({ "id": koordynacja, "v": kv, "input": patch });
    bad_inputs(
        &app,
        &editor,
        UPDATE_PROJECT,
        vec![
            (update(json!({ "title": "  " })), "input.title"),
            (
                update(json!({ "startDate": "2026-01-01", "endDate": "2025-12-31" })),
                "input.endDate",
            ),
            (
                update(json!({ "grantAwarded": { "amount": "1.234" } })),
                "input.grantAwarded.amount",
            ),
            // The kept action FERS.04.13 does not belong to FESW.
            (update(json!({ "programmeId": fesw })), "input.actionId"),
            (
                update(json!({ "participants": [lead(&gorno)] })),
                "input.participants[0].organisationId",
            ),
            (
                update(json!({ "centreIds": [gid("Centre", 999_999)] })),
                "input.centreIds[0]",
            ),
        ],
    )
    .await;
    assert_eq!(snapshot(&app).await, before);
});

// ---------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------

const CREATE_DOC: &str = "mutation Create($input: DocumentInput!, $key: String) {
    createDocument(input: $input, idempotencyKey: $key) {
        id title kind authors seriesName seriesNumber publishedYear language url licence
        description visibility version publisher { name } project { title }
        ownerRegion { terytCode }
    }
}";

const UPDATE_DOC: &str = "mutation Update($id: ID!, $v: Int!, $input: DocumentPatch!) {
    updateDocument(id: $id, expectedVersion: $v, input: $input) {
        id title kind authors seriesName seriesNumber language url version
        publisher { name } project { title }
    }
}";

dual_test!(a_document_lives_through_its_life_cycle, |app| {
    let (rops, _) = organisation(&app, ROPS_KIELCE).await;
    let (koordynacja, _) = project(&app, KOORDYNACJA).await;
    let editor = Caller::Editor("26");
    let created = app
        .data(
            &editor,
            CREATE_DOC,
            json!({ "input": {
                "title": "Raport z monitoringu CUS w województwie świętokrzyskim 2025",
                "kind": "REPORT",
                "publisherId": rops,
                "authors": ["Anna Nowak", " Jan Kowalski "],
                "seriesName": "Raporty ROPS",
                "seriesNumber": 3,
                "publishedYear": 2025,
                "url": "https://rops.swietokrzyskie.example/raport-2025.pdf",
                "licence": "CC BY 4.0",
                "projectId": koordynacja,
                "description": "Wyniki ankiety wśród centrów.",
            } }),
        )
        .await["createDocument"]
        .clone();
    assert_eq!(created["version"], 1);
    assert_eq!(created["kind"], "REPORT");
    assert_eq!(created["authors"], json!(["Anna Nowak", "Jan Kowalski"]));
    assert_eq!(created["seriesNumber"], 3);
    assert_eq!(created["publishedYear"], 2025);
    assert_eq!(created["language"], "pl");
    assert_eq!(created["visibility"], "NETWORK");
    assert_eq!(created["publisher"]["name"], ROPS_KIELCE);
    assert_eq!(created["project"]["title"], KOORDYNACJA);
    assert_eq!(created["ownerRegion"]["terytCode"], "26");
    let id = created["id"].as_str().expect("id").to_owned();
    assert!(visible(&app, &Caller::Viewer("18"), &id).await);
    assert!(!visible(&app, &Caller::Anonymous, &id).await);
    assert_eq!(
        search(&app, &editor, "documents", "kowalski").await,
        std::slice::from_ref(&id)
    );

    let updated = app
        .data(
            &editor,
            UPDATE_DOC,
            json!({ "id": id, "v": 1, "input": {
                "title": "Monitoring CUS 2025 – raport końcowy",
                "kind": "OTHER",
                "authors": [],
                "seriesNumber": null,
                "language": "en",
                "url": null,
                "projectId": null,
            } }),
        )
        .await["updateDocument"]
        .clone();
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["title"], "Monitoring CUS 2025 – raport końcowy");
    assert_eq!(updated["kind"], "OTHER");
    assert_eq!(updated["authors"], json!([]));
    assert_eq!(updated["seriesName"], "Raporty ROPS");
    assert_eq!(updated["seriesNumber"], Value::Null);
    assert_eq!(updated["language"], "en");
    assert_eq!(updated["url"], Value::Null);
    assert_eq!(updated["project"], Value::Null);
    assert_eq!(updated["publisher"]["name"], ROPS_KIELCE);
    assert!(
        search(&app, &editor, "documents", "kowalski")
            .await
            .is_empty()
    );
    let log = audit_of(&app, &id).await;
    assert_eq!(log[0].0, "UPDATE");
    let changes = &log[0].1;
    assert_eq!(
        changes["language"],
        json!({ "before": "pl", "after": "en" })
    );
    assert_eq!(changes["series_number"]["before"], 3);
    assert_eq!(
        changes["authors"]["before"],
        json!(["Anna Nowak", "Jan Kowalski"])
    );
    assert!(changes.get("publisher_id").is_none(), "{changes}");

    assert_conflict(&app, &editor, UPDATE_DOC, &id, 2).await;
    delete_and_restore(&app, &editor, &Caller::RegionAdmin("26"), &id, 2).await;
    let ops: Vec<String> = audit_of(&app, &id).await.into_iter().map(|e| e.0).collect();
    assert_eq!(ops, ["RESTORE", "DELETE", "UPDATE", "CREATE"]);
});

dual_test!(document_writes_stay_inside_the_callers_rights, |app| {
    let hidden_org = hidden_organisation(&app).await;
    let hidden_doc = app
        .data(
            &Caller::Admin,
            CREATE_DOC,
            json!({ "input": { "title": "Notatka wewnętrzna", "kind": "OTHER",
                "visibility": "REGION", "regionCode": "26" } }),
        )
        .await["createDocument"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let (program, pv) = document(&app, PROGRAM_BUKOWSKO).await;
    let (galeria, gv) = document(&app, GALERIA).await;
    let (internal_26, _) = project(&app, INTERNAL_26).await;
    let before = snapshot(&app).await;
    let input = json!({ "title": "Nowa broszura", "kind": "BROCHURE" });

    for caller in [
        Caller::Viewer("18"),
        Caller::University(1),
        Caller::Anonymous,
    ] {
        let resp = app
            .gql(&caller, CREATE_DOC, json!({ "input": input }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app
            .gql(
                &caller,
                UPDATE_DOC,
                json!({ "id": program, "v": pv, "input": { "title": "Zmieniony" } }),
            )
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }

    let olsztyn = Caller::Editor("28");
    let resp = app
        .gql(
            &olsztyn,
            CREATE_DOC,
            json!({ "input": with(&input, json!({ "regionCode": "26" })) }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app
        .gql(
            &olsztyn,
            UPDATE_DOC,
            json!({ "id": galeria, "v": gv, "input": { "title": "X" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    for q in [UPDATE_DOC, DELETE] {
        let resp = app
            .gql(
                &olsztyn,
                q,
                json!({ "id": hidden_doc, "v": 1, "input": { "title": "X" } }),
            )
            .await;
        assert_error(&resp, "NOT_FOUND", None);
    }
    let resp = app
        .gql(
            &olsztyn,
            CREATE_DOC,
            json!({ "input": with(&input, json!({ "projectId": internal_26 })) }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.projectId"));
    let resp = app
        .gql(
            &olsztyn,
            CREATE_DOC,
            json!({ "input": with(&input, json!({ "publisherId": hidden_org })) }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.publisherId"));
    // Region 28's own document cannot point at region 26's internal project either.
    let (kprp_doc, kv) = document(
        &app,
        "Organizator społeczności lokalnej w centrum usług społecznych",
    )
    .await;
    let resp = app
        .gql(
            &olsztyn,
            UPDATE_DOC,
            json!({ "id": kprp_doc, "v": kv, "input": { "projectId": internal_26 } }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.projectId"));
    assert_eq!(snapshot(&app).await, before);
});

dual_test!(document_input_is_validated_field_by_field, |app| {
    let (galeria, gv) = document(&app, GALERIA).await;
    let (koordynacja, _) = project(&app, KOORDYNACJA).await;
    let editor = Caller::Editor("26");
    let before = snapshot(&app).await;
    let base = json!({ "title": "Broszura", "kind": "BROCHURE" });
    let create = |patch: Value| json!({ "input": with(&base, patch) });
    let too_many: Vec<String> = (0..101).map(|i| format!("Autor {i}")).collect();
    bad_inputs(
        &app,
        &editor,
        CREATE_DOC,
        vec![
            (create(json!({ "title": " " })), "input.title"),
            (create(json!({ "title": "Tytuł\u{1b}" })), "input.title"),
            (
                create(json!({ "url": "ftp://pliki.example/a.pdf" })),
                "input.url",
            ),
            (
                create(json!({ "url": "https://pliki.example/a b.pdf" })),
                "input.url",
            ),
            (create(json!({ "authors": [""] })), "input.authors[0]"),
            (create(json!({ "authors": too_many })), "input.authors"),
            (
                create(json!({ "seriesName": "Seria", "seriesNumber": 0 })),
                "input.seriesNumber",
            ),
            (create(json!({ "seriesNumber": 2 })), "input.seriesNumber"),
            (
                create(json!({ "publishedYear": 1800 })),
                "input.publishedYear",
            ),
            (
                create(json!({ "publishedYear": 9999 })),
                "input.publishedYear",
            ),
            (create(json!({ "language": "polski!" })), "input.language"),
            (
                create(json!({ "licence": "l".repeat(301) })),
                "input.licence",
            ),
            (
                create(json!({ "publisherId": koordynacja })),
                "input.publisherId",
            ),
            (
                create(json!({ "projectId": gid("Project", 999_999) })),
                "input.projectId",
            ),
            (
                create(json!({ "description": "a\u{0}b" })),
                "input.description",
            ),
        ],
    )
    .await;
    let update = |patch: Value| json!({ "id": galeria, "v": gv, "input": patch });
    bad_inputs(
        &app,
        &editor,
        UPDATE_DOC,
        vec![
            (update(json!({ "title": "" })), "input.title"),
            // The gallery has no series.
            (update(json!({ "seriesNumber": 2 })), "input.seriesNumber"),
            (update(json!({ "language": "" })), "input.language"),
            (update(json!({ "url": "www.example.pl" })), "input.url"),
            (
                update(json!({ "publisherId": gid("Organisation", 999_999) })),
                "input.publisherId",
            ),
        ],
    )
    .await;
    assert_eq!(snapshot(&app).await, before);
});
