//! Rate limits: a token bucket per caller (subject, or client IP without a token) answered
//! with 429, `Retry-After` and `RATE_LIMITED`; `syncPush` has a budget of its own.

use crate::custom_server::{Answer, CustomServer, spawn};
use crate::helpers::{AUDIENCE, ISSUER, dual_test, now, sign};
use cusnet::auth::{Claims, Role};
use serde_json::json;

const QUERY: &str = "{ regions { totalCount } }";
const PUSH: &str = "mutation($items: [SyncItemInput!]!) {
    syncPush(source: \"rejestr-cus\", idempotencyKey: \"k\", items: $items, dryRun: true) { dryRun } }";

/// A region-26 editor token for the given subject.
fn token(subject: &str) -> String {
    sign(Claims {
        sub: subject.to_owned(),
        role: Role::RegionEditor,
        regions: vec!["26".to_owned()],
        org: None,
        exp: now() + 600,
        iat: now(),
        iss: ISSUER.to_owned(),
        aud: AUDIENCE.to_owned(),
    })
}

fn assert_served(answer: &Answer, why: &str) {
    assert_eq!(answer.status, 200, "{why}: {}", answer.body);
    assert!(
        answer.body.get("errors").is_none(),
        "{why}: {}",
        answer.body
    );
}

fn assert_limited(answer: &Answer, why: &str) {
    assert_eq!(answer.status, 429, "{why}: {}", answer.body);
    assert_eq!(
        answer.code(),
        Some("RATE_LIMITED"),
        "{why}: {}",
        answer.body
    );
    let retry: u64 = answer
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in whole seconds");
    assert!((1..=60).contains(&retry), "{why}: Retry-After {retry}");
    assert_eq!(
        answer.body["errors"][0]["extensions"]["retryAfter"],
        json!(retry),
        "{why}: the body says the same"
    );
}

/// A server allowing 3 requests at once, then one a minute; sync pushes 1 at once.
async fn tight(app: &crate::helpers::TestApp) -> CustomServer {
    spawn(&app.db.url, |s| {
        s.rate_per_minute = 1;
        s.rate_burst = 3;
        s.sync_rate_per_minute = 1;
        s.sync_rate_burst = 1;
    })
    .await
}

dual_test!(
    a_flooding_caller_is_limited_while_others_are_served,
    |app| {
        let server = tight(&app).await;
        let (a, b) = (token("office-a"), token("office-b"));
        for _ in 0..3 {
            assert_served(
                &server.gql(Some(&a), QUERY, json!({})).await,
                "A within burst",
            );
        }
        assert_limited(
            &server.gql(Some(&a), QUERY, json!({})).await,
            "A over budget",
        );
        assert_limited(
            &server.gql(Some(&a), QUERY, json!({})).await,
            "A still over budget",
        );
        for _ in 0..3 {
            assert_served(
                &server.gql(Some(&b), QUERY, json!({})).await,
                "B is unaffected",
            );
        }

        // Anonymous callers share their IP's bucket, apart from any token subject.
        for _ in 0..3 {
            assert_served(
                &server.gql(None, QUERY, json!({})).await,
                "anonymous within burst",
            );
        }
        assert_limited(
            &server.gql(None, QUERY, json!({})).await,
            "anonymous IP over budget",
        );
        // A refused token counts against the IP too, so forged tokens cannot flood.
        assert_limited(
            &server.gql(Some("not.a.token"), QUERY, json!({})).await,
            "forged token from a limited IP",
        );
        assert_served(
            &server.gql(Some(&token("office-c")), QUERY, json!({})).await,
            "C is unaffected",
        );
    }
);

dual_test!(sync_pushes_have_a_budget_of_their_own, |app| {
    let server = tight(&app).await;
    let a = token("office-sync-a");
    let items = json!({ "items": [] });
    assert_served(
        &server.gql(Some(&a), PUSH, items.clone()).await,
        "first push",
    );
    assert_limited(
        &server.gql(Some(&a), PUSH, items.clone()).await,
        "second push at once",
    );
    for _ in 0..3 {
        assert_served(
            &server.gql(Some(&a), QUERY, json!({})).await,
            "queries keep their own budget after the sync budget is spent",
        );
    }
    assert_limited(
        &server.gql(Some(&a), QUERY, json!({})).await,
        "general budget spent",
    );

    let b = token("office-sync-b");
    for _ in 0..3 {
        assert_served(&server.gql(Some(&b), QUERY, json!({})).await, "B's queries");
    }
    assert_limited(
        &server.gql(Some(&b), QUERY, json!({})).await,
        "B's general budget spent",
    );
    assert_served(
        &server.gql(Some(&b), PUSH, items).await,
        "B's push still has its own budget",
    );
});

dual_test!(limits_set_to_zero_are_off, |app| {
    let server = spawn(&app.db.url, |s| {
        s.rate_per_minute = 0;
        s.rate_burst = 1;
        s.sync_rate_per_minute = 0;
    })
    .await;
    let a = token("office-unlimited");
    for _ in 0..20 {
        assert_served(&server.gql(Some(&a), QUERY, json!({})).await, "no limit");
    }
});
