//! Writing documents: validation (language, year, series), the publishing organisation and
//! the project (both visible to the caller). Attaching documents to good practices belongs to
//! the good practice.

use super::audit::Changes;
use super::links;
use super::validate::{self as v, MAX_NAME};
use super::write::{self, RequestInfo, Writable};
use crate::access::ScopedDb;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::mutation::document::{DocumentInput, DocumentPatch};
use crate::text::{fold_all, json_strings};
use chrono::Datelike;
use entity::document::{ActiveModel, Entity, Model};
use sea_orm::{ConnectionTrait, Set, TryIntoModel};

/// Highest number within a series.
const MAX_SERIES_NUMBER: i32 = 100_000;
/// Earliest year of publication.
const MIN_YEAR: i32 = 1900;

impl Writable for Entity {
    fn search_text(m: &Model) -> String {
        fold_all(
            [m.title.as_str()]
                .into_iter()
                .chain(m.series_name.as_deref())
                .chain(json_strings(&m.authors)),
        )
    }
}

/// A language code: 2–8 ASCII letters, digits or hyphens, starting with a letter.
fn language(field: &str, value: &str) -> AppResult<String> {
    let v = value.trim();
    let ok = (2..=8).contains(&v.len())
        && v.starts_with(|c: char| c.is_ascii_alphabetic())
        && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !ok {
        return Err(AppError::bad_input(
            field,
            "a language code of 2–8 letters, e.g. \"pl\"",
        ));
    }
    Ok(v.to_owned())
}

fn year(field: &str, y: i32) -> AppResult<i32> {
    let latest = chrono::Utc::now().year() + 1;
    if !(MIN_YEAR..=latest).contains(&y) {
        return Err(AppError::bad_input(
            field,
            format!("a year from {MIN_YEAR} to {latest}"),
        ));
    }
    Ok(y)
}

fn series_number(field: &str, n: i32) -> AppResult<i32> {
    if !(1..=MAX_SERIES_NUMBER).contains(&n) {
        return Err(AppError::bad_input(
            field,
            format!("a number from 1 to {MAX_SERIES_NUMBER}"),
        ));
    }
    Ok(n)
}

/// A number within a series needs the series.
fn check_series(field: &str, name: Option<&str>, number: Option<i32>) -> AppResult<()> {
    if number.is_some() && name.is_none() {
        return Err(AppError::bad_input(
            field,
            "a number within a series needs the series name",
        ));
    }
    Ok(())
}

/// Checks that the publisher and the project exist and are visible to the caller.
async fn check_links<C: ConnectionTrait>(
    db: &ScopedDb,
    conn: &C,
    publisher: Option<i64>,
    project: Option<i64>,
) -> AppResult<()> {
    if let Some(p) = publisher {
        links::check_visible::<entity::organisation::Entity, _>(
            db,
            conn,
            "input.publisherId",
            &[p],
        )
        .await?;
    }
    if let Some(p) = project {
        links::check_visible::<entity::project::Entity, _>(db, conn, "input.projectId", &[p])
            .await?;
    }
    Ok(())
}

/// Creates a document.
pub async fn create(
    db: &ScopedDb,
    info: &RequestInfo,
    input: DocumentInput,
    key: Option<&str>,
) -> AppResult<Model> {
    let region = write::owner_region(db, "input.regionCode", input.region_code.as_deref())?;
    let title = v::name("input.title", &input.title, MAX_NAME)?;
    let publisher = v::opt_id(
        "input.publisherId",
        input.publisher_id.as_ref(),
        Kind::Organisation,
    )?;
    let authors = v::names_json(
        "input.authors",
        input.authors.as_deref().unwrap_or_default(),
    )?;
    let series_name = v::opt_name("input.seriesName", input.series_name.as_deref(), MAX_NAME)?;
    let series_no = input
        .series_number
        .map(|n| series_number("input.seriesNumber", n))
        .transpose()?;
    check_series("input.seriesNumber", series_name.as_deref(), series_no)?;
    let published_year = input
        .published_year
        .map(|y| year("input.publishedYear", y))
        .transpose()?;
    let lang = match input.language.as_deref() {
        Some(l) => language("input.language", l)?,
        None => "pl".to_owned(),
    };
    let url = v::opt_url("input.url", input.url.as_deref())?;
    let licence = v::opt_name("input.licence", input.licence.as_deref(), MAX_NAME)?;
    let project = v::opt_id("input.projectId", input.project_id.as_ref(), Kind::Project)?;
    let description = v::opt_text("input.description", input.description.as_deref())?;
    check_links(db, db.conn(), publisher, project).await?;

    let am = ActiveModel {
        title: Set(title),
        kind: Set(input.kind.into()),
        publisher_id: Set(publisher),
        authors: Set(authors),
        series_name: Set(series_name),
        series_number: Set(series_no),
        published_year: Set(published_year),
        language: Set(lang),
        url: Set(url),
        licence: Set(licence),
        project_id: Set(project),
        description: Set(description),
        owner_region_id: Set(region),
        visibility: Set(input
            .visibility
            .map(Into::into)
            .unwrap_or(entity::enums::Visibility::Network)),
        ..Default::default()
    };
    write::create::<Entity>(db, info, "createDocument", key, am, async |_, _| {
        Ok(Changes::new())
    })
    .await
}

/// Applies a partial update to a document.
pub async fn update(
    db: &ScopedDb,
    info: &RequestInfo,
    id: i64,
    version: i32,
    patch: DocumentPatch,
) -> AppResult<Model> {
    write::update::<Entity>(
        db,
        info,
        id,
        version,
        async |txn, _before: &Model, am: &mut ActiveModel| {
            if let Some(t) = &patch.title {
                am.title = Set(v::name("input.title", t, MAX_NAME)?);
            }
            if let Some(k) = patch.kind {
                am.kind = Set(k.into());
            }
            let publisher = v::patch_value(&patch.publisher_id, |p| {
                decode_as("input.publisherId", &p, Kind::Organisation)
            })?;
            if let Some(p) = publisher {
                am.publisher_id = Set(p);
            }
            if let Some(a) = &patch.authors {
                am.authors = Set(v::names_json("input.authors", a)?);
            }
            if let Some(s) = v::patch_text("input.seriesName", &patch.series_name, |f, s| {
                v::opt_name(f, s, MAX_NAME)
            })? {
                am.series_name = Set(s);
            }
            if let Some(n) = v::patch_value(&patch.series_number, |n| {
                series_number("input.seriesNumber", n)
            })? {
                am.series_number = Set(n);
            }
            if let Some(y) =
                v::patch_value(&patch.published_year, |y| year("input.publishedYear", y))?
            {
                am.published_year = Set(y);
            }
            if let Some(l) = &patch.language {
                am.language = Set(language("input.language", l)?);
            }
            if let Some(u) = v::patch_text("input.url", &patch.url, v::opt_url)? {
                am.url = Set(u);
            }
            if let Some(l) = v::patch_text("input.licence", &patch.licence, |f, s| {
                v::opt_name(f, s, MAX_NAME)
            })? {
                am.licence = Set(l);
            }
            let project = v::patch_value(&patch.project_id, |p| {
                decode_as("input.projectId", &p, Kind::Project)
            })?;
            if let Some(p) = project {
                am.project_id = Set(p);
            }
            if let Some(d) = v::patch_text("input.description", &patch.description, v::opt_text)? {
                am.description = Set(d);
            }
            if let Some(vis) = patch.visibility {
                am.visibility = Set(vis.into());
            }
            if let Some(code) = &patch.region_code {
                // Moving needs write access to the new region (checked by the pipeline).
                am.owner_region_id = Set(v::region_code("input.regionCode", code)?);
            }
            let after = am.clone().try_into_model().map_err(|e| {
                AppError::Internal(anyhow::Error::new(e).context("incomplete record"))
            })?;
            let series_field = if patch.series_number.is_undefined() {
                "input.seriesName"
            } else {
                "input.seriesNumber"
            };
            check_series(
                series_field,
                after.series_name.as_deref(),
                after.series_number,
            )?;
            check_links(db, txn, publisher.flatten(), project.flatten()).await?;
            Ok(Changes::new())
        },
    )
    .await
}
