//! Bad input of every kind: malformed and oversized bodies, wrong media types, compression
//! bombs, abusive query shapes, out-of-range pages, broken cursors and ids, and injection
//! characters in search and filters. Each gets a clear, coded error; the server keeps serving
//! and no data changes.

use crate::helpers::*;
use serde_json::{Value, json};
use std::io::Write;

/// What must not change when bad input arrives: record counts and the change-feed position.
async fn fingerprint(app: &TestApp) -> Value {
    app.data(
        &Caller::Admin,
        "{ centres { totalCount } people { totalCount } projects { totalCount }
           organisations { totalCount } changes(first: 1000) { endCursor } }",
        json!({}),
    )
    .await
}

/// The server still answers a good query, and nothing changed.
async fn still_serving_unchanged(app: &TestApp, before: &Value) {
    assert_eq!(app.get("/healthz").await.0, 200);
    assert_eq!(&fingerprint(app).await, before, "data changed");
}

/// The first error's `extensions`, after asserting it is BAD_USER_INPUT.
fn bad_input(body: &Value) -> &Value {
    assert_eq!(error_code(body), Some("BAD_USER_INPUT"), "{body}");
    assert!(body.get("data").is_none_or(Value::is_null), "{body}");
    &body["errors"][0]["extensions"]
}

async fn post_query(app: &TestApp, query: &str) -> (u16, Value) {
    app.post_raw(
        "application/json",
        &json!({ "query": query }).to_string(),
        &[("accept", "application/graphql-response+json")],
    )
    .await
}

dual_test!(malformed_and_empty_bodies_are_bad_input, |app| {
    let before = fingerprint(&app).await;
    for body in [
        "",
        "   ",
        "{not json",
        "null",
        "42",
        "{}",
        r#"{"query": 5}"#,
        r#"{"query": "{ regions { totalCount } }", "variables": [1]}"#,
        "{\"query\": \"{ regions { totalCount } }\"",
    ] {
        let (status, resp) = app.post_raw("application/json", body, &[]).await;
        assert_eq!(status, 400, "body {body:?}: {resp}");
        bad_input(&resp);
    }
    still_serving_unchanged(&app, &before).await;
});

dual_test!(only_json_content_types_run, |app| {
    let before = fingerprint(&app).await;
    let mutation =
        r#"{"query":"mutation { deleteRecord(id: \"Q2VudHJlOjE\", expectedVersion: 1) { id } }"}"#;
    for content_type in [
        "text/plain",
        "text/plain;charset=utf-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/graphql",
        "application/jsonx",
    ] {
        let auth = format!("Bearer {}", app.token(&Caller::Admin).expect("token"));
        let (status, resp) = app
            .post_raw(content_type, mutation, &[("authorization", auth.as_str())])
            .await;
        assert_eq!(status, 415, "{content_type}: {resp}");
        bad_input(&resp);
    }
    still_serving_unchanged(&app, &before).await;
});

dual_test!(oversized_bodies_are_refused_before_parsing, |app| {
    let before = fingerprint(&app).await;
    // Not even valid JSON: the size alone decides, before any parsing.
    let (status, resp) = app
        .post_raw("application/json", &"{".repeat(300 * 1024), &[])
        .await;
    assert_eq!(status, 413);
    bad_input(&resp);
    // A valid request padded past the limit.
    let padded = json!({ "query": "{ regions { totalCount } }", "x": "ą".repeat(200 * 1024) });
    let (status, resp) = app
        .post_raw("application/json", &padded.to_string(), &[])
        .await;
    assert_eq!(status, 413);
    bad_input(&resp);
    still_serving_unchanged(&app, &before).await;
});

dual_test!(
    compressed_bodies_are_refused_so_a_bomb_never_inflates,
    |app| {
        let before = fingerprint(&app).await;
        // 64 MiB of JSON whitespace around a query, gzipped to a few dozen KiB.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(br#"{"query":"{ regions { totalCount } }""#)
            .expect("gzip");
        let spaces = vec![b' '; 1024 * 1024];
        for _ in 0..64 {
            gz.write_all(&spaces).expect("gzip");
        }
        gz.write_all(b"}").expect("gzip");
        let bomb = gz.finish().expect("gzip");
        assert!(
            bomb.len() < 256 * 1024,
            "the bomb fits under the body limit"
        );
        for encoding in ["gzip", "deflate", "br", "zstd"] {
            let mut resp = awc::Client::default()
                .post(app.url("/graphql"))
                .insert_header(("content-type", "application/json"))
                .insert_header(("content-encoding", encoding))
                .send_body(bomb.clone())
                .await
                .expect("request sent");
            assert_eq!(resp.status().as_u16(), 415, "{encoding}");
            let body: Value =
                serde_json::from_slice(&resp.body().await.expect("body")).expect("json");
            bad_input(&body);
        }
        still_serving_unchanged(&app, &before).await;
    }
);

dual_test!(deep_nesting_is_refused_before_parsing, |app| {
    let before = fingerprint(&app).await;
    // 80,000 levels still fit under the body limit.
    for levels in [1_000, 80_000] {
        let query = format!("{}{}", "{a".repeat(levels), "}".repeat(levels));
        let (status, resp) = post_query(&app, &query).await;
        assert_eq!(status, 400, "{levels} levels");
        let ext = bad_input(&resp);
        assert_eq!(ext["limit"], "nesting", "{resp}");
        assert_eq!(ext["field"], "query");
    }
    // Deep nesting inside a value (an input list) is caught the same way.
    let list = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let (status, resp) = post_query(&app, &format!("{{ nodes(ids: {list}) {{ id }} }}")).await;
    assert_eq!(status, 400);
    assert_eq!(bad_input(&resp)["limit"], "nesting");
    // A query deeper than the depth limit but within text nesting meets the depth limit.
    let deep = format!(
        "{{ people {{ nodes {{ {} id {} }} }} }}",
        "expertProfiles { person { ".repeat(10),
        "} } ".repeat(10)
    );
    let (status, resp) = post_query(&app, &deep).await;
    assert_eq!(status, 400, "{resp}");
    assert_eq!(bad_input(&resp)["limit"], "depth", "{resp}");
    still_serving_unchanged(&app, &before).await;
});

dual_test!(too_many_aliases_or_fields_are_refused, |app| {
    let before = fingerprint(&app).await;
    let aliases: String = (0..10_000).map(|i| format!("a{i}:__typename ")).collect();
    let (status, resp) = post_query(&app, &format!("{{ {aliases} }}")).await;
    assert_eq!(status, 400);
    let ext = bad_input(&resp);
    assert_eq!(ext["limit"], "aliases", "{resp}");
    assert_eq!(ext["field"], "query");

    // `__typename` counts as a field, which the engine's complexity does not see.
    let fields = "__typename ".repeat(10_000);
    let (status, resp) = post_query(&app, &format!("{{ {fields} }}")).await;
    assert_eq!(status, 400);
    assert_eq!(bad_input(&resp)["limit"], "fields", "{resp}");

    // A fragment spread many times over is counted where it is spread.
    let mut bomb = String::from("{ ...F0 }");
    for i in 0..40 {
        bomb.push_str(&format!(
            " fragment F{i} on QueryRoot {{ ...F{n} ...F{n} }}",
            n = i + 1
        ));
    }
    bomb.push_str(" fragment F40 on QueryRoot { __typename }");
    let (status, resp) = post_query(&app, &bomb).await;
    assert_eq!(status, 400);
    assert_eq!(bad_input(&resp)["limit"], "fields", "{resp}");

    let cycle = "{ ...A } fragment A on QueryRoot { ...B } fragment B on QueryRoot { ...A }";
    let (status, resp) = post_query(&app, cycle).await;
    assert_eq!(status, 400);
    assert_eq!(bad_input(&resp)["limit"], "fragments", "{resp}");
    still_serving_unchanged(&app, &before).await;
});

dual_test!(
    list_cost_grows_with_first_and_expensive_queries_are_refused,
    |app| {
        let before = fingerprint(&app).await;
        // The same selection passes at a modest page size and is refused when it asks for
        // pages of pages: complexity weighs each list by its page size.
        let selection = |first: u32| {
            format!(
            "{{ centres(first: {first}) {{ nodes {{ id name projects {{ id title }} experts {{ id summary }} }} }}
               projects(first: {first}) {{ nodes {{ id title }} }} }}"
        )
        };
        let ok = app.gql(&Caller::Admin, &selection(10), json!({})).await;
        assert!(ok.get("errors").is_none(), "{ok}");
        let mut heavy = String::from("{");
        // 100 lists of 100 centres with six fields each: complexity about 60,000.
        for i in 0..100 {
            heavy.push_str(&format!(
                " c{i}: centres(first: 100) {{ nodes {{ id name website description status }} }}"
            ));
        }
        heavy.push('}');
        let (status, resp) = post_query(&app, &heavy).await;
        assert_eq!(status, 400);
        let ext = bad_input(&resp);
        assert_eq!(ext["limit"], "complexity", "{resp}");
        still_serving_unchanged(&app, &before).await;
    }
);

dual_test!(
    huge_or_negative_first_is_bad_input_naming_the_argument,
    |app| {
        let before = fingerprint(&app).await;
        for first in ["1000000", "101", "-1"] {
            let resp = app
                .gql(
                    &Caller::Admin,
                    &format!("{{ centres(first: {first}) {{ totalCount }} }}"),
                    json!({}),
                )
                .await;
            assert_eq!(bad_input(&resp)["field"], "first", "first: {first}: {resp}");
        }
        // Beyond a 32-bit Int the engine refuses to coerce the argument.
        let resp = app
            .gql(
                &Caller::Admin,
                "{ centres(first: 99999999999) { totalCount } }",
                json!({}),
            )
            .await;
        bad_input(&resp);
        let resp = app
            .gql(
                &Caller::Admin,
                "query($n: Int) { centres(first: $n) { totalCount } }",
                json!({ "n": "many" }),
            )
            .await;
        bad_input(&resp);
        still_serving_unchanged(&app, &before).await;
    }
);

dual_test!(invalid_cursors_and_ids_are_bad_input, |app| {
    let before = fingerprint(&app).await;
    for cursor in ["garbage", "", "%%%", "' OR 1=1 --", "eyJ4IjoxfQ", "\\u0000"] {
        let resp = app
            .gql(
                &Caller::Admin,
                "query($c: String) { centres(after: $c) { totalCount } }",
                json!({ "c": cursor }),
            )
            .await;
        assert_eq!(
            bad_input(&resp)["field"],
            "after",
            "cursor {cursor:?}: {resp}"
        );
    }
    let resp = app
        .gql(
            &Caller::Admin,
            "query($c: String) { changes(after: $c) { hasMore } }",
            json!({ "c": "not-a-cursor" }),
        )
        .await;
    assert_eq!(bad_input(&resp)["field"], "after", "{resp}");
    for id in [
        "garbage",
        "",
        "Q2VudHJlOi0x",
        "Q2VudHJlOjE7IERST1A",
        "' OR 1=1 --",
    ] {
        let resp = app
            .gql(
                &Caller::Admin,
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": id }),
            )
            .await;
        let code = error_code(&resp);
        assert!(
            code == Some("BAD_USER_INPUT") || code == Some("NOT_FOUND"),
            "id {id:?}: {resp}"
        );
    }
    let resp = app
        .gql(
            &Caller::Admin,
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": ["garbage"] }),
        )
        .await;
    assert_eq!(bad_input(&resp)["field"], "ids", "{resp}");
    still_serving_unchanged(&app, &before).await;
});

dual_test!(
    injection_characters_in_search_and_filters_match_literally,
    |app| {
        let before = fingerprint(&app).await;
        let all = app
            .data(&Caller::Admin, "{ centres { totalCount } }", json!({}))
            .await["centres"]["totalCount"]
            .as_i64()
            .expect("count");
        assert!(all > 0);
        // Wildcards and quotes are text to look for, not SQL: none of the centres has them.
        for search in [
            "' OR 1=1 --",
            "%",
            "_",
            "\\",
            "%_%",
            "\\%",
            "\"; DROP TABLE centre; --",
        ] {
            let data = app
            .data(
                &Caller::Admin,
                "query($s: String) { centres(filter: { search: $s }) { totalCount } people(filter: { search: $s }) { totalCount } }",
                json!({ "s": search }),
            )
            .await;
            assert_eq!(data["centres"]["totalCount"], 0, "search {search:?}");
            assert_eq!(data["people"]["totalCount"], 0, "search {search:?}");
        }
        for search in ["\u{0}", "Łagów\u{0}' OR 1=1 --"] {
            let resp = app
                .gql(
                    &Caller::Admin,
                    "query($s: String) { centres(filter: { search: $s }) { totalCount } }",
                    json!({ "s": search }),
                )
                .await;
            assert_eq!(bad_input(&resp)["field"], "filter.search", "{resp}");
        }
        for code in ["' OR 1=1 --", "%", "\u{0}", "2_"] {
            let resp = app
                .gql(
                    &Caller::Admin,
                    "query($r: [String!]) { centres(filter: { regionCodes: $r }) { totalCount } }",
                    json!({ "r": [code] }),
                )
                .await;
            let ext = bad_input(&resp);
            assert!(
                ext["field"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("filter.regionCodes")),
                "{resp}"
            );
        }
        still_serving_unchanged(&app, &before).await;
    }
);
