//! Social-services centres (centra usług społecznych, CUS).

use crate::graphql::enums::{CentreStatus, CreationMode, ServiceCategory, Visibility};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::req;
use crate::graphql::scalars::{Date, Resolution};
use crate::graphql::types::{
    ContactPerson, Expert, GoodPractice, Municipality, Project, Region, StudyVisit,
};
use async_graphql::{Context, ID, Object, Result};

/// A social-services centre (centrum usług społecznych, CUS): a municipal unit that
/// coordinates social services for all residents (ustawa z 19 lipca 2019 r.).
#[derive(Clone)]
pub struct Centre(pub entity::centre::Model);

/// A social-services centre (centrum usług społecznych, CUS): a municipal unit that
/// coordinates social services for all residents (ustawa z 19 lipca 2019 r.).
#[Object]
impl Centre {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Centre, self.0.id)
    }
    /// Official name, e.g. „Centrum Usług Społecznych w Łagowie”.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Life-cycle status.
    async fn status(&self) -> CentreStatus {
        self.0.status.into()
    }
    /// How the centre was created.
    async fn creation_mode(&self) -> Option<CreationMode> {
        self.0.creation_mode.map(Into::into)
    }
    /// Date the centre started operating, when known.
    async fn operating_since(&self) -> Option<Date> {
        self.0.operating_since.map(Date)
    }
    /// Name of the social-assistance centre (OPS) it was transformed from.
    async fn predecessor_name(&self) -> Option<&str> {
        self.0.predecessor_name.as_deref()
    }
    /// The council resolution that established the centre, when known.
    async fn establishing_resolution(&self) -> Option<Resolution> {
        self.0.resolution_number.as_ref().map(|number| Resolution {
            number: number.clone(),
            adopted_on: self.0.resolution_adopted_on.map(Date),
            body: self.0.resolution_body.clone(),
        })
    }
    /// Postal address of the centre (an institution's address, not personal data).
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    /// Website address.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// Short description in the network's own words.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// The municipality the centre belongs to (for inter-municipal centres: the seat).
    async fn primary_municipality(&self, ctx: &Context<'_>) -> Result<Option<Municipality>> {
        Ok(req(ctx)?
            .loaders
            .municipality()
            .load_one(self.0.primary_municipality_id)
            .await?
            .map(Municipality))
    }
    /// Every municipality the centre serves, the primary one first.
    async fn municipalities(&self, ctx: &Context<'_>) -> Result<Vec<Municipality>> {
        let c = req(ctx)?;
        let mut links = c
            .loaders
            .centre_municipalities()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        links.sort_by_key(|l| (!l.is_primary, l.municipality_id));
        let ids: Vec<i64> = links.iter().map(|l| l.municipality_id).collect();
        let found = c
            .loaders
            .municipality()
            .load_many(ids.iter().copied())
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| found.get(id).cloned().map(Municipality))
            .collect())
    }
    /// Areas of social services the centre offers, in statutory order.
    async fn service_categories(&self, ctx: &Context<'_>) -> Result<Vec<ServiceCategory>> {
        let rows = req(ctx)?
            .loaders
            .centre_categories()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let mut cats: Vec<entity::enums::ServiceCategory> =
            rows.into_iter().map(|r| r.category).collect();
        cats.sort_by_key(|c| c.ordinal());
        Ok(cats.into_iter().map(Into::into).collect())
    }
    /// Projects that fund the centre, as far as the caller may see them.
    async fn projects(&self, ctx: &Context<'_>) -> Result<Vec<Project>> {
        let c = req(ctx)?;
        let links = c
            .loaders
            .centre_projects()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let ids: Vec<i64> = links.iter().map(|l| l.project_id).collect();
        let found = c.loaders.project().load_many(ids.iter().copied()).await?;
        let mut out: Vec<Project> = ids
            .iter()
            .filter_map(|id| found.get(id).cloned().map(Project))
            .collect();
        out.sort_by_key(|p| p.0.id);
        Ok(out)
    }
    /// Experts working at or with the centre, as far as the caller may see them.
    async fn experts(&self, ctx: &Context<'_>) -> Result<Vec<Expert>> {
        let rows = req(ctx)?
            .loaders
            .experts_by_centre()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(Expert).collect())
    }
    /// Good practices the centre hosts, as far as the caller may see them.
    async fn good_practices(&self, ctx: &Context<'_>) -> Result<Vec<GoodPractice>> {
        let rows = req(ctx)?
            .loaders
            .good_practices_by_centre()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(GoodPractice).collect())
    }
    /// Study visits the centre hosted, as far as the caller may see them.
    async fn study_visits(&self, ctx: &Context<'_>) -> Result<Vec<StudyVisit>> {
        let rows = req(ctx)?
            .loaders
            .study_visits_by_centre()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(StudyVisit).collect())
    }
    /// Contact people at the centre, as far as the caller may see them.
    async fn contacts(&self, ctx: &Context<'_>) -> Result<Vec<ContactPerson>> {
        let rows = req(ctx)?
            .loaders
            .contacts_by_centre()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(ContactPerson).collect())
    }
    /// Region whose office curates the record (the region of the primary municipality).
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
