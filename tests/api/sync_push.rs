//! `syncPush`: batches of an office's records, upserted by the office's own ids, with
//! per-item results, conflict reports, dry runs and replayable idempotency keys.

use crate::helpers::{Caller, TestApp, dual_test, dual_test_with};
use crate::writes::{assert_error, snapshot};
use serde_json::{Value, json};

const PUSH: &str = "mutation($source: String!, $key: String!, $items: [SyncItemInput!]!, $dry: Boolean) {
    syncPush(source: $source, idempotencyKey: $key, items: $items, dryRun: $dry) {
        dryRun replayed created updated unchanged conflicts rejected
        items { index type externalId status id version serverVersion differingFields errors { field message } }
    } }";

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
        .expect("municipality")
        .to_owned()
}

fn centre(external: &str, name: &str, municipality: &str, address: &str) -> Value {
    json!({ "type": "Centre", "externalId": external, "data": {
        "name": name, "status": "OPERATING", "primaryMunicipalityId": municipality, "address": address } })
}

async fn push(app: &TestApp, caller: &Caller, key: &str, items: Value, dry: bool) -> Value {
    let data = app
        .data(
            caller,
            PUSH,
            json!({ "source": "rejestr-cus", "key": key, "items": items, "dry": dry }),
        )
        .await;
    data["syncPush"].clone()
}

fn statuses(result: &Value) -> Vec<String> {
    result["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["status"].as_str().expect("status").to_owned())
        .collect()
}

dual_test!(
    an_office_pushes_its_register_without_duplicates_or_lost_edits,
    |app| {
        let lagow = municipality(&app, "2604073").await;
        let kielce = Caller::Editor("26");
        let before = snapshot(&app).await;
        let items = json!([
            centre("c-1", "Centrum Usług Społecznych w Łagowie – punkt 1", &lagow, "ul. Rynek 1"),
            centre("c-2", "Centrum Usług Społecznych w Łagowie – punkt 2", &lagow, "ul. Rynek 2"),
            centre("c-3", "Centrum Usług Społecznych w Łagowie – punkt 3", &lagow, "ul. Rynek 3"),
            centre("c-bad", "   ", &lagow, "ul. Rynek 4"),
            { "type": "Municipality", "externalId": "m-1", "data": {} },
            { "type": "Centre", "externalId": "c-5", "data": { "name": "Bez gminy", "status": "PLANNED" } },
        ]);
        let first = push(&app, &kielce, "push-1", items.clone(), false).await;
        assert_eq!(
            statuses(&first),
            [
                "CREATED", "CREATED", "CREATED", "REJECTED", "REJECTED", "REJECTED"
            ]
        );
        assert_eq!(first["created"], 3);
        assert_eq!(first["rejected"], 3);
        assert_eq!(first["items"][3]["errors"][0]["field"], "data.name");
        assert_eq!(first["items"][4]["errors"][0]["field"], "type");
        assert_eq!(
            first["items"][5]["errors"][0]["field"], "data.primaryMunicipalityId",
            "a missing required field is named"
        );
        let after = snapshot(&app).await;
        assert_eq!(after["centre"].0, before["centre"].0 + 3);
        assert_eq!(after["audit_entry"].0, before["audit_entry"].0 + 3);
        assert_eq!(after["change_event"].0, before["change_event"].0 + 3);
        let c2 = first["items"][1]["id"].as_str().expect("id").to_owned();

        // Replaying the same push returns the stored answer and writes nothing.
        let replay = push(&app, &kielce, "push-1", items.clone(), false).await;
        assert_eq!(replay["replayed"], true);
        assert_eq!(replay["items"], first["items"]);
        let after_replay = snapshot(&app).await;
        assert_eq!(after_replay["centre"], after["centre"]);
        assert_eq!(after_replay["audit_entry"], after["audit_entry"]);

        // The next export: c-1 as it was, c-2 with a new address.
        let second = push(
            &app,
            &kielce,
            "push-2",
            json!([
                centre(
                    "c-1",
                    "Centrum Usług Społecznych w Łagowie – punkt 1",
                    &lagow,
                    "ul. Rynek 1"
                ),
                centre(
                    "c-2",
                    "Centrum Usług Społecznych w Łagowie – punkt 2",
                    &lagow,
                    "ul. Rynek 22"
                ),
            ]),
            false,
        )
        .await;
        assert_eq!(statuses(&second), ["UNCHANGED", "UPDATED"]);
        assert_eq!(second["items"][1]["id"], c2.as_str());
        assert_eq!(second["items"][1]["version"], 2);

        // An export based on version 1 of c-2 would overwrite the newer edit: a conflict that
        // names the differing fields, and nothing written.
        let mut stale = centre("c-2", "Punkt 2 (stara nazwa)", &lagow, "ul. Rynek 2");
        stale["baseVersion"] = json!(1);
        let held = snapshot(&app).await;
        let third = push(&app, &kielce, "push-3", json!([stale]), false).await;
        assert_eq!(statuses(&third), ["CONFLICT"]);
        assert_eq!(third["items"][0]["serverVersion"], 2);
        assert_eq!(
            third["items"][0]["differingFields"],
            json!(["address", "name"])
        );
        let after_conflict = snapshot(&app).await;
        assert_eq!(after_conflict["centre"], held["centre"]);
        assert_eq!(after_conflict["audit_entry"], held["audit_entry"]);

        // A dry run reports what would happen and writes nothing.
        let held = snapshot(&app).await;
        let dry = push(
            &app,
            &kielce,
            "push-4",
            json!([
                centre("c-4", "Punkt 4", &lagow, "ul. Polna 4"),
                centre(
                    "c-2",
                    "Centrum Usług Społecznych w Łagowie – punkt 2",
                    &lagow,
                    "ul. Rynek 23"
                ),
            ]),
            true,
        )
        .await;
        assert_eq!(dry["dryRun"], true);
        assert_eq!(statuses(&dry), ["CREATED", "UPDATED"]);
        assert_eq!(dry["items"][0]["id"], Value::Null);
        let after_dry = snapshot(&app).await;
        assert_eq!(after_dry, held);

        // Another region's office has its own ids: the same external id is another record.
        let olsztyn_municipality = municipality(&app, "2862011").await;
        let other = push(
            &app,
            &Caller::Editor("28"),
            "push-olsztyn-1",
            json!([centre(
                "c-1",
                "Centrum w Olsztynie",
                &olsztyn_municipality,
                "ul. Długa 1"
            )]),
            false,
        )
        .await;
        assert_eq!(statuses(&other), ["CREATED"]);
        assert_ne!(other["items"][0]["id"], first["items"][0]["id"]);
    }
);

dual_test!(pushes_are_refused_to_readers_and_oversized_batches, |app| {
    let lagow = municipality(&app, "2604073").await;
    let before = snapshot(&app).await;
    let items = json!([centre("c-1", "Punkt", &lagow, "ul. Rynek 1")]);
    for caller in [
        Caller::Viewer("26"),
        Caller::University(1),
        Caller::Anonymous,
    ] {
        let resp = app
            .gql(
                &caller,
                PUSH,
                json!({ "source": "rejestr", "key": "k", "items": items }),
            )
            .await;
        assert_error(&resp, "FORBIDDEN", None);
    }
    let many: Vec<Value> = (0..1001)
        .map(|i| centre(&format!("c-{i}"), "Punkt", &lagow, "ul. Rynek 1"))
        .collect();
    let resp = app
        .gql(
            &Caller::Editor("26"),
            PUSH,
            json!({ "source": "rejestr", "key": "k", "items": many }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("items"));
    let resp = app
        .gql(
            &Caller::Editor("26"),
            PUSH,
            json!({ "source": " ", "key": "k", "items": items }),
        )
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("source"));
    // A centre in another region's municipality is refused item by item.
    let bukowsko = municipality(&app, "1817032").await;
    let result = push(
        &app,
        &Caller::Editor("26"),
        "k-2",
        json!([centre("c-9", "Punkt", &bukowsko, "ul. Rynek 9")]),
        false,
    )
    .await;
    assert_eq!(statuses(&result), ["REJECTED"]);
    let after = snapshot(&app).await;
    assert_eq!(after["centre"], before["centre"]);
    assert_eq!(after["audit_entry"], before["audit_entry"]);
});

/// Sends two pushes of `n` new centres at once and asserts that one wrote all its items
/// before the other wrote any.
async fn two_pushes_take_turns(app: &TestApp, n: usize) {
    let lagow = municipality(app, "2604073").await;
    let kielce = Caller::Editor("26");
    let batch = |tag: &str| {
        Value::Array(
            (0..n)
                .map(|i| {
                    centre(
                        &format!("{tag}-{i}"),
                        &format!("Punkt {tag} nr {i}"),
                        &lagow,
                        "ul. Długa 1",
                    )
                })
                .collect(),
        )
    };
    if n > 100 {
        assert!(batch("a").to_string().len() > 64 * 1024, "a large request");
    }
    let (a, b) = futures_util::join!(
        push(app, &kielce, "turn-a", batch("a"), false),
        push(app, &kielce, "turn-b", batch("b"), false)
    );
    let ids = |r: &Value| -> Vec<i64> {
        assert_eq!(r["created"], n, "{r}");
        r["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| {
                let id = async_graphql::ID(i["id"].as_str().expect("id").to_owned());
                cusnet::graphql::ids::decode("id", &id).expect("an id").1
            })
            .collect()
    };
    let (a, b) = (ids(&a), ids(&b));
    let (first, second) = if a[0] < b[0] { (&a, &b) } else { (&b, &a) };
    assert!(
        first.iter().max() < second.iter().min(),
        "one push wrote between the other's items: {first:?} {second:?}"
    );
}

dual_test_with!(
    pushes_beyond_the_servers_turns_wait_and_do_not_interleave,
    |s| s.sync_concurrency = 1,
    |app, _backend| {
        two_pushes_take_turns(&app, 30).await;
    }
);

dual_test_with!(
    large_requests_beyond_the_servers_turns_wait,
    |s| s.large_request_concurrency = 1,
    |app, _backend| {
        // 450 centres make a body above 64 KiB; pushes themselves may run two at a time.
        two_pushes_take_turns(&app, 450).await;
        // Small requests do not wait for large ones.
        let data = app
            .data(
                &Caller::Viewer("26"),
                "{ regions(first: 1) { totalCount } }",
                json!({}),
            )
            .await;
        assert_eq!(data["regions"]["totalCount"], 16);
    }
);
