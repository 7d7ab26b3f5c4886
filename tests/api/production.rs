//! Production mode: no start without a token key; introspection, GraphiQL and field
//! suggestions off unless enabled; internal error text never reaches the client.

use crate::custom_server::{spawn, try_spawn};
use crate::helpers::{Caller, dual_test, error_code};
use cusnet::config::Environment;
use serde_json::json;
use std::process::Command;

const INTROSPECTION: &str = "{ __schema { queryType { name } } }";
/// A misspelt field; development suggests `centres`.
const TYPO: &str = "{ centers { totalCount } }";

#[test]
fn the_binary_in_production_mode_refuses_to_start_without_a_token_key() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("prod.db").display());
    let out = Command::new(env!("CARGO_BIN_EXE_cusnet"))
        .args(["--env", "production", "serve", "--bind", "127.0.0.1:0"])
        .env("DATABASE_URL", &url)
        .env_remove("CUSNET_JWT_SECRET")
        .env_remove("CUSNET_JWKS_FILE")
        .env_remove("CUSNET_JWKS_URL")
        .output()
        .expect("run cusnet");
    assert!(!out.status.success(), "must not serve");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("CUSNET_JWT_SECRET"),
        "says what to set: {stderr}"
    );
    assert!(
        !dir.path().join("prod.db.jwt-secret").exists(),
        "production never generates a secret"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_cusnet"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("DATABASE_URL", &url)
        .env("CUSNET_ENV", "production")
        .env("CUSNET_JWT_SECRET", "too-short")
        .output()
        .expect("run cusnet");
    assert!(!out.status.success(), "a short secret is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("32 bytes"));
}

dual_test!(
    production_hides_introspection_graphiql_suggestions_and_internal_errors,
    |app| {
        assert!(
            try_spawn(&app.db.url, |s| {
                s.environment = Environment::Production;
                s.jwt_secret = None;
            })
            .await
            .is_err(),
            "no token key, no start"
        );
        let prod = spawn(&app.db.url, |s| s.environment = Environment::Production).await;

        // Development answers introspection and suggests fields; production does neither.
        let dev = app.gql(&Caller::Anonymous, INTROSPECTION, json!({})).await;
        assert_eq!(
            dev["data"]["__schema"]["queryType"]["name"], "QueryRoot",
            "{dev}"
        );
        let answer = prod.gql(None, INTROSPECTION, json!({})).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(answer.body["data"]["__schema"].is_null(), "{}", answer.body);
        let answer = prod
            .gql(
                None,
                r#"{ __type(name: "Centre") { fields { name } } }"#,
                json!({}),
            )
            .await;
        assert!(answer.body["data"]["__type"].is_null(), "{}", answer.body);
        assert!(
            !answer.body.to_string().contains("website"),
            "{}",
            answer.body
        );

        let dev = app.gql(&Caller::Anonymous, TYPO, json!({})).await;
        assert!(
            dev["errors"][0]["message"]
                .as_str()
                .unwrap_or("")
                .contains("Did you mean"),
            "{dev}"
        );
        let answer = prod.gql(None, TYPO, json!({})).await;
        let message = answer.body["errors"][0]["message"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        assert!(
            message.contains("centers"),
            "still names the unknown field: {message}"
        );
        assert!(
            !message.contains("Did you mean"),
            "no suggestion: {message}"
        );
        assert!(
            !message.contains("centres"),
            "no hint of real fields: {message}"
        );

        let (status, _) = app.get("/graphiql").await;
        assert_eq!(status, 200, "GraphiQL in development");
        let graphiql = prod
            .request(awc::http::Method::GET, "/graphiql", &[], None)
            .await;
        assert_eq!(graphiql.status, 404, "no GraphiQL in production");

        // Each can be turned back on explicitly.
        let opened = spawn(&app.db.url, |s| {
            s.environment = Environment::Production;
            s.introspection = Some(true);
            s.graphiql = Some(true);
            s.field_suggestions = Some(true);
        })
        .await;
        let answer = opened.gql(None, INTROSPECTION, json!({})).await;
        assert_eq!(
            answer.body["data"]["__schema"]["queryType"]["name"],
            "QueryRoot"
        );
        let answer = opened.gql(None, TYPO, json!({})).await;
        assert!(
            answer.body["errors"][0]["message"]
                .as_str()
                .unwrap_or("")
                .contains("Did you mean")
        );
        let graphiql = opened
            .request(awc::http::Method::GET, "/graphiql", &[], None)
            .await;
        assert_eq!(graphiql.status, 200);

        // A database failure is INTERNAL with a fixed message: no SQL, table or driver text.
        let db = app.connect().await;
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("ALTER TABLE centre RENAME TO centre_moved_away")
            .await
            .expect("rename");
        let answer = prod
            .gql(None, "{ centres { totalCount } }", json!({}))
            .await;
        assert_eq!(answer.code(), Some("INTERNAL"), "{}", answer.body);
        assert_eq!(answer.body["errors"][0]["message"], "internal server error");
        let text = answer.body.to_string().to_lowercase();
        for leak in [
            "moved_away",
            "no such",
            "table",
            "relation",
            "sql",
            "select",
        ] {
            assert!(!text.contains(leak), "`{leak}` leaked: {text}");
        }
        let dev = app
            .gql(&Caller::Anonymous, "{ centres { totalCount } }", json!({}))
            .await;
        assert_eq!(error_code(&dev), Some("INTERNAL"), "{dev}");
        assert_eq!(
            dev["errors"][0]["message"], "internal server error",
            "censored everywhere"
        );
    }
);
