//! `cusnet sync` end to end: two offices exchange records through a running server with the
//! real binary — office A pushes a thousand centres, office B pulls and holds exactly those
//! it may see; A edits, deletes and hides some; B pulls again and converges; replays change
//! nothing; an interrupted pull resumes without loss.

use crate::helpers::{Caller, TestApp, dual_test};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

/// Runs the binary off the server's thread (the test server shares this runtime).
async fn cusnet(args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_cusnet"))
            .args(&args)
            .env_remove("CUSNET_SYNC_TOKEN")
            .env_remove("CUSNET_SYNC_URL")
            .output()
            .expect("run cusnet")
    })
    .await
    .expect("join")
}

fn s(v: &str) -> String {
    v.to_owned()
}

async fn push(app: &TestApp, caller: &Caller, file: &Path) -> std::process::Output {
    cusnet(vec![
        s("sync"),
        s("push"),
        s("--url"),
        app.url("/graphql"),
        s("--token"),
        app.token(caller).expect("token"),
        s("--source"),
        s("rejestr-a"),
        file.display().to_string(),
    ])
    .await
}

async fn pull(app: &TestApp, caller: &Caller, dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        s("sync"),
        s("pull"),
        s("--url"),
        app.url("/graphql"),
        s("--token"),
        app.token(caller).expect("token"),
        s("--state"),
        dir.join("state.json").display().to_string(),
        s("--out"),
        dir.join("changes.ndjson").display().to_string(),
        s("--types"),
        s("Centre"),
        s("--page-size"),
        s("200"),
    ];
    args.extend(extra.iter().map(|a| s(a)));
    cusnet(args).await
}

/// The office's copy: the pulled lines applied in order.
fn local_copy(dir: &Path) -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(dir.join("changes.ndjson")).unwrap_or_default();
    let mut copy = BTreeMap::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).expect("an NDJSON line");
        let id = v["id"].as_str().expect("id").to_owned();
        match v["operation"].as_str() {
            Some("UPSERT") if !v["record"].is_null() => {
                copy.insert(id, v["record"].clone());
            }
            Some("UPSERT") => {}
            _ => {
                copy.remove(&id);
            }
        }
    }
    copy
}

/// The centres `caller` can see now, by id, with their names.
async fn visible(app: &TestApp, caller: &Caller) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut after = Value::Null;
    loop {
        let data = app
            .data(
                caller,
                "query($after: String) { centres(first: 100, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }",
                json!({ "after": after }),
            )
            .await;
        for n in data["centres"]["nodes"].as_array().expect("nodes") {
            out.insert(
                n["id"].as_str().expect("id").to_owned(),
                n["name"].as_str().expect("name").to_owned(),
            );
        }
        if data["centres"]["pageInfo"]["hasNextPage"] != true {
            return out;
        }
        after = data["centres"]["pageInfo"]["endCursor"].clone();
    }
}

fn names(copy: &BTreeMap<String, Value>) -> BTreeMap<String, String> {
    copy.iter()
        .map(|(id, r)| (id.clone(), r["name"].as_str().unwrap_or("").to_owned()))
        .collect()
}

/// Waits until every write so far is past the PostgreSQL horizon for every reader: the
/// network administrator sees `n` changes in all.
async fn settle(app: &TestApp, n: usize) {
    for _ in 0..400 {
        let mut seen = 0;
        let mut after = Value::Null;
        loop {
            let data = app
                .data(
                    &Caller::Admin,
                    "query($after: String) { changes(after: $after, first: 1000) { changes { sequence } endCursor hasMore } }",
                    json!({ "after": after }),
                )
                .await;
            seen += data["changes"]["changes"].as_array().map_or(0, Vec::len);
            after = data["changes"]["endCursor"].clone();
            if data["changes"]["hasMore"] != true {
                break;
            }
        }
        if seen >= n {
            return;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("fewer than {n} changes in the feed");
}

fn item(i: usize, municipality: &str, name: &str, visibility: &str) -> String {
    json!({ "type": "Centre", "externalId": format!("a-{i}"), "data": {
        "name": name, "status": "OPERATING", "primaryMunicipalityId": municipality,
        "visibility": visibility } })
    .to_string()
}

dual_test!(two_offices_converge_through_push_and_pull, |app| {
    let dir = tempfile::tempdir().expect("dir");
    let data = app
        .data(
            &Caller::Admin,
            "{ municipalities(filter: { terytCodes: [\"2604073\"] }) { nodes { id } } }",
            json!({}),
        )
        .await;
    let lagow = data["municipalities"]["nodes"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let office_a = Caller::Editor("26");
    let office_b = Caller::Viewer("28");
    let vis = |i: usize| ["PUBLIC", "NETWORK", "REGION"][i % 3];

    // A pushes a thousand centres, a third of them internal to its region.
    let file = dir.path().join("register.ndjson");
    let lines: Vec<String> = (0..1000)
        .map(|i| item(i, &lagow, &format!("Centrum nr {i}"), vis(i)))
        .collect();
    std::fs::write(&file, lines.join("\n")).expect("write");
    let out = push(&app, &office_a, &file).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        report.lines().filter(|l| l.contains("\tCREATED\t")).count(),
        1000
    );

    // B pulls and holds exactly the centres it may see.
    let b_dir = dir.path().join("b");
    std::fs::create_dir_all(&b_dir).expect("dir");
    let out = pull(&app, &office_b, &b_dir, &[]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy = local_copy(&b_dir);
    let expected = visible(&app, &office_b).await;
    assert_eq!(names(&copy), expected);
    assert!(
        copy.len() >= 667,
        "B sees the public and network centres: {}",
        copy.len()
    );

    // A renames ten, hides ten and deletes ten.
    let ids: BTreeMap<String, (String, i64)> = report
        .lines()
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (
                cols[1].to_owned(),
                (cols[3].to_owned(), cols[4].parse().expect("version")),
            )
        })
        .collect();
    let mut edits = Vec::new();
    for i in 1..=10 {
        edits.push(item(
            i,
            &lagow,
            &format!("Centrum nr {i} (nowa nazwa)"),
            vis(i),
        ));
    }
    for i in [12, 13, 15, 16, 18, 19, 21, 22, 24, 25] {
        edits.push(item(i, &lagow, &format!("Centrum nr {i}"), "REGION"));
    }
    let edit_file = dir.path().join("edits.ndjson");
    std::fs::write(&edit_file, edits.join("\n")).expect("write");
    let out = push(&app, &office_a, &edit_file).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    for i in 31..=40 {
        let (id, version) = &ids[&format!("a-{i}")];
        app.data(
            &office_a,
            "mutation($id: ID!, $v: Int!) { deleteRecord(id: $id, expectedVersion: $v) { __typename } }",
            json!({ "id": id, "v": version }),
        )
        .await;
    }
    // 1000 creates, 10 renames, 10 hidden, 10 deletions.
    settle(&app, 1030).await;
    let out = pull(&app, &office_b, &b_dir, &[]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy = local_copy(&b_dir);
    assert_eq!(names(&copy), visible(&app, &office_b).await);
    let renamed = &ids["a-1"].0;
    assert_eq!(copy[renamed]["name"], "Centrum nr 1 (nowa nazwa)");
    assert!(
        !copy.contains_key(&ids["a-12"].0),
        "a hidden centre left B's copy"
    );
    assert!(
        !copy.contains_key(&ids["a-31"].0),
        "a deleted centre left B's copy"
    );

    // Replays change nothing: the same push again, the same pull again.
    let before = visible(&app, &Caller::Admin).await.len();
    let out = push(&app, &office_a, &edit_file).await;
    assert!(out.status.success());
    assert_eq!(visible(&app, &Caller::Admin).await.len(), before);
    let out = pull(&app, &office_b, &b_dir, &[]).await;
    assert!(out.status.success());
    assert_eq!(names(&local_copy(&b_dir)), visible(&app, &office_b).await);

    // An interrupted pull resumes where its state says, without loss.
    let more: Vec<String> = (1000..1300)
        .map(|i| item(i, &lagow, &format!("Centrum nr {i}"), "NETWORK"))
        .collect();
    let more_file = dir.path().join("more.ndjson");
    std::fs::write(&more_file, more.join("\n")).expect("write");
    assert!(push(&app, &office_a, &more_file).await.status.success());
    settle(&app, 1330).await;
    let out = pull(&app, &office_b, &b_dir, &["--max-pages", "1"]).await;
    assert!(out.status.success());
    assert_ne!(
        names(&local_copy(&b_dir)),
        visible(&app, &office_b).await,
        "stopped early"
    );
    let out = pull(&app, &office_b, &b_dir, &[]).await;
    assert!(out.status.success());
    assert_eq!(names(&local_copy(&b_dir)), visible(&app, &office_b).await);
});

dual_test!(a_csv_register_is_pushed_row_by_row_with_a_report, |app| {
    let dir = tempfile::tempdir().expect("dir");
    let data = app
        .data(
            &Caller::Admin,
            "{ municipalities(filter: { terytCodes: [\"2604073\"] }) { nodes { id } } }",
            json!({}),
        )
        .await;
    let lagow = data["municipalities"]["nodes"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let file = dir.path().join("centra.csv");
    std::fs::write(
        &file,
        format!(
            "externalId,name,status,primaryMunicipalityId,address,serviceCategories[]\n\
             k-1,\"Centrum Usług Społecznych w Łagowie, filia\",OPERATING,{lagow},ul. Rynek 1,CULTURE;HOUSING\n\
             k-2,,OPERATING,{lagow},ul. Rynek 2,\n"
        ),
    )
    .expect("write");
    let out = cusnet(vec![
        s("sync"),
        s("push"),
        s("--url"),
        app.url("/graphql"),
        s("--token"),
        app.token(&Caller::Editor("26")).expect("token"),
        s("--type"),
        s("Centre"),
        file.display().to_string(),
    ])
    .await;
    assert!(!out.status.success(), "a refused row fails the run");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("k-1\tCREATED"), "{report}");
    assert!(report.contains("k-2\tREJECTED"), "{report}");
    assert!(
        report.contains("k-2\tREJECTED\t-\tnull\tdata.name: is required"),
        "the report names what was refused: {report}"
    );
    let found = app
        .data(
            &Caller::Anonymous,
            "{ centres(filter: { search: \"lagowie, filia\" }) { nodes { name serviceCategories } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        found["centres"]["nodes"],
        json!([{ "name": "Centrum Usług Społecznych w Łagowie, filia", "serviceCategories": ["CULTURE", "HOUSING"] }])
    );
});
