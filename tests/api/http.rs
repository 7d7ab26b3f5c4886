//! GraphQL over HTTP: media types, malformed requests, tokens, health probes.

use crate::helpers::*;
use serde_json::json;

dual_test!(health_and_readiness_probes_answer, |app| {
    assert_eq!(app.get("/healthz").await.0, 200);
    assert_eq!(app.get("/readyz").await.0, 200);
});

dual_test!(malformed_requests_get_conformant_client_errors, |app| {
    let (status, body) = app.post_raw("application/json", "{not json", &[]).await;
    assert_eq!(status, 400);
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"));

    let (status, body) = app
        .post_raw(
            "text/plain",
            r#"{"query":"{ regions { totalCount } }"}"#,
            &[],
        )
        .await;
    assert_eq!(status, 415, "a CORS-simple content type must not run");
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"));

    let (status, _) = app
        .post_raw(
            "application/json",
            r#"[{"query":"{ regions { totalCount } }"}]"#,
            &[],
        )
        .await;
    assert_eq!(status, 400, "batches are refused");

    let big = format!(
        r#"{{"query":"{{ regions {{ totalCount }} }}","x":"{}"}}"#,
        "a".repeat(300 * 1024)
    );
    let (status, _) = app.post_raw("application/json", &big, &[]).await;
    assert_eq!(status, 413);

    // A syntax error with the GraphQL response media type is a 400 with a coded error.
    let (status, body) = app
        .post_raw(
            "application/json",
            r#"{"query":"{ regions { "}"#,
            &[("accept", "application/graphql-response+json")],
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"));

    // With plain JSON the same error comes with 200, as legacy clients expect.
    let (status, body) = app
        .post_raw("application/json", r#"{"query":"{ nope }"}"#, &[])
        .await;
    assert_eq!(status, 200);
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"));

    let (status, body) = app
        .post_raw(
            "application/json",
            r#"{"query":"query A { regions { totalCount } }","operationName":"B"}"#,
            &[],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        error_code(&body),
        Some("BAD_USER_INPUT"),
        "unknown operation: {body}"
    );
});

dual_test!(bad_tokens_are_unauthenticated_never_anonymous, |app| {
    let q = "{ regions { totalCount } }";
    let expired = sign(cusnet::auth::Claims {
        sub: "x".into(),
        role: cusnet::auth::Role::NetworkAdmin,
        regions: vec![],
        org: None,
        exp: now() - 3600,
        iat: now() - 7200,
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
    });
    let wrong_audience = sign(cusnet::auth::Claims {
        sub: "x".into(),
        role: cusnet::auth::Role::NetworkAdmin,
        regions: vec![],
        org: None,
        exp: now() + 3600,
        iat: now(),
        iss: ISSUER.into(),
        aud: "someone-else".into(),
    });
    let unknown_region = sign(cusnet::auth::Claims {
        sub: "x".into(),
        role: cusnet::auth::Role::RegionEditor,
        regions: vec!["27".into()],
        org: None,
        exp: now() + 3600,
        iat: now(),
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
    });
    let forged = {
        let other = cusnet::auth::TokenKeys::hs256(
            &secrecy::SecretString::from("another-secret"),
            ISSUER,
            AUDIENCE,
        );
        other
            .sign(&cusnet::auth::Claims {
                sub: "x".into(),
                role: cusnet::auth::Role::NetworkAdmin,
                regions: vec![],
                org: None,
                exp: now() + 3600,
                iat: now(),
                iss: ISSUER.into(),
                aud: AUDIENCE.into(),
            })
            .expect("sign")
    };
    for token in [
        "garbage".to_owned(),
        expired,
        wrong_audience,
        unknown_region,
        forged,
    ] {
        let auth = format!("Bearer {token}");
        let (status, body) = app
            .post_raw(
                "application/json",
                &json!({ "query": q }).to_string(),
                &[("authorization", auth.as_str())],
            )
            .await;
        assert_eq!(status, 401);
        assert_eq!(error_code(&body), Some("UNAUTHENTICATED"));
        assert!(body.get("data").is_none());
    }
});

dual_test!(mutations_are_refused_over_get_and_queries_work, |app| {
    let (status, body) = app
        .get("/graphql?query=%7B%20regions%20%7B%20totalCount%20%7D%20%7D")
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("totalCount"));
    let (status, _) = app.get("/graphql?query=mutation%20%7B%20x%20%7D").await;
    assert_eq!(status, 405);
});

dual_test!(response_fields_follow_the_order_of_the_query, |app| {
    // GraphQL responses are ordered maps: fields come back in the order they were asked for,
    // whatever their names.
    let (status, body) = app
        .get("/graphql?query=%7B%20regions(first%3A%201)%20%7B%20nodes%20%7B%20terytCode%20name%20id%20%7D%20totalCount%20%7D%20%7D")
        .await;
    assert_eq!(status, 200, "{body}");
    let at = |key: &str| {
        body.find(&format!("\"{key}\""))
            .unwrap_or_else(|| panic!("{key} in {body}"))
    };
    assert!(at("nodes") < at("totalCount"), "{body}");
    assert!(
        at("terytCode") < at("name") && at("name") < at("id"),
        "{body}"
    );
});
