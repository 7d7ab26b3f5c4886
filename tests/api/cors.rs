//! CORS: browser front-ends from the configured origins only; no list, no CORS headers.

use crate::custom_server::{CustomServer, spawn, try_spawn};
use crate::helpers::dual_test;
use awc::http::Method;

const FRONT_END: &str = "https://cus.example.pl";
const STRANGER: &str = "https://evil.example.com";

async fn preflight(server: &CustomServer, origin: &str) -> crate::custom_server::Answer {
    server
        .request(
            Method::OPTIONS,
            "/graphql",
            &[
                ("origin", origin),
                ("access-control-request-method", "POST"),
                (
                    "access-control-request-headers",
                    "authorization, content-type",
                ),
            ],
            None,
        )
        .await
}

async fn post_from(server: &CustomServer, origin: &str) -> crate::custom_server::Answer {
    server
        .request(
            Method::POST,
            "/graphql",
            &[("origin", origin), ("content-type", "application/json")],
            Some(r#"{"query":"{ regions { totalCount } }"}"#.to_owned()),
        )
        .await
}

dual_test!(
    preflights_from_listed_origins_pass_and_others_are_refused,
    |app| {
        let server = spawn(&app.db.url, |s| {
            s.cors_origins = vec![FRONT_END.to_owned(), "http://localhost:5173".to_owned()];
        })
        .await;

        let ok = preflight(&server, FRONT_END).await;
        assert!(ok.status < 300, "preflight answered: {}", ok.status);
        assert_eq!(ok.header("access-control-allow-origin"), Some(FRONT_END));
        let methods = ok
            .header("access-control-allow-methods")
            .unwrap_or("")
            .to_uppercase();
        assert!(
            methods.contains("POST") && methods.contains("GET"),
            "{methods}"
        );
        let headers = ok
            .header("access-control-allow-headers")
            .unwrap_or("")
            .to_lowercase();
        assert!(
            headers.contains("authorization") && headers.contains("content-type"),
            "{headers}"
        );

        let refused = preflight(&server, STRANGER).await;
        assert!(
            refused.status >= 400,
            "refused preflight: {}",
            refused.status
        );
        assert_eq!(refused.header("access-control-allow-origin"), None);

        let answer = post_from(&server, FRONT_END).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(
            answer.header("access-control-allow-origin"),
            Some(FRONT_END)
        );
        let exposed = answer
            .header("access-control-expose-headers")
            .unwrap_or("")
            .to_lowercase();
        assert!(
            exposed.contains("retry-after"),
            "front-ends can read Retry-After: {exposed}"
        );
        assert!(
            answer.body["data"]["regions"]["totalCount"]
                .as_i64()
                .is_some_and(|n| n > 0)
        );

        let answer = post_from(&server, STRANGER).await;
        assert_eq!(
            answer.header("access-control-allow-origin"),
            None,
            "no grant to a stranger"
        );
    }
);

dual_test!(without_configured_origins_no_cors_headers_are_sent, |app| {
    let server = spawn(&app.db.url, |_| {}).await;
    let answer = preflight(&server, FRONT_END).await;
    assert_eq!(answer.header("access-control-allow-origin"), None);
    assert_eq!(answer.header("access-control-allow-methods"), None);
    let answer = post_from(&server, FRONT_END).await;
    assert_eq!(
        answer.status, 200,
        "same-origin tools still work: {}",
        answer.body
    );
    assert_eq!(answer.header("access-control-allow-origin"), None);
});

dual_test!(a_malformed_origin_list_stops_the_start, |app| {
    for bad in [
        "*",
        "cus.example.pl",
        "https://cus.example.pl/app",
        "https://*.example.pl",
    ] {
        assert!(
            try_spawn(&app.db.url, |s| s.cors_origins = vec![bad.to_owned()])
                .await
                .is_err(),
            "`{bad}` is refused"
        );
    }
});
