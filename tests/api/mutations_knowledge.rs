//! Writing trainings (with partner organisations and their validity windows) and good
//! practices (with their documents): the life cycle with its audit trail, who may write
//! where, references to records the caller cannot see, validation and optimistic
//! concurrency.

use crate::helpers::{Caller, TestApp, dual_test};
use crate::writes::{assert_error, audit_entries, id_by_name, snapshot};
use cusnet::graphql::ids::{Kind, encode};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

const TRAINING_FIELDS: &str = "id title kind version visibility ownerRegion { terytCode }
    organiser { name } project { title } startDate endDate format methods curriculum audience
    completedCount description partners { organisation { name } validFrom validTo }";

const PRACTICE_FIELDS: &str = "id title summary status version visibility
    ownerRegion { terytCode } centre { name } contact { roleTitle } categories topics
    documents { title }";

fn create_training() -> String {
    format!(
        "mutation($input: TrainingInput!, $key: String) {{
            createTraining(input: $input, idempotencyKey: $key) {{ {TRAINING_FIELDS} }} }}"
    )
}

fn update_training() -> String {
    format!(
        "mutation($id: ID!, $v: Int!, $input: TrainingPatch!) {{
            updateTraining(id: $id, expectedVersion: $v, input: $input) {{ {TRAINING_FIELDS} }} }}"
    )
}

fn create_practice() -> String {
    format!(
        "mutation($input: GoodPracticeInput!, $key: String) {{
            createGoodPractice(input: $input, idempotencyKey: $key) {{ {PRACTICE_FIELDS} }} }}"
    )
}

fn update_practice() -> String {
    format!(
        "mutation($id: ID!, $v: Int!, $input: GoodPracticePatch!) {{
            updateGoodPractice(id: $id, expectedVersion: $v, input: $input) {{ {PRACTICE_FIELDS} }} }}"
    )
}

const DELETE: &str = "mutation($id: ID!, $v: Int!) {
    deleteRecord(id: $id, expectedVersion: $v) {
        ... on Training { id version } ... on GoodPractice { id version } } }";

const RESTORE: &str = "mutation($id: ID!, $v: Int!) {
    restoreRecord(id: $id, expectedVersion: $v) {
        ... on Training { id version } ... on GoodPractice { id version } } }";

const AUDIT: &str = "query($id: ID!) { auditLog(filter: { entityId: $id }) {
    nodes { operation entityType changes actor { role } ownerRegion { terytCode } } } }";

const ROPS_KIELCE: &str = "Regionalny Ośrodek Polityki Społecznej Urzędu Marszałkowskiego Województwa Świętokrzyskiego w Kielcach";
const KORCZAK: &str = "Wyższa Szkoła Pedagogiczna im. Janusza Korczaka w Warszawie";
const UMK: &str = "Uniwersytet Mikołaja Kopernika w Toruniu";
const UM_SWIETOKRZYSKIE: &str = "Urząd Marszałkowski Województwa Świętokrzyskiego";
const GALERIA: &str =
    "Galeria zdjęć – wręczenie dyplomów organizatorom społeczności lokalnej (2025)";
const KPRP_DLACZEGO: &str = "Dlaczego centrum usług społecznych";
const DRAFT_26: &str = "Standard współpracy CUS z organizacjami pozarządowymi – szkic (wewnętrzny)";

async fn org(app: &TestApp, name: &str) -> String {
    id_by_name(app, &Caller::Admin, "organisations", "name", name)
        .await
        .0
}

async fn project(app: &TestApp, title: &str) -> String {
    id_by_name(app, &Caller::Admin, "projects", "title", title)
        .await
        .0
}

async fn document(app: &TestApp, title: &str) -> String {
    id_by_name(app, &Caller::Admin, "documents", "title", title)
        .await
        .0
}

async fn centre(app: &TestApp, name: &str) -> String {
    id_by_name(app, &Caller::Admin, "centres", "name", name)
        .await
        .0
}

/// The (REGION-only) contact person of region 26, Rafał Szwed of ROPS Kielce.
async fn contact_26(app: &TestApp) -> String {
    let data = app
        .data(
            &Caller::Admin,
            "{ contactPeople(filter: { search: \"Szwed\" }) { nodes { id ownerRegion { terytCode } } } }",
            json!({}),
        )
        .await;
    let node = &data["contactPeople"]["nodes"][0];
    assert_eq!(node["ownerRegion"]["terytCode"], "26", "{data}");
    node["id"].as_str().expect("id").to_owned()
}

/// Runs raw SQL against the test database (test set-up only).
async fn sql(app: &TestApp, statement: &str) {
    let conn = app.connect().await;
    conn.execute_unprepared(statement)
        .await
        .expect("set-up statement");
}

/// Reads one record of type `ty` through `node` as `caller` (`null` when it is NOT_FOUND).
async fn node(app: &TestApp, caller: &Caller, id: &str, ty: &str, fields: &str) -> Value {
    let q = format!("query($id: ID!) {{ node(id: $id) {{ ... on {ty} {{ {fields} }} }} }}");
    let resp = app.gql(caller, &q, json!({ "id": id })).await;
    if resp.get("errors").is_some() {
        assert_error(&resp, "NOT_FOUND", None);
        return Value::Null;
    }
    resp["data"]["node"].clone()
}

/// The audit entries of one record, newest first, as a region administrator of 26 sees them.
async fn audit_log(app: &TestApp, id: &str) -> Vec<Value> {
    app.data(&Caller::RegionAdmin("26"), AUDIT, json!({ "id": id }))
        .await["auditLog"]["nodes"]
        .as_array()
        .expect("entries")
        .clone()
}

/// A valid new training of region 26 (organiser ROPS Kielce).
fn training_input(title: &str, organiser: &str) -> Value {
    json!({
        "title": title,
        "kind": "DEINSTITUTIONALISATION_PLANNING",
        "organiserId": organiser,
        "startDate": "2026-03-02",
        "endDate": "2026-03-04",
    })
}

/// A valid new good practice.
fn practice_input(title: &str) -> Value {
    json!({
        "title": title,
        "summary": "Opis praktyki w słowach sieci.",
        "topics": ["animacja lokalna"],
    })
}

/// `base` with the fields of `patch` set over it.
fn with(base: &Value, patch: Value) -> Value {
    let mut out = base.clone();
    for (k, v) in patch.as_object().expect("object") {
        out[k] = v.clone();
    }
    out
}

dual_test!(
    a_training_lives_through_create_update_delete_and_restore,
    |app| {
        let kielce = org(&app, ROPS_KIELCE).await;
        let korczak = org(&app, KORCZAK).await;
        let umk = org(&app, UMK).await;
        let koordynacja = project(
            &app,
            "Koordynacja polityki społecznej w województwie świętokrzyskim",
        )
        .await;
        let editor = Caller::Editor("26");
        let audits_before = audit_entries(&app, "Training").await;
        let partners_before = snapshot(&app).await["training_partner"].0;

        let input = json!({
            "title": "  Warsztaty z planowania deinstytucjonalizacji  ",
            "kind": "DEINSTITUTIONALISATION_PLANNING",
            "organiserId": kielce,
            "projectId": koordynacja,
            "startDate": "2026-03-02",
            "endDate": "2026-03-04",
            "format": "HYBRID",
            "methods": ["WORKSHOP", "LECTURE", "WORKSHOP"],
            "curriculum": ["diagnoza usług w gminie", "lokalny plan deinstytucjonalizacji"],
            "audience": ["CUS_STAFF", "LOCAL_GOVERNMENT"],
            "description": "Trzy dni warsztatów dla zespołów CUS.",
            "partners": [
                { "organisationId": korczak, "validFrom": "2026-01-01", "validTo": "2026-12-31" },
                { "organisationId": umk },
            ],
        });
        let created = app
            .data(
                &editor,
                &create_training(),
                json!({ "input": input, "key": "lpdi-2026" }),
            )
            .await["createTraining"]
            .clone();
        assert_eq!(
            created["title"],
            "Warsztaty z planowania deinstytucjonalizacji"
        );
        assert_eq!(created["version"], 1);
        assert_eq!(created["visibility"], "NETWORK");
        assert_eq!(created["ownerRegion"]["terytCode"], "26");
        assert_eq!(created["organiser"]["name"], ROPS_KIELCE);
        assert_eq!(
            created["project"]["title"],
            "Koordynacja polityki społecznej w województwie świętokrzyskim"
        );
        assert_eq!(created["format"], "HYBRID");
        assert_eq!(created["methods"], json!(["WORKSHOP", "LECTURE"]));
        assert_eq!(
            created["audience"],
            json!(["CUS_STAFF", "LOCAL_GOVERNMENT"])
        );
        assert_eq!(
            created["curriculum"][1],
            "lokalny plan deinstytucjonalizacji"
        );
        assert_eq!(created["completedCount"], Value::Null);
        assert_eq!(
            created["partners"],
            json!([
                { "organisation": { "name": KORCZAK }, "validFrom": "2026-01-01", "validTo": "2026-12-31" },
                { "organisation": { "name": UMK }, "validFrom": null, "validTo": null },
            ])
        );
        let id = created["id"].as_str().expect("id").to_owned();

        // A retry with the same key returns the same training and writes nothing more.
        let retry = app
            .data(
                &editor,
                &create_training(),
                json!({ "input": input, "key": "lpdi-2026" }),
            )
            .await;
        assert_eq!(retry["createTraining"]["id"], id.as_str());
        assert_eq!(
            snapshot(&app).await["training_partner"].0,
            partners_before + 2
        );

        // NETWORK: other members read it (partners included), the public does not.
        let seen = node(
            &app,
            &Caller::Viewer("28"),
            &id,
            "Training",
            "title partners { validTo }",
        )
        .await;
        assert_eq!(seen["title"], created["title"]);
        assert_eq!(seen["partners"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            node(&app, &Caller::Anonymous, &id, "Training", "title").await,
            Value::Null
        );
        // The search text holds the organiser's name, as for the demo trainings.
        let search = "query($s: String) { trainings(filter: { search: $s }) { nodes { id } } }";
        let by_organiser = json!({ "s": "deinstytucjonalizacji regionalny osrodek" });
        let found = app.data(&editor, search, by_organiser.clone()).await;
        assert_eq!(found["trainings"]["nodes"], json!([{ "id": id }]));

        // A partial update: the count, a later end, one partner with a shorter window, no
        // format; the rest stays.
        let updated = app
            .data(
                &editor,
                &update_training(),
                json!({ "id": id, "v": 1, "input": {
                    "completedCount": 18,
                    "endDate": "2026-03-05",
                    "format": null,
                    "partners": [{ "organisationId": korczak, "validFrom": "2026-01-01", "validTo": "2026-06-30" }],
                } }),
            )
            .await["updateTraining"]
            .clone();
        assert_eq!(updated["version"], 2);
        assert_eq!(updated["completedCount"], 18);
        assert_eq!(updated["endDate"], "2026-03-05");
        assert_eq!(updated["startDate"], "2026-03-02");
        assert_eq!(updated["format"], Value::Null);
        assert_eq!(updated["title"], created["title"]);
        assert_eq!(updated["methods"], created["methods"]);
        assert_eq!(
            updated["partners"],
            json!([{ "organisation": { "name": KORCZAK }, "validFrom": "2026-01-01", "validTo": "2026-06-30" }])
        );
        // Changing nothing writes nothing.
        let same = app
            .data(
                &editor,
                &update_training(),
                json!({ "id": id, "v": 2, "input": { "completedCount": 18 } }),
            )
            .await;
        assert_eq!(same["updateTraining"]["version"], 2);

        // Delete hides it; an editor cannot restore it; the region administrator can.
        let deleted = app.data(&editor, DELETE, json!({ "id": id, "v": 2 })).await;
        assert_eq!(deleted["deleteRecord"]["version"], 3);
        assert_eq!(
            node(&app, &editor, &id, "Training", "title").await,
            Value::Null
        );
        let found = app.data(&editor, search, by_organiser.clone()).await;
        assert_eq!(found["trainings"]["nodes"], json!([]));
        let resp = app.gql(&editor, RESTORE, json!({ "id": id, "v": 3 })).await;
        assert_error(&resp, "FORBIDDEN", None);
        let restored = app
            .data(
                &Caller::RegionAdmin("26"),
                RESTORE,
                json!({ "id": id, "v": 3 }),
            )
            .await;
        assert_eq!(restored["restoreRecord"]["version"], 4);
        let back = node(&app, &editor, &id, "Training", "title completedCount").await;
        assert_eq!(back["completedCount"], 18);
        // Delete and restore keep the organiser's name in the search text.
        let found = app.data(&editor, search, by_organiser).await;
        assert_eq!(found["trainings"]["nodes"], json!([{ "id": id }]));

        // Four writes, four entries; the update lists its fields and partners before and after.
        assert_eq!(audit_entries(&app, "Training").await, audits_before + 4);
        let log = audit_log(&app, &id).await;
        let ops: Vec<&str> = log.iter().filter_map(|n| n["operation"].as_str()).collect();
        assert_eq!(ops, ["RESTORE", "DELETE", "UPDATE", "CREATE"]);
        let update = &log[2];
        assert_eq!(update["entityType"], "Training");
        assert_eq!(update["actor"]["role"], "REGION_EDITOR");
        assert_eq!(update["ownerRegion"]["terytCode"], "26");
        let changes = &update["changes"];
        assert_eq!(changes["completed_count"]["before"], Value::Null);
        assert_eq!(changes["completed_count"]["after"], 18);
        assert_eq!(changes["format"]["before"], "HYBRID");
        assert_eq!(changes["end_date"]["after"], "2026-03-05");
        assert_eq!(
            changes["partners"]["before"].as_array().map(Vec::len),
            Some(2)
        );
        assert_eq!(changes["partners"]["after"][0]["validTo"], "2026-06-30");
        assert!(changes.get("title").is_none(), "unchanged: {update}");
        let create = &log[3];
        assert_eq!(
            create["changes"]["partners"]["after"]
                .as_array()
                .map(Vec::len),
            Some(2),
            "partners are part of the create entry: {create}"
        );
    }
);

dual_test!(
    a_good_practice_lives_through_create_update_delete_and_restore,
    |app| {
        let gorno = centre(&app, "Centrum Usług Społecznych w Górnie").await;
        let szwed = contact_26(&app).await;
        let galeria = document(&app, GALERIA).await;
        let kprp = document(&app, KPRP_DLACZEGO).await;
        let editor = Caller::Editor("26");
        let audits_before = audit_entries(&app, "GoodPractice").await;

        let created = app
            .data(
                &editor,
                &create_practice(),
                json!({ "input": {
                    "title": "Klub sąsiedzki przy CUS w Górnie",
                    "summary": "Mieszkańcy prowadzą klub sąsiedzki;\nCUS użycza sali i wspiera animatora.",
                    "centreId": gorno,
                    "contactId": szwed,
                    "categories": ["FAMILY_SUPPORT", "CULTURE", "FAMILY_SUPPORT"],
                    "topics": ["animacja lokalna", " wolontariat sąsiedzki "],
                    "documentIds": [galeria, kprp],
                } }),
            )
            .await["createGoodPractice"]
            .clone();
        assert_eq!(created["version"], 1);
        assert_eq!(created["status"], "DRAFT", "new practices start as drafts");
        assert_eq!(created["visibility"], "PUBLIC");
        assert_eq!(created["ownerRegion"]["terytCode"], "26");
        assert_eq!(
            created["centre"]["name"],
            "Centrum Usług Społecznych w Górnie"
        );
        assert!(created["contact"]["roleTitle"].is_string(), "{created}");
        assert_eq!(created["categories"], json!(["FAMILY_SUPPORT", "CULTURE"]));
        assert_eq!(
            created["topics"],
            json!(["animacja lokalna", "wolontariat sąsiedzki"])
        );
        let mut titles: Vec<&str> = created["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .filter_map(|d| d["title"].as_str())
            .collect();
        titles.sort_unstable();
        assert_eq!(titles, [KPRP_DLACZEGO, GALERIA]);
        let id = created["id"].as_str().expect("id").to_owned();

        // A draft is the owner region's alone, whatever its visibility.
        assert_eq!(
            node(&app, &Caller::Editor("28"), &id, "GoodPractice", "title").await,
            Value::Null
        );
        assert_eq!(
            node(&app, &Caller::Anonymous, &id, "GoodPractice", "title").await,
            Value::Null
        );
        assert_eq!(
            node(&app, &Caller::Viewer("26"), &id, "GoodPractice", "title").await["title"],
            created["title"]
        );

        // Publishing, with fewer documents and topics and no contact.
        let updated = app
            .data(
                &editor,
                &update_practice(),
                json!({ "id": id, "v": 1, "input": {
                    "status": "PUBLISHED",
                    "topics": ["animacja lokalna"],
                    "documentIds": [kprp],
                    "contactId": null,
                } }),
            )
            .await["updateGoodPractice"]
            .clone();
        assert_eq!(updated["version"], 2);
        assert_eq!(updated["status"], "PUBLISHED");
        assert_eq!(updated["contact"], Value::Null);
        assert_eq!(updated["documents"], json!([{ "title": KPRP_DLACZEGO }]));
        assert_eq!(updated["topics"], json!(["animacja lokalna"]));
        assert_eq!(updated["centre"], created["centre"]);
        assert_eq!(updated["summary"], created["summary"]);
        // Now everyone reads it, and finds it by topic without diacritics.
        assert_eq!(
            node(&app, &Caller::Anonymous, &id, "GoodPractice", "title").await["title"],
            created["title"]
        );
        let search = "query($s: String) { goodPractices(filter: { search: $s }) { nodes { id } } }";
        let found = app
            .data(&Caller::Anonymous, search, json!({ "s": "KLUB SASIEDZKI" }))
            .await;
        assert_eq!(found["goodPractices"]["nodes"], json!([{ "id": id }]));

        // Delete, a refused restore by the editor, a restore by the region administrator.
        let deleted = app.data(&editor, DELETE, json!({ "id": id, "v": 2 })).await;
        assert_eq!(deleted["deleteRecord"]["version"], 3);
        assert_eq!(
            node(&app, &Caller::Anonymous, &id, "GoodPractice", "title").await,
            Value::Null
        );
        assert_eq!(
            node(&app, &editor, &id, "GoodPractice", "title").await,
            Value::Null
        );
        let resp = app.gql(&editor, RESTORE, json!({ "id": id, "v": 3 })).await;
        assert_error(&resp, "FORBIDDEN", None);
        let restored = app
            .data(
                &Caller::RegionAdmin("26"),
                RESTORE,
                json!({ "id": id, "v": 3 }),
            )
            .await;
        assert_eq!(restored["restoreRecord"]["version"], 4);
        assert_eq!(
            node(&app, &Caller::Anonymous, &id, "GoodPractice", "title").await["title"],
            created["title"]
        );

        assert_eq!(audit_entries(&app, "GoodPractice").await, audits_before + 4);
        let log = audit_log(&app, &id).await;
        let ops: Vec<&str> = log.iter().filter_map(|n| n["operation"].as_str()).collect();
        assert_eq!(ops, ["RESTORE", "DELETE", "UPDATE", "CREATE"]);
        let changes = &log[2]["changes"];
        assert_eq!(
            changes["status"],
            json!({ "before": "DRAFT", "after": "PUBLISHED" })
        );
        assert!(changes["contact_id"]["before"].is_number(), "{changes}");
        assert_eq!(changes["contact_id"]["after"], Value::Null);
        assert_eq!(
            changes["documents"]["before"].as_array().map(Vec::len),
            Some(2)
        );
        assert_eq!(
            changes["documents"]["after"].as_array().map(Vec::len),
            Some(1)
        );
        assert!(changes.get("title").is_none(), "unchanged: {changes}");
        assert_eq!(
            log[3]["changes"]["documents"]["after"]
                .as_array()
                .map(Vec::len),
            Some(2)
        );
    }
);

dual_test!(training_writes_respect_roles_and_regions, |app| {
    let kielce = org(&app, ROPS_KIELCE).await;
    let korczak = org(&app, KORCZAK).await;
    let marshal = org(&app, UM_SWIETOKRZYSKIE).await;
    let internal_26 = project(&app, "Plan doradztwa dla gmin tworzących CUS (wewnętrzny)").await;
    let e26 = Caller::Editor("26");
    // A PUBLIC training of 26 everyone can read, and a REGION one only 26 can.
    let public = app
        .data(
            &e26,
            &create_training(),
            json!({ "input": with(&training_input("Szkolenie otwarte", &kielce), json!({ "visibility": "PUBLIC" })) }),
        )
        .await["createTraining"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let hidden = app
        .data(
            &e26,
            &create_training(),
            json!({ "input": with(&training_input("Szkolenie wewnętrzne", &kielce), json!({ "visibility": "REGION" })) }),
        )
        .await["createTraining"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    // The marshal office of 26 becomes visible to its own region only.
    sql(
        &app,
        &format!(
            "UPDATE organisation SET visibility = 'REGION' WHERE name = '{UM_SWIETOKRZYSKIE}'"
        ),
    )
    .await;
    let before = snapshot(&app).await;

    let input = training_input("Nowe szkolenie", &kielce);
    let patch = json!({ "id": public, "v": 1, "input": { "title": "Zmienione" } });
    for caller in [
        Caller::Viewer("26"),
        Caller::University(1),
        Caller::Anonymous,
    ] {
        let resp = app
            .gql(&caller, &create_training(), json!({ "input": input }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app.gql(&caller, &update_training(), patch.clone()).await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app
            .gql(&caller, DELETE, json!({ "id": public, "v": 1 }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }

    let e28 = Caller::Editor("28");
    // Creating in another region.
    let resp = app
        .gql(
            &e28,
            &create_training(),
            json!({ "input": with(&input, json!({ "regionCode": "26" })) }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    // Changing a record it reads but does not write; one it cannot read does not exist.
    let resp = app.gql(&e28, &update_training(), patch.clone()).await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app
        .gql(
            &e28,
            &update_training(),
            json!({ "id": hidden, "v": 1, "input": { "title": "X" } }),
        )
        .await;
    assert_error(&resp, "NOT_FOUND", None);
    // References to records it cannot see.
    for (extra, field) in [
        (json!({ "projectId": internal_26 }), "input.projectId"),
        (json!({ "organiserId": marshal }), "input.organiserId"),
        (
            json!({ "partners": [{ "organisationId": korczak }, { "organisationId": marshal }] }),
            "input.partners[1].organisationId",
        ),
    ] {
        let resp = app
            .gql(
                &e28,
                &create_training(),
                json!({ "input": with(&input, extra) }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some(field));
    }
    // Its own editor cannot move it to a region it does not write.
    let resp = app
        .gql(
            &e26,
            &update_training(),
            json!({ "id": public, "v": 1, "input": { "regionCode": "28" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    // An editor of two regions must say which one a new record belongs to.
    let both = Caller::Raw(app.token_for_regions(&["26", "28"]));
    let resp = app
        .gql(&both, &create_training(), json!({ "input": input }))
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.regionCode"));
    assert_eq!(snapshot(&app).await, before);

    // The owner region may use the record only it can see.
    let own = app
        .data(
            &e26,
            &create_training(),
            json!({ "input": with(&input, json!({ "partners": [{ "organisationId": marshal }] })) }),
        )
        .await;
    assert_eq!(
        own["createTraining"]["partners"][0]["organisation"]["name"],
        UM_SWIETOKRZYSKIE
    );

    // A stale version is a conflict that names the current one.
    let resp = app
        .data(
            &e26,
            &update_training(),
            json!({ "id": public, "v": 1, "input": { "completedCount": 12 } }),
        )
        .await;
    assert_eq!(resp["updateTraining"]["version"], 2);
    let before = snapshot(&app).await;
    let resp = app
        .gql(
            &e26,
            &update_training(),
            json!({ "id": public, "v": 1, "input": { "completedCount": 13 } }),
        )
        .await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(resp["errors"][0]["extensions"]["currentVersion"], 2);
    assert_eq!(snapshot(&app).await, before);
});

dual_test!(good_practice_writes_respect_roles_and_regions, |app| {
    let editor = Caller::Editor("26");
    let (draft, draft_version) =
        id_by_name(&app, &Caller::Admin, "goodPractices", "title", DRAFT_26).await;
    let szwed = contact_26(&app).await;
    let galeria = document(&app, GALERIA).await;
    let kprp = document(&app, KPRP_DLACZEGO).await;
    // A published practice of 26 everyone reads.
    let published = app
        .data(
            &editor,
            &create_practice(),
            json!({ "input": with(&practice_input("Praktyka opublikowana"), json!({ "status": "PUBLISHED" })) }),
        )
        .await["createGoodPractice"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    // A centre of 26 that only 26 may see.
    let lagow = app
        .data(
            &Caller::Admin,
            "{ municipalities(filter: { terytCodes: [\"2604073\"] }) { nodes { id } } }",
            json!({}),
        )
        .await["municipalities"]["nodes"][0]["id"]
        .clone();
    let hidden_centre = app
        .data(
            &Caller::Admin,
            "mutation($input: CentreInput!) { createCentre(input: $input) { id } }",
            json!({ "input": { "name": "Centrum wewnętrzne", "status": "PLANNED",
                "primaryMunicipalityId": lagow, "visibility": "REGION" } }),
        )
        .await["createCentre"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    // The 2025 gallery of 26 becomes visible to its own region only.
    sql(
        &app,
        &format!("UPDATE document SET visibility = 'REGION' WHERE title = '{GALERIA}'"),
    )
    .await;
    let before = snapshot(&app).await;

    let input = practice_input("Nowa praktyka");
    let patch = json!({ "id": published, "v": 1, "input": { "title": "Zmienione" } });
    for caller in [
        Caller::Viewer("26"),
        Caller::University(1),
        Caller::Anonymous,
    ] {
        let resp = app
            .gql(&caller, &create_practice(), json!({ "input": input }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app.gql(&caller, &update_practice(), patch.clone()).await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app
            .gql(&caller, DELETE, json!({ "id": published, "v": 1 }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }

    let e28 = Caller::Editor("28");
    let resp = app
        .gql(
            &e28,
            &create_practice(),
            json!({ "input": with(&input, json!({ "regionCode": "26" })) }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app.gql(&e28, &update_practice(), patch.clone()).await;
    assert_error(&resp, "FORBIDDEN", None);
    // The draft of 26 does not exist for 28, for updates and deletes alike.
    let resp = app
        .gql(
            &e28,
            &update_practice(),
            json!({ "id": draft, "v": draft_version, "input": { "status": "PUBLISHED" } }),
        )
        .await;
    assert_error(&resp, "NOT_FOUND", None);
    let resp = app
        .gql(&e28, DELETE, json!({ "id": draft, "v": draft_version }))
        .await;
    assert_error(&resp, "NOT_FOUND", None);
    for (extra, field) in [
        (json!({ "contactId": szwed }), "input.contactId"),
        (json!({ "centreId": hidden_centre }), "input.centreId"),
        (
            json!({ "documentIds": [kprp, galeria] }),
            "input.documentIds[1]",
        ),
    ] {
        let resp = app
            .gql(
                &e28,
                &create_practice(),
                json!({ "input": with(&input, extra) }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some(field));
    }
    // The same in an update of 28's own practice (a published one of the seed).
    let (czersk, czersk_version) = id_by_name(
        &app,
        &Caller::Admin,
        "goodPractices",
        "title",
        "Dobre praktyki CUS w Czersku",
    )
    .await;
    let resp = app
        .gql(
            &e28,
            &update_practice(),
            json!({ "id": czersk, "v": czersk_version, "input": { "documentIds": [galeria] } }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.documentIds[0]"));
    assert_eq!(snapshot(&app).await, before);

    // Its own region publishes the draft; a second call on the old version is a conflict.
    let published_draft = app
        .data(
            &editor,
            &update_practice(),
            json!({ "id": draft, "v": draft_version, "input": { "status": "PUBLISHED", "documentIds": [galeria] } }),
        )
        .await;
    assert_eq!(
        published_draft["updateGoodPractice"]["version"],
        draft_version + 1
    );
    assert_eq!(
        node(
            &app,
            &Caller::Editor("28"),
            &draft,
            "GoodPractice",
            "status"
        )
        .await["status"],
        "PUBLISHED"
    );
    let before = snapshot(&app).await;
    let resp = app
        .gql(
            &editor,
            &update_practice(),
            json!({ "id": draft, "v": draft_version, "input": { "status": "DRAFT" } }),
        )
        .await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(
        resp["errors"][0]["extensions"]["currentVersion"],
        draft_version + 1
    );
    assert_eq!(snapshot(&app).await, before);
});

dual_test!(
    bad_training_input_names_the_field_and_writes_nothing,
    |app| {
        let kielce = org(&app, ROPS_KIELCE).await;
        let korczak = org(&app, KORCZAK).await;
        let koordynacja = project(
            &app,
            "Koordynacja polityki społecznej w województwie świętokrzyskim",
        )
        .await;
        let editor = Caller::Editor("26");
        let existing = app
            .data(
                &editor,
                &create_training(),
                json!({ "input": training_input("Szkolenie do zmiany", &kielce) }),
            )
            .await["createTraining"]["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let before = snapshot(&app).await;
        let base = training_input("Szkolenie", &kielce);
        let no_such_org = encode(Kind::Organisation, 999_999).0;
        let no_such_project = encode(Kind::Project, 999_999).0;
        let many_partners: Vec<Value> = (0..101)
            .map(|i| json!({ "organisationId": encode(Kind::Organisation, i + 1).0 }))
            .collect();
        let many_codes: Vec<&str> = vec!["CUS_STAFF"; 101];
        let cases = [
            (json!({ "title": "   " }), "input.title"),
            (json!({ "title": "x".repeat(301) }), "input.title"),
            (json!({ "title": "Szkolenie\u{7}" }), "input.title"),
            (json!({ "endDate": "2026-03-01" }), "input.endDate"),
            (
                json!({ "methods": ["LECTURE", "DANCING"] }),
                "input.methods[1]",
            ),
            (json!({ "audience": many_codes }), "input.audience"),
            (
                json!({ "curriculum": ["diagnoza", "  "] }),
                "input.curriculum[1]",
            ),
            (json!({ "completedCount": -1 }), "input.completedCount"),
            (json!({ "description": "a\u{0}b" }), "input.description"),
            (json!({ "organiserId": koordynacja }), "input.organiserId"),
            (json!({ "organiserId": no_such_org }), "input.organiserId"),
            (json!({ "projectId": no_such_project }), "input.projectId"),
            (json!({ "regionCode": "99" }), "input.regionCode"),
            (
                json!({ "partners": [{ "organisationId": korczak }, { "organisationId": korczak }] }),
                "input.partners[1].organisationId",
            ),
            (
                json!({ "partners": [{ "organisationId": korczak, "validFrom": "2026-02-01", "validTo": "2026-01-31" }] }),
                "input.partners[0].validTo",
            ),
            (
                json!({ "partners": [{ "organisationId": no_such_org }] }),
                "input.partners[0].organisationId",
            ),
            (json!({ "partners": many_partners }), "input.partners"),
        ];
        for (extra, field) in cases {
            let resp = app
                .gql(
                    &editor,
                    &create_training(),
                    json!({ "input": with(&base, extra) }),
                )
                .await;
            assert_error(&resp, "BAD_USER_INPUT", Some(field));
        }
        // A value outside an enum is refused by the schema, with the same code.
        let resp = app
            .gql(
                &editor,
                &create_training(),
                json!({ "input": with(&base, json!({ "kind": "DANCE_CLASS" })) }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", None);
        // Updates validate the same way, against the stored values where the patch is partial.
        for (patch, field) in [
            (json!({ "title": "" }), "input.title"),
            (json!({ "startDate": "2026-04-01" }), "input.startDate"),
            (json!({ "completedCount": -5 }), "input.completedCount"),
            (json!({ "audience": ["ALL_ADULTS"] }), "input.audience[0]"),
            (
                json!({ "partners": [{ "organisationId": no_such_org }] }),
                "input.partners[0].organisationId",
            ),
            (json!({ "projectId": korczak }), "input.projectId"),
        ] {
            let resp = app
                .gql(
                    &editor,
                    &update_training(),
                    json!({ "id": existing, "v": 1, "input": patch }),
                )
                .await;
            assert_error(&resp, "BAD_USER_INPUT", Some(field));
        }
        let resp = app
            .gql(
                &editor,
                &update_training(),
                json!({ "id": korczak, "v": 1, "input": {} }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some("id"));
        assert_eq!(snapshot(&app).await, before);
    }
);

dual_test!(
    bad_good_practice_input_names_the_field_and_writes_nothing,
    |app| {
        let editor = Caller::Editor("26");
        let kprp = document(&app, KPRP_DLACZEGO).await;
        let gorno = centre(&app, "Centrum Usług Społecznych w Górnie").await;
        let (draft, version) =
            id_by_name(&app, &Caller::Admin, "goodPractices", "title", DRAFT_26).await;
        let before = snapshot(&app).await;
        let base = practice_input("Praktyka");
        let no_such_doc = encode(Kind::Document, 999_999).0;
        let no_such_centre = encode(Kind::Centre, 999_999).0;
        let many_topics: Vec<String> = (0..101).map(|i| format!("temat {i}")).collect();
        let many_docs: Vec<&str> = vec![kprp.as_str(); 101];
        let many_categories: Vec<&str> = vec!["CULTURE"; 101];
        let cases = [
            (json!({ "title": "" }), "input.title"),
            (json!({ "title": "ż".repeat(301) }), "input.title"),
            (
                json!({ "title": "Tytuł\nw dwóch wierszach" }),
                "input.title",
            ),
            (json!({ "summary": " \n " }), "input.summary"),
            (json!({ "summary": "a".repeat(10_001) }), "input.summary"),
            (json!({ "summary": "a\u{1b}b" }), "input.summary"),
            (
                json!({ "topics": ["animacja", "a\u{1}"] }),
                "input.topics[1]",
            ),
            (json!({ "topics": many_topics }), "input.topics"),
            (json!({ "categories": many_categories }), "input.categories"),
            (
                json!({ "documentIds": [no_such_doc] }),
                "input.documentIds[0]",
            ),
            (
                json!({ "documentIds": [kprp, gorno] }),
                "input.documentIds[1]",
            ),
            (json!({ "documentIds": many_docs }), "input.documentIds"),
            (json!({ "centreId": no_such_centre }), "input.centreId"),
            (json!({ "contactId": gorno }), "input.contactId"),
            (json!({ "regionCode": "2" }), "input.regionCode"),
        ];
        for (extra, field) in cases {
            let resp = app
                .gql(
                    &editor,
                    &create_practice(),
                    json!({ "input": with(&base, extra) }),
                )
                .await;
            assert_error(&resp, "BAD_USER_INPUT", Some(field));
        }
        let resp = app
            .gql(
                &editor,
                &create_practice(),
                json!({ "input": with(&base, json!({ "status": "ARCHIVED" })) }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", None);
        for (patch, field) in [
            (json!({ "summary": "" }), "input.summary"),
            (json!({ "title": "   " }), "input.title"),
            (json!({ "topics": [""] }), "input.topics[0]"),
            (
                json!({ "documentIds": [no_such_doc] }),
                "input.documentIds[0]",
            ),
            (json!({ "centreId": kprp }), "input.centreId"),
            (json!({ "regionCode": "ab" }), "input.regionCode"),
        ] {
            let resp = app
                .gql(
                    &editor,
                    &update_practice(),
                    json!({ "id": draft, "v": version, "input": patch }),
                )
                .await;
            assert_error(&resp, "BAD_USER_INPUT", Some(field));
        }
        assert_eq!(snapshot(&app).await, before);
    }
);
