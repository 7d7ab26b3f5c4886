//! Funded projects and the organisations taking part in them.

use crate::graphql::enums::{ParticipantRole, ProjectStatus, SelectionMode, Visibility};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::req;
use crate::graphql::scalars::{Date, Money};
use crate::graphql::types::{Centre, FundingAction, FundingProgramme, Organisation, Region};
use async_graphql::{Context, ID, Object, Result, SimpleObject};

/// A project funded from an EU or national programme: creating a centre, or a regional
/// office's coordination and training project.
#[derive(Clone)]
pub struct Project(pub entity::project::Model);

/// An organisation's part in a project.
#[derive(SimpleObject, Clone)]
pub struct ProjectParticipation {
    /// The organisation.
    pub organisation: Organisation,
    /// Its role: lead, partner or academic partner.
    pub role: ParticipantRole,
}

/// The grant agreement of a project.
#[derive(SimpleObject, Clone)]
pub struct GrantAgreement {
    /// Agreement number, e.g. `FERS.04.13-IP.06-0012/23`.
    pub number: Option<String>,
    /// Date the agreement was signed.
    pub signed_on: Option<Date>,
}

/// A project funded from an EU or national programme: creating a centre, or a regional
/// office's coordination and training project.
#[Object]
impl Project {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Project, self.0.id)
    }
    /// Exact title, without quotation marks.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Short title, when one is in use.
    async fn short_title(&self) -> Option<&str> {
        self.0.short_title.as_deref()
    }
    /// Status of the project.
    async fn status(&self) -> ProjectStatus {
        self.0.status.into()
    }
    /// Competitive or non-competitive selection.
    async fn selection_mode(&self) -> Option<SelectionMode> {
        self.0.selection_mode.map(Into::into)
    }
    /// The funding programme.
    async fn programme(&self, ctx: &Context<'_>) -> Result<Option<FundingProgramme>> {
        Ok(req(ctx)?
            .loaders
            .programme()
            .load_one(self.0.programme_id)
            .await?
            .map(FundingProgramme))
    }
    /// The programme's action (działanie), when known.
    async fn action(&self, ctx: &Context<'_>) -> Result<Option<FundingAction>> {
        let Some(id) = self.0.action_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .action()
            .load_one(id)
            .await?
            .map(FundingAction))
    }
    /// The grant agreement, when signed.
    async fn agreement(&self) -> Option<GrantAgreement> {
        (self.0.agreement_number.is_some() || self.0.agreement_signed_on.is_some()).then(|| {
            GrantAgreement {
                number: self.0.agreement_number.clone(),
                signed_on: self.0.agreement_signed_on.map(Date),
            }
        })
    }
    /// First day of the project, when known.
    async fn start_date(&self) -> Option<Date> {
        self.0.start_date.map(Date)
    }
    /// Last day of the project, when known.
    async fn end_date(&self) -> Option<Date> {
        self.0.end_date.map(Date)
    }
    /// Total value of the project.
    async fn total_value(&self) -> Option<Money> {
        Money::maybe(self.0.total_value_grosze, self.0.total_value_approximate)
    }
    /// Funding applied for.
    async fn grant_requested(&self) -> Option<Money> {
        Money::maybe(
            self.0.grant_requested_grosze,
            self.0.grant_requested_approximate,
        )
    }
    /// Funding awarded (null until awarded).
    async fn grant_awarded(&self) -> Option<Money> {
        Money::maybe(
            self.0.grant_awarded_grosze,
            self.0.grant_awarded_approximate,
        )
    }
    /// Project website.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// Short description in the network's own words.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Organisations taking part, with their roles, as far as the caller may see them.
    async fn participants(&self, ctx: &Context<'_>) -> Result<Vec<ProjectParticipation>> {
        let c = req(ctx)?;
        let links = c
            .loaders
            .project_participants()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let orgs = c
            .loaders
            .organisation()
            .load_many(links.iter().map(|l| l.organisation_id))
            .await?;
        let mut out: Vec<ProjectParticipation> = links
            .iter()
            .filter_map(|l| {
                orgs.get(&l.organisation_id).map(|o| ProjectParticipation {
                    organisation: Organisation(o.clone()),
                    role: l.role.into(),
                })
            })
            .collect();
        out.sort_by_key(|p| (p.role != ParticipantRole::Lead, p.organisation.0.id));
        Ok(out)
    }
    /// Centres the project creates or supports, as far as the caller may see them.
    async fn centres(&self, ctx: &Context<'_>) -> Result<Vec<Centre>> {
        let c = req(ctx)?;
        let links = c
            .loaders
            .project_centres()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let found = c
            .loaders
            .centre()
            .load_many(links.iter().map(|l| l.centre_id))
            .await?;
        let mut out: Vec<Centre> = found.into_values().map(Centre).collect();
        out.sort_by_key(|c| c.0.id);
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
    /// When the record was created.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// When the record last changed.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}
