//! Organisations: ROPS, CUS, OPS, universities, offices, NGOs and other bodies.

use crate::graphql::enums::{OrganisationKind, Visibility};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::req;
use crate::graphql::types::{Municipality, Region, strings};
use async_graphql::{Context, ID, Object, Result};

/// An organisation taking part in the network's work: a regional office, a centre's
/// municipality, a university, a state body, an NGO, a venue.
#[derive(Clone)]
pub struct Organisation(pub entity::organisation::Model);

/// An organisation taking part in the network's work: a regional office, a centre's
/// municipality, a university, a state body, an NGO, a venue.
#[Object]
impl Organisation {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Organisation, self.0.id)
    }
    /// Official name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Short name used in everyday speech, e.g. „ROPS Kielce”.
    async fn short_name(&self) -> Option<&str> {
        self.0.short_name.as_deref()
    }
    /// Other names the organisation is known by.
    async fn aliases(&self) -> Vec<String> {
        strings(&self.0.aliases)
    }
    /// Kind of organisation.
    async fn kind(&self) -> OrganisationKind {
        self.0.kind.into()
    }
    /// Website address.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// Municipality of the seat, when known.
    async fn municipality(&self, ctx: &Context<'_>) -> Result<Option<Municipality>> {
        let Some(id) = self.0.municipality_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .municipality()
            .load_one(id)
            .await?
            .map(Municipality))
    }
    /// Parent organisation (e.g. the centre a senior club belongs to), if visible to the caller.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        let Some(id) = self.0.parent_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .organisation()
            .load_one(id)
            .await?
            .map(Organisation))
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
    /// When the record was created.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// When the record last changed.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}
