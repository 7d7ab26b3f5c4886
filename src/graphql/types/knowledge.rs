//! Shared knowledge: good practices and documents.

use crate::graphql::enums::{DocumentKind, PublicationStatus, ServiceCategory, Visibility};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::req;
use crate::graphql::types::{Centre, ContactPerson, Event, Organisation, Project, Region, strings};
use async_graphql::{Context, ID, Object, Result};

/// A good practice a centre shares with the network. Drafts are seen only by the owner region.
#[derive(Clone)]
pub struct GoodPractice(pub entity::good_practice::Model);

/// A good practice a centre shares with the network. Drafts are seen only by the owner region.
#[Object]
impl GoodPractice {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::GoodPractice, self.0.id)
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Summary in the network's own words.
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    /// Draft or published.
    async fn status(&self) -> PublicationStatus {
        self.0.status.into()
    }
    /// Service areas the practice concerns.
    async fn categories(&self) -> Vec<ServiceCategory> {
        serde_json::from_value::<Vec<entity::enums::ServiceCategory>>(self.0.categories.clone())
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect()
    }
    /// Topics.
    async fn topics(&self) -> Vec<String> {
        strings(&self.0.topics)
    }
    /// The host centre, if visible to the caller (it may lie outside the member regions).
    async fn centre(&self, ctx: &Context<'_>) -> Result<Option<Centre>> {
        let Some(id) = self.0.centre_id else {
            return Ok(None);
        };
        Ok(req(ctx)?.loaders.centre().load_one(id).await?.map(Centre))
    }
    /// Contact for the practice, if visible to the caller.
    async fn contact(&self, ctx: &Context<'_>) -> Result<Option<ContactPerson>> {
        let Some(id) = self.0.contact_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .contact_person()
            .load_one(id)
            .await?
            .map(ContactPerson))
    }
    /// Events where the practice was presented, as far as the caller may see them.
    async fn presented_at(&self, ctx: &Context<'_>) -> Result<Vec<Event>> {
        let c = req(ctx)?;
        let rows = c
            .loaders
            .good_practice_events()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let found = c
            .loaders
            .event()
            .load_many(rows.iter().map(|r| r.event_id))
            .await?;
        let mut out: Vec<Event> = found.into_values().map(Event).collect();
        out.sort_by_key(|e| e.0.id);
        Ok(out)
    }
    /// Documents describing the practice, as far as the caller may see them.
    async fn documents(&self, ctx: &Context<'_>) -> Result<Vec<Document>> {
        let c = req(ctx)?;
        let rows = c
            .loaders
            .good_practice_documents()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let found = c
            .loaders
            .document()
            .load_many(rows.iter().map(|r| r.document_id))
            .await?;
        let mut out: Vec<Document> = found.into_values().map(Document).collect();
        out.sort_by_key(|d| d.0.id);
        Ok(out)
    }
    /// Region whose office curates the record.
    async fn owner_region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        Ok(req(ctx)?
            .loaders
            .region()
            .load_one(self.0.owner_region_id)
            .await?
            .map(Region))
    }
    /// Who besides the owner region may read the record.
    async fn visibility(&self) -> Visibility {
        self.0.visibility.into()
    }
    /// Version for optimistic concurrency; grows by one with every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the record last changed.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}

/// A brochure, procedure, presentation, report or other material. Files whose licence is
/// unknown are linked, not hosted.
#[derive(Clone)]
pub struct Document(pub entity::document::Model);

/// A brochure, procedure, presentation, report or other material. Files whose licence is
/// unknown are linked, not hosted.
#[Object]
impl Document {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Document, self.0.id)
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Kind of document.
    async fn kind(&self) -> DocumentKind {
        self.0.kind.into()
    }
    /// Publisher, if visible to the caller.
    async fn publisher(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        let Some(id) = self.0.publisher_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .organisation()
            .load_one(id)
            .await?
            .map(Organisation))
    }
    /// Authors as published.
    async fn authors(&self) -> Vec<String> {
        strings(&self.0.authors)
    }
    /// Series name, e.g. „Biblioteczka CUS”.
    async fn series_name(&self) -> Option<&str> {
        self.0.series_name.as_deref()
    }
    /// Number within the series.
    async fn series_number(&self) -> Option<i32> {
        self.0.series_number
    }
    /// Year of publication.
    async fn published_year(&self) -> Option<i32> {
        self.0.published_year
    }
    /// Language code, e.g. `pl`.
    async fn language(&self) -> &str {
        &self.0.language
    }
    /// Where to find it.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    /// Licence, when known.
    async fn licence(&self) -> Option<&str> {
        self.0.licence.as_deref()
    }
    /// Short description in the network's own words.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Project that produced it, if visible to the caller.
    async fn project(&self, ctx: &Context<'_>) -> Result<Option<Project>> {
        let Some(id) = self.0.project_id else {
            return Ok(None);
        };
        Ok(req(ctx)?.loaders.project().load_one(id).await?.map(Project))
    }
    /// Region whose office curates the record.
    async fn owner_region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        Ok(req(ctx)?
            .loaders
            .region()
            .load_one(self.0.owner_region_id)
            .await?
            .map(Region))
    }
    /// Who besides the owner region may read the record.
    async fn visibility(&self) -> Visibility {
        self.0.visibility.into()
    }
    /// Version for optimistic concurrency; grows by one with every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
}
