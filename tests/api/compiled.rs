//! Compiled reads answer exactly as the engine does: the same data for every caller, with
//! aliases, fragments, directives, variables and paging, a page and the lists nested in it in
//! one statement, the personal-data access log kept, and a fall-back to the engine for what
//! they cannot finish.

use crate::helpers::*;
use crate::writes::id_by_name;
use serde_json::{Value, json};

const NESTED: &str = "nodes { id name status primaryMunicipality { name } projects { title } \
                      experts { summary person { givenName familyName } } }";

const EVERYTHING: &str = r#"
query Everything($first: Int!, $after: String, $withExperts: Boolean!, $noProjects: Boolean = true) {
  __typename
  list: centres(first: $first, after: $after, sort: UPDATED_AT_DESC) {
    __typename
    totalCount
    pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      __typename
      cursor
      node {
        ...CentreBits
        id
        experts @include(if: $withExperts) {
          __typename id summary specialisations visibility version updatedAt
          person { __typename id givenName familyName honorific displayName email phone visibility version updatedAt }
        }
        projects @skip(if: $noProjects) {
          __typename id title shortTitle status selectionMode startDate endDate website
          description visibility version createdAt updatedAt
        }
      }
    }
    nodes { ... on Node { id } ... on Centre { name } }
  }
}
fragment CentreBits on Centre {
  __typename id name status creationMode operatingSince predecessorName address website
  description visibility version createdAt updatedAt
  ownerRegion { __typename id terytCode isoCode name nameEn isNetworkMember }
  primaryMunicipality { __typename id terytCode terytValidFrom terytValidTo name kind }
  seat: primaryMunicipality { name }
}"#;

/// The callers every comparison runs as.
fn callers() -> Vec<Caller> {
    vec![
        Caller::Anonymous,
        Caller::Viewer("26"),
        Caller::Editor("28"),
        Caller::RegionAdmin("18"),
        Caller::Admin,
    ]
}

/// Asserts that `app` answers `query` as the engine-only server does, the first time (the
/// engine runs it) and the second (compiled).
async fn same_as_engine(
    app: &TestApp,
    engine: &TestApp,
    caller: &Caller,
    query: &str,
    vars: Value,
) {
    let expected = engine.gql(caller, query, vars.clone()).await;
    assert!(
        expected.get("errors").is_none(),
        "{caller:?} {query}: {expected}"
    );
    // The first run is the engine's unless another caller has already run the document.
    let first = app.gql(caller, query, vars.clone()).await;
    assert_eq!(
        first, expected,
        "first answer as {caller:?} to {query} {vars}"
    );
    let served = app.compiled.served();
    let again = app.gql(caller, query, vars.clone()).await;
    assert_eq!(
        again, expected,
        "compiled answer as {caller:?} to {query} {vars}"
    );
    assert_eq!(
        app.compiled.served(),
        served + 1,
        "the repeated request is compiled: {query} {vars}"
    );
    assert_eq!(engine.compiled.served(), 0);
}

/// The global id of a municipality of region 26 (to create a centre in).
async fn a_municipality_of_26(app: &TestApp) -> Value {
    let q = r#"{ centres(first: 1, filter: { regionCodes: ["26"] }) { nodes { primaryMunicipality { id } } } }"#;
    app.data(&Caller::Editor("26"), q, json!({})).await["centres"]["nodes"][0]["primaryMunicipality"]
        ["id"]
        .clone()
}

/// `app`'s answer to `query`, asserted to be the engine-only server's, errors included.
async fn as_engine(
    app: &TestApp,
    engine: &TestApp,
    caller: &Caller,
    query: &str,
    vars: Value,
) -> Value {
    let got = app.gql(caller, query, vars.clone()).await;
    assert_eq!(
        got,
        engine.gql(caller, query, vars.clone()).await,
        "{caller:?} {query} {vars}"
    );
    got
}

/// Asserts that the first occurrences of `keys` in the response `text` come in that order.
fn keys_in_order(text: &str, keys: &[&str]) {
    let at = |key: &str| {
        text.find(&format!("\"{key}\""))
            .unwrap_or_else(|| panic!("{key} in {text}"))
    };
    for pair in keys.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "{} before {}: {text}",
            pair[0],
            pair[1]
        );
    }
}

async fn engine_only(app: &TestApp) -> TestApp {
    TestApp::spawn_over_with(app.db.shared(), |s| s.compiled_reads = false).await
}

dual_test!(compiled_reads_answer_as_the_engine_does, |app| {
    let engine = engine_only(&app).await;
    let centre = app
        .data(
            &Caller::Admin,
            r#"{ centres(first: 1, filter: { regionCodes: ["26"], search: "lagow" }) { nodes { id } } }"#,
            json!({}),
        )
        .await["centres"]["nodes"][0]["id"]
        .as_str()
        .expect("the Łagów centre")
        .to_owned();
    let page = r#"{ centres(first: 50, filter: { regionCodes: ["26"] }, sort: NAME_ASC) { totalCount nodes { id name status address website updatedAt } } }"#;
    let nested = format!(
        r#"{{ centres(first: 10, filter: {{ regionCodes: ["26"] }}, sort: NAME_ASC) {{ {NESTED} }} }}"#
    );
    let all = format!(
        "{{ regions(first: 16) {{ totalCount nodes {{ terytCode name }} edges {{ cursor }} pageInfo {{ hasNextPage endCursor }} }} centres(first: 100, sort: NAME_DESC) {{ {NESTED} }} }}"
    );
    let node = r#"query($id: ID!) { node(id: $id) { __typename id ... on Centre { name version experts { person { email phone displayName } } } } }"#;
    // The search text is a column of municipalities too: the joined seats must not make the
    // filter ambiguous.
    let search = r#"{ centres(first: 10, filter: { search: "LAGOW", statuses: [OPERATING] }) { totalCount nodes { name primaryMunicipality { name kind } } } }"#;
    // The one demo centre with an expert: contact data only for its own region.
    let expert = r#"{ centres(first: 5, filter: { search: "bukowsk" }) { nodes { name experts { id summary specialisations person { id givenName familyName displayName honorific email phone } } } } }"#;
    // Read backwards (the page's statement sorts the other way), experts without persons.
    let backwards = r#"{ centres(last: 4, sort: NAME_DESC) { pageInfo { hasNextPage hasPreviousPage startCursor } nodes { name projects { title } experts { id summary } } } }"#;
    // Only projects, with the count as the page's last column.
    let projects = r#"{ centres(first: 6, filter: { regionCodes: ["26"] }, sort: UPDATED_AT_ASC) { totalCount nodes { id projects { id title status } } } }"#;
    // The count and both nested kinds: the experts' rows are padded past the count's column.
    let counted = r#"{ centres(first: 5, filter: { regionCodes: ["26"] }) { totalCount nodes { name primaryMunicipality { name } projects { title } experts { summary person { familyName } } } } }"#;
    let node_projects =
        r#"query($id: ID!) { node(id: $id) { ... on Centre { name projects { id title } } } }"#;
    for caller in callers() {
        same_as_engine(&app, &engine, &caller, counted, json!({})).await;
        same_as_engine(
            &app,
            &engine,
            &caller,
            node_projects,
            json!({ "id": centre }),
        )
        .await;
        same_as_engine(&app, &engine, &caller, backwards, json!({})).await;
        same_as_engine(&app, &engine, &caller, projects, json!({})).await;
        same_as_engine(&app, &engine, &caller, page, json!({})).await;
        same_as_engine(&app, &engine, &caller, &nested, json!({})).await;
        same_as_engine(&app, &engine, &caller, &all, json!({})).await;
        same_as_engine(&app, &engine, &caller, node, json!({ "id": centre })).await;
        same_as_engine(&app, &engine, &caller, search, json!({})).await;
        same_as_engine(&app, &engine, &caller, expert, json!({})).await;
        // Compiled answers keep the order of the query, as GraphQL requires.
        let text = app.gql_text(&caller, &nested, json!({})).await;
        keys_in_order(
            &text,
            &["status", "primaryMunicipality", "projects", "experts"],
        );
        let first = json!({ "first": 3, "withExperts": true, "noProjects": true });
        same_as_engine(&app, &engine, &caller, EVERYTHING, first.clone()).await;
        let page1 = app.data(&caller, EVERYTHING, first).await;
        if let Some(cursor) = page1["list"]["pageInfo"]["endCursor"].as_str() {
            let next =
                json!({ "first": 3, "after": cursor, "withExperts": false, "noProjects": false });
            same_as_engine(&app, &engine, &caller, EVERYTHING, next).await;
        }
    }
});

dual_test!(the_engine_answers_in_the_order_of_the_query, |app| {
    let engine = engine_only(&app).await;
    // The fields that wait for batched loads come first: the engine completes them last.
    let list = r#"{ centres(first: 3, filter: { regionCodes: ["26"] }, sort: NAME_ASC) { nodes { ownerRegion { terytCode } primaryMunicipality { kind } experts { person { familyName } summary } name id } } }"#;
    let one = r#"query($id: ID!) { node(id: $id) { ... on Centre { projects { title } ...Named } } } fragment Named on Centre { status id }"#;
    let id = app
        .data(
            &Caller::Admin,
            r#"{ centres(first: 1, filter: { regionCodes: ["26"] }, sort: NAME_ASC) { nodes { id } } }"#,
            json!({}),
        )
        .await["centres"]["nodes"][0]["id"]
        .clone();
    for caller in callers() {
        let text = engine.gql_text(&caller, list, json!({})).await;
        keys_in_order(
            &text,
            &["ownerRegion", "primaryMunicipality", "experts", "id"],
        );
        if text.contains("\"person\"") {
            keys_in_order(&text, &["person", "summary"]);
        }
        let text = engine.gql_text(&caller, one, json!({ "id": id })).await;
        keys_in_order(&text, &["projects", "status", "id"]);
    }
});

dual_test!(
    a_compiled_page_reads_its_nested_lists_in_its_own_statement,
    |app| {
        let q = r#"query($n: Int!) { centres(first: $n, sort: NAME_ASC) { nodes {
                 name primaryMunicipality { name } ownerRegion { name } projects { title }
                 experts { summary person { id } } } } }"#;
        let mut costs = Vec::new();
        for n in [5, 20] {
            // The first run is the engine's; the second is compiled.
            app.data(&Caller::Admin, q, json!({ "n": n })).await;
            let before = app.statements.get();
            let data = app.data(&Caller::Admin, q, json!({ "n": n })).await;
            let after = app.statements.get();
            assert!(app.compiled.served() > 0);
            assert_eq!(
                data["centres"]["nodes"].as_array().map(Vec::len),
                Some(n as usize)
            );
            costs.push(after - before);
        }
        // On PostgreSQL the page (joined to its municipalities) with its projects and its
        // experts (joined to their persons) in one statement, and the page's regions; on
        // SQLite the projects and the experts by statements of their own, side by side.
        let per_request = if app.read_lanes.is_some() { 2 } else { 4 };
        assert_eq!(
            costs,
            vec![per_request, per_request],
            "statements of the compiled reads"
        );
    }
);

dual_test!(
    a_visible_expert_whose_person_is_hidden_or_deleted_keeps_a_null_person,
    |app| {
        let engine = engine_only(&app).await;
        let editor = Caller::Editor("26");
        let lagow = id_by_name(
            &app,
            &Caller::Admin,
            "centres",
            "name",
            "Centrum Usług Społecznych w Łagowie",
        )
        .await
        .0;
        let person =
            r#"mutation($input: PersonInput!) { createPerson(input: $input) { id version } }"#;
        let expert = r#"mutation($input: ExpertInput!) { createExpert(input: $input) { id } }"#;
        let mut people = Vec::new();
        for (family, visibility) in [
            ("Ćwiek", "REGION"),
            ("Żuraw", "NETWORK"),
            ("Łoś", "NETWORK"),
        ] {
            let p = app
                .data(
                    &editor,
                    person,
                    json!({ "input": { "givenName": "Zofia", "familyName": family, "visibility": visibility } }),
                )
                .await["createPerson"]
                .clone();
            app.data(
                &editor,
                expert,
                json!({ "input": { "personId": p["id"], "centreId": lagow, "visibility": "NETWORK" } }),
            )
            .await;
            people.push(p);
        }
        // The third person is deleted; the expert record stays.
        app.data(
            &editor,
            "mutation($id: ID!, $v: Int!) { deleteRecord(id: $id, expectedVersion: $v) { __typename } }",
            json!({ "id": people[2]["id"], "v": people[2]["version"] }),
        )
        .await;
        let q = r#"query($id: ID!) { node(id: $id) { ... on Centre { experts { person { familyName } } } } }"#;
        let families = |data: &Value| -> Vec<Value> {
            data["node"]["experts"]
                .as_array()
                .expect("experts")
                .iter()
                .map(|e| e["person"]["familyName"].clone())
                .collect()
        };
        for (caller, seen) in [
            (
                Caller::Viewer("28"),
                vec![json!(null), json!("Żuraw"), json!(null)],
            ),
            (
                Caller::Viewer("26"),
                vec![json!("Ćwiek"), json!("Żuraw"), json!(null)],
            ),
        ] {
            same_as_engine(&app, &engine, &caller, q, json!({ "id": lagow })).await;
            let data = app.data(&caller, q, json!({ "id": lagow })).await;
            let all = families(&data);
            assert_eq!(all[all.len() - 3..], seen[..], "{caller:?}: {data}");
        }
    }
);

dual_test!(compiled_reads_log_the_personal_data_they_return, |app| {
    let q = r#"query NamesOfExperts { centres(first: 5, filter: { regionCodes: ["18"] }, sort: NAME_ASC) { nodes { experts { person { id givenName } } } } }"#;
    let reader = Caller::Viewer("18");
    let first = app.data(&reader, q, json!({})).await;
    let second = app.data(&reader, q, json!({})).await;
    assert_eq!(first, second);
    let mut persons: Vec<String> = Vec::new();
    for c in first["centres"]["nodes"].as_array().expect("nodes") {
        for e in c["experts"].as_array().expect("experts") {
            persons.push(e["person"]["id"].as_str().expect("person id").to_owned());
        }
    }
    persons.sort_unstable();
    persons.dedup();
    assert!(
        !persons.is_empty(),
        "a demo centre of region 18 has an expert"
    );
    let log = app
        .data(
            &Caller::Admin,
            r#"query($reader: String) { personalDataAccessLog(reader: $reader, first: 10) { totalCount nodes { operationName personIds } } }"#,
            json!({ "reader": "test-RegionViewer" }),
        )
        .await;
    let entries = &log["personalDataAccessLog"];
    assert_eq!(
        entries["totalCount"], 2,
        "one entry per response: {entries}"
    );
    for e in entries["nodes"].as_array().expect("entries") {
        assert_eq!(e["operationName"], "NamesOfExperts");
        assert_eq!(sorted_person_ids(e), persons, "{e}");
    }
});

dual_test!(
    compiled_reads_see_writes_and_fail_as_the_engine_fails,
    |app| {
        let q = r#"{ centres(first: 2, filter: { regionCodes: ["26"] }, sort: NAME_ASC) { nodes { name experts { summary } } } }"#;
        let before = app.data(&Caller::Admin, q, json!({})).await;
        assert_eq!(before, app.data(&Caller::Admin, q, json!({})).await);
        // Written records show up in the next compiled read: only the plan is kept.
        let muni = a_municipality_of_26(&app).await;
        let add = r#"mutation($input: CentreInput!) { createCentre(input: $input) { id } }"#;
        let input = json!({ "input": { "name": "AAA Centrum Testowe", "status": "PLANNED", "primaryMunicipalityId": muni } });
        app.data(&Caller::Editor("26"), add, input).await;
        let after = app.data(&Caller::Admin, q, json!({})).await;
        assert_eq!(
            after["centres"]["nodes"][0]["name"], "AAA Centrum Testowe",
            "{after}"
        );
        // A compiled read that fails in the database goes to the engine, which answers with
        // its coded error and keeps the SQL to the log.
        use sea_orm::ConnectionTrait;
        app.connect()
            .await
            .execute_unprepared("ALTER TABLE expert RENAME TO expert_away")
            .await
            .expect("rename");
        let resp = app.gql(&Caller::Admin, q, json!({})).await;
        assert_eq!(
            resp["errors"][0]["extensions"]["code"], "INTERNAL",
            "{resp}"
        );
        let text = resp.to_string();
        assert!(
            !text.contains("expert_away") && !text.to_lowercase().contains("select"),
            "{text}"
        );
    }
);

dual_test_with!(
    compiled_reads_of_large_responses_take_turns,
    |s| s.large_request_concurrency = 1,
    |app, _backend| {
        // Every centre with its fields, twelve times over: a response above 64 KiB.
        let list = "centres(first: 100) { nodes { id name status creationMode operatingSince \
                    predecessorName address website description visibility version createdAt \
                    updatedAt primaryMunicipality { name terytCode } } }";
        let q = format!(
            "{{ {} }}",
            (0..12)
                .map(|i| format!("c{i}: {list}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        // The engine answers first, then a compiled read learns how large the answer is.
        let size = app.gql_text(&Caller::Admin, &q, json!({})).await.len();
        assert!(size >= 64 * 1024, "{size} bytes");
        let first = app.gql(&Caller::Admin, &q, json!({})).await;
        assert!(first.get("errors").is_none());
        assert_eq!(
            app.compiled.large_peak(),
            0,
            "the first compiled read did not know"
        );
        let served = app.compiled.served();
        let answers =
            futures_util::future::join_all((0..6).map(|_| app.gql(&Caller::Admin, &q, json!({}))))
                .await;
        // (Not `assert_eq!`: the answers are too long to print.)
        assert!(answers.iter().all(|a| *a == first), "the same answers");
        assert_eq!(app.compiled.served(), served + 6, "all six were compiled");
        assert_eq!(
            app.compiled.large_peak(),
            1,
            "large compiled reads ran one at a time"
        );
    }
);

dual_test!(
    node_lookups_by_id_variable_are_compiled_for_every_id_and_answer_as_the_engine_does,
    |app| {
        let engine = engine_only(&app).await;
        // A centre of region 26 that only its region sees.
        let muni = a_municipality_of_26(&app).await;
        let add = r#"mutation($input: CentreInput!) { createCentre(input: $input) { id } }"#;
        let input = json!({ "input": { "name": "Centrum Regionalne", "status": "PLANNED",
                                        "primaryMunicipalityId": muni, "visibility": "REGION" } });
        let hidden =
            app.data(&Caller::Editor("26"), add, input).await["createCentre"]["id"].clone();
        let mut ids = app.ids_of("centres").await;
        assert!(ids.contains(&hidden) && ids.len() > 10, "{ids:?}");
        // An id of another kind, and one of no record, go to the engine too.
        let project = app.ids_of("projects").await[0].clone();
        ids.extend([project, json!("Q2VudHJlOjk5OTk5OQ")]);

        let q = "query($id: ID!) { node(id: $id) { __typename ... on Centre { id name status version } } }";
        let callers = [
            Caller::Viewer("26"),
            Caller::Viewer("28"),
            Caller::Anonymous,
        ];
        let asks = asks(&ids, &callers);
        let expected = engine.ask_each(q, &asks).await;
        let at = |id: &Value, caller: usize| {
            ids.iter().position(|i| i == id).expect("an asked id") * callers.len() + caller
        };
        assert_eq!(
            expected[at(&hidden, 0)]["data"]["node"]["name"],
            "Centrum Regionalne"
        );
        assert_eq!(error_code(&expected[at(&hidden, 1)]), Some("NOT_FOUND"));
        assert_eq!(error_code(&expected[at(&hidden, 2)]), Some("NOT_FOUND"));

        // The document's first run is the engine's; after it every centre the caller may
        // read is compiled, whatever its id, and everything else is the engine's answer.
        app.data(&Caller::Viewer("26"), q, json!({ "id": ids[0] }))
            .await;
        let served = app.compiled.served();
        assert_eq!(app.ask_each(q, &asks).await, expected);
        let (compiled, expected_compiled): (Vec<_>, Vec<_>) = asks
            .iter()
            .zip(&expected)
            .filter(|(_, r)| {
                r.get("errors").is_none() && r["data"]["node"]["__typename"] == "Centre"
            })
            .map(|(ask, r)| (*ask, r.clone()))
            .unzip();
        assert!(compiled.len() > 20, "{}", compiled.len());
        assert_eq!(
            app.compiled.served() - served,
            compiled.len() as u64,
            "compiled lookups"
        );

        // Made all at once, every lookup answers as it does alone: its own centre, under its
        // own caller's reading rule.
        assert_eq!(app.ask_at_once(q, &asks).await, expected);
        // Compiled lookups that met on a worker shared their statements (each costs one
        // statement alone), on either backend. Centres carry no personal data, so no
        // access-log statement falls into the count.
        let before = app.statements.get();
        assert_eq!(app.ask_at_once(q, &compiled).await, expected_compiled);
        let used = app.statements.get() - before;
        assert!(
            used < compiled.len() as u64,
            "{used} statements for {} compiled lookups",
            compiled.len()
        );
    }
);

dual_test!(
    paging_by_a_cursor_variable_is_compiled_from_the_first_page_on,
    |app| {
        let engine = engine_only(&app).await;
        let q = r#"query($after: String, $search: String) { centres(first: 3, after: $after,
               filter: { regionCodes: ["26"], search: $search }, sort: NAME_ASC) {
               pageInfo { hasNextPage endCursor } nodes { id name } } }"#;
        let caller = Caller::Viewer("26");
        // The engine runs the document once for each shape of its variables (no cursor yet,
        // a cursor); after that every page is compiled, whatever its cursor, and answers as
        // the engine does.
        let mut compiled = Vec::new();
        for _ in 0..2 {
            let served = app.compiled.served();
            let (mut after, mut pages) = (Value::Null, 0);
            loop {
                let got = as_engine(&app, &engine, &caller, q, json!({ "after": after })).await;
                pages += 1;
                let info = &got["data"]["centres"]["pageInfo"];
                if info["hasNextPage"] != true {
                    break;
                }
                after = info["endCursor"].clone();
            }
            assert!(pages > 2, "{pages} pages");
            compiled.push((app.compiled.served() - served, pages));
        }
        let (pages, _) = compiled[1];
        assert_eq!(compiled[0].0, pages - 2, "all but the first of each shape");
        assert_eq!(compiled[1].0, pages, "every page");
        // So is a search text, once one was run.
        let served = app.compiled.served();
        for text in ["lagow", "Łagów", "bukowsk"] {
            as_engine(&app, &engine, &caller, q, json!({ "search": text })).await;
        }
        assert_eq!(
            app.compiled.served() - served,
            2,
            "the second and third search"
        );
        let served = app.compiled.served();
        // A cursor that is none gets the engine's answer: bad input, with the field.
        let bad = json!({ "after": "not-a-cursor" });
        let refused = as_engine(&app, &engine, &caller, q, bad).await;
        assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"), "{refused}");
        assert_eq!(app.compiled.served(), served);

        // Values the engine has not seen in that shape are the engine's to judge: a field the
        // input type does not have, a non-null variable left out.
        let q = "query($f: CentreFilter, $s: String!) { centres(first: 3, filter: $f) { nodes { id } } \
                 again: centres(first: 2, filter: { search: $s }) { nodes { name } } }";
        let good = json!({ "f": { "search": "lagow" }, "s": "lagow" });
        app.data(&caller, q, good.clone()).await;
        let served = app.compiled.served();
        as_engine(&app, &engine, &caller, q, good).await;
        assert_eq!(
            app.compiled.served() - served,
            1,
            "the same shape is compiled"
        );
        for bad in [
            json!({ "f": { "search": "lagow", "bogus": 1 }, "s": "lagow" }),
            json!({ "f": { "search": "lagow" } }),
        ] {
            let refused = as_engine(&app, &engine, &caller, q, bad).await;
            assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"), "{refused}");
        }
        // A null the engine lets through is the engine's answer too.
        let null = json!({ "f": { "search": "lagow" }, "s": null });
        as_engine(&app, &engine, &caller, q, null).await;
        assert_eq!(app.compiled.served() - served, 1);
    }
);
