//! The schema is a product: the checked-in SDL matches the binary, and everything in it is
//! described for the front-end developer.

use crate::helpers::settings;
use serde_json::Value;

fn schema() -> cusnet::graphql::CusnetSchema {
    cusnet::graphql::build_schema(&settings("sqlite::memory:"))
}

#[test]
fn checked_in_schema_matches_the_binary() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let sdl = schema().sdl();
    if std::env::var("UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &sdl).expect("write schema.graphql");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == sdl,
        "schema.graphql is out of date: run `UPDATE_SCHEMA=1 cargo test --test api schema` (or `cargo run -- schema > schema.graphql`) and commit it"
    );
}

const BUILT_IN: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

#[actix_web::test]
async fn every_type_field_argument_and_enum_value_has_a_description() {
    let q = r#"{ __schema { types { name kind description
        fields { name description args { name description } }
        inputFields { name description }
        enumValues { name description } } } }"#;
    let resp = schema().execute(q).await;
    assert!(resp.errors.is_empty(), "{:?}", resp.errors);
    let data: Value = resp.data.into_json().expect("json");
    let described = |v: &Value| {
        v["description"]
            .as_str()
            .is_some_and(|d| !d.trim().is_empty())
    };
    let mut missing = Vec::new();
    for t in data["__schema"]["types"].as_array().expect("types") {
        let name = t["name"].as_str().unwrap_or_default();
        if name.starts_with("__") || BUILT_IN.contains(&name) {
            continue;
        }
        if !described(t) {
            missing.push(name.to_owned());
        }
        for f in t["fields"].as_array().into_iter().flatten() {
            if !described(f) {
                missing.push(format!("{name}.{}", f["name"]));
            }
            for a in f["args"].as_array().into_iter().flatten() {
                let arg = a["name"].as_str().unwrap_or_default();
                if !described(a) {
                    missing.push(format!("{name}.{}({arg})", f["name"]));
                }
            }
        }
        for f in t["inputFields"].as_array().into_iter().flatten() {
            if !described(f) {
                missing.push(format!("{name}.{}", f["name"]));
            }
        }
        for e in t["enumValues"].as_array().into_iter().flatten() {
            if !described(e) {
                missing.push(format!("{name}.{}", e["name"]));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "undocumented schema elements: {missing:#?}"
    );
}
