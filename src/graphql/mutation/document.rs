//! Mutations of documents.

use super::{request_info, scoped};
use crate::graphql::enums::{DocumentKind, Visibility};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::types::Document;
use crate::service::documents;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// A new document (brochure, procedure, presentation, report, legal act, gallery).
#[derive(InputObject, Debug, Clone)]
pub struct DocumentInput {
    /// Title (1–300 characters).
    pub title: String,
    /// Kind of document.
    pub kind: DocumentKind,
    /// Publishing organisation (global id of an organisation the caller can see).
    pub publisher_id: Option<ID>,
    /// Authors as published, e.g. „D. Bazuń” (at most 100, each 1–300 characters).
    pub authors: Option<Vec<String>>,
    /// Series the document belongs to, e.g. „Biblioteczka CUS”.
    pub series_name: Option<String>,
    /// Number within the series (1–100000); needs a series name.
    pub series_number: Option<i32>,
    /// Year of publication (1900 to next year).
    pub published_year: Option<i32>,
    /// Language code, e.g. `pl` or `en` (2–8 letters, digits or hyphens); default `pl`.
    pub language: Option<String>,
    /// Where the document can be found (http or https).
    pub url: Option<String>,
    /// Licence, when known (at most 300 characters).
    pub licence: Option<String>,
    /// Project the document was produced in (global id of a project the caller can see).
    pub project_id: Option<ID>,
    /// Short description.
    pub description: Option<String>,
    /// Who besides the owner region may read it; default `NETWORK`.
    pub visibility: Option<Visibility>,
    /// The owner region (two-digit TERYT code, e.g. `"26"`), which the caller must be allowed
    /// to write; default the caller's only region.
    pub region_code: Option<String>,
}

/// Changes to a document: only the fields given change; `null` clears an optional field.
#[derive(InputObject, Debug, Clone, Default)]
pub struct DocumentPatch {
    /// Title (1–300 characters).
    pub title: Option<String>,
    /// Kind of document.
    pub kind: Option<DocumentKind>,
    /// Publishing organisation (global id of an organisation the caller can see).
    pub publisher_id: MaybeUndefined<ID>,
    /// Authors as published (replaces the list; `[]` clears it).
    pub authors: Option<Vec<String>>,
    /// Series the document belongs to.
    pub series_name: MaybeUndefined<String>,
    /// Number within the series (1–100000); needs a series name.
    pub series_number: MaybeUndefined<i32>,
    /// Year of publication (1900 to next year).
    pub published_year: MaybeUndefined<i32>,
    /// Language code, e.g. `pl` or `en`.
    pub language: Option<String>,
    /// Where the document can be found (http or https).
    pub url: MaybeUndefined<String>,
    /// Licence, when known.
    pub licence: MaybeUndefined<String>,
    /// Project the document was produced in (global id of a project the caller can see).
    pub project_id: MaybeUndefined<ID>,
    /// Short description.
    pub description: MaybeUndefined<String>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the document to another owner region (two-digit TERYT code), which the caller
    /// must be allowed to write.
    pub region_code: Option<String>,
}

#[derive(Default)]
pub(crate) struct DocumentMutation;

#[Object]
impl DocumentMutation {
    /// Registers a document. With an `idempotencyKey`, a retry returns the document the first
    /// call created instead of creating another.
    async fn create_document(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new document.")] input: DocumentInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<Document> {
        let c = scoped(ctx)?;
        let m =
            documents::create(c.db, &request_info(ctx), input, idempotency_key.as_deref()).await?;
        Ok(Document(m))
    }

    /// Changes a document. `expectedVersion` is the version the caller last read; if the
    /// document changed since, nothing is written and the error is `CONFLICT` with the current
    /// version.
    async fn update_document(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the document.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: DocumentPatch,
    ) -> Result<Document> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::Document)?;
        let m = documents::update(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(Document(m))
    }
}
