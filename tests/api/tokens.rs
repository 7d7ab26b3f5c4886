//! Token verification: the algorithm allow-list, required claims, forged and tampered
//! tokens, RS256/ES256 through a JWKS (file and URL), rotated and removed keys.

use crate::custom_server::{CustomServer, spawn, try_spawn};
use crate::helpers::{AUDIENCE, ISSUER, TEST_SECRET, TestApp, dual_test, error_code, now};
use base64::Engine;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Shows a project of region 28 that only region 28 (or the network admin) may see, so an
/// answer with it proves the token was accepted as that caller — not taken as anonymous.
const WHO_SEES_28: &str =
    r#"{ projects(filter: {search: "wewnetrzny"}) { nodes { ownerRegion { terytCode } } } }"#;

const RSA_A: &[u8] = include_bytes!("../fixtures/test-keys/rsa-a.der");
const RSA_A_PUBLIC: &[u8] = include_bytes!("../fixtures/test-keys/rsa-a.pub.pem");
const RSA_B: &[u8] = include_bytes!("../fixtures/test-keys/rsa-b.der");
const EC_A: &[u8] = include_bytes!("../fixtures/test-keys/ec-a.der");

/// Claims of a valid region-28 editor token.
fn claims() -> Value {
    json!({
        "sub": "office-28", "role": "REGION_EDITOR", "regions": ["28"],
        "exp": now() + 600, "iat": now(), "iss": ISSUER, "aud": AUDIENCE
    })
}

/// `claims()` with one claim set (or removed, for `Value::Null`).
fn with(name: &str, value: Value) -> Value {
    let mut c = claims();
    let map = c.as_object_mut().expect("object");
    if value.is_null() {
        map.remove(name);
    } else {
        map.insert(name.to_owned(), value);
    }
    c
}

fn hs256(claims: &Value) -> String {
    sign(
        Algorithm::HS256,
        None,
        &EncodingKey::from_secret(TEST_SECRET.as_bytes()),
        claims,
    )
}

fn rsa(der: &[u8]) -> EncodingKey {
    EncodingKey::from_rsa_der(der)
}

fn ec(der: &[u8]) -> EncodingKey {
    EncodingKey::from_ec_der(der)
}

fn sign(alg: Algorithm, kid: Option<&str>, key: &EncodingKey, claims: &Value) -> String {
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(&header, claims, key).expect("sign")
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A public JWK for a private test key, with a key id.
fn jwk(key: &EncodingKey, alg: Algorithm, kid: &str) -> Jwk {
    let mut jwk = Jwk::from_encoding_key(key, alg).expect("jwk");
    jwk.common.key_id = Some(kid.to_owned());
    jwk
}

fn jwks(keys: Vec<Jwk>) -> String {
    serde_json::to_string(&JwkSet { keys }).expect("jwks")
}

/// Runs `WHO_SEES_28` with a token on the default test server.
async fn ask(app: &TestApp, token: &str) -> (u16, Value) {
    let auth = format!("Bearer {token}");
    let body = json!({ "query": WHO_SEES_28 }).to_string();
    app.post_raw("application/json", &body, &[("authorization", &auth)])
        .await
}

/// Asserts that a token is refused as UNAUTHENTICATED with HTTP 401.
async fn assert_refused(app: &TestApp, token: &str, why: &str) {
    let (status, body) = ask(app, token).await;
    assert_eq!(status, 401, "{why}: {body}");
    assert_eq!(error_code(&body), Some("UNAUTHENTICATED"), "{why}: {body}");
    assert!(body.get("data").is_none_or(Value::is_null), "{why}: {body}");
}

/// Asserts that a token is accepted as the region-28 editor.
async fn assert_accepted_on(server: &CustomServer, token: &str, why: &str) {
    let answer = server.gql(Some(token), WHO_SEES_28, json!({})).await;
    assert_eq!(answer.status, 200, "{why}: {}", answer.body);
    assert_eq!(
        answer.body["data"]["projects"]["nodes"],
        json!([{ "ownerRegion": { "terytCode": "28" } }]),
        "{why}: {}",
        answer.body
    );
}

async fn assert_refused_on(server: &CustomServer, token: &str, why: &str) {
    let answer = server.gql(Some(token), WHO_SEES_28, json!({})).await;
    assert_eq!(answer.status, 401, "{why}: {}", answer.body);
    assert_eq!(
        answer.code(),
        Some("UNAUTHENTICATED"),
        "{why}: {}",
        answer.body
    );
}

dual_test!(
    hs256_tokens_missing_a_required_claim_or_forged_are_refused,
    |app| {
        let (status, body) = ask(&app, &hs256(&claims())).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["data"]["projects"]["nodes"],
            json!([{ "ownerRegion": { "terytCode": "28" } }]),
            "a valid token is the region-28 editor"
        );

        // `alg: none` with no signature, and with the valid token's signature.
        let unsigned_header = b64(br#"{"alg":"none","typ":"JWT"}"#);
        let payload = b64(claims().to_string().as_bytes());
        assert_refused(&app, &format!("{unsigned_header}.{payload}."), "alg none").await;
        let valid = hs256(&claims());
        let signature = valid.rsplit('.').next().expect("signature");
        assert_refused(
            &app,
            &format!("{unsigned_header}.{payload}.{signature}"),
            "alg none with a signature",
        )
        .await;

        for claim in ["exp", "iss", "aud", "sub"] {
            assert_refused(
                &app,
                &hs256(&with(claim, Value::Null)),
                &format!("no {claim}"),
            )
            .await;
        }
        assert_refused(
            &app,
            &hs256(&with("iss", json!("someone-else"))),
            "wrong iss",
        )
        .await;
        assert_refused(&app, &hs256(&with("aud", json!("other-api"))), "wrong aud").await;
        assert_refused(
            &app,
            &hs256(&with("aud", json!(["other-api"]))),
            "wrong aud list",
        )
        .await;
        assert_refused(&app, &hs256(&with("sub", json!(""))), "empty sub").await;
        assert_refused(&app, &hs256(&with("exp", json!(now() - 120))), "expired").await;
        assert_refused(
            &app,
            &hs256(&with("nbf", json!(now() + 120))),
            "not yet valid",
        )
        .await;
        let far = (now() + 600).to_string();
        assert_refused(&app, &hs256(&with("exp", json!(far))), "string-typed exp").await;
        assert_refused(
            &app,
            &hs256(&with("role", json!("SUPERUSER"))),
            "unknown role",
        )
        .await;
        assert_refused(
            &app,
            &hs256(&with("regions", json!(["27"]))),
            "unknown region",
        )
        .await;

        // Tampered claims under the valid signature, and a tampered signature.
        let mut parts: Vec<String> = valid.split('.').map(str::to_owned).collect();
        parts[1] = b64(with("role", json!("NETWORK_ADMIN")).to_string().as_bytes());
        assert_refused(&app, &parts.join("."), "tampered claims").await;
        let mut sig = valid.clone();
        let last = sig.pop().expect("char");
        sig.push(if last == 'A' { 'B' } else { 'A' });
        assert_refused(&app, &sig, "tampered signature").await;

        let other_secret = EncodingKey::from_secret(b"another-secret-with-enough-entropy-000000");
        assert_refused(
            &app,
            &sign(Algorithm::HS256, None, &other_secret, &claims()),
            "other secret",
        )
        .await;
        let hs512 = EncodingKey::from_secret(TEST_SECRET.as_bytes());
        assert_refused(
            &app,
            &sign(Algorithm::HS512, None, &hs512, &claims()),
            "HS512",
        )
        .await;
        assert_refused(
            &app,
            &sign(Algorithm::RS256, Some("rsa-a"), &rsa(RSA_A), &claims()),
            "RS256 without a JWKS",
        )
        .await;

        // Within the leeway (30 s in tests), clocks may disagree a little.
        let (status, body) = ask(&app, &hs256(&with("exp", json!(now() - 5)))).await;
        assert_eq!(status, 200, "expired 5 s ago is within the leeway: {body}");
        let (status, body) = ask(&app, &hs256(&with("nbf", json!(now() + 5)))).await;
        assert_eq!(status, 200, "valid in 5 s is within the leeway: {body}");
    }
);

dual_test!(
    jwks_keys_verify_rs256_and_es256_tokens_by_kid_and_key_type_only,
    |app| {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("jwks.json");
        let set = jwks(vec![
            jwk(&rsa(RSA_A), Algorithm::RS256, "rsa-a"),
            jwk(&ec(EC_A), Algorithm::ES256, "ec-a"),
        ]);
        std::fs::write(&file, set).expect("write jwks");
        let server = spawn(&app.db.url, |s| s.jwks_file = Some(file.clone())).await;

        let rs = sign(Algorithm::RS256, Some("rsa-a"), &rsa(RSA_A), &claims());
        assert_accepted_on(&server, &rs, "RS256 with a JWKS key").await;
        let es = sign(Algorithm::ES256, Some("ec-a"), &ec(EC_A), &claims());
        assert_accepted_on(&server, &es, "ES256 with a JWKS key").await;
        assert_accepted_on(
            &server,
            &hs256(&claims()),
            "HS256 with the shared secret still works",
        )
        .await;

        let refused = [
            (
                sign(Algorithm::RS256, Some("rsa-a"), &rsa(RSA_B), &claims()),
                "signed by another key",
            ),
            (
                sign(Algorithm::RS256, None, &rsa(RSA_A), &claims()),
                "no kid",
            ),
            (
                sign(Algorithm::RS256, Some("nobody"), &rsa(RSA_A), &claims()),
                "unknown kid",
            ),
            (
                sign(Algorithm::RS256, Some("ec-a"), &rsa(RSA_A), &claims()),
                "RS256 naming an EC key",
            ),
            (
                sign(Algorithm::ES256, Some("rsa-a"), &ec(EC_A), &claims()),
                "ES256 naming an RSA key",
            ),
            (
                sign(
                    Algorithm::RS256,
                    Some("rsa-a"),
                    &rsa(RSA_A),
                    &with("aud", Value::Null),
                ),
                "no aud",
            ),
            (
                sign(
                    Algorithm::RS256,
                    Some("rsa-a"),
                    &rsa(RSA_A),
                    &with("iss", json!("x")),
                ),
                "wrong iss",
            ),
            (
                sign(
                    Algorithm::RS256,
                    Some("rsa-a"),
                    &rsa(RSA_A),
                    &with("exp", json!(now() - 120)),
                ),
                "expired",
            ),
            (
                sign(Algorithm::PS256, Some("rsa-a"), &rsa(RSA_A), &claims()),
                "PS256 is not allowed",
            ),
            // HS/RS key confusion: the RSA public key (which anyone can have) used as an HS secret.
            (
                sign(
                    Algorithm::HS256,
                    Some("rsa-a"),
                    &EncodingKey::from_secret(RSA_A_PUBLIC),
                    &claims(),
                ),
                "public key as HS secret",
            ),
        ];
        for (token, why) in &refused {
            assert_refused_on(&server, token, why).await;
        }

        // A key in the token header itself is never trusted.
        let mut header = Header::new(Algorithm::RS256);
        header.jwk = Some(jwk(&rsa(RSA_B), Algorithm::RS256, "rsa-b"));
        let embedded = jsonwebtoken::encode(&header, &claims(), &rsa(RSA_B)).expect("sign");
        assert_refused_on(&server, &embedded, "key embedded in the header").await;

        // Without a shared secret, HS256 is refused outright, the public-key trick included.
        let jwks_only = spawn(&app.db.url, |s| {
            s.jwks_file = Some(file.clone());
            s.jwt_secret = None;
        })
        .await;
        assert_accepted_on(&jwks_only, &rs, "RS256 on a JWKS-only server").await;
        for (token, why) in &refused {
            assert_refused_on(&jwks_only, token, why).await;
        }
        assert_refused_on(
            &jwks_only,
            &hs256(&claims()),
            "HS256 without a shared secret",
        )
        .await;
    }
);

dual_test!(
    a_new_kid_in_the_jwks_file_is_picked_up_and_a_removed_key_stops_working,
    |app| {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("jwks.json");
        let key_a = jwk(&rsa(RSA_A), Algorithm::RS256, "rsa-a");
        let key_b = jwk(&rsa(RSA_B), Algorithm::RS256, "rsa-b");
        std::fs::write(&file, jwks(vec![key_a.clone()])).expect("write jwks");
        let server = spawn(&app.db.url, |s| {
            s.jwks_file = Some(file.clone());
            s.jwt_secret = None;
            s.jwks_min_refresh_secs = 0;
            s.jwks_refresh_secs = 1;
        })
        .await;
        let token_a = sign(Algorithm::RS256, Some("rsa-a"), &rsa(RSA_A), &claims());
        let token_b = sign(Algorithm::RS256, Some("rsa-b"), &rsa(RSA_B), &claims());
        assert_accepted_on(&server, &token_a, "the loaded key").await;
        assert_refused_on(&server, &token_b, "a key not yet published").await;

        // The provider rotates: the new key is published beside the old one.
        std::fs::write(&file, jwks(vec![key_a, key_b.clone()])).expect("write jwks");
        assert_accepted_on(&server, &token_b, "the new kid is loaded on first sight").await;
        assert_accepted_on(&server, &token_a, "the old key still works during rotation").await;

        // The old key is withdrawn; once the loaded set is older than the refresh interval it goes.
        std::fs::write(&file, jwks(vec![key_b])).expect("write jwks");
        actix_web::rt::time::sleep(std::time::Duration::from_millis(1200)).await;
        assert_refused_on(&server, &token_a, "a removed key").await;
        assert_accepted_on(&server, &token_b, "the remaining key").await;
    }
);

/// A JWKS endpoint on a free port that counts how often it is fetched.
struct JwksEndpoint {
    url: String,
    body: Arc<Mutex<String>>,
    fetches: Arc<AtomicUsize>,
}

impl JwksEndpoint {
    fn start(body: String) -> Self {
        use actix_web::{App, HttpResponse, HttpServer, web};
        let body = Arc::new(Mutex::new(body));
        let fetches = Arc::new(AtomicUsize::new(0));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!(
            "http://{}/realms/rops/protocol/openid-connect/certs",
            listener.local_addr().expect("addr")
        );
        let (b, f) = (body.clone(), fetches.clone());
        let server = HttpServer::new(move || {
            let (b, f) = (b.clone(), f.clone());
            App::new().route(
                "/realms/rops/protocol/openid-connect/certs",
                web::get().to(move || {
                    let (b, f) = (b.clone(), f.clone());
                    async move {
                        f.fetch_add(1, Ordering::SeqCst);
                        let body = b.lock().map(|g| g.clone()).unwrap_or_default();
                        HttpResponse::Ok()
                            .content_type("application/json")
                            .body(body)
                    }
                }),
            )
        })
        .workers(1)
        .listen(listener)
        .expect("listen")
        .run();
        actix_web::rt::spawn(server);
        Self { url, body, fetches }
    }

    fn publish(&self, body: String) {
        *self.body.lock().expect("lock") = body;
    }

    fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

dual_test!(
    unknown_kids_cause_at_most_one_jwks_url_fetch_per_gap,
    |app| {
        let key_a = jwk(&rsa(RSA_A), Algorithm::RS256, "rsa-a");
        let key_b = jwk(&rsa(RSA_B), Algorithm::RS256, "rsa-b");
        let endpoint = JwksEndpoint::start(jwks(vec![key_a.clone()]));
        let server = spawn(&app.db.url, |s| {
            s.jwks_url = Some(endpoint.url.clone());
            s.jwks_min_refresh_secs = GAP_SECS;
            s.jwks_refresh_secs = 3600;
        })
        .await;
        assert_eq!(endpoint.fetches(), 1, "loaded once at start");
        let token_a = sign(Algorithm::RS256, Some("rsa-a"), &rsa(RSA_A), &claims());
        assert_accepted_on(&server, &token_a, "a key from the URL").await;

        // A flood of made-up key ids fetches at most once per gap, never once per token.
        let before = endpoint.fetches();
        flood(&server, "first").await;
        let after_first = endpoint.fetches();
        assert!(after_first - before <= 1, "{before} → {after_first}");
        flood(&server, "second").await;
        assert_eq!(endpoint.fetches(), after_first, "no fetch within the gap");

        // The provider rotates; after the gap, the first token with the new kid fetches once.
        endpoint.publish(jwks(vec![key_a, key_b]));
        actix_web::rt::time::sleep(std::time::Duration::from_millis(GAP_SECS * 1000 + 100)).await;
        let token_b = sign(Algorithm::RS256, Some("rsa-b"), &rsa(RSA_B), &claims());
        assert_accepted_on(&server, &token_b, "the rotated-in key").await;
        assert_eq!(
            endpoint.fetches(),
            after_first + 1,
            "one fetch for the new kid"
        );
        flood(&server, "third").await;
        assert_eq!(
            endpoint.fetches(),
            after_first + 1,
            "the flood after it fetches nothing"
        );
    }
);

/// Five tokens signed by an unpublished key under made-up key ids, each refused.
async fn flood(server: &CustomServer, round: &str) {
    for i in 0..5 {
        let kid = format!("{round}-{i}");
        let forged = sign(Algorithm::RS256, Some(&kid), &rsa(RSA_B), &claims());
        assert_refused_on(server, &forged, "made-up kid").await;
    }
}

/// The shortest gap between JWKS fetches for unknown key ids in the URL test.
const GAP_SECS: u64 = 4;

dual_test!(a_jwks_that_cannot_be_loaded_stops_the_start, |app| {
    let dir = tempfile::tempdir().expect("dir");
    let missing = dir.path().join("missing.json");
    let err = try_spawn(&app.db.url, |s| s.jwks_file = Some(missing.clone()))
        .await
        .err()
        .expect("a missing JWKS file stops the start");
    assert!(format!("{err:#}").contains("JWKS"), "{err:#}");

    let no_usable = dir.path().join("oct-only.json");
    std::fs::write(
        &no_usable,
        r#"{"keys":[{"kty":"oct","kid":"s","k":"c2VjcmV0"}]}"#,
    )
    .expect("write");
    assert!(
        try_spawn(&app.db.url, |s| s.jwks_file = Some(no_usable.clone()))
            .await
            .is_err(),
        "a JWKS with no RS256/ES256 key stops the start"
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/certs", closed.local_addr().expect("addr"));
    drop(closed);
    assert!(
        try_spawn(&app.db.url, |s| s.jwks_url = Some(url.clone()))
            .await
            .is_err(),
        "an unreachable JWKS URL stops the start"
    );
});
