//! Training participants and certificates: who reads them (organising region, current partner
//! universities, the network administrator — counts only for everyone else), public
//! verification, the personal-data access log, export, erasure and the retention purge.

use crate::helpers::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

const OSL_TITLE: &str = "Szkolenie z zakresu organizacji społeczności lokalnej";

fn num(id: &str) -> i64 {
    cusnet::graphql::ids::decode("id", &async_graphql::ID(id.to_owned()))
        .expect("valid id")
        .1
}

/// Organisation id (number) by a search text.
async fn org_id(app: &TestApp, search: &str) -> i64 {
    let data = app
        .data(
            &Caller::Admin,
            r#"query($s: String!) { organisations(filter: {search: $s}) { nodes { id } } }"#,
            json!({ "s": search }),
        )
        .await;
    num(data["organisations"]["nodes"][0]["id"]
        .as_str()
        .expect("organisation exists"))
}

/// Global ids of the trainings titled like the 2025 training, by owner region code.
async fn osl_training(app: &TestApp, region: &str) -> String {
    let data = app
        .data(
            &Caller::Admin,
            r#"query($r: [String!]) { trainings(first: 50, filter: {regionCodes: $r, search: "organizacji spolecznosci"}) { nodes { id title } } }"#,
            json!({ "r": [region] }),
        )
        .await;
    let nodes = data["trainings"]["nodes"].as_array().expect("nodes");
    nodes
        .iter()
        .find(|n| n["title"] == OSL_TITLE)
        .and_then(|n| n["id"].as_str())
        .expect("the training exists")
        .to_owned()
}

async fn demo_university(app: &TestApp) -> Caller {
    Caller::University(org_id(app, "Uczelnia Partnerska Demo").await)
}

const ENROLLMENTS: &str = r#"query Participants($id: ID!) { node(id: $id) { ... on Training {
    enrollmentCounts { total completed certificates }
    enrollments { id participantName status completedOn
      participant { id givenName email phone }
      certificate { number kind holderName issuedOn } } } } }"#;

fn names(training: &Value) -> Vec<String> {
    training["enrollments"]
        .as_array()
        .expect("enrollments")
        .iter()
        .map(|e| e["participantName"].as_str().unwrap_or_default().to_owned())
        .collect()
}

dual_test!(
    partner_university_reads_names_and_certificates_never_contacts,
    |app| {
        let uni = demo_university(&app).await;
        let id = osl_training(&app, "26").await;
        let data = app.data(&uni, ENROLLMENTS, json!({ "id": id })).await;
        let t = &data["node"];
        assert_eq!(names(t).len(), 22);
        assert!(names(t).contains(&"Uczestnik Szkolenia 07".to_owned()));
        assert_eq!(t["enrollmentCounts"]["completed"], 22);
        assert_eq!(t["enrollmentCounts"]["certificates"], 22);
        for e in t["enrollments"].as_array().expect("list") {
            assert_eq!(e["status"], "COMPLETED");
            assert_eq!(e["completedOn"], "2025-04-22");
            assert_eq!(e["certificate"]["kind"], "DIPLOMA");
            assert!(
                e["certificate"]["number"]
                    .as_str()
                    .expect("number")
                    .starts_with("OSL/2025/")
            );
            // The person record (with its contact data) stays out of reach.
            assert_eq!(e["participant"], Value::Null, "no person record: {e}");
        }
        // Nested paths to the trainees' contact data: none answers.
        let person = app
            .data(&Caller::Admin, ENROLLMENTS, json!({ "id": id }))
            .await["node"]["enrollments"][0]["participant"]["id"]
            .as_str()
            .expect("admin sees the person")
            .to_owned();
        let direct = app
            .gql(
                &uni,
                r#"query($id: ID!) { node(id: $id) { id } }"#,
                json!({ "id": person }),
            )
            .await;
        assert_eq!(direct["errors"][0]["extensions"]["code"], "NOT_FOUND");
        let listed = app
            .data(
                &uni,
                r#"{ people(first: 100, filter: {search: "Uczestnik"}) { totalCount } }"#,
                json!({}),
            )
            .await;
        assert_eq!(listed["people"]["totalCount"], 0);
        // The enrollment and certificate by node id work for the partner.
        let enrollment = app
            .data(&Caller::Admin, ENROLLMENTS, json!({ "id": id }))
            .await["node"]["enrollments"][0]["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let via_node = app
        .data(
            &uni,
            r#"query($id: ID!) { node(id: $id) { ... on TrainingEnrollment { participantName participant { email } training { title } } } }"#,
            json!({ "id": enrollment }),
        )
        .await;
        assert!(
            via_node["node"]["participantName"]
                .as_str()
                .expect("name")
                .starts_with("Uczestnik")
        );
        assert_eq!(via_node["node"]["participant"], Value::Null);
        assert_eq!(via_node["node"]["training"]["title"], OSL_TITLE);
    }
);

dual_test!(
    organising_region_reads_its_participants_other_regions_only_counts,
    |app| {
        let id = osl_training(&app, "26").await;
        let own = app
            .data(&Caller::Viewer("26"), ENROLLMENTS, json!({ "id": id }))
            .await;
        assert_eq!(names(&own["node"]).len(), 22);
        let first = &own["node"]["enrollments"][0]["participant"];
        assert!(
            first["email"]
                .as_str()
                .expect("own region sees contacts")
                .ends_with("@example.invalid")
        );
        for caller in [
            Caller::Editor("28"),
            Caller::Viewer("18"),
            Caller::Anonymous,
        ] {
            let other = app.gql(&caller, ENROLLMENTS, json!({ "id": id })).await;
            if caller_is_anonymous(&caller) {
                // The training is NETWORK: not visible anonymously at all.
                assert_eq!(other["errors"][0]["extensions"]["code"], "NOT_FOUND");
                continue;
            }
            let t = &other["data"]["node"];
            assert_eq!(t["enrollments"], json!([]), "{caller:?} sees no people");
            assert_eq!(
                t["enrollmentCounts"]["completed"], 22,
                "{caller:?} sees the figures"
            );
        }
        let enrollment = own["node"]["enrollments"][0]["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let other = app
            .gql(
                &Caller::Editor("28"),
                r#"query($id: ID!) { node(id: $id) { id } }"#,
                json!({ "id": enrollment }),
            )
            .await;
        assert_eq!(other["errors"][0]["extensions"]["code"], "NOT_FOUND");
        let stats = app
        .data(
            &Caller::Editor("28"),
            r#"{ trainingStats(region: "26", type: COMMUNITY_ORGANISATION, year: 2025) { kind trainings participants { total completed certificates } } }"#,
            json!({}),
        )
        .await;
        assert_eq!(
            stats["trainingStats"],
            json!([{ "kind": "COMMUNITY_ORGANISATION", "trainings": 1,
                 "participants": { "total": 22, "completed": 22, "certificates": 22 } }])
        );
    }
);

fn caller_is_anonymous(c: &Caller) -> bool {
    matches!(c, Caller::Anonymous)
}

dual_test!(
    universities_see_nothing_outside_their_current_partnerships,
    |app| {
        // A participant in a Podkarpackie training, whose Korczak partnership ended in 2023.
        let podk = osl_training(&app, "18").await;
        let person = app
        .data(
            &Caller::Editor("18"),
            r#"mutation { createPerson(input: {givenName: "Anna", familyName: "Testowa", regionCode: "18"}) { id } }"#,
            json!({}),
        )
        .await["createPerson"]["id"]
        .as_str()
        .expect("person")
        .to_owned();
        let enrolled = app
        .data(
            &Caller::Editor("18"),
            r#"mutation($t: ID!, $p: ID!) { enrollParticipant(input: {trainingId: $t, personId: $p}) { id status } }"#,
            json!({ "t": podk, "p": person }),
        )
        .await;
        assert_eq!(enrolled["enrollParticipant"]["status"], "ENROLLED");
        let enrollment = enrolled["enrollParticipant"]["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let korczak = Caller::University(org_id(&app, "Korczaka").await);
        let expired = app.data(&korczak, ENROLLMENTS, json!({ "id": podk })).await;
        assert_eq!(
            expired["node"]["enrollments"],
            json!([]),
            "partnership ended"
        );
        let by_id = app
            .gql(
                &korczak,
                r#"query($id: ID!) { node(id: $id) { id } }"#,
                json!({ "id": enrollment }),
            )
            .await;
        assert_eq!(by_id["errors"][0]["extensions"]["code"], "NOT_FOUND");
        // The demo university: its own training yes, another region's training no.
        let demo = demo_university(&app).await;
        let other = app.data(&demo, ENROLLMENTS, json!({ "id": podk })).await;
        assert_eq!(other["node"]["enrollments"], json!([]));
        let by_id = app
            .gql(
                &demo,
                r#"query($id: ID!) { node(id: $id) { id } }"#,
                json!({ "id": enrollment }),
            )
            .await;
        assert_eq!(by_id["errors"][0]["extensions"]["code"], "NOT_FOUND");
        // Another training of region 26 without the university as partner.
        let own_26 = osl_training(&app, "26").await;
        let created = app
        .data(
            &Caller::Editor("26"),
            r#"mutation($o: ID!) { createTraining(input: {title: "Szkolenie IPUS 2026", kind: IPUS, organiserId: $o}) { id } }"#,
            json!({ "o": cusnet::graphql::ids::encode(cusnet::graphql::ids::Kind::Organisation, org_id(&app, "ROPS Kielce").await) }),
        )
        .await["createTraining"]["id"]
        .as_str()
        .expect("training")
        .to_owned();
        let seen = app.data(&demo, ENROLLMENTS, json!({ "id": created })).await;
        assert_eq!(seen["node"]["enrollments"], json!([]));
        // Ending the window ends the access.
        let data = app
            .data(
                &Caller::Admin,
                r#"query($id: ID!) { node(id: $id) { ... on Training { version } } }"#,
                json!({ "id": own_26 }),
            )
            .await;
        let version = data["node"]["version"].as_i64().expect("version");
        let uni_org = cusnet::graphql::ids::encode(
            cusnet::graphql::ids::Kind::Organisation,
            org_id(&app, "Uczelnia Partnerska Demo").await,
        );
        app.data(
        &Caller::Editor("26"),
        r#"mutation($id: ID!, $v: Int!, $o: ID!) { updateTraining(id: $id, expectedVersion: $v, input: {partners: [{organisationId: $o, validFrom: "2025-01-01", validTo: "2025-12-31"}]}) { id } }"#,
        json!({ "id": own_26, "v": version, "o": uni_org }),
    )
    .await;
        let after = app.data(&demo, ENROLLMENTS, json!({ "id": own_26 })).await;
        assert_eq!(after["node"]["enrollments"], json!([]), "window ended");
    }
);

dual_test!(region_editors_enroll_complete_certify_and_revoke, |app| {
    let training = osl_training(&app, "26").await;
    let person = app
        .data(
            &Caller::Editor("26"),
            r#"mutation { createPerson(input: {givenName: "Jan", familyName: "Próbny", regionCode: "26"}) { id } }"#,
            json!({}),
        )
        .await["createPerson"]["id"]
        .as_str()
        .expect("person")
        .to_owned();
    let enroll = r#"mutation($t: ID!, $p: ID!) { enrollParticipant(input: {trainingId: $t, personId: $p, hours: 40}) { id version status participantName } }"#;
    for caller in [
        Caller::Viewer("26"),
        Caller::Editor("28"),
        Caller::University(1),
        Caller::Anonymous,
    ] {
        let denied = app
            .gql(&caller, enroll, json!({ "t": training, "p": person }))
            .await;
        assert_eq!(
            denied["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{caller:?}"
        );
    }
    let e = app
        .data(
            &Caller::Editor("26"),
            enroll,
            json!({ "t": training, "p": person }),
        )
        .await;
    let e = &e["enrollParticipant"];
    assert_eq!(e["participantName"], "Jan Próbny");
    let id = e["id"].as_str().expect("id").to_owned();
    let again = app
        .gql(
            &Caller::Editor("26"),
            enroll,
            json!({ "t": training, "p": person }),
        )
        .await;
    assert_eq!(again["errors"][0]["extensions"]["code"], "CONFLICT");
    let issue = r#"mutation($e: ID!) { issueCertificate(input: {enrollmentId: $e, kind: COMPLETION_CERTIFICATE}) { verificationCode certificate { id number version holderName } } }"#;
    let early = app
        .gql(&Caller::Editor("26"), issue, json!({ "e": id }))
        .await;
    assert_eq!(early["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(
        early["errors"][0]["extensions"]["field"],
        "input.enrollmentId"
    );
    let stale = app
        .gql(
            &Caller::Editor("26"),
            r#"mutation($id: ID!) { completeEnrollment(id: $id, expectedVersion: 7) { id } }"#,
            json!({ "id": id }),
        )
        .await;
    assert_eq!(stale["errors"][0]["extensions"]["code"], "CONFLICT");
    let done = app
        .data(&Caller::Editor("26"), r#"mutation($id: ID!) { completeEnrollment(id: $id, expectedVersion: 1) { status completedOn version } }"#, json!({ "id": id }))
        .await;
    assert_eq!(done["completeEnrollment"]["status"], "COMPLETED");
    assert_eq!(
        done["completeEnrollment"]["completedOn"], "2025-04-22",
        "the training's last day"
    );
    let withdraw = app
        .gql(
            &Caller::Editor("26"),
            r#"mutation($id: ID!) { withdrawEnrollment(id: $id, expectedVersion: 2) { id } }"#,
            json!({ "id": id }),
        )
        .await;
    assert_eq!(withdraw["errors"][0]["extensions"]["field"], "id");
    let issued = app
        .data(&Caller::Editor("26"), issue, json!({ "e": id }))
        .await;
    let cert = &issued["issueCertificate"];
    let code = cert["verificationCode"].as_str().expect("code").to_owned();
    assert_eq!(
        cert["certificate"]["number"], "2025/001",
        "generated per issuer and year"
    );
    assert_eq!(cert["certificate"]["holderName"], "Jan Próbny");
    let verify = r#"query($n: String!, $c: String!) { verifyCertificate(number: $n, code: $c) { genuine valid revoked trainingTitle issuerName issuedOn holderName } }"#;
    let ok = app
        .data(
            &Caller::Anonymous,
            verify,
            json!({ "n": "2025/001", "c": code.to_lowercase() }),
        )
        .await;
    assert_eq!(ok["verifyCertificate"]["valid"], true);
    assert_eq!(ok["verifyCertificate"]["trainingTitle"], OSL_TITLE);
    // The audit trail names the personal fields but holds no personal values.
    let log = app
        .data(&Caller::RegionAdmin("26"), r#"query($id: ID!) { auditLog(filter: {entityId: $id}) { nodes { operation changes } } }"#, json!({ "id": id }))
        .await;
    let text = log.to_string();
    assert!(text.contains("participant_name"));
    assert!(
        !text.contains("Próbny"),
        "no names in the audit trail: {text}"
    );
    // Revocation.
    let cert_id = cert["certificate"]["id"].as_str().expect("id");
    let revoked = app
        .data(&Caller::Editor("26"), r#"mutation($id: ID!) { revokeCertificate(id: $id, expectedVersion: 1, reason: "wydany omyłkowo") { revoked revokedReason version } }"#, json!({ "id": cert_id }))
        .await;
    assert_eq!(revoked["revokeCertificate"]["revoked"], true);
    let after = app
        .data(
            &Caller::Anonymous,
            verify,
            json!({ "n": "2025/001", "c": code }),
        )
        .await;
    assert_eq!(after["verifyCertificate"]["genuine"], true);
    assert_eq!(after["verifyCertificate"]["valid"], false);
    assert_eq!(after["verifyCertificate"]["revoked"], true);
});

dual_test!(
    verification_reveals_nothing_for_a_wrong_code_and_limits_guessing,
    |app| {
        let verify = r#"query($n: String!, $c: String!) { verifyCertificate(number: $n, code: $c) { genuine valid revoked kind number trainingTitle issuerName issuedOn holderName } }"#;
        let ok = app
            .data(
                &Caller::Anonymous,
                verify,
                json!({ "n": "OSL/2025/07", "c": "DEMO-2025-0007" }),
            )
            .await;
        let v = &ok["verifyCertificate"];
        assert_eq!(v["genuine"], true);
        assert_eq!(v["valid"], true);
        assert_eq!(v["kind"], "DIPLOMA");
        assert_eq!(v["holderName"], "Uczestnik Szkolenia 07");
        assert_eq!(v["issuedOn"], "2025-04-22");
        assert_eq!(v["trainingTitle"], OSL_TITLE);
        assert!(
            v["issuerName"]
                .as_str()
                .expect("issuer")
                .contains("Kielcach")
        );
        let wrong = app
            .data(
                &Caller::Anonymous,
                verify,
                json!({ "n": "OSL/2025/07", "c": "DEMO-2025-0008" }),
            )
            .await;
        let missing = app
            .data(
                &Caller::Anonymous,
                verify,
                json!({ "n": "OSL/2099/99", "c": "DEMO-2025-0008" }),
            )
            .await;
        assert_eq!(
            wrong, missing,
            "a wrong code answers like an unknown number"
        );
        assert_eq!(wrong["verifyCertificate"]["genuine"], false);
        assert_eq!(wrong["verifyCertificate"]["holderName"], Value::Null);
        // The budget is 10 a minute per address; 3 are used.
        let mut limited = None;
        for i in 0..10 {
            let r = app
                .gql(
                    &Caller::Anonymous,
                    verify,
                    json!({ "n": "OSL/2025/01", "c": format!("GUESS-{i}") }),
                )
                .await;
            if r.get("errors").is_some() {
                limited = Some(r);
                break;
            }
        }
        let r = limited.expect("guessing is rate-limited");
        assert_eq!(r["errors"][0]["extensions"]["code"], "RATE_LIMITED");
        assert!(
            r["errors"][0]["extensions"]["retryAfter"]
                .as_u64()
                .expect("retryAfter")
                >= 1
        );
        // Other queries are not affected by the verification budget.
        app.data(
            &Caller::Anonymous,
            r#"{ regions(first: 1) { totalCount } }"#,
            json!({}),
        )
        .await;
    }
);

dual_test!(
    concurrent_reads_each_get_their_own_access_log_entry,
    |app| {
        // Entries are stored in group commits: responses answered together share one
        // transaction, and each must still be its own entry with its own persons.
        let uni = demo_university(&app).await;
        let id = osl_training(&app, "26").await;
        let reads = (0..12).map(|i| {
            let query = format!(
                "query ConcurrentRead{i}($id: ID!) {{ node(id: $id) {{ ... on Training {{ enrollments {{ participantName }} }} }} }}"
            );
            let (app, uni, id) = (&app, &uni, &id);
            async move { app.data(uni, &query, json!({ "id": id })).await }
        });
        futures_util::future::join_all(reads).await;
        let log_q = r#"query($reader: String) { personalDataAccessLog(reader: $reader, first: 50) { totalCount nodes { operationName personIds } } }"#;
        for caller in [Caller::Admin, Caller::RegionAdmin("26")] {
            let log = app
                .data(&caller, log_q, json!({ "reader": "test-University" }))
                .await;
            let entries = &log["personalDataAccessLog"];
            assert_eq!(entries["totalCount"], 12, "{caller:?}: {entries}");
            let mut names: Vec<String> = entries["nodes"]
                .as_array()
                .expect("nodes")
                .iter()
                .map(|e| {
                    assert_eq!(e["personIds"].as_array().expect("ids").len(), 22, "{e}");
                    e["operationName"].as_str().expect("name").to_owned()
                })
                .collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), 12, "every read is its own entry: {names:?}");
        }
    }
);

dual_test!(
    reads_stored_together_are_found_by_person_region_and_export,
    |app| {
        // Concurrent reads naming the same persons of several regions are stored in group
        // commits, where one person row stands for every entry of its batch: each entry must
        // still be found by its persons, cut to a region administrator's own persons, and
        // listed in a person's export.
        let query = |i: usize| {
            format!(
                "query ExpertPage{i} {{ people(first: 100) {{ nodes {{ id givenName ownerRegion {{ terytCode }} }} }} }}"
            )
        };
        let first = app.data(&Caller::Admin, &query(100), json!({})).await;
        let people = first["people"]["nodes"].as_array().expect("people").clone();
        let region_of = |code: &str| -> Vec<String> {
            people
                .iter()
                .filter(|p| p["ownerRegion"]["terytCode"] == code)
                .map(|p| p["id"].as_str().expect("id").to_owned())
                .collect()
        };
        let (own, other) = (region_of("26"), region_of("28"));
        assert!(!own.is_empty() && !other.is_empty(), "{people:?}");
        // Twelve more reads of both regions' persons and four of region 28's persons only
        // (which region 26's administrator must not see), handed to a writer together, as a
        // busy server hands them over: they are stored as one batch.
        let db = app.connect().await;
        let all: Vec<i64> = people
            .iter()
            .map(|p| num(p["id"].as_str().expect("id")))
            .collect();
        let of_28: Vec<i64> = other.iter().map(|p| num(p)).collect();
        let entries = (0..16).map(|i| {
            if i < 12 {
                (format!("ExpertPage{i}"), all.clone())
            } else {
                (format!("OtherRegion{i}"), of_28.clone())
            }
        });
        store_together(&db, entries).await;
        // An entry written before index rows were batched: its own row per person, and no
        // owner regions on the entry.
        let legacy = legacy_access_entry(&db, num(&own[0]), 26).await;
        // The index rows of batches (PostgreSQL: one per batch; SQLite: one per person and
        // batch), each as the entry ids it lists.
        use sea_orm::{ConnectionTrait, DbBackend, Statement};
        let lists: Vec<Vec<i64>> = if db.get_database_backend() == DbBackend::Postgres {
            let rows = db
                .query_all_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT first_access_id, access_ids FROM personal_data_access_batch",
                ))
                .await
                .expect("batch rows");
            rows.iter()
                .map(|r| {
                    let first: i64 = r.try_get("", "first_access_id").expect("first");
                    let ids: Vec<i64> = r.try_get("", "access_ids").expect("ids");
                    assert_eq!(Some(&first), ids.first(), "{ids:?}");
                    ids
                })
                .collect()
        } else {
            let rows = entity::personal_data_access_person::Entity::find()
                .all(&db)
                .await
                .expect("index rows");
            rows.iter()
                .filter_map(|r| {
                    let ids: Vec<i64> = r
                        .access_ids
                        .as_ref()
                        .and_then(Value::as_array)?
                        .iter()
                        .filter_map(Value::as_i64)
                        .collect();
                    // A batch's row names the batch's first entry and all of them.
                    assert_eq!(Some(&r.access_id), ids.first(), "{r:?}");
                    Some(ids)
                })
                .collect()
        };
        for ids in &lists {
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(ids, &sorted, "ascending");
        }
        let batched = lists.iter().map(Vec::len).max();
        assert!(
            batched >= Some(16),
            "the reads handed over together share a batch: {batched:?}"
        );
        let log_q = r#"query($person: ID, $reader: String) { personalDataAccessLog(personId: $person, reader: $reader, first: 50) { totalCount nodes { operationName personIds } } }"#;
        let reader = "test-NetworkAdmin";
        for person in [&own[0], &other[0]] {
            let found = app
                .data(
                    &Caller::Admin,
                    log_q,
                    json!({ "person": person, "reader": reader }),
                )
                .await;
            assert_eq!(
                found["personalDataAccessLog"]["totalCount"],
                13 + 4 * usize::from(person == &other[0]),
                "every read naming {person}: {found}"
            );
        }
        let older = app
            .data(
                &Caller::Admin,
                log_q,
                json!({ "person": own[0], "reader": "test-before-batching" }),
            )
            .await;
        assert_eq!(older["personalDataAccessLog"]["totalCount"], 1, "{older}");
        let cut = app
            .data(
                &Caller::RegionAdmin("26"),
                log_q,
                json!({ "reader": reader }),
            )
            .await;
        let entries = &cut["personalDataAccessLog"];
        assert_eq!(entries["totalCount"], 13, "{entries}");
        let mut expected = own.clone();
        expected.sort();
        for e in entries["nodes"].as_array().expect("nodes") {
            assert_eq!(
                sorted_person_ids(e),
                expected,
                "only region 26's persons: {e}"
            );
        }
        let older = app
            .data(
                &Caller::RegionAdmin("26"),
                log_q,
                json!({ "reader": "test-before-batching" }),
            )
            .await;
        assert_eq!(
            older["personalDataAccessLog"]["nodes"][0]["personIds"],
            json!([own[0]]),
            "an older entry is cut by its own rows: {older}"
        );
        let export = app
            .data(
                &Caller::RegionAdmin("26"),
                r#"query($p: ID!) { personDataExport(personId: $p) }"#,
                json!({ "p": own[0] }),
            )
            .await;
        let reads = export["personDataExport"]["accessLog"]
            .as_array()
            .expect("reads")
            .iter()
            .filter(|r| {
                r["operationName"]
                    .as_str()
                    .is_some_and(|n| n.starts_with("ExpertPage"))
            })
            .count();
        assert_eq!(reads, 13, "{export}");
        let logged = export["personDataExport"]["accessLog"]
            .as_array()
            .expect("reads")
            .iter()
            .any(|r| r["operationName"] == "ReadBeforeBatching");
        assert!(logged, "the older entry is in the export (entry {legacy})");
    }
);

/// Hands access-log entries of the network administrator, `(operation, person ids)`, to a
/// writer of their own all at once, and waits until they are stored.
async fn store_together(
    db: &sea_orm::DatabaseConnection,
    entries: impl IntoIterator<Item = (String, Vec<i64>)>,
) {
    use cusnet::service::access_writer::{AccessLog, PendingEntry};
    let writer = AccessLog::start(db.clone(), None);
    for (operation, mut persons) in entries {
        persons.sort_unstable();
        persons.dedup();
        writer
            .submit(PendingEntry {
                occurred_at: chrono::Utc::now(),
                actor_sub: "test-NetworkAdmin".into(),
                actor_role: "NETWORK_ADMIN".into(),
                actor_regions: json!([]),
                actor_org: None,
                operation_name: Some(operation),
                request_id: None,
                persons,
                owners: Vec::new(),
            })
            .await;
    }
    writer.flush().await;
}

/// Stores an access-log entry as entries were stored before index rows were batched: no
/// owner regions on the entry, one index row per person naming only this entry. The entry
/// names `person` (owned by `region`) and a person of another region.
async fn legacy_access_entry(db: &sea_orm::DatabaseConnection, person: i64, region: i64) -> i64 {
    use sea_orm::{ActiveModelTrait, Set};
    let other = entity::person::Entity::find()
        .filter(entity::person::Column::OwnerRegionId.ne(region))
        .one(db)
        .await
        .expect("query")
        .expect("a person of another region");
    let id = entity::personal_data_access::ActiveModel {
        occurred_at: Set(chrono::Utc::now()),
        actor_sub: Set("test-before-batching".into()),
        actor_role: Set("NETWORK_ADMIN".into()),
        actor_regions: Set(json!([])),
        operation_name: Set(Some("ReadBeforeBatching".into())),
        person_ids: Set(json!([person, other.id])),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("entry")
    .id;
    for (p, r) in [(person, region), (other.id, other.owner_region_id)] {
        entity::personal_data_access_person::ActiveModel {
            access_id: Set(id),
            person_id: Set(p),
            owner_region_id: Set(r),
            access_ids: Set(None),
        }
        .insert(db)
        .await
        .expect("index row");
    }
    id
}

dual_test!(
    reading_22_enrollments_logs_one_entry_naming_the_22_persons,
    |app| {
        let uni = demo_university(&app).await;
        let id = osl_training(&app, "26").await;
        let query = r#"query UniversityReadsParticipants($id: ID!) { node(id: $id) { ... on Training { enrollments { participantName } } } }"#;
        app.data(&uni, query, json!({ "id": id })).await;
        let log_q = r#"query($reader: String) { personalDataAccessLog(reader: $reader, first: 10) { totalCount nodes { reader { subject role organisation } operationName personIds occurredAt } } }"#;
        let log = app
            .data(
                &Caller::Admin,
                log_q,
                json!({ "reader": "test-University" }),
            )
            .await;
        let entries = &log["personalDataAccessLog"];
        assert_eq!(
            entries["totalCount"], 1,
            "one entry per response: {entries}"
        );
        let e = &entries["nodes"][0];
        assert_eq!(e["reader"]["role"], "UNIVERSITY");
        assert!(e["reader"]["organisation"].is_string());
        assert_eq!(e["operationName"], "UniversityReadsParticipants");
        assert_eq!(e["personIds"].as_array().expect("ids").len(), 22);
        // Region 26's administrator sees the entry (its persons); region 28's does not.
        let own = app
            .data(
                &Caller::RegionAdmin("26"),
                log_q,
                json!({ "reader": "test-University" }),
            )
            .await;
        assert_eq!(own["personalDataAccessLog"]["totalCount"], 1);
        let other = app
            .data(
                &Caller::RegionAdmin("28"),
                log_q,
                json!({ "reader": "test-University" }),
            )
            .await;
        assert_eq!(other["personalDataAccessLog"]["totalCount"], 0);
        for caller in [Caller::Editor("26"), uni.clone(), Caller::Anonymous] {
            let denied = app.gql(&caller, log_q, json!({})).await;
            assert_eq!(
                denied["errors"][0]["extensions"]["code"], "FORBIDDEN",
                "{caller:?}"
            );
        }
        // A response without personal data writes nothing.
        app.data(&uni, r#"query Figures($id: ID!) { node(id: $id) { ... on Training { enrollmentCounts { total } } } }"#, json!({ "id": id })).await;
        let log = app
            .data(
                &Caller::Admin,
                log_q,
                json!({ "reader": "test-University" }),
            )
            .await;
        assert_eq!(log["personalDataAccessLog"]["totalCount"], 1);
    }
);

dual_test!(
    export_and_erasure_keep_statistics_and_reach_synced_copies,
    |app| {
        let id = osl_training(&app, "26").await;
        let data = app
            .data(&Caller::Admin, ENROLLMENTS, json!({ "id": id }))
            .await;
        let first = &data["node"]["enrollments"][0];
        let person = first["participant"]["id"]
            .as_str()
            .expect("person")
            .to_owned();
        let name = first["participantName"].as_str().expect("name").to_owned();
        let export = r#"query($p: ID!) { personDataExport(personId: $p) }"#;
        for caller in [
            Caller::Editor("26"),
            Caller::RegionAdmin("28"),
            demo_university(&app).await,
        ] {
            let denied = app.gql(&caller, export, json!({ "p": person })).await;
            let code = denied["errors"][0]["extensions"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            assert!(
                code == "FORBIDDEN" || code == "NOT_FOUND",
                "{caller:?}: {denied}"
            );
        }
        let doc = app
            .data(&Caller::RegionAdmin("26"), export, json!({ "p": person }))
            .await;
        let doc = &doc["personDataExport"];
        assert_eq!(
            format!(
                "{} {}",
                doc["person"]["given_name"].as_str().unwrap_or_default(),
                doc["person"]["family_name"].as_str().unwrap_or_default()
            ),
            name
        );
        assert_eq!(
            doc["trainingEnrollments"].as_array().expect("list").len(),
            1
        );
        assert_eq!(doc["certificates"].as_array().expect("list").len(), 1);
        assert!(
            doc["certificates"][0].get("code_hash").is_none(),
            "no code hash in the export"
        );
        assert!(
            !doc["accessLog"].as_array().expect("reads").is_empty(),
            "the admin's read above"
        );
        // Feed position before the erasure.
        let start = app
            .data(
                &Caller::RegionAdmin("26"),
                r#"{ changes(first: 1000) { endCursor } }"#,
                json!({}),
            )
            .await["changes"]["endCursor"]
            .as_str()
            .expect("cursor")
            .to_owned();
        let erase = r#"mutation($p: ID!) { erasePerson(personId: $p, reason: "wniosek RODO 1/2026") { person { givenName familyName email phone } enrollmentsPseudonymised certificatesPseudonymised } }"#;
        let denied = app
            .gql(&Caller::Editor("26"), erase, json!({ "p": person }))
            .await;
        assert_eq!(denied["errors"][0]["extensions"]["code"], "FORBIDDEN");
        let denied = app
            .gql(&Caller::RegionAdmin("28"), erase, json!({ "p": person }))
            .await;
        assert_eq!(denied["errors"][0]["extensions"]["code"], "NOT_FOUND");
        let done = app
            .data(&Caller::RegionAdmin("26"), erase, json!({ "p": person }))
            .await;
        let r = &done["erasePerson"];
        assert_eq!(r["person"]["email"], Value::Null);
        assert_eq!(r["person"]["phone"], Value::Null);
        assert_eq!(r["enrollmentsPseudonymised"], 1);
        assert_eq!(r["certificatesPseudonymised"], 1);
        let again = app
            .gql(&Caller::RegionAdmin("26"), erase, json!({ "p": person }))
            .await;
        assert_eq!(again["errors"][0]["extensions"]["code"], "CONFLICT");
        let after = app
            .data(&Caller::Admin, ENROLLMENTS, json!({ "id": id }))
            .await;
        let t = &after["node"];
        assert!(!names(t).contains(&name), "the name is gone");
        assert_eq!(
            t["enrollmentCounts"]["completed"], 22,
            "22 completions stay 22"
        );
        assert_eq!(t["enrollmentCounts"]["certificates"], 22);
        let stats = app
            .data(
                &Caller::Admin,
                r#"{ trainingStats(region: "26", year: 2025) { participants { completed } } }"#,
                json!({}),
            )
            .await;
        assert_eq!(stats["trainingStats"][0]["participants"]["completed"], 22);
        // The feed carries the pseudonymised person to synced copies (on PostgreSQL a change
        // may arrive a moment after its write).
        let mut changes: Vec<Value> = Vec::new();
        for _ in 0..50 {
            let feed = app
            .data(
                &Caller::RegionAdmin("26"),
                r#"query($a: String) { changes(after: $a, first: 100) { changes { entityType operation record { ... on Person { givenName familyName email } ... on TrainingEnrollment { participantName } } } } }"#,
                json!({ "a": start }),
            )
            .await;
            changes = feed["changes"]["changes"]
                .as_array()
                .expect("changes")
                .clone();
            if changes.iter().any(|c| c["entityType"] == "Person")
                && changes.iter().any(|c| c["entityType"] == "Certificate")
            {
                break;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        let person_change = changes
            .iter()
            .find(|c| c["entityType"] == "Person")
            .expect("the erasure is in the feed");
        assert_eq!(person_change["record"]["email"], Value::Null);
        assert!(!person_change["record"].to_string().contains(&name));
        assert!(
            changes
                .iter()
                .any(|c| c["entityType"] == "TrainingEnrollment")
        );
        // The erasure's audit entry names the fields, never the old values.
        let audit = app
        .data(&Caller::RegionAdmin("26"), r#"query($p: ID!) { auditLog(filter: {entityId: $p}, first: 5) { nodes { operation changes } } }"#, json!({ "p": person }))
        .await;
        let latest = audit["auditLog"]["nodes"][0]["changes"].to_string();
        assert!(
            latest.contains("family_name") && latest.contains("email"),
            "{latest}"
        );
        assert!(
            !latest.contains("example.invalid") && !latest.contains(&name),
            "{latest}"
        );
    }
);

/// Runs the binary against the test database, off the server's thread: the test server
/// shares this single-threaded runtime, and a server task paused mid-transaction would hold the SQLite write lock the
/// command waits for.
async fn cusnet_cli(args: &[&str], url: &str, envs: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_cusnet"));
    cmd.args(args)
        .env("DATABASE_URL", url)
        .env("CUSNET_JWT_SECRET", TEST_SECRET)
        .env_remove("CUSNET_ENV");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    tokio::task::spawn_blocking(move || cmd.output().expect("run cusnet"))
        .await
        .expect("join")
}

dual_test!(
    purge_dry_run_changes_nothing_and_purge_anonymises_expired_participants,
    |app| {
        let id = osl_training(&app, "26").await;
        let url = app.db.url.clone();
        let keep = cusnet_cli(&["purge", "--dry-run"], &url, &[]).await;
        assert!(keep.status.success());
        let out = String::from_utf8_lossy(&keep.stdout).to_string();
        assert!(
            out.contains("would anonymise 0 enrollments"),
            "5-year default keeps 2025: {out}"
        );
        let dry = cusnet_cli(
            &["purge", "--dry-run"],
            &url,
            &[("CUSNET_TRAINING_RETENTION_DAYS", "30")],
        )
        .await;
        assert!(
            dry.status.success(),
            "{}",
            String::from_utf8_lossy(&dry.stderr)
        );
        let out = String::from_utf8_lossy(&dry.stdout).to_string();
        assert!(
            out.contains("would anonymise 22 enrollments of 22 persons in 1 trainings"),
            "{out}"
        );
        assert!(!out.contains("Uczestnik"), "no names in the listing: {out}");
        let before = app
            .data(&Caller::Admin, ENROLLMENTS, json!({ "id": id }))
            .await;
        assert!(
            names(&before["node"])
                .iter()
                .all(|n| n.starts_with("Uczestnik Szkolenia")),
            "dry run changed nothing"
        );
        let run = cusnet_cli(
            &["purge"],
            &url,
            &[("CUSNET_TRAINING_RETENTION_DAYS", "30")],
        )
        .await;
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(
            String::from_utf8_lossy(&run.stdout)
                .contains("anonymised 22 enrollments and 22 certificates")
        );
        let after = app
            .data(&Caller::Admin, ENROLLMENTS, json!({ "id": id }))
            .await;
        let t = &after["node"];
        assert!(
            names(t).iter().all(|n| n.starts_with("Osoba anonimowa")),
            "{:?}",
            names(t)
        );
        assert_eq!(t["enrollmentCounts"]["completed"], 22);
        assert!(t["enrollments"][0]["participant"]["email"].is_null());
        let again = cusnet_cli(
            &["purge", "--dry-run"],
            &url,
            &[("CUSNET_TRAINING_RETENTION_DAYS", "30")],
        )
        .await;
        assert!(String::from_utf8_lossy(&again.stdout).contains("would anonymise 0 enrollments"));
    }
);

dual_test!(
    server_logs_of_a_full_run_hold_no_personal_data_or_tokens,
    |app| {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let dir = tempfile::tempdir().expect("dir");
        let log_path = dir.path().join("server.log");
        let log_file = std::fs::File::create(&log_path).expect("log file");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cusnet"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", &app.db.url)
            .env("CUSNET_JWT_SECRET", TEST_SECRET)
            .env(
                "RUST_LOG",
                "debug,sqlx=warn,sea_orm=warn,h2=warn,rustls=warn",
            )
            .env_remove("CUSNET_ENV")
            .stdout(log_file.try_clone().expect("clone"))
            .stderr(log_file)
            .spawn()
            .expect("start cusnet serve");
        let client = awc::Client::default();
        let base = format!("http://127.0.0.1:{port}/graphql");
        let post = |token: Option<String>, body: Value| {
            let client = &client;
            let base = base.clone();
            async move {
                let mut req = client
                    .post(base)
                    .insert_header(("content-type", "application/json"));
                if let Some(t) = token {
                    req = req.insert_header(("authorization", format!("Bearer {t}")));
                }
                match req.send_body(body.to_string()).await {
                    Ok(mut r) => r.body().limit(4 << 20).await.ok().map(|b| b.to_vec()),
                    Err(_) => None,
                }
            }
        };
        let mut up = false;
        for _ in 0..300 {
            if post(
                None,
                json!({"query": "{ regions(first: 1) { totalCount } }"}),
            )
            .await
            .is_some()
            {
                up = true;
                break;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(up, "the server answers");
        let uni = demo_university(&app).await;
        let tokens: Vec<String> = [
            uni,
            Caller::Admin,
            Caller::Editor("26"),
            Caller::RegionAdmin("26"),
        ]
        .iter()
        .map(|c| app.token(c).expect("token"))
        .collect();
        let id = osl_training(&app, "26").await;
        for t in &tokens {
            post(
                Some(t.clone()),
                json!({"query": ENROLLMENTS, "variables": {"id": id}}),
            )
            .await;
        }
        let person = app
            .data(&Caller::Admin, ENROLLMENTS, json!({ "id": id }))
            .await["node"]["enrollments"][0]["participant"]["id"]
            .as_str()
            .expect("person")
            .to_owned();
        post(Some(tokens[3].clone()), json!({"query": "query($p: ID!) { personDataExport(personId: $p) }", "variables": {"p": person}})).await;
        post(None, json!({"query": "{ verifyCertificate(number: \"OSL/2025/03\", code: \"DEMO-2025-0003\") { holderName } }"})).await;
        // Failures: a bad token, a bad input carrying a name, a conflicting write.
        post(
            Some(format!("{}x", tokens[1])),
            json!({"query": "{ regions(first: 1) { totalCount } }"}),
        )
        .await;
        post(Some(tokens[2].clone()), json!({"query": "mutation { createPerson(input: {givenName: \"Zofia\u{0007}\", familyName: \"Nazwiskowa\"}) { id } }"})).await;
        post(Some(tokens[2].clone()), json!({"query": "mutation($p: ID!) { updatePerson(id: $p, expectedVersion: 99, input: {email: \"tajny.adres@example.invalid\"}) { id } }", "variables": {"p": person}})).await;
        post(Some(tokens[3].clone()), json!({"query": "mutation($p: ID!) { erasePerson(personId: $p, reason: \"wniosek\") { person { id } } }", "variables": {"p": person}})).await;
        let _ = child.kill();
        let _ = child.wait();
        let logs = std::fs::read_to_string(&log_path).expect("logs");
        assert!(
            logs.contains("graphql") || logs.len() > 100,
            "the run produced logs: {logs}"
        );
        for secret in [
            "Uczestnik",
            "Szkolenia 0",
            "example.invalid",
            "Nazwiskowa",
            "DEMO-2025",
            "+48 000",
        ] {
            assert!(
                !logs.contains(secret),
                "personal data `{secret}` in the logs"
            );
        }
        for t in &tokens {
            assert!(!logs.contains(t.as_str()), "a token in the logs");
            let signature = t.rsplit('.').next().unwrap_or_default();
            assert!(!logs.contains(signature), "a token signature in the logs");
        }
    }
);

dual_test!(
    undoing_batched_access_log_rows_keeps_every_entry_findable,
    |app| {
        use migration::MigratorTrait;
        use sea_orm::{ConnectionTrait, Statement};
        let db = app.connect().await;
        let stored = entity::person::Entity::find()
            .one(&db)
            .await
            .expect("query")
            .expect("a person")
            .id;
        store_together(&db, (0..8).map(|i| (format!("Undo{i}"), vec![stored]))).await;
        let person = cusnet::graphql::ids::encode(cusnet::graphql::ids::Kind::Person, stored).0;
        let log_q = r#"query($person: ID) { personalDataAccessLog(personId: $person, first: 50) { totalCount } }"#;
        let found = |v: Value| v["personalDataAccessLog"]["totalCount"].clone();
        let before = found(
            app.data(&Caller::Admin, log_q, json!({ "person": person }))
                .await,
        );
        assert_eq!(before, 8);
        // Down to the layout of one row per person and entry (undoing 000011, PostgreSQL's
        // row per batch, and 000010), and up again: the rows the batches stood for were
        // written out, so every entry is still found.
        migration::Migrator::down(&db, Some(2))
            .await
            .expect("undo 000011 and 000010");
        let rows = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT COUNT(*) AS n FROM personal_data_access_person WHERE person_id = {}",
                    num(&person)
                ),
            ))
            .await
            .expect("count")
            .expect("a row")
            .try_get::<i64>("", "n")
            .expect("n");
        assert_eq!(rows, 8, "one row per entry after undoing");
        migration::Migrator::up(&db, None)
            .await
            .expect("redo 000010 and 000011");
        let after = found(
            app.data(&Caller::Admin, log_q, json!({ "person": person }))
                .await,
        );
        assert_eq!(after, 8);
    }
);
