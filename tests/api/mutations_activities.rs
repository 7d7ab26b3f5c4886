//! Mutations of events (organisers, participants, good practices presented) and study visits
//! (organisers): the life cycle, who may write what, validation with the offending field,
//! and optimistic concurrency. Every failed write must leave the database untouched.

use crate::helpers::*;
use crate::writes::{assert_error, audit_entries, id_by_name, snapshot};
use cusnet::graphql::ids::{Kind, encode};
use serde_json::{Value, json};

const ROPS_KIELCE: &str = "Regionalny Ośrodek Polityki Społecznej Urzędu Marszałkowskiego Województwa Świętokrzyskiego w Kielcach";
const ROPS_RZESZOW: &str = "Regionalny Ośrodek Polityki Społecznej w Rzeszowie";
const KORCZAK: &str = "Wyższa Szkoła Pedagogiczna im. Janusza Korczaka w Warszawie";
const INTERNAL_EVENT_28: &str = "Warsztat roboczy zespołu ds. CUS ROPS w Olsztynie (wewnętrzny)";
const NETWORK_EVENT_26: &str = "Spotkanie edukacyjno-informacyjne dotyczące tworzenia i funkcjonowania centrum usług społecznych";
const INTERNAL_PROJECT_26: &str = "Plan doradztwa dla gmin tworzących CUS (wewnętrzny)";
const INTERNAL_PROJECT_28: &str =
    "Projekt wsparcia gmin warmińsko-mazurskich w tworzeniu CUS (wewnętrzny)";
const DRAFT_PRACTICE_26: &str =
    "Standard współpracy CUS z organizacjami pozarządowymi – szkic (wewnętrzny)";
const CZERSK_PRACTICE: &str = "Dobre praktyki CUS w Czersku";
const BUKOWSKO: &str = "Centrum Usług Społecznych w Bukowsku";
const IPUS_TRAINING: &str =
    "Szkolenie z zakresu opracowywania i realizacji indywidualnych planów usług społecznych";
const LAGOW: &str = "Centrum Usług Społecznych w Łagowie";

const CREATE_EVENT: &str = r#"mutation($input: EventInput!, $key: String) {
  createEvent(input: $input, idempotencyKey: $key) {
    id version title kind format date startDate endDate venueName
    venueMunicipality { name } description audience goals topics visibility
    ownerRegion { terytCode }
    organisers { name }
    participants { person { familyName } role titleAtEvent }
    goodPracticesPresented { title }
  }
}"#;

const UPDATE_EVENT: &str = r#"mutation($id: ID!, $v: Int!, $input: EventPatch!) {
  updateEvent(id: $id, expectedVersion: $v, input: $input) {
    id version title date startDate endDate venueName description topics visibility
    organisers { name }
    participants { person { familyName } role titleAtEvent }
    goodPracticesPresented { title }
  }
}"#;

const CREATE_VISIT: &str = r#"mutation($input: StudyVisitInput!, $key: String) {
  createStudyVisit(input: $input, idempotencyKey: $key) {
    id version date groupDescription headcount agenda visibility
    hostCentre { name } project { title } training { title }
    ownerRegion { terytCode }
    organisers { name }
  }
}"#;

const UPDATE_VISIT: &str = r#"mutation($id: ID!, $v: Int!, $input: StudyVisitPatch!) {
  updateStudyVisit(id: $id, expectedVersion: $v, input: $input) {
    id version date groupDescription headcount agenda hostCentre { name } organisers { name }
  }
}"#;

const DELETE: &str = r#"mutation($id: ID!, $v: Int!) {
  deleteRecord(id: $id, expectedVersion: $v) { __typename }
}"#;

const RESTORE: &str = r#"mutation($id: ID!, $v: Int!) {
  restoreRecord(id: $id, expectedVersion: $v) { __typename }
}"#;

/// Global id of a municipality by its TERYT code.
async fn municipality(app: &TestApp, teryt: &str) -> String {
    let data = app
        .data(
            &Caller::Admin,
            "query($c: [String!]) { municipalities(filter: {terytCodes: $c}) { nodes { id } } }",
            json!({ "c": [teryt] }),
        )
        .await;
    data["municipalities"]["nodes"][0]["id"]
        .as_str()
        .expect("municipality exists")
        .to_owned()
}

async fn org(app: &TestApp, name: &str) -> String {
    id_by_name(app, &Caller::Admin, "organisations", "name", name)
        .await
        .0
}

async fn person(app: &TestApp, family_name: &str) -> String {
    id_by_name(app, &Caller::Admin, "people", "familyName", family_name)
        .await
        .0
}

/// The numeric id behind a global id.
fn number(id: &str) -> i64 {
    cusnet::graphql::ids::decode("id", &async_graphql::ID(id.to_owned()))
        .expect("valid id")
        .1
}

/// The names of a list of objects.
fn names(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|o| o[field].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A record of type `ty` through `node(id:)` as a caller: the given fields, or null when it
/// is NOT_FOUND for the caller.
async fn node(app: &TestApp, caller: &Caller, ty: &str, id: &str, fields: &str) -> Value {
    let q =
        format!("query($id: ID!) {{ node(id: $id) {{ __typename ... on {ty} {{ {fields} }} }} }}");
    let resp = app.gql(caller, &q, json!({ "id": id })).await;
    if error_code(&resp) == Some("NOT_FOUND") {
        return Value::Null;
    }
    assert!(
        resp.get("errors").is_none(),
        "unexpected errors as {caller:?}: {resp}"
    );
    resp["data"]["node"].clone()
}

/// The audit entries of one record, oldest first, as a region administrator of `region`.
async fn audit_log(app: &TestApp, region: &'static str, id: &str) -> Vec<Value> {
    let data = app
        .data(
            &Caller::RegionAdmin(region),
            "query($id: ID!) { auditLog(filter: {entityId: $id}, first: 100) { nodes { operation changes } } }",
            json!({ "id": id }),
        )
        .await;
    let mut nodes = data["auditLog"]["nodes"].as_array().expect("nodes").clone();
    nodes.reverse();
    nodes
}

/// Runs a write that must fail with `code` (naming `field`) and leave the database untouched.
async fn refused(
    app: &TestApp,
    caller: &Caller,
    query: &str,
    vars: Value,
    code: &str,
    field: Option<&str>,
) {
    let before = snapshot(app).await;
    let resp = app.gql(caller, query, vars.clone()).await;
    assert_error(&resp, code, field);
    assert_eq!(
        snapshot(app).await,
        before,
        "a refused write changed the database: {caller:?} {vars}"
    );
}

fn event_input(extra: Value) -> Value {
    let mut input = json!({
        "title": "Forum dyrektorów CUS województwa świętokrzyskiego",
        "kind": "CONFERENCE",
        "format": "HYBRID",
    });
    if let (Some(base), Value::Object(extra)) = (input.as_object_mut(), extra) {
        base.extend(extra);
    }
    input
}

dual_test!(event_life_cycle, |app| {
    let editor = Caller::Editor("26");
    let kielce = org(&app, ROPS_KIELCE).await;
    let korczak = org(&app, KORCZAK).await;
    let janik = person(&app, "Janik").await;
    let korus = person(&app, "Korus").await;
    let czersk = id_by_name(&app, &editor, "goodPractices", "title", CZERSK_PRACTICE)
        .await
        .0;
    let draft = id_by_name(&app, &editor, "goodPractices", "title", DRAFT_PRACTICE_26)
        .await
        .0;
    let kielce_gmina = municipality(&app, "2661011").await;
    let audit_before = audit_entries(&app, "Event").await;

    let input = event_input(json!({
        "date": "2025-05",
        "startDate": "2025-05-14",
        "endDate": "2025-05-15",
        "venueName": "  Filharmonia Świętokrzyska ",
        "venueMunicipalityId": kielce_gmina,
        "description": "Dwudniowe forum o koordynacji usług.\nDzień drugi: warsztaty.",
        "audience": ["CUS_STAFF", "LOCAL_GOVERNMENT", "CUS_STAFF"],
        "goals": ["wymiana doświadczeń"],
        "topics": ["deinstytucjonalizacja usług", "Łączenie usług zdrowotnych i społecznych"],
        "organiserIds": [kielce, korczak, kielce],
        "participants": [
            { "personId": janik, "role": "SPEAKER", "titleAtEvent": "marszałek województwa" },
            { "personId": korus, "role": "HOST" }
        ],
        "goodPracticeIds": [czersk, draft],
        "visibility": "NETWORK"
    }));
    let created = app
        .data(
            &editor,
            CREATE_EVENT,
            json!({ "input": input, "key": "forum-2025" }),
        )
        .await["createEvent"]
        .clone();
    let id = created["id"].as_str().expect("id").to_owned();
    assert_eq!(created["version"], 1);
    assert_eq!(created["date"], "2025-05");
    assert_eq!(created["endDate"], "2025-05-15");
    assert_eq!(created["venueName"], "Filharmonia Świętokrzyska", "trimmed");
    assert_eq!(created["venueMunicipality"]["name"], "Kielce");
    assert_eq!(
        created["audience"],
        json!(["CUS_STAFF", "LOCAL_GOVERNMENT"])
    );
    assert_eq!(
        created["ownerRegion"]["terytCode"], "26",
        "the editor's only region"
    );
    assert_eq!(
        names(&created["organisers"], "name"),
        vec![ROPS_KIELCE.to_owned(), KORCZAK.to_owned()],
        "repeated organisers count once"
    );
    assert_eq!(
        created["participants"],
        json!([
            { "person": { "familyName": "Janik" }, "role": "SPEAKER", "titleAtEvent": "marszałek województwa" },
            { "person": { "familyName": "Korus" }, "role": "HOST", "titleAtEvent": null }
        ])
    );
    assert_eq!(
        created["goodPracticesPresented"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(audit_entries(&app, "Event").await, audit_before + 1);

    // A retry with the same key returns the same event and writes nothing.
    let before_retry = snapshot(&app).await;
    let again = app
        .data(
            &editor,
            CREATE_EVENT,
            json!({ "input": input, "key": "forum-2025" }),
        )
        .await;
    assert_eq!(again["createEvent"]["id"], id.as_str());
    assert_eq!(snapshot(&app).await, before_retry);

    // Read back: by id, and in the list through the folded search text.
    let read = node(
        &app,
        &Caller::Viewer("28"),
        "Event",
        &id,
        "title startDate organisers { name }",
    )
    .await;
    assert_eq!(read["__typename"], "Event");
    assert_eq!(read["startDate"], "2025-05-14");
    let found = app
        .data(
            &Caller::Anonymous,
            r#"{ events(filter: {search: "lACZENIE uslug"}) { nodes { id } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        found["events"]["nodes"],
        json!([]),
        "NETWORK events are not public"
    );
    let found = app
        .data(
            &Caller::Viewer("18"),
            r#"{ events(filter: {search: "swietokrzyska DEINSTYTUCJONALIZACJA"}) { nodes { id } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(found["events"]["nodes"], json!([{ "id": id }]));

    // Update a few fields and replace the lists.
    let updated = app
        .data(
            &editor,
            UPDATE_EVENT,
            json!({ "id": id, "v": 1, "input": {
                "title": "Forum dyrektorów CUS – edycja 2025",
                "startDate": "2025-06-02",
                "endDate": null,
                "venueName": null,
                "topics": ["koordynacja usług"],
                "organiserIds": [kielce],
                "participants": [{ "personId": korus, "role": "SPEAKER", "titleAtEvent": "dyrektor ROPS" }],
                "goodPracticeIds": [],
                "visibility": "PUBLIC"
            }}),
        )
        .await["updateEvent"]
        .clone();
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["title"], "Forum dyrektorów CUS – edycja 2025");
    assert_eq!(
        updated["date"], "2025-06-02",
        "a new start day becomes the date"
    );
    assert_eq!(updated["endDate"], Value::Null);
    assert_eq!(updated["venueName"], Value::Null);
    assert_eq!(updated["description"], input["description"], "untouched");
    assert_eq!(updated["topics"], json!(["koordynacja usług"]));
    assert_eq!(
        names(&updated["organisers"], "name"),
        vec![ROPS_KIELCE.to_owned()]
    );
    assert_eq!(
        updated["participants"],
        json!([{ "person": { "familyName": "Korus" }, "role": "SPEAKER", "titleAtEvent": "dyrektor ROPS" }])
    );
    assert_eq!(updated["goodPracticesPresented"], json!([]));
    let read = node(&app, &Caller::Anonymous, "Event", &id, "title version").await;
    assert_eq!(read["version"], 2, "now PUBLIC");

    // The same patch again changes nothing: no new version, no audit entry.
    let log = audit_log(&app, "26", &id).await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["operation"], "CREATE");
    assert_eq!(log[0]["changes"]["title"]["after"], input["title"]);
    let mut both = vec![number(&kielce), number(&korczak)];
    both.sort_unstable();
    assert_eq!(log[0]["changes"]["organisers"]["after"], json!(both));
    let change = &log[1]["changes"];
    assert_eq!(log[1]["operation"], "UPDATE");
    assert_eq!(change["title"]["before"], input["title"]);
    assert_eq!(
        change["title"]["after"],
        "Forum dyrektorów CUS – edycja 2025"
    );
    assert_eq!(change["start_date"]["before"], "2025-05-14");
    assert_eq!(change["start_date"]["after"], "2025-06-02");
    assert_eq!(
        change["visibility"],
        json!({ "before": "NETWORK", "after": "PUBLIC" })
    );
    assert_eq!(change["organisers"]["after"], json!([number(&kielce)]));
    assert_eq!(change["goodPractices"]["after"], json!([]));
    assert_eq!(
        change["participants"]["before"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(
        change["participants"]["after"],
        json!([{ "person_id": number(&korus), "role": "SPEAKER", "title_at_event": "dyrektor ROPS" }])
    );
    assert!(
        change.get("description").is_none(),
        "unchanged fields are not logged"
    );
    let same = app
        .data(
            &editor,
            UPDATE_EVENT,
            json!({ "id": id, "v": 2, "input": { "topics": ["koordynacja usług"] } }),
        )
        .await;
    assert_eq!(same["updateEvent"]["version"], 2);
    assert_eq!(audit_log(&app, "26", &id).await.len(), 2);

    // Delete: gone from every read; only a region administrator restores.
    app.data(&editor, DELETE, json!({ "id": id, "v": 2 })).await;
    assert_eq!(
        node(&app, &Caller::Admin, "Event", &id, "title").await,
        Value::Null
    );
    let list = app
        .data(
            &editor,
            r#"{ events(filter: {search: "edycja 2025"}) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(list["events"]["totalCount"], 0);
    refused(
        &app,
        &editor,
        RESTORE,
        json!({ "id": id, "v": 3 }),
        "FORBIDDEN",
        None,
    )
    .await;
    app.data(
        &Caller::RegionAdmin("26"),
        RESTORE,
        json!({ "id": id, "v": 3 }),
    )
    .await;
    let read = node(&app, &editor, "Event", &id, "version participants { role }").await;
    assert_eq!(read["version"], 4);
    assert_eq!(
        read["participants"],
        json!([{ "role": "SPEAKER" }]),
        "links survive"
    );
    let ops: Vec<Value> = audit_log(&app, "26", &id)
        .await
        .iter()
        .map(|e| e["operation"].clone())
        .collect();
    assert_eq!(
        ops,
        vec![
            json!("CREATE"),
            json!("UPDATE"),
            json!("DELETE"),
            json!("RESTORE")
        ]
    );
    let read = app
        .data(
            &editor,
            r#"{ events(filter: {search: "edycja 2025 koordynacja"}) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(read["events"]["totalCount"], 1, "restored and searchable");
});

dual_test!(event_writes_respect_roles_and_regions, |app| {
    let uni = Caller::University(number(&org(&app, KORCZAK).await));
    let (network_26, v26) =
        id_by_name(&app, &Caller::Admin, "events", "title", NETWORK_EVENT_26).await;
    let (internal_28, v28) =
        id_by_name(&app, &Caller::Admin, "events", "title", INTERNAL_EVENT_28).await;
    let patch = json!({ "title": "Zmieniony tytuł" });
    let public_26 = app
        .data(
            &Caller::Editor("26"),
            CREATE_EVENT,
            json!({ "input": event_input(json!({})) }),
        )
        .await["createEvent"]["id"]
        .as_str()
        .expect("id")
        .to_owned();

    // Roles that may not write, on a record each of them can read.
    for caller in [Caller::Viewer("26"), uni.clone(), Caller::Anonymous] {
        refused(
            &app,
            &caller,
            CREATE_EVENT,
            json!({ "input": event_input(json!({})) }),
            "FORBIDDEN",
            None,
        )
        .await;
        refused(
            &app,
            &caller,
            CREATE_EVENT,
            json!({ "input": event_input(json!({ "regionCode": "26" })) }),
            "FORBIDDEN",
            None,
        )
        .await;
        refused(
            &app,
            &caller,
            UPDATE_EVENT,
            json!({ "id": public_26, "v": 1, "input": patch }),
            "FORBIDDEN",
            None,
        )
        .await;
        refused(
            &app,
            &caller,
            DELETE,
            json!({ "id": public_26, "v": 1 }),
            "FORBIDDEN",
            None,
        )
        .await;
    }
    // Anonymous callers may write nothing: FORBIDDEN before the record is even looked up,
    // so the answer says nothing about records they cannot see.
    refused(
        &app,
        &Caller::Anonymous,
        UPDATE_EVENT,
        json!({ "id": network_26, "v": v26, "input": patch }),
        "FORBIDDEN",
        None,
    )
    .await;
    refused(
        &app,
        &Caller::Viewer("26"),
        UPDATE_EVENT,
        json!({ "id": network_26, "v": v26, "input": patch }),
        "FORBIDDEN",
        None,
    )
    .await;

    // Another region: creating there is forbidden; its visible record is forbidden to change;
    // its internal record does not exist for the caller.
    let e28 = Caller::Editor("28");
    refused(
        &app,
        &e28,
        CREATE_EVENT,
        json!({ "input": event_input(json!({ "regionCode": "26" })) }),
        "FORBIDDEN",
        None,
    )
    .await;
    refused(
        &app,
        &e28,
        UPDATE_EVENT,
        json!({ "id": network_26, "v": v26, "input": patch }),
        "FORBIDDEN",
        None,
    )
    .await;
    refused(
        &app,
        &e28,
        DELETE,
        json!({ "id": network_26, "v": v26 }),
        "FORBIDDEN",
        None,
    )
    .await;
    let e26 = Caller::Editor("26");
    refused(
        &app,
        &e26,
        UPDATE_EVENT,
        json!({ "id": internal_28, "v": v28, "input": patch }),
        "NOT_FOUND",
        None,
    )
    .await;
    refused(
        &app,
        &e26,
        DELETE,
        json!({ "id": internal_28, "v": v28 }),
        "NOT_FOUND",
        None,
    )
    .await;
    // Moving an own event to a region the caller may not write.
    refused(
        &app,
        &e26,
        UPDATE_EVENT,
        json!({ "id": network_26, "v": v26, "input": { "regionCode": "28" } }),
        "FORBIDDEN",
        None,
    )
    .await;

    // References to records the caller cannot see are bad input on that field.
    let project_28 = id_by_name(
        &app,
        &Caller::Admin,
        "projects",
        "title",
        INTERNAL_PROJECT_28,
    )
    .await
    .0;
    let draft_26 = id_by_name(
        &app,
        &Caller::Admin,
        "goodPractices",
        "title",
        DRAFT_PRACTICE_26,
    )
    .await
    .0;
    let czersk = id_by_name(
        &app,
        &Caller::Admin,
        "goodPractices",
        "title",
        CZERSK_PRACTICE,
    )
    .await
    .0;
    refused(
        &app,
        &e26,
        CREATE_EVENT,
        json!({ "input": event_input(json!({ "projectId": project_28 })) }),
        "BAD_USER_INPUT",
        Some("input.projectId"),
    )
    .await;
    refused(
        &app,
        &e26,
        UPDATE_EVENT,
        json!({ "id": network_26, "v": v26, "input": { "projectId": project_28 } }),
        "BAD_USER_INPUT",
        Some("input.projectId"),
    )
    .await;
    refused(
        &app,
        &e28,
        CREATE_EVENT,
        json!({ "input": event_input(json!({ "goodPracticeIds": [czersk, draft_26] })) }),
        "BAD_USER_INPUT",
        Some("input.goodPracticeIds[1]"),
    )
    .await;
    let (wim, vwim) = id_by_name(&app, &Caller::Admin, "events", "title",
        "Zdalne spotkanie dotyczące zasad i idei wdrażania CUS na terenie województwa warmińsko-mazurskiego").await;
    refused(
        &app,
        &e28,
        UPDATE_EVENT,
        json!({ "id": wim, "v": vwim, "input": { "goodPracticeIds": [draft_26] } }),
        "BAD_USER_INPUT",
        Some("input.goodPracticeIds[0]"),
    )
    .await;
    // A deleted organisation counts as missing.
    let deleted = encode(Kind::Organisation, 999_999);
    refused(
        &app,
        &e28,
        UPDATE_EVENT,
        json!({ "id": wim, "v": vwim, "input": { "organiserIds": [deleted.as_str()] } }),
        "BAD_USER_INPUT",
        Some("input.organiserIds[0]"),
    )
    .await;

    // Links the caller cannot see survive a replaced list: 28 does not see 26's draft.
    let linked = app
        .data(
            &Caller::Admin,
            CREATE_EVENT,
            json!({ "input": event_input(json!({
            "regionCode": "28", "goodPracticeIds": [draft_26, czersk]
        })) }),
        )
        .await;
    let linked = linked["createEvent"]["id"].as_str().expect("id").to_owned();
    let after = app
        .data(
            &e28,
            UPDATE_EVENT,
            json!({ "id": linked, "v": 1, "input": { "goodPracticeIds": [] } }),
        )
        .await;
    assert_eq!(
        after["updateEvent"]["goodPracticesPresented"],
        json!([]),
        "as 28 sees it"
    );
    let read = node(
        &app,
        &Caller::Admin,
        "Event",
        &linked,
        "version goodPracticesPresented { title }",
    )
    .await;
    assert_eq!(read["version"], 2);
    assert_eq!(
        read["goodPracticesPresented"],
        json!([{ "title": DRAFT_PRACTICE_26 }])
    );

    // An editor of both regions may move an event between them.
    let both = Caller::Raw(app.token_for_regions(&["26", "28"]));
    let moved = app
        .data(
            &both,
            UPDATE_EVENT,
            json!({ "id": public_26, "v": 1, "input": { "regionCode": "28" } }),
        )
        .await;
    assert_eq!(moved["updateEvent"]["version"], 2);
    let read = node(&app, &e28, "Event", &public_26, "ownerRegion { terytCode }").await;
    assert_eq!(read["ownerRegion"]["terytCode"], "28");

    // The network administrator acts for every region and must say which.
    refused(
        &app,
        &Caller::Admin,
        CREATE_EVENT,
        json!({ "input": event_input(json!({})) }),
        "BAD_USER_INPUT",
        Some("input.regionCode"),
    )
    .await;
    let made = app
        .data(
            &Caller::Admin,
            CREATE_EVENT,
            json!({ "input": event_input(json!({ "regionCode": "28", "visibility": "REGION" })) }),
        )
        .await;
    assert_eq!(made["createEvent"]["ownerRegion"]["terytCode"], "28");
    let id = made["createEvent"]["id"].as_str().expect("id");
    assert_eq!(
        node(&app, &e26, "Event", id, "title").await,
        Value::Null,
        "REGION of 28"
    );
    assert_eq!(
        node(&app, &e28, "Event", id, "visibility").await["visibility"],
        "REGION"
    );
});

dual_test!(event_bad_input_and_conflicts, |app| {
    let e26 = Caller::Editor("26");
    let janik = person(&app, "Janik").await;
    let many: Vec<String> = (0..101).map(|i| format!("temat {i}")).collect();
    let cases: Vec<(Value, &str)> = vec![
        (json!({ "title": "   " }), "input.title"),
        (json!({ "title": "x".repeat(301) }), "input.title"),
        (json!({ "title": "Forum\u{0007}" }), "input.title"),
        (
            json!({ "startDate": "2025-05-15", "endDate": "2025-05-14" }),
            "input.endDate",
        ),
        (json!({ "endDate": "2025-05-14" }), "input.startDate"),
        (json!({ "date": "2025-13" }), "input.date"),
        (json!({ "date": "maj 2025" }), "input.date"),
        (
            json!({ "date": "2025-04", "startDate": "2025-05-14" }),
            "input.date",
        ),
        (json!({ "venueName": "Sala\nA" }), "input.venueName"),
        (
            json!({ "description": "opis\u{0000}" }),
            "input.description",
        ),
        (
            json!({ "audience": ["CUS_STAFF", "RADNI"] }),
            "input.audience[1]",
        ),
        (json!({ "topics": ["ok", ""] }), "input.topics[1]"),
        (json!({ "topics": many }), "input.topics"),
        (json!({ "goals": ["cel\u{001b}"] }), "input.goals[0]"),
        (
            json!({ "venueMunicipalityId": encode(Kind::Municipality, 99_999_999).as_str() }),
            "input.venueMunicipalityId",
        ),
        (
            json!({ "venueMunicipalityId": encode(Kind::Centre, 1).as_str() }),
            "input.venueMunicipalityId",
        ),
        (json!({ "projectId": "not-an-id" }), "input.projectId"),
        (
            json!({ "organiserIds": [encode(Kind::Organisation, 999_999).as_str()] }),
            "input.organiserIds[0]",
        ),
        (
            json!({ "organiserIds": [encode(Kind::Person, 1).as_str()] }),
            "input.organiserIds[0]",
        ),
        (
            json!({ "participants": [{ "personId": encode(Kind::Person, 999_999).as_str(), "role": "HOST" }] }),
            "input.participants[0].personId",
        ),
        (
            json!({ "participants": [{ "personId": janik, "role": "HOST" }, { "personId": janik, "role": "GUEST" }] }),
            "input.participants[1].personId",
        ),
        (
            json!({ "participants": [{ "personId": janik, "role": "HOST", "titleAtEvent": "t".repeat(301) }] }),
            "input.participants[0].titleAtEvent",
        ),
        (
            json!({ "goodPracticeIds": [encode(Kind::GoodPractice, 999_999).as_str()] }),
            "input.goodPracticeIds[0]",
        ),
        (json!({ "regionCode": "27" }), "input.regionCode"),
    ];
    for (extra, field) in &cases {
        refused(
            &app,
            &e26,
            CREATE_EVENT,
            json!({ "input": event_input(extra.clone()) }),
            "BAD_USER_INPUT",
            Some(field),
        )
        .await;
    }
    refused(
        &app,
        &e26,
        CREATE_EVENT,
        json!({ "input": event_input(json!({})), "key": "" }),
        "BAD_USER_INPUT",
        Some("idempotencyKey"),
    )
    .await;

    // The same checks on update, against the merged record.
    let (id, v) = id_by_name(&app, &Caller::Admin, "events", "title", NETWORK_EVENT_26).await;
    let patches: Vec<(Value, &str)> = vec![
        (json!({ "title": "" }), "input.title"),
        (json!({ "endDate": "2022-09-28" }), "input.endDate"),
        (json!({ "date": "2023" }), "input.date"),
        (
            json!({ "startDate": null, "endDate": "2022-09-30" }),
            "input.startDate",
        ),
        (json!({ "audience": ["nobody"] }), "input.audience[0]"),
        (
            json!({ "participants": [{ "personId": "bad", "role": "HOST" }] }),
            "input.participants[0].personId",
        ),
        (json!({ "regionCode": "1" }), "input.regionCode"),
    ];
    for (patch, field) in &patches {
        refused(
            &app,
            &e26,
            UPDATE_EVENT,
            json!({ "id": id, "v": v, "input": patch }),
            "BAD_USER_INPUT",
            Some(field),
        )
        .await;
    }

    // A stale version is a conflict that reports the current one.
    app.data(
        &e26,
        UPDATE_EVENT,
        json!({ "id": id, "v": v, "input": { "venueName": "Urząd Gminy" } }),
    )
    .await;
    let before = snapshot(&app).await;
    let resp = app
        .gql(
            &e26,
            UPDATE_EVENT,
            json!({ "id": id, "v": v, "input": { "title": "Nowy" } }),
        )
        .await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(resp["errors"][0]["extensions"]["currentVersion"], v + 1);
    let resp = app.gql(&e26, DELETE, json!({ "id": id, "v": v })).await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(snapshot(&app).await, before);
});

fn visit_input(host: &str, extra: Value) -> Value {
    let mut input = json!({
        "hostCentreId": host,
        "date": "2024-10-07",
        "groupDescription": "Kadra OPS z powiatu sanockiego",
    });
    if let (Some(base), Value::Object(extra)) = (input.as_object_mut(), extra) {
        base.extend(extra);
    }
    input
}

dual_test!(study_visit_life_cycle, |app| {
    let editor = Caller::Editor("18");
    let bukowsko = id_by_name(&app, &editor, "centres", "name", BUKOWSKO)
        .await
        .0;
    let lagow = id_by_name(&app, &editor, "centres", "name", LAGOW).await.0;
    let rzeszow = org(&app, ROPS_RZESZOW).await;
    let korczak = org(&app, KORCZAK).await;
    let project = id_by_name(&app, &editor, "projects", "title", "Liderzy kooperacji").await;
    let training = id_by_name(&app, &editor, "trainings", "title", IPUS_TRAINING).await;
    let input = visit_input(
        &bukowsko,
        json!({
            "headcount": 18,
            "agenda": ["zwiedzanie Klubu „Senior+”", "rozmowa z wójtem"],
            "projectId": project.0,
            "trainingId": training.0,
            "organiserIds": [rzeszow, korczak],
            "visibility": "NETWORK"
        }),
    );
    let created = app
        .data(&editor, CREATE_VISIT, json!({ "input": input }))
        .await["createStudyVisit"]
        .clone();
    let id = created["id"].as_str().expect("id").to_owned();
    assert_eq!(created["version"], 1);
    assert_eq!(created["date"], "2024-10-07");
    assert_eq!(created["headcount"], 18);
    assert_eq!(created["hostCentre"]["name"], BUKOWSKO);
    assert_eq!(created["project"]["title"], "Liderzy kooperacji");
    assert_eq!(created["ownerRegion"]["terytCode"], "18");
    assert_eq!(
        names(&created["organisers"], "name"),
        vec![ROPS_RZESZOW.to_owned(), KORCZAK.to_owned()]
    );
    // Searchable by the host centre's name and the programme, folded.
    let q = r#"query($s: String) { studyVisits(filter: {search: $s}) { nodes { id } } }"#;
    for s in ["sanockiego centrum uslug spolecznych w bukowsku", "WOJTEM"] {
        let found = app.data(&Caller::Viewer("26"), q, json!({ "s": s })).await;
        assert_eq!(found["studyVisits"]["nodes"], json!([{ "id": id }]), "{s}");
    }
    let read = node(
        &app,
        &Caller::Viewer("26"),
        "StudyVisit",
        &id,
        "groupDescription training { title }",
    )
    .await;
    assert_eq!(read["training"]["title"], IPUS_TRAINING);

    let updated = app
        .data(
            &editor,
            UPDATE_VISIT,
            json!({ "id": id, "v": 1, "input": {
                "hostCentreId": lagow,
                "headcount": null,
                "groupDescription": "Kadra OPS z powiatu leskiego",
                "organiserIds": [korczak]
            }}),
        )
        .await["updateStudyVisit"]
        .clone();
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["headcount"], Value::Null);
    assert_eq!(updated["hostCentre"]["name"], LAGOW);
    assert_eq!(updated["agenda"], input["agenda"], "untouched");
    assert_eq!(
        names(&updated["organisers"], "name"),
        vec![KORCZAK.to_owned()]
    );
    let found = app
        .data(
            &editor,
            q,
            json!({ "s": "leskiego centrum uslug spolecznych w lagowie" }),
        )
        .await;
    assert_eq!(
        found["studyVisits"]["nodes"],
        json!([{ "id": id }]),
        "search text follows"
    );

    let log = audit_log(&app, "18", &id).await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["operation"], "CREATE");
    assert_eq!(log[0]["changes"]["headcount"]["after"], 18);
    let change = &log[1]["changes"];
    assert_eq!(change["headcount"], json!({ "before": 18, "after": null }));
    assert_eq!(change["host_centre_id"]["after"], number(&lagow));
    assert_eq!(
        change["group_description"]["before"],
        "Kadra OPS z powiatu sanockiego"
    );
    let mut both = vec![number(&rzeszow), number(&korczak)];
    both.sort_unstable();
    assert_eq!(
        change["organisers"],
        json!({ "before": both, "after": [number(&korczak)] })
    );

    app.data(&editor, DELETE, json!({ "id": id, "v": 2 })).await;
    assert_eq!(
        node(&app, &Caller::Admin, "StudyVisit", &id, "date").await,
        Value::Null
    );
    refused(
        &app,
        &editor,
        RESTORE,
        json!({ "id": id, "v": 3 }),
        "FORBIDDEN",
        None,
    )
    .await;
    refused(
        &app,
        &Caller::RegionAdmin("26"),
        RESTORE,
        json!({ "id": id, "v": 3 }),
        "FORBIDDEN",
        None,
    )
    .await;
    app.data(
        &Caller::RegionAdmin("18"),
        RESTORE,
        json!({ "id": id, "v": 3 }),
    )
    .await;
    let read = node(
        &app,
        &editor,
        "StudyVisit",
        &id,
        "version organisers { name }",
    )
    .await;
    assert_eq!(read["version"], 4);
    assert_eq!(names(&read["organisers"], "name"), vec![KORCZAK.to_owned()]);
    let found = app
        .data(
            &editor,
            q,
            json!({ "s": "leskiego centrum uslug spolecznych w lagowie" }),
        )
        .await;
    assert_eq!(
        found["studyVisits"]["nodes"],
        json!([{ "id": id }]),
        "delete and restore keep the host centre in the search text"
    );
});

dual_test!(study_visit_roles_regions_and_bad_input, |app| {
    let bukowsko = id_by_name(&app, &Caller::Admin, "centres", "name", BUKOWSKO)
        .await
        .0;
    let uni = Caller::University(number(&org(&app, KORCZAK).await));
    let seeded = app
        .data(
            &Caller::Admin,
            r#"{ studyVisits(first: 1, filter: {dateFrom: "2023-06-26"}) { nodes { id version } } }"#,
            json!({}),
        )
        .await;
    let visit = seeded["studyVisits"]["nodes"][0]["id"]
        .as_str()
        .expect("seeded visit")
        .to_owned();
    let v = seeded["studyVisits"]["nodes"][0]["version"]
        .as_i64()
        .expect("version");
    let patch = json!({ "headcount": 12 });
    let public_18 = app
        .data(
            &Caller::Editor("18"),
            CREATE_VISIT,
            json!({ "input": visit_input(&bukowsko, json!({})) }),
        )
        .await["createStudyVisit"]["id"]
        .as_str()
        .expect("id")
        .to_owned();

    for caller in [Caller::Viewer("18"), uni, Caller::Anonymous] {
        refused(
            &app,
            &caller,
            CREATE_VISIT,
            json!({ "input": visit_input(&bukowsko, json!({})) }),
            "FORBIDDEN",
            None,
        )
        .await;
        refused(
            &app,
            &caller,
            UPDATE_VISIT,
            json!({ "id": public_18, "v": 1, "input": patch }),
            "FORBIDDEN",
            None,
        )
        .await;
        refused(
            &app,
            &caller,
            DELETE,
            json!({ "id": public_18, "v": 1 }),
            "FORBIDDEN",
            None,
        )
        .await;
    }
    let e26 = Caller::Editor("26");
    refused(
        &app,
        &e26,
        CREATE_VISIT,
        json!({ "input": visit_input(&bukowsko, json!({ "regionCode": "18" })) }),
        "FORBIDDEN",
        None,
    )
    .await;
    refused(
        &app,
        &e26,
        UPDATE_VISIT,
        json!({ "id": visit, "v": v, "input": patch }),
        "FORBIDDEN",
        None,
    )
    .await;
    refused(
        &app,
        &e26,
        DELETE,
        json!({ "id": visit, "v": v }),
        "FORBIDDEN",
        None,
    )
    .await;

    // A REGION visit of 26 is invisible to the editor of 18.
    let own = app
        .data(
            &e26,
            CREATE_VISIT,
            json!({ "input": visit_input(&bukowsko, json!({ "visibility": "REGION" })) }),
        )
        .await;
    let own = own["createStudyVisit"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let e18 = Caller::Editor("18");
    refused(
        &app,
        &e18,
        UPDATE_VISIT,
        json!({ "id": own, "v": 1, "input": patch }),
        "NOT_FOUND",
        None,
    )
    .await;
    refused(
        &app,
        &e18,
        DELETE,
        json!({ "id": own, "v": 1 }),
        "NOT_FOUND",
        None,
    )
    .await;

    // Invisible references.
    let project_26 = id_by_name(
        &app,
        &Caller::Admin,
        "projects",
        "title",
        INTERNAL_PROJECT_26,
    )
    .await
    .0;
    refused(
        &app,
        &e18,
        CREATE_VISIT,
        json!({ "input": visit_input(&bukowsko, json!({ "projectId": project_26 })) }),
        "BAD_USER_INPUT",
        Some("input.projectId"),
    )
    .await;
    refused(
        &app,
        &e18,
        UPDATE_VISIT,
        json!({ "id": visit, "v": v, "input": { "projectId": project_26 } }),
        "BAD_USER_INPUT",
        Some("input.projectId"),
    )
    .await;

    // Bad input, each naming its field.
    let many: Vec<String> = (0..101).map(|i| format!("punkt {i}")).collect();
    let cases: Vec<(Value, &str)> = vec![
        (json!({ "groupDescription": " " }), "input.groupDescription"),
        (
            json!({ "groupDescription": "g".repeat(301) }),
            "input.groupDescription",
        ),
        (
            json!({ "groupDescription": "grupa\tA" }),
            "input.groupDescription",
        ),
        (json!({ "headcount": 0 }), "input.headcount"),
        (json!({ "headcount": -3 }), "input.headcount"),
        (json!({ "agenda": many }), "input.agenda"),
        (json!({ "agenda": ["ok", "x\u{0008}"] }), "input.agenda[1]"),
        (
            json!({ "hostCentreId": encode(Kind::Centre, 999_999).as_str() }),
            "input.hostCentreId",
        ),
        (
            json!({ "hostCentreId": encode(Kind::Organisation, 1).as_str() }),
            "input.hostCentreId",
        ),
        (
            json!({ "trainingId": encode(Kind::Training, 999_999).as_str() }),
            "input.trainingId",
        ),
        (json!({ "organiserIds": ["%%%"] }), "input.organiserIds[0]"),
        (json!({ "regionCode": "PL-18" }), "input.regionCode"),
    ];
    for (extra, field) in &cases {
        refused(
            &app,
            &e18,
            CREATE_VISIT,
            json!({ "input": visit_input(&bukowsko, extra.clone()) }),
            "BAD_USER_INPUT",
            Some(field),
        )
        .await;
    }
    for (patch, field) in [
        (json!({ "groupDescription": "" }), "input.groupDescription"),
        (json!({ "headcount": 10_001 }), "input.headcount"),
        (
            json!({ "organiserIds": [encode(Kind::Organisation, 999_999).as_str()] }),
            "input.organiserIds[0]",
        ),
    ] {
        refused(
            &app,
            &e18,
            UPDATE_VISIT,
            json!({ "id": visit, "v": v, "input": patch }),
            "BAD_USER_INPUT",
            Some(field),
        )
        .await;
    }

    // Conflict on a stale version.
    app.data(
        &e18,
        UPDATE_VISIT,
        json!({ "id": visit, "v": v, "input": patch }),
    )
    .await;
    let before = snapshot(&app).await;
    let resp = app
        .gql(
            &e18,
            UPDATE_VISIT,
            json!({ "id": visit, "v": v, "input": { "headcount": 5 } }),
        )
        .await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(resp["errors"][0]["extensions"]["currentVersion"], v + 1);
    assert_eq!(snapshot(&app).await, before);
});
