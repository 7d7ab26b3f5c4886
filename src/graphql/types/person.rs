//! People (professionals and officials only), their positions, experts and contacts.
//!
//! Personal contact data (e-mail, phone) is returned only to callers of the owner region and
//! to the network administrator; everyone else gets null.

use crate::graphql::enums::{RoleType, Visibility};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::req;
use crate::graphql::scalars::Date;
use crate::graphql::types::training_records::note_owned_person;
use crate::graphql::types::{Centre, Organisation, Region, strings};
use async_graphql::{Context, ID, Object, Result};

/// A professional or official known to the network (never a client of a centre).
#[derive(Clone)]
pub struct Person(pub entity::person::Model);

/// A professional or official known to the network (never a client of a centre).
#[Object]
impl Person {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Person, self.0.id)
    }
    /// Given name.
    async fn given_name(&self, ctx: &Context<'_>) -> &str {
        note_owned_person(ctx, self.0.id, self.0.owner_region_id);
        &self.0.given_name
    }
    /// Family name.
    async fn family_name(&self, ctx: &Context<'_>) -> &str {
        note_owned_person(ctx, self.0.id, self.0.owner_region_id);
        &self.0.family_name
    }
    /// Academic or professional title as published, e.g. „prof. dr hab.”.
    async fn honorific(&self) -> Option<&str> {
        self.0.honorific.as_deref()
    }
    /// Full name with title, as printed.
    async fn display_name(&self, ctx: &Context<'_>) -> String {
        note_owned_person(ctx, self.0.id, self.0.owner_region_id);
        match &self.0.honorific {
            Some(h) => format!("{h} {} {}", self.0.given_name, self.0.family_name),
            None => format!("{} {}", self.0.given_name, self.0.family_name),
        }
    }
    /// Work e-mail. Null unless the caller belongs to the owner region or is the network
    /// administrator.
    async fn email(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let c = req(ctx)?;
        Ok(if c.db.scope().owns(self.0.owner_region_id) {
            note_owned_person(ctx, self.0.id, self.0.owner_region_id);
            self.0.email.clone()
        } else {
            None
        })
    }
    /// Work phone. Null unless the caller belongs to the owner region or is the network
    /// administrator.
    async fn phone(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let c = req(ctx)?;
        Ok(if c.db.scope().owns(self.0.owner_region_id) {
            note_owned_person(ctx, self.0.id, self.0.owner_region_id);
            self.0.phone.clone()
        } else {
            None
        })
    }
    /// Positions held, newest first. Positions are time-bound: the same person may have been
    /// vice-marshal in 2022 and marshal in 2025.
    async fn positions(&self, ctx: &Context<'_>) -> Result<Vec<Position>> {
        let mut rows = req(ctx)?
            .loaders
            .positions_by_person()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        rows.sort_by(|a, b| {
            b.as_of
                .or(b.valid_from)
                .cmp(&a.as_of.or(a.valid_from))
                .then(a.id.cmp(&b.id))
        });
        Ok(rows.into_iter().map(Position).collect())
    }
    /// Expert profiles of the person, as far as the caller may see them.
    async fn expert_profiles(&self, ctx: &Context<'_>) -> Result<Vec<Expert>> {
        let rows = req(ctx)?
            .loaders
            .experts_by_person()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(Expert).collect())
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

/// A position a person holds or held in an organisation.
#[derive(Clone)]
pub struct Position(pub entity::position::Model);

/// A position a person holds or held in an organisation.
#[Object]
impl Position {
    /// Kind of position.
    async fn role_type(&self) -> RoleType {
        self.0.role_type.into()
    }
    /// Title as published, e.g. „marszałek województwa świętokrzyskiego”.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Organisational unit, when named.
    async fn unit_name(&self) -> Option<&str> {
        self.0.unit_name.as_deref()
    }
    /// First day in the position, when known.
    async fn valid_from(&self) -> Option<Date> {
        self.0.valid_from.map(Date)
    }
    /// Last day in the position, when known.
    async fn valid_to(&self) -> Option<Date> {
        self.0.valid_to.map(Date)
    }
    /// Date on which a source confirms the position.
    async fn as_of(&self) -> Option<Date> {
        self.0.as_of.map(Date)
    }
    /// The organisation, if visible to the caller.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        Ok(req(ctx)?
            .loaders
            .organisation()
            .load_one(self.0.organisation_id)
            .await?
            .map(Organisation))
    }
}

/// An expert the network can call on: trainers, advisers, researchers.
#[derive(Clone)]
pub struct Expert(pub entity::expert::Model);

/// An expert the network can call on: trainers, advisers, researchers.
#[Object]
impl Expert {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Expert, self.0.id)
    }
    /// The person, if visible to the caller.
    async fn person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(req(ctx)?
            .loaders
            .person()
            .load_one(self.0.person_id)
            .await?
            .map(Person))
    }
    /// Employer or affiliation, if visible to the caller.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        let Some(id) = self.0.organisation_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .organisation()
            .load_one(id)
            .await?
            .map(Organisation))
    }
    /// The centre the expert works at or with, if any and visible to the caller.
    async fn centre(&self, ctx: &Context<'_>) -> Result<Option<Centre>> {
        let Some(id) = self.0.centre_id else {
            return Ok(None);
        };
        Ok(req(ctx)?.loaders.centre().load_one(id).await?.map(Centre))
    }
    /// Professional summary.
    async fn summary(&self) -> Option<&str> {
        self.0.summary.as_deref()
    }
    /// Fields of expertise.
    async fn specialisations(&self) -> Vec<String> {
        strings(&self.0.specialisations)
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

/// A contact person for an organisation or centre.
#[derive(Clone)]
pub struct ContactPerson(pub entity::contact_person::Model);

/// A contact person for an organisation or centre.
#[Object]
impl ContactPerson {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::ContactPerson, self.0.id)
    }
    /// The person, if visible to the caller (e-mail and phone only for the owner region).
    async fn person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(req(ctx)?
            .loaders
            .person()
            .load_one(self.0.person_id)
            .await?
            .map(Person))
    }
    /// What the person is the contact for, e.g. „koordynator projektu”.
    async fn role_title(&self) -> Option<&str> {
        self.0.role_title.as_deref()
    }
    /// The organisation, if visible to the caller.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        let Some(id) = self.0.organisation_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .organisation()
            .load_one(id)
            .await?
            .map(Organisation))
    }
    /// The centre, if visible to the caller.
    async fn centre(&self, ctx: &Context<'_>) -> Result<Option<Centre>> {
        let Some(id) = self.0.centre_id else {
            return Ok(None);
        };
        Ok(req(ctx)?.loaders.centre().load_one(id).await?.map(Centre))
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
