//! Mutations of events.

use super::{request_info, scoped};
use crate::graphql::enums::{EventFormat, EventKind, EventRole, Visibility};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::scalars::Date;
use crate::graphql::types::Event;
use crate::service::events;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// A person's part in an event.
#[derive(InputObject, Debug, Clone)]
pub struct EventParticipationInput {
    /// The person (global id); a person may be listed once per event.
    pub person_id: ID,
    /// Role at the event.
    pub role: EventRole,
    /// The person's title on the day, as published, e.g. „dyrektor ROPS” (at most 300
    /// characters).
    pub title_at_event: Option<String>,
}

/// A new event. It belongs to the region given by `regionCode`, by default the caller's
/// only region.
#[derive(InputObject, Debug, Clone)]
pub struct EventInput {
    /// Title (1–300 characters).
    pub title: String,
    /// Kind of event.
    pub kind: EventKind,
    /// On site, online or hybrid.
    pub format: EventFormat,
    /// Date as precisely as it is known: `2021-10-28`, `2021-10` or `2021`. Defaults to
    /// `startDate`; when both are given, `startDate` must fall within it.
    pub date: Option<String>,
    /// First day, when the exact day is known.
    pub start_date: Option<Date>,
    /// Last day, not before `startDate` (which it needs).
    pub end_date: Option<Date>,
    /// Name of the venue, e.g. „Filharmonia Świętokrzyska” (at most 300 characters).
    pub venue_name: Option<String>,
    /// Municipality of the venue (global id).
    pub venue_municipality_id: Option<ID>,
    /// Project the event belongs to (global id).
    pub project_id: Option<ID>,
    /// Short description.
    pub description: Option<String>,
    /// Audience groups, as codes (e.g. `LOCAL_GOVERNMENT`, `CUS_STAFF`), at most 100.
    pub audience: Option<Vec<String>>,
    /// Goals of the event (each 1–300 characters), at most 100.
    pub goals: Option<Vec<String>>,
    /// Topics discussed (each 1–300 characters), at most 100.
    pub topics: Option<Vec<String>>,
    /// Organising organisations (global ids), at most 100.
    pub organiser_ids: Option<Vec<ID>>,
    /// Speakers, hosts and guests, at most 100.
    pub participants: Option<Vec<EventParticipationInput>>,
    /// Good practices presented at the event (global ids), at most 100.
    pub good_practice_ids: Option<Vec<ID>>,
    /// Who besides the owner region may read it; default `PUBLIC`.
    pub visibility: Option<Visibility>,
    /// Owner region as a voivodeship TERYT code (e.g. `"26"`); required only when the caller
    /// acts for several regions.
    pub region_code: Option<String>,
}

/// Changes to an event: only the fields given change; `null` clears an optional field; a
/// list given replaces the list.
#[derive(InputObject, Debug, Clone, Default)]
pub struct EventPatch {
    /// Title (1–300 characters).
    pub title: Option<String>,
    /// Kind of event.
    pub kind: Option<EventKind>,
    /// On site, online or hybrid.
    pub format: Option<EventFormat>,
    /// Date as precisely as it is known: `2021-10-28`, `2021-10` or `2021`. A new
    /// `startDate` given without it becomes it.
    pub date: MaybeUndefined<String>,
    /// First day, when the exact day is known.
    pub start_date: MaybeUndefined<Date>,
    /// Last day, not before `startDate`.
    pub end_date: MaybeUndefined<Date>,
    /// Name of the venue.
    pub venue_name: MaybeUndefined<String>,
    /// Municipality of the venue (global id).
    pub venue_municipality_id: MaybeUndefined<ID>,
    /// Project the event belongs to (global id).
    pub project_id: MaybeUndefined<ID>,
    /// Short description.
    pub description: MaybeUndefined<String>,
    /// Audience groups, as codes (replaces the list).
    pub audience: Option<Vec<String>>,
    /// Goals of the event (replaces the list).
    pub goals: Option<Vec<String>>,
    /// Topics discussed (replaces the list).
    pub topics: Option<Vec<String>>,
    /// Organising organisations (replaces the list; links to organisations the caller cannot
    /// see are kept).
    pub organiser_ids: Option<Vec<ID>>,
    /// Speakers, hosts and guests (replaces the list; people the caller cannot see are kept).
    pub participants: Option<Vec<EventParticipationInput>>,
    /// Good practices presented (replaces the list; practices the caller cannot see are
    /// kept).
    pub good_practice_ids: Option<Vec<ID>>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the event to this region (voivodeship TERYT code), which the caller must be
    /// allowed to write.
    pub region_code: Option<String>,
}

#[derive(Default)]
pub(crate) struct EventMutation;

#[Object]
impl EventMutation {
    /// Records an event with its organisers, participants and good practices presented. With
    /// an `idempotencyKey`, a retry returns the event the first call created instead of
    /// creating another.
    async fn create_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new event.")] input: EventInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<Event> {
        let c = scoped(ctx)?;
        let m = events::create(c.db, &request_info(ctx), input, idempotency_key.as_deref()).await?;
        Ok(Event(m))
    }

    /// Changes an event. `expectedVersion` is the version the caller last read; if the event
    /// changed since, nothing is written and the error is `CONFLICT` with the current version.
    async fn update_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the event.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: EventPatch,
    ) -> Result<Event> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::Event)?;
        let m = events::update(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(Event(m))
    }
}
