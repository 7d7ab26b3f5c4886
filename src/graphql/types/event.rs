//! Capacity building: events, trainings and study visits.

use crate::graphql::enums::{EventFormat, EventKind, EventRole, TrainingKind, Visibility};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::req;
use crate::graphql::scalars::Date;
use crate::graphql::types::{
    Centre, GoodPractice, Municipality, Organisation, Person, Project, Region, strings,
};
use async_graphql::{Context, ID, Object, Result, SimpleObject};

/// Loads organisations by id, keeping the given order and dropping those out of scope.
async fn organisations(ctx: &Context<'_>, ids: Vec<i64>) -> Result<Vec<Organisation>> {
    let found = req(ctx)?
        .loaders
        .organisation()
        .load_many(ids.iter().copied())
        .await?;
    Ok(ids
        .iter()
        .filter_map(|id| found.get(id).cloned().map(Organisation))
        .collect())
}

/// A conference, meeting, workshop, ceremony or congress.
#[derive(Clone)]
pub struct Event(pub entity::event::Model);

/// A person's part in an event, with the title they held on the day.
#[derive(SimpleObject, Clone)]
pub struct EventParticipation {
    /// The person, if visible to the caller.
    pub person: Option<Person>,
    /// Role at the event.
    pub role: EventRole,
    /// Title on the day, as published (positions change over time).
    pub title_at_event: Option<String>,
}

/// A conference, meeting, workshop, ceremony or congress.
#[Object]
impl Event {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Event, self.0.id)
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Kind of event.
    async fn kind(&self) -> EventKind {
        self.0.kind.into()
    }
    /// On site, online or hybrid.
    async fn format(&self) -> EventFormat {
        self.0.format.into()
    }
    /// Date as precisely as it is known: `2021-10-28`, `2021-10` or `2021`; null if unknown.
    async fn date(&self) -> Option<&str> {
        self.0.date_text.as_deref()
    }
    /// First day, when the exact day is known.
    async fn start_date(&self) -> Option<Date> {
        self.0.start_date.map(Date)
    }
    /// Last day, when the exact day is known.
    async fn end_date(&self) -> Option<Date> {
        self.0.end_date.map(Date)
    }
    /// Name of the venue, e.g. „Filharmonia Świętokrzyska”.
    async fn venue_name(&self) -> Option<&str> {
        self.0.venue_name.as_deref()
    }
    /// Municipality of the venue.
    async fn venue_municipality(&self, ctx: &Context<'_>) -> Result<Option<Municipality>> {
        let Some(id) = self.0.venue_municipality_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .municipality()
            .load_one(id)
            .await?
            .map(Municipality))
    }
    /// Short description in the network's own words.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Audience groups, as codes (e.g. `LOCAL_GOVERNMENT`, `CUS_STAFF`).
    async fn audience(&self) -> Vec<String> {
        strings(&self.0.audience)
    }
    /// Goals of the event.
    async fn goals(&self) -> Vec<String> {
        strings(&self.0.goals)
    }
    /// Topics discussed.
    async fn topics(&self) -> Vec<String> {
        strings(&self.0.topics)
    }
    /// Project the event belongs to, if visible to the caller.
    async fn project(&self, ctx: &Context<'_>) -> Result<Option<Project>> {
        let Some(id) = self.0.project_id else {
            return Ok(None);
        };
        Ok(req(ctx)?.loaders.project().load_one(id).await?.map(Project))
    }
    /// Organisers, as far as the caller may see them.
    async fn organisers(&self, ctx: &Context<'_>) -> Result<Vec<Organisation>> {
        let rows = req(ctx)?
            .loaders
            .event_organisers()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        organisations(ctx, rows.iter().map(|r| r.organisation_id).collect()).await
    }
    /// Speakers, hosts and guests. Restricted: null unless the caller belongs to the owner
    /// region or is the network administrator.
    async fn participants(&self, ctx: &Context<'_>) -> Result<Option<Vec<EventParticipation>>> {
        let c = req(ctx)?;
        if !c.db.scope().owns(self.0.owner_region_id) {
            return Ok(None);
        }
        let mut rows = c
            .loaders
            .event_participations()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        rows.sort_by_key(|r| r.id);
        let people = c
            .loaders
            .person()
            .load_many(rows.iter().map(|r| r.person_id))
            .await?;
        Ok(Some(
            rows.into_iter()
                .map(|r| EventParticipation {
                    person: people.get(&r.person_id).cloned().map(Person),
                    role: r.role.into(),
                    title_at_event: r.title_at_event,
                })
                .collect(),
        ))
    }
    /// Good practices presented at the event, as far as the caller may see them.
    async fn good_practices_presented(&self, ctx: &Context<'_>) -> Result<Vec<GoodPractice>> {
        let c = req(ctx)?;
        let rows = c
            .loaders
            .event_good_practices()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let found = c
            .loaders
            .good_practice()
            .load_many(rows.iter().map(|r| r.good_practice_id))
            .await?;
        let mut out: Vec<GoodPractice> = found.into_values().map(GoodPractice).collect();
        out.sort_by_key(|g| g.0.id);
        Ok(out)
    }
    /// Region whose office organised or curates the event.
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

/// A training run by a regional office, often with a partner university.
#[derive(Clone)]
pub struct Training(pub entity::training::Model);

/// A partner organisation of a training, with the window in which the partnership holds.
#[derive(SimpleObject, Clone)]
pub struct TrainingPartnership {
    /// The partner organisation.
    pub organisation: Organisation,
    /// First day of the partnership, when limited.
    pub valid_from: Option<Date>,
    /// Last day of the partnership, when limited.
    pub valid_to: Option<Date>,
}

/// A training run by a regional office, often with a partner university.
#[Object]
impl Training {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Training, self.0.id)
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Kind of training.
    async fn kind(&self) -> TrainingKind {
        self.0.kind.into()
    }
    /// The organising office, if visible to the caller.
    async fn organiser(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        Ok(req(ctx)?
            .loaders
            .organisation()
            .load_one(self.0.organiser_id)
            .await?
            .map(Organisation))
    }
    /// Partner organisations (e.g. universities), as far as the caller may see them.
    async fn partners(&self, ctx: &Context<'_>) -> Result<Vec<TrainingPartnership>> {
        let c = req(ctx)?;
        let rows = c
            .loaders
            .training_partners()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let orgs = c
            .loaders
            .organisation()
            .load_many(rows.iter().map(|r| r.organisation_id))
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                orgs.get(&r.organisation_id).map(|o| TrainingPartnership {
                    organisation: Organisation(o.clone()),
                    valid_from: r.valid_from.map(Date),
                    valid_to: r.valid_to.map(Date),
                })
            })
            .collect())
    }
    /// Project the training belongs to, if visible to the caller.
    async fn project(&self, ctx: &Context<'_>) -> Result<Option<Project>> {
        let Some(id) = self.0.project_id else {
            return Ok(None);
        };
        Ok(req(ctx)?.loaders.project().load_one(id).await?.map(Project))
    }
    /// First day, when known.
    async fn start_date(&self) -> Option<Date> {
        self.0.start_date.map(Date)
    }
    /// Last day (or the ceremony date), when known.
    async fn end_date(&self) -> Option<Date> {
        self.0.end_date.map(Date)
    }
    /// On site, online or hybrid.
    async fn format(&self) -> Option<EventFormat> {
        self.0.format.map(Into::into)
    }
    /// Teaching methods, as codes (`LECTURE`, `EXERCISE`, `WORKSHOP`, `STUDY_VISIT`).
    async fn methods(&self) -> Vec<String> {
        strings(&self.0.methods)
    }
    /// Curriculum topics.
    async fn curriculum(&self) -> Vec<String> {
        strings(&self.0.curriculum)
    }
    /// Audience groups, as codes.
    async fn audience(&self) -> Vec<String> {
        strings(&self.0.audience)
    }
    /// Number of people who completed it, when reported as a figure.
    async fn completed_count(&self) -> Option<i32> {
        self.0.completed_count
    }
    /// Participants (personal data): the organising region, the training's current partner
    /// universities and the network administrator see them; everyone else gets an empty list
    /// (the figures are in `enrollmentCounts`).
    async fn enrollments(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<crate::graphql::types::TrainingEnrollment>> {
        let rows = req(ctx)?
            .loaders
            .enrollments_by_training()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(crate::graphql::types::TrainingEnrollment)
            .collect())
    }
    /// Participant figures by status, for every reader of the training — numbers, never
    /// people.
    async fn enrollment_counts(
        &self,
        ctx: &Context<'_>,
    ) -> Result<crate::graphql::types::EnrollmentCounts> {
        let c = req(ctx)?
            .loaders
            .enrollment_counts()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(crate::graphql::types::training_records::counts_of(c))
    }
    /// Short description in the network's own words.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Region of the organising office.
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

/// One day of a study visit at a host centre.
#[derive(Clone)]
pub struct StudyVisit(pub entity::study_visit::Model);

/// One day of a study visit at a host centre.
#[Object]
impl StudyVisit {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::StudyVisit, self.0.id)
    }
    /// The host centre, if visible to the caller.
    async fn host_centre(&self, ctx: &Context<'_>) -> Result<Option<Centre>> {
        Ok(req(ctx)?
            .loaders
            .centre()
            .load_one(self.0.host_centre_id)
            .await?
            .map(Centre))
    }
    /// Day of the visit.
    async fn date(&self) -> Date {
        Date(self.0.visit_date)
    }
    /// Who visited, e.g. „przyszli dyrektorzy CUS”.
    async fn group_description(&self) -> &str {
        &self.0.group_description
    }
    /// Number of visitors, when known.
    async fn headcount(&self) -> Option<i32> {
        self.0.headcount
    }
    /// Points of the programme.
    async fn agenda(&self) -> Vec<String> {
        strings(&self.0.agenda)
    }
    /// Organisers, as far as the caller may see them.
    async fn organisers(&self, ctx: &Context<'_>) -> Result<Vec<Organisation>> {
        let rows = req(ctx)?
            .loaders
            .study_visit_organisers()
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        organisations(ctx, rows.iter().map(|r| r.organisation_id).collect()).await
    }
    /// Project the visit belongs to, if visible to the caller.
    async fn project(&self, ctx: &Context<'_>) -> Result<Option<Project>> {
        let Some(id) = self.0.project_id else {
            return Ok(None);
        };
        Ok(req(ctx)?.loaders.project().load_one(id).await?.map(Project))
    }
    /// Training the visit was part of, if visible to the caller.
    async fn training(&self, ctx: &Context<'_>) -> Result<Option<Training>> {
        let Some(id) = self.0.training_id else {
            return Ok(None);
        };
        Ok(req(ctx)?
            .loaders
            .training()
            .load_one(id)
            .await?
            .map(Training))
    }
    /// Region that owns (and may edit) the record.
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
