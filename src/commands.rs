//! The subcommands of the `cusnet` binary.

use crate::auth::{Claims, Role, principal::VOIVODESHIP_CODES};
use crate::config::{Environment, MigrateArgs, SeedArgs, ServeArgs, Settings, TokenArgs};
use crate::startup::{Application, prepare_database, signing_keys};
use crate::{db, graphql, seed};
use anyhow::Context;
use clap::Parser;

/// `cusnet` without a subcommand serves with the serve options taken from the environment.
#[derive(Parser)]
struct ServeFromEnv {
    #[command(flatten)]
    args: ServeArgs,
}

/// Serve options when no subcommand was given (`CUSNET_BIND` and friends still apply).
pub fn default_serve_args() -> ServeArgs {
    ServeFromEnv::parse_from(["cusnet"]).args
}

/// `cusnet serve`.
pub async fn serve(settings: Settings, args: ServeArgs) -> anyhow::Result<()> {
    let app = Application::build(settings.clone(), args.clone()).await?;
    let base = format!("http://{}:{}", args.bind.ip(), app.port());
    println!("cusnet is listening on {base}");
    println!("  GraphQL:  {base}/graphql");
    if settings.graphiql_enabled() {
        println!("  GraphiQL: {base}/graphiql");
    }
    if settings.environment == Environment::Development {
        println!(
            "  A development token: cargo run --release -- token --role region-editor --region 26"
        );
        println!("  then send it as `Authorization: Bearer <token>`.");
    }
    app.run_until_terminated(args.shutdown_drain)
        .await
        .context("server stopped with an error")
}

/// `cusnet migrate [--down N]`.
pub async fn migrate(settings: &Settings, args: &MigrateArgs) -> anyhow::Result<()> {
    let (conn, _) = db::connect(settings).await?;
    match args.down {
        None => {
            db::migrate(&conn).await?;
            println!("migrations applied");
        }
        Some(steps) => {
            db::undo_migrations(&conn, steps).await?;
            println!("undid the latest {steps} migration(s)");
        }
    }
    Ok(())
}

/// `cusnet seed --demo`.
pub async fn seed(settings: &Settings, args: &SeedArgs) -> anyhow::Result<()> {
    if args.synthetic {
        let (conn, _) = prepare_database(settings, false).await?;
        let started = std::time::Instant::now();
        let done = seed::synthetic::load(&conn, args.scale, true).await?;
        println!(
            "synthetic network (scale {}) loaded in {:.1} s: {} municipalities, {} centres, \
             {} projects, {} persons and experts, {} events, {} good practices, {} trainings, \
             {} enrollments, {} certificates",
            args.scale,
            started.elapsed().as_secs_f64(),
            done.municipalities,
            done.centres,
            done.projects,
            done.persons,
            done.events,
            done.good_practices,
            done.trainings,
            done.enrollments,
            done.certificates
        );
        return Ok(());
    }
    if !args.demo {
        anyhow::bail!("say what to load: `cusnet seed --demo` or `cusnet seed --synthetic`");
    }
    let (conn, _) = prepare_database(settings, false).await?;
    if seed::load_demo_if_empty(&conn).await? {
        println!("demo network loaded");
    } else {
        println!("the database already holds data; nothing loaded");
    }
    Ok(())
}

/// `cusnet schema`: the SDL of the schema the server runs.
pub fn schema_sdl(settings: &Settings) -> String {
    graphql::build_schema(settings).sdl()
}

/// `cusnet token`: a signed development token.
pub fn token(settings: &Settings, args: &TokenArgs) -> anyhow::Result<String> {
    let role = Role::parse(&args.role).with_context(|| {
        format!(
            "unknown role `{}`: use network-admin, region-admin, region-editor, region-viewer or university",
            args.role
        )
    })?;
    for r in &args.regions {
        if !VOIVODESHIP_CODES.contains(&r.as_str()) {
            anyhow::bail!(
                "unknown region `{r}`: use a two-digit voivodeship TERYT code such as 26"
            );
        }
    }
    if role.is_regional() && args.regions.is_empty() {
        anyhow::bail!("a regional role needs at least one --region");
    }
    if role == Role::University && args.org.is_none() {
        anyhow::bail!("a university token needs --org");
    }
    let keys = signing_keys(settings)?;
    let now = chrono::Utc::now().timestamp().max(0) as u64;
    let claims = Claims {
        sub: args.sub.clone(),
        role,
        regions: args.regions.clone(),
        org: args.org.clone(),
        exp: now + args.ttl.as_secs(),
        iat: now,
        iss: keys.issuer().to_owned(),
        aud: keys.audience().to_owned(),
    };
    keys.sign(&claims)
}

/// `cusnet sync pull|push`. The HTTP client runs on the current thread's local task set.
pub async fn sync(args: crate::sync_client::SyncArgs) -> anyhow::Result<()> {
    use crate::sync_client::SyncAction;
    tokio::task::LocalSet::new()
        .run_until(async move {
            match args.action {
                SyncAction::Pull(a) => {
                    let n = crate::sync_client::pull(&a).await?;
                    eprintln!("done: {n} lines appended to {}", a.out.display());
                    Ok(())
                }
                SyncAction::Push(a) => crate::sync_client::push(&a).await,
            }
        })
        .await
}

/// `cusnet purge [--dry-run]`: anonymises the participants of trainings whose retention period
/// has passed. The dry run lists counts and ids only — never names.
pub async fn purge(settings: &Settings, args: &crate::config::PurgeArgs) -> anyhow::Result<()> {
    use crate::service::erasure;
    let (conn, _) = prepare_database(settings, false).await?;
    let today = chrono::Utc::now().date_naive();
    let list = erasure::expired(&conn, settings.training_retention_days, today)
        .await
        .map_err(operator_error)?;
    let mut persons: Vec<i64> = list.iter().map(|e| e.person_id).collect();
    persons.sort_unstable();
    persons.dedup();
    let mut trainings: Vec<i64> = list.iter().map(|e| e.training_id).collect();
    trainings.sort_unstable();
    trainings.dedup();
    let ids = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let verb = if args.dry_run {
        "would anonymise"
    } else {
        "anonymising"
    };
    println!(
        "retention {} days: {verb} {} enrollments of {} persons in {} trainings",
        settings.training_retention_days,
        list.len(),
        persons.len(),
        trainings.len()
    );
    println!("trainings: [{}]", ids(&trainings));
    println!(
        "enrollments: [{}]",
        ids(&list.iter().map(|e| e.enrollment_id).collect::<Vec<_>>())
    );
    println!("persons: [{}]", ids(&persons));
    if args.dry_run || list.is_empty() {
        return Ok(());
    }
    let db = crate::access::ScopedDb::new(conn, erasure::retention_principal());
    let done = erasure::purge(&db, &list).await.map_err(operator_error)?;
    println!(
        "anonymised {} enrollments and {} certificates",
        done.enrollments, done.certificates
    );
    Ok(())
}

/// A service error as the operator running a command sees it: the cause of an internal
/// failure is shown (the operator reads the command's output as its log), other errors as a
/// client would see them.
fn operator_error(e: crate::error::AppError) -> anyhow::Error {
    match e {
        crate::error::AppError::Internal(cause) => cause,
        other => anyhow::anyhow!("{}", other.client_message()),
    }
}
