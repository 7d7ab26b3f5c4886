//! The change feed: what each caller receives (upserts and tombstones), resuming from a
//! cursor, and the guarantee that no committed change is skipped or delivered twice, also
//! when transactions commit out of order.

use crate::helpers::{Backend, Caller, TestApp, dual_test};
use crate::writes::assert_error;
use serde_json::{Value, json};

const CHANGES: &str = "query($after: String, $first: Int, $types: [String!]) {
    changes(after: $after, first: $first, types: $types) {
        changes { sequence entityType entityId operation version record { ... on Centre { name visibility } } }
        endCursor hasMore
    } }";

const CREATE: &str =
    "mutation($input: CentreInput!) { createCentre(input: $input) { id version } }";
const UPDATE: &str = "mutation($id: ID!, $v: Int!, $input: CentrePatch!) {
    updateCentre(id: $id, expectedVersion: $v, input: $input) { id version } }";
const DELETE: &str =
    "mutation($id: ID!, $v: Int!) { deleteRecord(id: $id, expectedVersion: $v) { __typename } }";

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

async fn create(
    app: &TestApp,
    caller: &Caller,
    name: &str,
    municipality: &str,
    vis: &str,
) -> String {
    let data = app
        .data(
            caller,
            CREATE,
            json!({ "input": { "name": name, "status": "PLANNED",
                "primaryMunicipalityId": municipality, "visibility": vis } }),
        )
        .await;
    data["createCentre"]["id"].as_str().expect("id").to_owned()
}

/// Pulls every change after `cursor`; returns `(operation, id, name)` triples and the new cursor.
async fn pull(
    app: &TestApp,
    caller: &Caller,
    cursor: Option<Value>,
) -> (Vec<(String, String, Value)>, Value) {
    let mut out = Vec::new();
    let mut cursor = cursor.unwrap_or(Value::Null);
    loop {
        let data = app
            .data(caller, CHANGES, json!({ "after": cursor, "first": 3 }))
            .await;
        let page = &data["changes"];
        for c in page["changes"].as_array().expect("changes") {
            out.push((
                c["operation"].as_str().expect("op").to_owned(),
                c["entityId"].as_str().expect("id").to_owned(),
                c["record"]["name"].clone(),
            ));
        }
        cursor = page["endCursor"].clone();
        if page["hasMore"] != true {
            return (out, cursor);
        }
    }
}

fn op(o: &str, id: &str, name: Value) -> (String, String, Value) {
    (o.to_owned(), id.to_owned(), name)
}

dual_test!(
    each_office_receives_what_it_may_see_and_tombstones_for_what_it_lost,
    |app| {
        let lagow = municipality(&app, "2604073").await;
        let bukowsko = municipality(&app, "1817032").await;
        let kielce = Caller::Editor("26");
        let olsztyn = Caller::Viewer("28");
        let (start, olsztyn_cursor) = pull(&app, &olsztyn, None).await;
        assert!(
            start.is_empty(),
            "the demo network starts with an empty feed: {start:?}"
        );

        let open = create(&app, &kielce, "Centrum otwarte", &lagow, "NETWORK").await;
        let internal = create(&app, &kielce, "Centrum wewnętrzne", &lagow, "REGION").await;
        settle(&app, 2).await;
        let (seen, olsztyn_cursor) = pull(&app, &olsztyn, Some(olsztyn_cursor)).await;
        assert_eq!(seen, [op("UPSERT", &open, json!("Centrum otwarte"))]);
        let (own, kielce_cursor) = pull(&app, &Caller::Viewer("26"), None).await;
        assert_eq!(
            own,
            [
                op("UPSERT", &open, json!("Centrum otwarte")),
                op("UPSERT", &internal, json!("Centrum wewnętrzne")),
            ]
        );
        // Anonymous callers see only public records: neither of these.
        let (public, _) = pull(&app, &Caller::Anonymous, None).await;
        assert!(public.is_empty(), "{public:?}");

        // Lowering the visibility revokes the other region's copy; deleting a record it never saw
        // tells it nothing.
        app.data(
            &kielce,
            UPDATE,
            json!({ "id": open, "v": 1, "input": { "visibility": "REGION" } }),
        )
        .await;
        app.data(&kielce, DELETE, json!({ "id": internal, "v": 1 }))
            .await;
        settle(&app, 4).await;
        let (seen, olsztyn_cursor) = pull(&app, &olsztyn, Some(olsztyn_cursor)).await;
        assert_eq!(seen, [op("REVOKE", &open, Value::Null)]);
        let (own, kielce_cursor) = pull(&app, &Caller::Viewer("26"), Some(kielce_cursor)).await;
        assert_eq!(
            own,
            [
                op("UPSERT", &open, json!("Centrum otwarte")),
                op("DELETE", &internal, Value::Null),
            ]
        );

        // A record moved to another region is revoked from the region it left.
        let both = Caller::Raw(app.token_for_regions(&["26", "18"]));
        app.data(
            &both,
            UPDATE,
            json!({ "id": open, "v": 2, "input": { "primaryMunicipalityId": bukowsko } }),
        )
        .await;
        settle(&app, 5).await;
        let (own, _) = pull(&app, &Caller::Viewer("26"), Some(kielce_cursor)).await;
        assert_eq!(own, [op("REVOKE", &open, Value::Null)]);
        let (pk, _) = pull(&app, &Caller::Viewer("18"), None).await;
        // Region 18 saw it while it was NETWORK, lost it when it became REGION, owns it now.
        assert_eq!(
            pk,
            [
                op("UPSERT", &open, json!("Centrum otwarte")),
                op("REVOKE", &open, Value::Null),
                op("UPSERT", &open, json!("Centrum otwarte")),
            ]
        );

        // Resuming from the last cursor delivers nothing twice.
        let (again, _) = pull(&app, &olsztyn, Some(olsztyn_cursor)).await;
        assert!(again.is_empty(), "{again:?}");

        // The network administrator sees every change, with versions.
        let all = app
            .data(&Caller::Admin, CHANGES, json!({ "first": 100 }))
            .await;
        let versions: Vec<(String, i64)> = all["changes"]["changes"]
            .as_array()
            .expect("changes")
            .iter()
            .map(|c| {
                (
                    c["entityId"].as_str().expect("id").to_owned(),
                    c["version"].as_i64().expect("version"),
                )
            })
            .collect();
        assert_eq!(
            versions,
            [
                (open.clone(), 1),
                (internal.clone(), 1),
                (open.clone(), 2),
                (internal.clone(), 2),
                (open.clone(), 3),
            ]
        );

        // Types narrow the feed; bad arguments name themselves.
        let experts = app
            .data(&Caller::Admin, CHANGES, json!({ "types": ["Expert"] }))
            .await;
        assert_eq!(experts["changes"]["changes"], json!([]));
        let resp = app
            .gql(
                &Caller::Admin,
                CHANGES,
                json!({ "types": ["Municipality"] }),
            )
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some("types[0]"));
        let resp = app
            .gql(&Caller::Admin, CHANGES, json!({ "after": "not-a-cursor" }))
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some("after"));
        let resp = app
            .gql(&Caller::Admin, CHANGES, json!({ "first": 0 }))
            .await;
        assert_error(&resp, "BAD_USER_INPUT", Some("first"));
    }
);

dual_test!(
    a_polling_reader_gets_every_committed_change_exactly_once,
    |app| {
        let lagow = municipality(&app, "2604073").await;
        let writers = (0..4).map(|w| {
            let app = &app;
            let lagow = lagow.clone();
            async move {
                let mut ids = Vec::new();
                for i in 0..12 {
                    ids.push(
                        create(
                            app,
                            &Caller::Editor("26"),
                            &format!("Centrum {w}-{i}"),
                            &lagow,
                            "PUBLIC",
                        )
                        .await,
                    );
                }
                ids
            }
        });
        let reader = async {
            let mut seen: Vec<(i64, String)> = Vec::new();
            let mut cursor = Value::Null;
            for _ in 0..400 {
                let data = app
                    .data(
                        &Caller::Viewer("28"),
                        CHANGES,
                        json!({ "after": cursor, "first": 5 }),
                    )
                    .await;
                for c in data["changes"]["changes"].as_array().expect("changes") {
                    seen.push((
                        c["sequence"].as_i64().expect("sequence"),
                        c["entityId"].as_str().expect("id").to_owned(),
                    ));
                }
                cursor = data["changes"]["endCursor"].clone();
                if seen.len() >= 48 {
                    break;
                }
                actix_web::rt::time::sleep(std::time::Duration::from_millis(5)).await;
            }
            (seen, cursor)
        };
        let (created, (mut seen, cursor)) =
            futures_util::future::join(futures_util::future::join_all(writers), reader).await;
        // Drain whatever committed after the reader stopped. On PostgreSQL the feed may hold
        // back for a moment while any transaction in the cluster (other databases included) is
        // still open, so keep polling until everything arrived or time is up.
        let mut cursor = cursor;
        for _ in 0..200 {
            if seen.len() >= 48 {
                break;
            }
            let rest = app
                .data(
                    &Caller::Viewer("28"),
                    CHANGES,
                    json!({ "after": cursor, "first": 1000 }),
                )
                .await;
            for c in rest["changes"]["changes"].as_array().expect("changes") {
                seen.push((
                    c["sequence"].as_i64().expect("sequence"),
                    c["entityId"].as_str().expect("id").to_owned(),
                ));
            }
            cursor = rest["changes"]["endCursor"].clone();
            actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let mut created: Vec<String> = created.into_iter().flatten().collect();
        let mut got: Vec<String> = seen.iter().map(|(_, id)| id.clone()).collect();
        created.sort();
        got.sort();
        assert_eq!(got, created, "every created centre arrives exactly once");
        let mut sequences: Vec<i64> = seen.iter().map(|(s, _)| *s).collect();
        sequences.sort_unstable();
        sequences.dedup();
        assert_eq!(sequences.len(), 48, "no change is delivered twice");
    }
);

/// A transaction that took its place in the feed first but commits last must still be
/// delivered: the reader waits for it instead of moving past it.
#[actix_web::test]
async fn a_change_that_commits_late_is_not_skipped_on_postgres() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        return;
    };
    let lagow = municipality(&app, "2604073").await;
    let first = create(&app, &Caller::Editor("26"), "Pierwsze", &lagow, "PUBLIC").await;
    let data = poll(&app, Value::Null, 1).await;
    let cursor = data["changes"]["endCursor"].clone();
    assert_eq!(data["changes"]["changes"][0]["entityId"], first.as_str());

    // A slow writer: its transaction has an id and a change row, but has not committed.
    let conn = app.connect().await;
    let slow = conn.begin().await.expect("begin");
    slow.execute_unprepared(
        "INSERT INTO change_event (occurred_at, entity_type, entity_id, operation, version, \
         owner_region_id, visibility, is_deleted) \
         VALUES (now(), 'Centre', 999999, 'UPDATE', 2, 26, 'PUBLIC', false)",
    )
    .await
    .expect("slow change");
    // A fast writer commits after it started.
    let fast = create(&app, &Caller::Editor("26"), "Szybkie", &lagow, "PUBLIC").await;
    let data = app
        .data(&Caller::Admin, CHANGES, json!({ "after": cursor }))
        .await;
    assert_eq!(
        data["changes"]["changes"],
        json!([]),
        "nothing past an unfinished transaction is delivered"
    );
    let held = data["changes"]["endCursor"].clone();
    assert_eq!(
        held, cursor,
        "the cursor does not move past the slow writer"
    );
    slow.commit().await.expect("commit");
    let data = poll(&app, held, 2).await;
    let ids: Vec<&str> = data["changes"]["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["entityId"].as_str())
        .collect();
    assert_eq!(ids.len(), 2, "{data}");
    assert_eq!(ids[1], fast.as_str(), "both arrive, in commit-safe order");
}

/// Reads the feed after `cursor` as the network administrator until at least `n` changes are
/// there (transactions elsewhere in the cluster can hold the horizon back briefly).
async fn poll(app: &TestApp, cursor: Value, n: usize) -> Value {
    for _ in 0..200 {
        let data = app
            .data(&Caller::Admin, CHANGES, json!({ "after": cursor }))
            .await;
        if data["changes"]["changes"].as_array().map_or(0, Vec::len) >= n {
            return data;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("fewer than {n} changes arrived after {cursor}");
}

/// Waits until the network administrator sees `n` changes from the start of the feed: from
/// then on every earlier write is below the PostgreSQL horizon for every reader.
async fn settle(app: &TestApp, n: usize) {
    poll(app, Value::Null, n).await;
}

dual_test!(a_snapshot_walk_then_the_feed_gives_a_complete_copy, |app| {
    const SNAPSHOT: &str = "query($after: String, $types: [String!]) {
        snapshot(after: $after, first: 4, types: $types) {
            records { __typename ... on Centre { id name } ... on Organisation { id } }
            endCursor hasMore feedCursor
        } }";
    let lagow = municipality(&app, "2604073").await;
    let office = Caller::Viewer("28");
    let mut copy = std::collections::BTreeSet::new();
    let mut after = Value::Null;
    let mut pages = 0;
    let feed = loop {
        let data = app
            .data(
                &office,
                SNAPSHOT,
                json!({ "after": after, "types": ["Centre"] }),
            )
            .await;
        let page = &data["snapshot"];
        for r in page["records"].as_array().expect("records") {
            assert_eq!(r["__typename"], "Centre");
            copy.insert(r["id"].as_str().expect("id").to_owned());
        }
        pages += 1;
        if pages == 1 {
            // A write in the middle of the walk: the feed after the walk brings it.
            create(
                &app,
                &Caller::Editor("26"),
                "Centrum w trakcie",
                &lagow,
                "PUBLIC",
            )
            .await;
        }
        after = page["endCursor"].clone();
        if page["hasMore"] != true {
            break page["feedCursor"].clone();
        }
    };
    assert!(pages > 1, "the walk took several pages");
    settle(&app, 1).await;
    let (changes, _) = pull(&app, &office, Some(feed)).await;
    for (operation, id, _) in changes {
        assert_eq!(operation, "UPSERT");
        copy.insert(id);
    }
    // The copy holds exactly the centres the office may see now.
    let list = app
        .data(
            &office,
            "{ centres(first: 100) { nodes { id } } }",
            json!({}),
        )
        .await;
    let now: std::collections::BTreeSet<String> = list["centres"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(copy, now);

    // Without types the walk covers every record type; a foreign cursor is refused.
    let all = app
        .data(
            &Caller::Admin,
            "{ snapshot(first: 1000) { records { __typename } hasMore } }",
            json!({}),
        )
        .await;
    let types: std::collections::BTreeSet<&str> = all["snapshot"]["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r["__typename"].as_str())
        .collect();
    for t in [
        "Organisation",
        "Centre",
        "Project",
        "Person",
        "Expert",
        "Event",
        "Training",
    ] {
        assert!(types.contains(t), "{t} missing from {types:?}");
    }
    let resp = app
        .gql(&office, SNAPSHOT, json!({ "after": "ZmVlZDE6MDow" }))
        .await;
    assert_error(&resp, "BAD_USER_INPUT", Some("after"));
});

dual_test!(
    a_cursor_older_than_the_retained_feed_asks_for_a_new_snapshot,
    |app| {
        let lagow = municipality(&app, "2604073").await;
        let office = Caller::Viewer("26");
        let (_, start) = pull(&app, &office, None).await;
        create(
            &app,
            &Caller::Editor("26"),
            "Centrum dawne",
            &lagow,
            "PUBLIC",
        )
        .await;
        settle(&app, 1).await;
        let (old, old_cursor) = pull(&app, &office, Some(start.clone())).await;
        assert_eq!(old.len(), 1);

        // Everything up to now leaves the feed.
        let conn = app.connect().await;
        let cutoff = chrono::Utc::now() + chrono::Duration::seconds(1);
        let removed = cusnet::service::feed::prune(&conn, cutoff)
            .await
            .expect("prune");
        assert_eq!(removed, 1);

        // A cursor from before the pruning cannot continue; one from after it can.
        for cursor in [start, Value::Null] {
            let resp = app.gql(&office, CHANGES, json!({ "after": cursor })).await;
            assert_error(&resp, "BAD_USER_INPUT", Some("after"));
            let message = resp["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(message.contains("snapshot"), "{message}");
        }
        let data = app
            .data(&office, CHANGES, json!({ "after": old_cursor }))
            .await;
        assert_eq!(data["changes"]["changes"], json!([]));
        // A new snapshot taken now (nothing left in the feed) continues the feed without loss.
        let fresh = app
            .data(
                &office,
                "{ snapshot(types: [\"Centre\"], first: 1000) { feedCursor hasMore } }",
                json!({}),
            )
            .await;
        assert_eq!(fresh["snapshot"]["hasMore"], false);
        let feed = fresh["snapshot"]["feedCursor"].clone();
        let id = create(
            &app,
            &Caller::Editor("26"),
            "Centrum nowe",
            &lagow,
            "PUBLIC",
        )
        .await;
        let data = poll(&app, feed, 1).await;
        assert_eq!(data["changes"]["changes"][0]["entityId"], id.as_str());
        assert_eq!(data["changes"]["changes"][0]["operation"], "UPSERT");
    }
);
