//! Mutations of people (with their positions), expert profiles and contact persons.
//!
//! Names, e-mail addresses and phone numbers are personal data: errors name the offending
//! field, never its value.

use super::{request_info, scoped};
use crate::graphql::enums::{RoleType, Visibility};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::scalars::Date;
use crate::graphql::types::{ContactPerson, Expert, Person};
use crate::service::people;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// A position a person holds or held in an organisation.
#[derive(InputObject, Debug, Clone)]
pub struct PositionInput {
    /// The organisation (global id; must be visible to the caller).
    pub organisation_id: ID,
    /// Kind of position.
    pub role_type: RoleType,
    /// Title as published, e.g. „dyrektor Regionalnego Ośrodka Polityki Społecznej” (1–300
    /// characters).
    pub title: String,
    /// Organisational unit, if any.
    pub unit_name: Option<String>,
    /// First day in the position, if known.
    pub valid_from: Option<Date>,
    /// Last day in the position, if known; not before `validFrom`.
    pub valid_to: Option<Date>,
    /// Date on which a source confirms the position.
    pub as_of: Option<Date>,
}

/// A new person (a professional or official, never a client of a centre).
#[derive(InputObject, Debug, Clone)]
pub struct PersonInput {
    /// Given name (1–100 characters).
    pub given_name: String,
    /// Family name (1–100 characters).
    pub family_name: String,
    /// Academic title or honorific as published, e.g. „dr hab.” (at most 64 characters).
    pub honorific: Option<String>,
    /// Work e-mail address.
    pub email: Option<String>,
    /// Work phone number, e.g. `+48 41 000 00 00`.
    pub phone: Option<String>,
    /// Positions held, at most 100.
    pub positions: Option<Vec<PositionInput>>,
    /// Who besides the owner region may read it; default `NETWORK`.
    pub visibility: Option<Visibility>,
    /// TERYT code of the owner region (e.g. `"26"`); default the caller's only region.
    pub region_code: Option<String>,
}

/// Changes to a person: only the fields given change; `null` clears an optional field.
#[derive(InputObject, Debug, Clone, Default)]
pub struct PersonPatch {
    /// Given name (1–100 characters).
    pub given_name: Option<String>,
    /// Family name (1–100 characters).
    pub family_name: Option<String>,
    /// Academic title or honorific.
    pub honorific: MaybeUndefined<String>,
    /// Work e-mail address.
    pub email: MaybeUndefined<String>,
    /// Work phone number.
    pub phone: MaybeUndefined<String>,
    /// Positions held (replaces the list).
    pub positions: Option<Vec<PositionInput>>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the record to the region with this TERYT code, which the caller must be allowed
    /// to write.
    pub region_code: Option<String>,
}

/// A new expert profile of a person.
#[derive(InputObject, Debug, Clone)]
pub struct ExpertInput {
    /// The person (global id; must be visible to the caller).
    pub person_id: ID,
    /// Employer or affiliation (global id; must be visible to the caller).
    pub organisation_id: Option<ID>,
    /// Centre the expert works at (global id; must be visible to the caller).
    pub centre_id: Option<ID>,
    /// Fields of expertise, at most 100, each 1–300 characters.
    pub specialisations: Option<Vec<String>>,
    /// Professional summary.
    pub summary: Option<String>,
    /// Who besides the owner region may read it; default `NETWORK`.
    pub visibility: Option<Visibility>,
    /// TERYT code of the owner region (e.g. `"26"`); default the caller's only region.
    pub region_code: Option<String>,
}

/// Changes to an expert profile: only the fields given change; `null` clears an optional
/// field.
#[derive(InputObject, Debug, Clone, Default)]
pub struct ExpertPatch {
    /// The person (global id; must be visible to the caller).
    pub person_id: Option<ID>,
    /// Employer or affiliation.
    pub organisation_id: MaybeUndefined<ID>,
    /// Centre the expert works at.
    pub centre_id: MaybeUndefined<ID>,
    /// Fields of expertise (replaces the list).
    pub specialisations: Option<Vec<String>>,
    /// Professional summary.
    pub summary: MaybeUndefined<String>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the record to the region with this TERYT code, which the caller must be allowed
    /// to write.
    pub region_code: Option<String>,
}

/// A new contact person: who can be contacted about what, for an organisation or a centre
/// (at least one of the two).
#[derive(InputObject, Debug, Clone)]
pub struct ContactPersonInput {
    /// The person (global id; must be visible to the caller).
    pub person_id: ID,
    /// Organisation the person is a contact for (global id; must be visible to the caller).
    pub organisation_id: Option<ID>,
    /// Centre the person is a contact for (global id; must be visible to the caller).
    pub centre_id: Option<ID>,
    /// What the person can be contacted about (at most 300 characters).
    pub role_title: Option<String>,
    /// Who besides the owner region may read it; default `REGION`.
    pub visibility: Option<Visibility>,
    /// TERYT code of the owner region (e.g. `"26"`); default the caller's only region.
    pub region_code: Option<String>,
}

/// Changes to a contact person: only the fields given change; `null` clears an optional
/// field (an organisation or a centre must remain).
#[derive(InputObject, Debug, Clone, Default)]
pub struct ContactPersonPatch {
    /// The person (global id; must be visible to the caller).
    pub person_id: Option<ID>,
    /// Organisation the person is a contact for.
    pub organisation_id: MaybeUndefined<ID>,
    /// Centre the person is a contact for.
    pub centre_id: MaybeUndefined<ID>,
    /// What the person can be contacted about.
    pub role_title: MaybeUndefined<String>,
    /// Who besides the owner region may read it.
    pub visibility: Option<Visibility>,
    /// Moves the record to the region with this TERYT code, which the caller must be allowed
    /// to write.
    pub region_code: Option<String>,
}

#[derive(Default)]
pub(crate) struct PeopleMutation;

#[Object]
impl PeopleMutation {
    /// Registers a person with their positions. With an `idempotencyKey`, a retry returns the
    /// person the first call created instead of creating another.
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new person.")] input: PersonInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<Person> {
        let c = scoped(ctx)?;
        let m = people::create_person(c.db, &request_info(ctx), input, idempotency_key.as_deref())
            .await?;
        Ok(Person(m))
    }

    /// Changes a person. `expectedVersion` is the version the caller last read; if the person
    /// changed since, nothing is written and the error is `CONFLICT` with the current version.
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the person.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: PersonPatch,
    ) -> Result<Person> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::Person)?;
        let m = people::update_person(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(Person(m))
    }

    /// Registers an expert profile. With an `idempotencyKey`, a retry returns the profile the
    /// first call created instead of creating another.
    async fn create_expert(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new expert profile.")] input: ExpertInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<Expert> {
        let c = scoped(ctx)?;
        let m = people::create_expert(c.db, &request_info(ctx), input, idempotency_key.as_deref())
            .await?;
        Ok(Expert(m))
    }

    /// Changes an expert profile. `expectedVersion` is the version the caller last read; if
    /// the profile changed since, nothing is written and the error is `CONFLICT`.
    async fn update_expert(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the expert profile.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: ExpertPatch,
    ) -> Result<Expert> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::Expert)?;
        let m = people::update_expert(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(Expert(m))
    }

    /// Registers a contact person. With an `idempotencyKey`, a retry returns the record the
    /// first call created instead of creating another.
    async fn create_contact_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new contact person.")] input: ContactPersonInput,
        #[graphql(desc = "Client-chosen key (1–128 characters) that makes retries safe.")]
        idempotency_key: Option<String>,
    ) -> Result<ContactPerson> {
        let c = scoped(ctx)?;
        let m = people::create_contact(c.db, &request_info(ctx), input, idempotency_key.as_deref())
            .await?;
        Ok(ContactPerson(m))
    }

    /// Changes a contact person. `expectedVersion` is the version the caller last read; if
    /// the record changed since, nothing is written and the error is `CONFLICT`.
    async fn update_contact_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the contact person.")] id: ID,
        #[graphql(desc = "The version the change is based on.")] expected_version: i32,
        #[graphql(desc = "The fields to change.")] input: ContactPersonPatch,
    ) -> Result<ContactPerson> {
        let c = scoped(ctx)?;
        let n = decode_as("id", &id, Kind::ContactPerson)?;
        let m =
            people::update_contact(c.db, &request_info(ctx), n, expected_version, input).await?;
        Ok(ContactPerson(m))
    }
}
