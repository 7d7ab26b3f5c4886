//! Mutations of people (with positions), expert profiles and contact persons: life cycle,
//! roles, regions, bad input, conflicts, and personal data kept out of error messages.

use crate::helpers::{Caller, TestApp, dual_test};
use crate::writes::{assert_error, audit_entries, id_by_name, snapshot};
use cusnet::graphql::ids::{Kind, encode};
use serde_json::{Value, json};

const PERSON_FIELDS: &str = "id version givenName familyName honorific email phone visibility
    ownerRegion { terytCode }
    positions { roleType title unitName validFrom validTo asOf organisation { name } }";

const EXPERT_FIELDS: &str = "id version summary specialisations visibility
    ownerRegion { terytCode } person { familyName } organisation { name } centre { name }";

const CONTACT_FIELDS: &str = "id version roleTitle visibility
    ownerRegion { terytCode } person { familyName } organisation { name } centre { name }";

const ROPS_KIELCE: &str = "Regionalny Ośrodek Polityki Społecznej Urzędu Marszałkowskiego Województwa Świętokrzyskiego w Kielcach";
const UM_SWIETOKRZYSKIE: &str = "Urząd Marszałkowski Województwa Świętokrzyskiego";
const CUS_LAGOW: &str = "Centrum Usług Społecznych w Łagowie";

fn create_person_q() -> String {
    format!(
        "mutation($input: PersonInput!, $key: String) {{ createPerson(input: $input, idempotencyKey: $key) {{ {PERSON_FIELDS} }} }}"
    )
}

fn update_person_q() -> String {
    format!(
        "mutation($id: ID!, $v: Int!, $input: PersonPatch!) {{ updatePerson(id: $id, expectedVersion: $v, input: $input) {{ {PERSON_FIELDS} }} }}"
    )
}

fn create_expert_q() -> String {
    format!(
        "mutation($input: ExpertInput!) {{ createExpert(input: $input) {{ {EXPERT_FIELDS} }} }}"
    )
}

fn update_expert_q() -> String {
    format!(
        "mutation($id: ID!, $v: Int!, $input: ExpertPatch!) {{ updateExpert(id: $id, expectedVersion: $v, input: $input) {{ {EXPERT_FIELDS} }} }}"
    )
}

fn create_contact_q() -> String {
    format!(
        "mutation($input: ContactPersonInput!) {{ createContactPerson(input: $input) {{ {CONTACT_FIELDS} }} }}"
    )
}

fn update_contact_q() -> String {
    format!(
        "mutation($id: ID!, $v: Int!, $input: ContactPersonPatch!) {{ updateContactPerson(id: $id, expectedVersion: $v, input: $input) {{ {CONTACT_FIELDS} }} }}"
    )
}

const DELETE: &str =
    "mutation($id: ID!, $v: Int!) { deleteRecord(id: $id, expectedVersion: $v) { __typename } }";
const RESTORE: &str = "mutation($id: ID!, $v: Int!) { restoreRecord(id: $id, expectedVersion: $v) { __typename ... on Person { version } ... on Expert { version } ... on ContactPerson { version } } }";

/// A global id no record has.
fn missing(kind: Kind) -> String {
    encode(kind, 987_654).0
}

async fn org_id(app: &TestApp, name: &str) -> String {
    id_by_name(app, &Caller::Admin, "organisations", "name", name)
        .await
        .0
}

async fn centre_id(app: &TestApp, name: &str) -> String {
    id_by_name(app, &Caller::Admin, "centres", "name", name)
        .await
        .0
}

async fn person_id(app: &TestApp, family: &str) -> (String, i64) {
    id_by_name(app, &Caller::Admin, "people", "familyName", family).await
}

async fn university(app: &TestApp) -> Caller {
    let id = org_id(
        app,
        "Wyższa Szkoła Pedagogiczna im. Janusza Korczaka w Warszawie",
    )
    .await;
    let (_, n) =
        cusnet::graphql::ids::decode("id", &async_graphql::ID(id)).expect("valid organisation id");
    Caller::University(n)
}

/// Reads a record by global id through `node` (null when it is NOT_FOUND for the caller).
async fn node(app: &TestApp, caller: &Caller, id: &str) -> Value {
    let q = format!(
        "query($id: ID!) {{ node(id: $id) {{ __typename ... on Person {{ {PERSON_FIELDS} }} ... on Expert {{ {EXPERT_FIELDS} }} ... on ContactPerson {{ {CONTACT_FIELDS} }} }} }}"
    );
    let resp = app.gql(caller, &q, json!({ "id": id })).await;
    if resp.get("errors").is_some() {
        assert_error(&resp, "NOT_FOUND", None);
        return Value::Null;
    }
    resp["data"]["node"].clone()
}

/// The audit entries of one record, newest first, as a region administrator of `region`.
async fn audit_of(app: &TestApp, region: &'static str, id: &str) -> Vec<Value> {
    let q = r#"query($id: ID!) { auditLog(filter: {entityId: $id}, first: 50) { nodes { operation changes } } }"#;
    app.data(&Caller::RegionAdmin(region), q, json!({ "id": id }))
        .await["auditLog"]["nodes"]
        .as_array()
        .expect("audit nodes")
        .clone()
}

/// Creates a person as `caller` and returns the created record.
async fn new_person(app: &TestApp, caller: &Caller, input: Value) -> Value {
    app.data(caller, &create_person_q(), json!({ "input": input }))
        .await["createPerson"]
        .clone()
}

// ---------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------

dual_test!(person_life_cycle, |app| {
    let editor = Caller::Editor("26");
    let rops = org_id(&app, ROPS_KIELCE).await;
    let um = org_id(&app, UM_SWIETOKRZYSKIE).await;
    let people_before = snapshot(&app).await["person"].0;
    let input = json!({
        "givenName": "  Małgorzata ",
        "familyName": "Żółkiewska-Nowak",
        "honorific": "dr",
        "email": "m.zolkiewska@example.invalid",
        "phone": "+48 41 000 00 99",
        "positions": [
            { "organisationId": rops, "roleType": "SPECIALIST",
              "title": "główna specjalistka ds. centrów usług społecznych",
              "unitName": "Oddział Polityki Społecznej i Wsparcia Rodziny",
              "validFrom": "2021-01-01", "validTo": "2023-12-31" },
            { "organisationId": um, "roleType": "DIRECTOR",
              "title": "dyrektor departamentu", "asOf": "2025-04-22" }
        ]
    });
    let vars = json!({ "input": input, "key": "person-create-1" });
    let created = app.data(&editor, &create_person_q(), vars.clone()).await["createPerson"].clone();
    assert_eq!(created["version"], 1);
    assert_eq!(created["givenName"], "Małgorzata", "names are trimmed");
    assert_eq!(created["familyName"], "Żółkiewska-Nowak");
    assert_eq!(created["ownerRegion"]["terytCode"], "26");
    assert_eq!(
        created["visibility"], "NETWORK",
        "people default to NETWORK"
    );
    assert_eq!(created["email"], "m.zolkiewska@example.invalid");
    assert_eq!(created["positions"].as_array().map(Vec::len), Some(2));
    let id = created["id"].as_str().expect("id").to_owned();

    // A retry with the same idempotency key returns the same person and writes nothing.
    let again = app.data(&editor, &create_person_q(), vars).await["createPerson"].clone();
    assert_eq!(again["id"], created["id"]);
    assert_eq!(snapshot(&app).await["person"].0, people_before + 1);

    // Read back through the query API: search is folded, positions come newest first.
    let (found, v) = person_id(&app, "Żółkiewska-Nowak").await;
    assert_eq!((found.as_str(), v), (id.as_str(), 1));
    let read = node(&app, &editor, &id).await;
    assert_eq!(read["honorific"], "dr");
    assert_eq!(read["phone"], "+48 41 000 00 99");
    assert_eq!(read["positions"][0]["title"], "dyrektor departamentu");
    assert_eq!(
        read["positions"][0]["organisation"]["name"],
        UM_SWIETOKRZYSKIE
    );
    assert_eq!(read["positions"][1]["validTo"], "2023-12-31");
    assert_eq!(
        read["positions"][1]["unitName"],
        "Oddział Polityki Społecznej i Wsparcia Rodziny"
    );
    // Another region sees the NETWORK person but not the contact data.
    let foreign = node(&app, &Caller::Editor("28"), &id).await;
    assert_eq!(foreign["familyName"], "Żółkiewska-Nowak");
    assert_eq!(foreign["email"], Value::Null);

    // Update: a new family name, the e-mail cleared, the positions replaced.
    let updated = app
        .data(
            &editor,
            &update_person_q(),
            json!({ "id": id, "v": 1, "input": {
                "familyName": "Nowak",
                "email": null,
                "positions": [{ "organisationId": rops, "roleType": "HEAD_OF_UNIT",
                                "title": "kierowniczka oddziału", "validFrom": "2024-01-01" }]
            }}),
        )
        .await["updatePerson"]
        .clone();
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["familyName"], "Nowak");
    assert_eq!(updated["email"], Value::Null);
    assert_eq!(
        updated["phone"], "+48 41 000 00 99",
        "fields not given stay"
    );
    assert_eq!(updated["honorific"], "dr");
    assert_eq!(updated["positions"].as_array().map(Vec::len), Some(1));
    assert_eq!(updated["positions"][0]["roleType"], "HEAD_OF_UNIT");

    let entries = audit_of(&app, "26", &id).await;
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["operation"], "UPDATE");
    let changes = &entries[0]["changes"];
    assert_eq!(changes["family_name"]["before"], "Żółkiewska-Nowak");
    assert_eq!(changes["family_name"]["after"], "Nowak");
    assert_eq!(changes["email"]["after"], Value::Null);
    assert_eq!(
        changes["positions"]["before"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(
        changes["positions"]["after"][0]["title"],
        "kierowniczka oddziału"
    );
    assert_eq!(entries[1]["operation"], "CREATE");
    assert_eq!(
        entries[1]["changes"]["positions"]["after"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    // An update that changes nothing writes nothing.
    let same = app
        .data(
            &editor,
            &update_person_q(),
            json!({ "id": id, "v": 2, "input": { "familyName": "Nowak" } }),
        )
        .await["updatePerson"]
        .clone();
    assert_eq!(same["version"], 2);

    // Delete: gone from reads. An editor cannot restore; the region administrator can.
    app.data(&editor, DELETE, json!({ "id": id, "v": 2 })).await;
    assert_eq!(node(&app, &editor, &id).await, Value::Null);
    let list = app
        .data(
            &editor,
            r#"{ people(filter: {search: "Nowak"}) { nodes { id } } }"#,
            json!({}),
        )
        .await;
    assert!(
        !list["people"]["nodes"].to_string().contains(&id),
        "a deleted person is not listed: {list}"
    );
    let before = snapshot(&app).await;
    let resp = app.gql(&editor, RESTORE, json!({ "id": id, "v": 3 })).await;
    assert_error(&resp, "FORBIDDEN", None);
    assert_eq!(snapshot(&app).await, before);
    let restored = app
        .data(
            &Caller::RegionAdmin("26"),
            RESTORE,
            json!({ "id": id, "v": 3 }),
        )
        .await;
    assert_eq!(restored["restoreRecord"]["version"], 4);
    assert_eq!(node(&app, &editor, &id).await["familyName"], "Nowak");
    assert_eq!(audit_entries(&app, "Person").await, 4);
});

dual_test!(person_roles_regions_and_conflicts, |app| {
    let uni = university(&app).await;
    let (janik, janik_v) = person_id(&app, "Janik").await;
    // A PUBLIC person of 26, which anonymous callers can see.
    let public = new_person(
        &app,
        &Caller::Editor("26"),
        json!({ "givenName": "Jan", "familyName": "Jawny", "visibility": "PUBLIC" }),
    )
    .await;
    let public_id = public["id"].as_str().expect("id").to_owned();
    // A REGION person of 28, which 26 cannot see.
    let hidden = new_person(
        &app,
        &Caller::Editor("28"),
        json!({ "givenName": "Hanna", "familyName": "Ukryta", "visibility": "REGION" }),
    )
    .await;
    let hidden_id = hidden["id"].as_str().expect("id").to_owned();
    let before = snapshot(&app).await;
    let input = json!({ "givenName": "Adam", "familyName": "Nowy" });

    for caller in [Caller::Viewer("26"), uni.clone(), Caller::Anonymous] {
        let resp = app
            .gql(&caller, &create_person_q(), json!({ "input": input }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app
            .gql(
                &caller,
                &update_person_q(),
                json!({ "id": public_id, "v": 1, "input": { "familyName": "Zmieniony" } }),
            )
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }
    for caller in [Caller::Viewer("26"), uni] {
        let resp = app
            .gql(
                &caller,
                &update_person_q(),
                json!({ "id": janik, "v": janik_v, "input": { "givenName": "X" } }),
            )
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }
    // A deleteRecord by a viewer is refused too.
    let resp = app
        .gql(
            &Caller::Viewer("26"),
            DELETE,
            json!({ "id": janik, "v": janik_v }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);

    let e28 = Caller::Editor("28");
    // Creating in another region, changing a visible record of another region, moving an own
    // record to another region.
    let mut other = input.clone();
    other["regionCode"] = json!("26");
    let resp = app
        .gql(&e28, &create_person_q(), json!({ "input": other }))
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app
        .gql(
            &e28,
            &update_person_q(),
            json!({ "id": janik, "v": janik_v, "input": { "givenName": "X" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app
        .gql(
            &e28,
            &update_person_q(),
            json!({ "id": hidden_id, "v": 1, "input": { "regionCode": "26" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    // A record 26 cannot see is NOT_FOUND.
    let resp = app
        .gql(
            &Caller::Editor("26"),
            &update_person_q(),
            json!({ "id": hidden_id, "v": 1, "input": { "givenName": "X" } }),
        )
        .await;
    assert_error(&resp, "NOT_FOUND", None);
    let resp = app
        .gql(
            &Caller::Editor("26"),
            DELETE,
            json!({ "id": hidden_id, "v": 1 }),
        )
        .await;
    assert_error(&resp, "NOT_FOUND", None);
    // A stale version is a CONFLICT naming the current one.
    let resp = app
        .gql(
            &Caller::Editor("26"),
            &update_person_q(),
            json!({ "id": janik, "v": janik_v + 5, "input": { "givenName": "X" } }),
        )
        .await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(resp["errors"][0]["extensions"]["currentVersion"], janik_v);
    let resp = app
        .gql(
            &Caller::Editor("26"),
            DELETE,
            json!({ "id": janik, "v": janik_v + 1 }),
        )
        .await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(
        snapshot(&app).await,
        before,
        "no refused write changed anything"
    );

    // The network administrator may move a record between regions.
    let moved = app
        .data(
            &Caller::Admin,
            &update_person_q(),
            json!({ "id": hidden_id, "v": 1, "input": { "regionCode": "18" } }),
        )
        .await["updatePerson"]
        .clone();
    assert_eq!(moved["ownerRegion"]["terytCode"], "18");
    assert_eq!(moved["version"], 2);
});

dual_test!(
    person_bad_input_names_the_field_and_keeps_personal_data_out,
    |app| {
        let editor = Caller::Editor("26");
        let rops = org_id(&app, ROPS_KIELCE).await;
        let (janik, janik_v) = person_id(&app, "Janik").await;
        let base = json!({ "givenName": "Adam", "familyName": "Nowy" });
        let with = |patch: Value| {
            let mut v = base.clone();
            for (k, val) in patch.as_object().expect("object") {
                v[k] = val.clone();
            }
            v
        };
        let position = |extra: Value| {
            let mut p =
                json!({ "organisationId": rops, "roleType": "DIRECTOR", "title": "dyrektor" });
            for (k, val) in extra.as_object().expect("object") {
                p[k] = val.clone();
            }
            p
        };
        let many: Vec<Value> = (0..101).map(|_| position(json!({}))).collect();
        let cases = [
            (with(json!({ "givenName": "   " })), "input.givenName"),
            (
                with(json!({ "familyName": "N".repeat(101) })),
                "input.familyName",
            ),
            (
                with(json!({ "familyName": "Now\u{0007}ak" })),
                "input.familyName",
            ),
            (
                with(json!({ "honorific": "d".repeat(65) })),
                "input.honorific",
            ),
            (
                with(json!({ "email": "adam.nowy(at)example.invalid" })),
                "input.email",
            ),
            (
                with(json!({ "email": "adam nowy@example.invalid" })),
                "input.email",
            ),
            (with(json!({ "phone": "call me" })), "input.phone"),
            (with(json!({ "phone": "12" })), "input.phone"),
            (with(json!({ "regionCode": "99" })), "input.regionCode"),
            (
                with(
                    json!({ "positions": [position(json!({})), position(json!({ "validFrom": "2024-05-02", "validTo": "2024-05-01" }))] }),
                ),
                "input.positions[1].validTo",
            ),
            (
                with(json!({ "positions": [position(json!({ "title": "" }))] })),
                "input.positions[0].title",
            ),
            (
                with(json!({ "positions": [position(json!({ "unitName": "a\u{0000}b" }))] })),
                "input.positions[0].unitName",
            ),
            (
                with(
                    json!({ "positions": [position(json!({})), position(json!({ "organisationId": missing(Kind::Organisation) }))] }),
                ),
                "input.positions[1].organisationId",
            ),
            (
                with(json!({ "positions": [position(json!({ "organisationId": janik }))] })),
                "input.positions[0].organisationId",
            ),
            (with(json!({ "positions": many })), "input.positions"),
        ];
        let before = snapshot(&app).await;
        for (input, field) in &cases {
            let resp = app
                .gql(&editor, &create_person_q(), json!({ "input": input }))
                .await;
            assert_error(&resp, "BAD_USER_INPUT", Some(field));
        }
        let patches = [
            (json!({ "givenName": "" }), "input.givenName"),
            (json!({ "email": "janik@" }), "input.email"),
            (
                json!({ "phone": "+48 41 000 00 00 00 00 00" }),
                "input.phone",
            ),
            (
                json!({ "positions": [position(json!({ "validFrom": "2025-01-02", "validTo": "2025-01-01" }))] }),
                "input.positions[0].validTo",
            ),
            (
                json!({ "positions": [position(json!({ "organisationId": missing(Kind::Organisation) }))] }),
                "input.positions[0].organisationId",
            ),
        ];
        for (patch, field) in &patches {
            let resp = app
                .gql(
                    &editor,
                    &update_person_q(),
                    json!({ "id": janik, "v": janik_v, "input": patch }),
                )
                .await;
            assert_error(&resp, "BAD_USER_INPUT", Some(field));
        }
        assert_eq!(
            snapshot(&app).await,
            before,
            "no invalid write changed anything"
        );

        // Personal data never appears in an error: the message names the field, not the value.
        let secret_mail = "zofia.tajemnicza(at)prywatna.invalid";
        let secret_phone = "Zofia 600 700 800";
        for (input, field, secret) in [
            (
                with(json!({ "familyName": "Tajemnicza", "email": secret_mail })),
                "input.email",
                secret_mail,
            ),
            (
                with(json!({ "familyName": "Tajemnicza", "phone": secret_phone })),
                "input.phone",
                secret_phone,
            ),
        ] {
            let resp = app
                .gql(&editor, &create_person_q(), json!({ "input": input }))
                .await;
            assert_error(&resp, "BAD_USER_INPUT", Some(field));
            let text = resp["errors"].to_string();
            assert!(!text.contains(secret), "the bad value is echoed: {text}");
            assert!(
                !text.contains("tajemnicza") && !text.contains("Tajemnicza"),
                "{text}"
            );
        }
        let resp = app
            .gql(
                &editor,
                &update_person_q(),
                json!({ "id": janik, "v": janik_v, "input": { "email": secret_mail } }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some("input.email"));
        assert!(!resp["errors"].to_string().contains(secret_mail));
        assert_eq!(snapshot(&app).await, before);
    }
);

// ---------------------------------------------------------------------------------------
// Experts
// ---------------------------------------------------------------------------------------

dual_test!(expert_life_cycle, |app| {
    let editor = Caller::Editor("26");
    let rops = org_id(&app, ROPS_KIELCE).await;
    let lagow = centre_id(&app, CUS_LAGOW).await;
    let person = new_person(
        &app,
        &editor,
        json!({ "givenName": "Łucja", "familyName": "Źrebiec" }),
    )
    .await;
    let pid = person["id"].as_str().expect("id").to_owned();
    let created = app
        .data(
            &editor,
            &create_expert_q(),
            json!({ "input": {
                "personId": pid, "organisationId": rops, "centreId": lagow,
                "specialisations": ["CUS_CREATION", "usługi opiekuńcze", "CUS_CREATION"],
                "summary": "Koordynatorka wdrażania CUS w regionie.\nProwadzi szkolenia."
            }}),
        )
        .await["createExpert"]
        .clone();
    assert_eq!(created["version"], 1);
    assert_eq!(created["ownerRegion"]["terytCode"], "26");
    assert_eq!(created["visibility"], "NETWORK");
    assert_eq!(created["person"]["familyName"], "Źrebiec");
    assert_eq!(created["organisation"]["name"], ROPS_KIELCE);
    assert_eq!(created["centre"]["name"], CUS_LAGOW);
    assert_eq!(
        created["specialisations"],
        json!(["CUS_CREATION", "usługi opiekuńcze"]),
        "repeats are dropped"
    );
    let id = created["id"].as_str().expect("id").to_owned();

    // The search text includes the person's name and the specialisations, folded.
    let search = r#"query($s: String) { experts(filter: {search: $s}) { nodes { id } } }"#;
    for s in ["zrebiec", "Łucja", "cus creation", "uslugi opiekuncze"] {
        let found = app.data(&editor, search, json!({ "s": s })).await;
        assert!(found.to_string().contains(&id), "search {s:?}: {found}");
    }

    let updated = app
        .data(
            &editor,
            &update_expert_q(),
            json!({ "id": id, "v": 1, "input": {
                "centreId": null, "summary": "Ekspertka ds. tworzenia CUS.",
                "specialisations": ["SERVICES_MANAGEMENT"], "visibility": "PUBLIC"
            }}),
        )
        .await["updateExpert"]
        .clone();
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["centre"], Value::Null);
    assert_eq!(
        updated["organisation"]["name"], ROPS_KIELCE,
        "not given, kept"
    );
    assert_eq!(updated["specialisations"], json!(["SERVICES_MANAGEMENT"]));
    assert_eq!(updated["visibility"], "PUBLIC");
    let found = app
        .data(&editor, search, json!({ "s": "services management" }))
        .await;
    assert!(found.to_string().contains(&id), "{found}");
    let found = app
        .data(&editor, search, json!({ "s": "uslugi opiekuncze" }))
        .await;
    assert!(!found.to_string().contains(&id), "{found}");

    let entries = audit_of(&app, "26", &id).await;
    assert_eq!(entries[0]["operation"], "UPDATE");
    assert_eq!(entries[0]["changes"]["centre_id"]["after"], Value::Null);
    assert!(entries[0]["changes"]["centre_id"]["before"].is_number());
    assert_eq!(
        entries[0]["changes"]["summary"]["after"],
        "Ekspertka ds. tworzenia CUS."
    );
    assert_eq!(entries[0]["changes"]["visibility"]["after"], "PUBLIC");
    assert!(entries[0]["changes"].get("search_text").is_none());

    // Renaming the person refreshes the expert's search text.
    app.data(
        &editor,
        &update_person_q(),
        json!({ "id": pid, "v": 1, "input": { "familyName": "Wiśniewska" } }),
    )
    .await;
    let found = app
        .data(&editor, search, json!({ "s": "wisniewska" }))
        .await;
    assert!(found.to_string().contains(&id), "{found}");
    let found = app.data(&editor, search, json!({ "s": "zrebiec" })).await;
    assert!(!found.to_string().contains(&id), "{found}");

    // Delete and restore keep the search text.
    app.data(&editor, DELETE, json!({ "id": id, "v": 2 })).await;
    assert_eq!(node(&app, &editor, &id).await, Value::Null);
    let found = app
        .data(&editor, search, json!({ "s": "wisniewska" }))
        .await;
    assert!(!found.to_string().contains(&id), "{found}");
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
    let found = app
        .data(&editor, search, json!({ "s": "wisniewska" }))
        .await;
    assert!(found.to_string().contains(&id), "{found}");
    assert_eq!(audit_entries(&app, "Expert").await, 4);
});

dual_test!(expert_access_bad_input_and_conflicts, |app| {
    let uni = university(&app).await;
    let (janik, _) = person_id(&app, "Janik").await;
    let rops = org_id(&app, ROPS_KIELCE).await;
    // Iwona Klimowicz's profile is owned by 28 with REGION visibility.
    let klimowicz = app
        .data(
            &Caller::Editor("28"),
            r#"{ experts(filter: {search: "Klimowicz"}) { nodes { id version } } }"#,
            json!({}),
        )
        .await["experts"]["nodes"][0]
        .clone();
    let klimowicz_id = klimowicz["id"].as_str().expect("id").to_owned();
    // A NETWORK profile of 28 (Grewiński) that 26 can see.
    let grewinski = app
        .data(
            &Caller::Editor("26"),
            r#"{ experts(filter: {search: "Grewinski"}) { nodes { id version } } }"#,
            json!({}),
        )
        .await["experts"]["nodes"][0]
        .clone();
    let grewinski_id = grewinski["id"].as_str().expect("id").to_owned();
    let grewinski_v = grewinski["version"].as_i64().expect("version");
    // A REGION person of 28, invisible to 26.
    let hidden = new_person(
        &app,
        &Caller::Editor("28"),
        json!({ "givenName": "Hanna", "familyName": "Ukryta", "visibility": "REGION" }),
    )
    .await["id"]
        .clone();
    // An expert of 26 to change.
    let own = app
        .data(
            &Caller::Editor("26"),
            &create_expert_q(),
            json!({ "input": { "personId": janik, "specialisations": ["CUS_CREATION"], "visibility": "PUBLIC" } }),
        )
        .await["createExpert"]["id"]
        .clone();
    let before = snapshot(&app).await;

    let input = json!({ "personId": janik, "specialisations": ["CUS_CREATION"] });
    for caller in [Caller::Viewer("26"), uni, Caller::Anonymous] {
        let resp = app
            .gql(&caller, &create_expert_q(), json!({ "input": input }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app
            .gql(
                &caller,
                &update_expert_q(),
                json!({ "id": own, "v": 1, "input": { "summary": "x" } }),
            )
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }
    let e26 = Caller::Editor("26");
    let mut other = input.clone();
    other["regionCode"] = json!("28");
    let resp = app
        .gql(&e26, &create_expert_q(), json!({ "input": other }))
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app
        .gql(
            &e26,
            &update_expert_q(),
            json!({ "id": grewinski_id, "v": grewinski_v, "input": { "summary": "x" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app
        .gql(
            &e26,
            &update_expert_q(),
            json!({ "id": klimowicz_id, "v": 1, "input": { "summary": "x" } }),
        )
        .await;
    assert_error(&resp, "NOT_FOUND", None);
    let resp = app
        .gql(&e26, DELETE, json!({ "id": klimowicz_id, "v": 1 }))
        .await;
    assert_error(&resp, "NOT_FOUND", None);
    // Referencing a person 26 cannot see, on create and on update.
    let resp = app
        .gql(
            &e26,
            &create_expert_q(),
            json!({ "input": { "personId": hidden } }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.personId"));
    let resp = app
        .gql(
            &e26,
            &update_expert_q(),
            json!({ "id": own, "v": 1, "input": { "personId": hidden } }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.personId"));

    // Bad input, each naming its field.
    let many: Vec<String> = (0..101).map(|i| format!("obszar {i}")).collect();
    let cases = [
        (
            json!({ "personId": missing(Kind::Person) }),
            "input.personId",
        ),
        (json!({ "personId": rops }), "input.personId"),
        (
            json!({ "personId": janik, "organisationId": missing(Kind::Organisation) }),
            "input.organisationId",
        ),
        (
            json!({ "personId": janik, "centreId": missing(Kind::Centre) }),
            "input.centreId",
        ),
        (
            json!({ "personId": janik, "centreId": rops }),
            "input.centreId",
        ),
        (
            json!({ "personId": janik, "specialisations": ["CUS_CREATION", " "] }),
            "input.specialisations[1]",
        ),
        (
            json!({ "personId": janik, "specialisations": ["x".repeat(301)] }),
            "input.specialisations[0]",
        ),
        (
            json!({ "personId": janik, "specialisations": many }),
            "input.specialisations",
        ),
        (
            json!({ "personId": janik, "summary": "x".repeat(10_001) }),
            "input.summary",
        ),
        (
            json!({ "personId": janik, "summary": "a\u{0000}b" }),
            "input.summary",
        ),
        (
            json!({ "personId": janik, "regionCode": "2" }),
            "input.regionCode",
        ),
    ];
    for (input, field) in &cases {
        let resp = app
            .gql(&e26, &create_expert_q(), json!({ "input": input }))
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some(field));
    }
    let patches = [
        (
            json!({ "organisationId": missing(Kind::Organisation) }),
            "input.organisationId",
        ),
        (
            json!({ "specialisations": [""] }),
            "input.specialisations[0]",
        ),
        (json!({ "summary": "\u{0001}" }), "input.summary"),
    ];
    for (patch, field) in &patches {
        let resp = app
            .gql(
                &e26,
                &update_expert_q(),
                json!({ "id": own, "v": 1, "input": patch }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some(field));
    }
    // A stale version.
    let resp = app
        .gql(
            &e26,
            &update_expert_q(),
            json!({ "id": own, "v": 7, "input": { "summary": "x" } }),
        )
        .await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(resp["errors"][0]["extensions"]["currentVersion"], 1);
    assert_eq!(
        snapshot(&app).await,
        before,
        "no refused write changed anything"
    );
});

// ---------------------------------------------------------------------------------------
// Contact persons
// ---------------------------------------------------------------------------------------

dual_test!(contact_person_life_cycle, |app| {
    let editor = Caller::Editor("26");
    let rops = org_id(&app, ROPS_KIELCE).await;
    let lagow = centre_id(&app, CUS_LAGOW).await;
    let (korus, _) = person_id(&app, "Korus").await;
    let (slipikowski, _) = person_id(&app, "Ślipikowski").await;
    let created = app
        .data(
            &editor,
            &create_contact_q(),
            json!({ "input": { "personId": korus, "organisationId": rops,
                               "roleTitle": "współpraca z centrami usług społecznych" } }),
        )
        .await["createContactPerson"]
        .clone();
    assert_eq!(created["version"], 1);
    assert_eq!(
        created["visibility"], "REGION",
        "contacts default to REGION"
    );
    assert_eq!(created["ownerRegion"]["terytCode"], "26");
    assert_eq!(created["person"]["familyName"], "Korus");
    assert_eq!(created["organisation"]["name"], ROPS_KIELCE);
    assert_eq!(created["centre"], Value::Null);
    let id = created["id"].as_str().expect("id").to_owned();

    let search = r#"query($s: String) { contactPeople(filter: {search: $s}) { nodes { id } } }"#;
    for s in ["korus", "wspolpraca z centrami"] {
        let found = app.data(&editor, search, json!({ "s": s })).await;
        assert!(found.to_string().contains(&id), "search {s:?}: {found}");
    }
    // REGION: another region does not see it.
    assert_eq!(node(&app, &Caller::Editor("28"), &id).await, Value::Null);

    let updated = app
        .data(
            &editor,
            &update_contact_q(),
            json!({ "id": id, "v": 1, "input": {
                "personId": slipikowski, "organisationId": null, "centreId": lagow,
                "roleTitle": "wizyty studyjne", "visibility": "NETWORK"
            }}),
        )
        .await["updateContactPerson"]
        .clone();
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["person"]["familyName"], "Ślipikowski");
    assert_eq!(updated["organisation"], Value::Null);
    assert_eq!(updated["centre"]["name"], CUS_LAGOW);
    assert_eq!(updated["roleTitle"], "wizyty studyjne");
    let read = node(&app, &Caller::Editor("28"), &id).await;
    assert_eq!(read["roleTitle"], "wizyty studyjne", "NETWORK now");
    let found = app
        .data(&editor, search, json!({ "s": "slipikowski wizyty" }))
        .await;
    assert!(found.to_string().contains(&id), "{found}");
    let found = app.data(&editor, search, json!({ "s": "korus" })).await;
    assert!(!found.to_string().contains(&id), "{found}");

    let entries = audit_of(&app, "26", &id).await;
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["operation"], "UPDATE");
    assert_eq!(
        entries[0]["changes"]["role_title"]["before"],
        "współpraca z centrami usług społecznych"
    );
    assert_eq!(
        entries[0]["changes"]["role_title"]["after"],
        "wizyty studyjne"
    );
    assert_eq!(
        entries[0]["changes"]["organisation_id"]["after"],
        Value::Null
    );
    assert!(entries[0]["changes"]["person_id"]["after"].is_number());

    app.data(&editor, DELETE, json!({ "id": id, "v": 2 })).await;
    assert_eq!(node(&app, &editor, &id).await, Value::Null);
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
    let found = app
        .data(&editor, search, json!({ "s": "slipikowski" }))
        .await;
    assert!(found.to_string().contains(&id), "{found}");
    assert_eq!(audit_entries(&app, "ContactPerson").await, 4);
});

dual_test!(contact_person_access_bad_input_and_conflicts, |app| {
    let uni = university(&app).await;
    let rops = org_id(&app, ROPS_KIELCE).await;
    let (korus, _) = person_id(&app, "Korus").await;
    // Seeded REGION contacts: Rafał Szwed (26) and Anna Kocięcka (28).
    let contact = |caller: Caller, name: &'static str| {
        let app = &app;
        async move {
            let d = app
                .data(
                    &caller,
                    r#"query($s: String) { contactPeople(filter: {search: $s}) { nodes { id version } } }"#,
                    json!({ "s": name }),
                )
                .await;
            d["contactPeople"]["nodes"][0].clone()
        }
    };
    let szwed = contact(Caller::Editor("26"), "Szwed").await;
    let szwed_id = szwed["id"].as_str().expect("Szwed's contact").to_owned();
    let szwed_v = szwed["version"].as_i64().expect("version");
    let kociecka = contact(Caller::Editor("28"), "Kocięcka").await;
    let kociecka_id = kociecka["id"]
        .as_str()
        .expect("Kocięcka's contact")
        .to_owned();
    let hidden = new_person(
        &app,
        &Caller::Editor("28"),
        json!({ "givenName": "Hanna", "familyName": "Ukryta", "visibility": "REGION" }),
    )
    .await["id"]
        .clone();
    // A PUBLIC contact of 26 (anonymous callers can see it) and a NETWORK one 28 can see.
    let public = app
        .data(
            &Caller::Editor("26"),
            &create_contact_q(),
            json!({ "input": { "personId": korus, "organisationId": rops, "visibility": "PUBLIC" } }),
        )
        .await["createContactPerson"]["id"]
        .clone();
    let before = snapshot(&app).await;

    let input = json!({ "personId": korus, "organisationId": rops });
    for caller in [Caller::Viewer("26"), uni, Caller::Anonymous] {
        let resp = app
            .gql(&caller, &create_contact_q(), json!({ "input": input }))
            .await;
        assert_error(&resp, "FORBIDDEN", None);
        let resp = app
            .gql(
                &caller,
                &update_contact_q(),
                json!({ "id": public, "v": 1, "input": { "roleTitle": "x" } }),
            )
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }
    let e28 = Caller::Editor("28");
    let mut other = input.clone();
    other["regionCode"] = json!("26");
    let resp = app
        .gql(&e28, &create_contact_q(), json!({ "input": other }))
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app
        .gql(
            &e28,
            &update_contact_q(),
            json!({ "id": public, "v": 1, "input": { "roleTitle": "x" } }),
        )
        .await;
    assert_error(&resp, "FORBIDDEN", None);
    let resp = app
        .gql(
            &e28,
            &update_contact_q(),
            json!({ "id": szwed_id, "v": szwed_v, "input": { "roleTitle": "x" } }),
        )
        .await;
    assert_error(&resp, "NOT_FOUND", None);
    let resp = app
        .gql(
            &Caller::Editor("26"),
            &update_contact_q(),
            json!({ "id": kociecka_id, "v": 1, "input": { "roleTitle": "x" } }),
        )
        .await;
    assert_error(&resp, "NOT_FOUND", None);
    let e26 = Caller::Editor("26");
    let resp = app
        .gql(
            &e26,
            &create_contact_q(),
            json!({ "input": { "personId": hidden, "organisationId": rops } }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.personId"));
    let resp = app
        .gql(
            &e26,
            &update_contact_q(),
            json!({ "id": szwed_id, "v": szwed_v, "input": { "personId": hidden } }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("input.personId"));

    let cases = [
        (json!({ "personId": korus }), "input.organisationId"),
        (
            json!({ "personId": missing(Kind::Person), "organisationId": rops }),
            "input.personId",
        ),
        (
            json!({ "personId": korus, "organisationId": missing(Kind::Organisation) }),
            "input.organisationId",
        ),
        (
            json!({ "personId": korus, "centreId": missing(Kind::Centre) }),
            "input.centreId",
        ),
        (
            json!({ "personId": korus, "organisationId": rops, "roleTitle": "r".repeat(301) }),
            "input.roleTitle",
        ),
        (
            json!({ "personId": korus, "organisationId": rops, "roleTitle": "linia\ndruga" }),
            "input.roleTitle",
        ),
        (
            json!({ "personId": korus, "organisationId": rops, "regionCode": "kielce" }),
            "input.regionCode",
        ),
    ];
    for (input, field) in &cases {
        let resp = app
            .gql(&e26, &create_contact_q(), json!({ "input": input }))
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some(field));
    }
    let patches = [
        (json!({ "organisationId": null }), "input.organisationId"),
        (
            json!({ "centreId": missing(Kind::Centre) }),
            "input.centreId",
        ),
        (json!({ "roleTitle": "a\tb" }), "input.roleTitle"),
    ];
    for (patch, field) in &patches {
        let resp = app
            .gql(
                &e26,
                &update_contact_q(),
                json!({ "id": szwed_id, "v": szwed_v, "input": patch }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some(field));
    }
    let resp = app
        .gql(
            &e26,
            &update_contact_q(),
            json!({ "id": szwed_id, "v": szwed_v + 3, "input": { "roleTitle": "x" } }),
        )
        .await;
    assert_error(&resp, "CONFLICT", None);
    assert_eq!(resp["errors"][0]["extensions"]["currentVersion"], szwed_v);
    assert_eq!(
        snapshot(&app).await,
        before,
        "no refused write changed anything"
    );
});
