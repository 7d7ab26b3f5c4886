//! Reference data everyone reads: regions, counties, municipalities, funding programmes.

use crate::graphql::enums::{CountyKind, Fund, MunicipalityKind, RegionalOfficeForm};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::req;
use crate::graphql::scalars::Date;
use crate::graphql::types::Organisation;
use async_graphql::{Context, ID, Object, Result};

/// A voivodeship (województwo): the unit of access scoping. All 16 are listed; members of
/// the network have a regional social-policy office (ROPS) in it.
#[derive(Clone)]
pub struct Region(pub entity::region::Model);

/// A voivodeship (województwo): the unit of access scoping. All 16 are listed; members of
/// the network have a regional social-policy office (ROPS) in it.
#[Object]
impl Region {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Region, self.0.id)
    }
    /// Two-digit TERYT code, e.g. `26` for Świętokrzyskie.
    async fn teryt_code(&self) -> &str {
        &self.0.teryt_code
    }
    /// ISO 3166-2 code, e.g. `PL-26`.
    async fn iso_code(&self) -> &str {
        &self.0.iso_code
    }
    /// Polish name, e.g. „świętokrzyskie”.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// English name, e.g. „Świętokrzyskie”.
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }
    /// True when the region's ROPS is a member of the network.
    async fn is_network_member(&self) -> bool {
        self.0.is_network_member
    }
    /// The region's regional social-policy office, for member regions.
    async fn regional_office(&self, ctx: &Context<'_>) -> Result<Option<RegionalOffice>> {
        let c = req(ctx)?;
        Ok(c.loaders
            .office_by_region()
            .load_one(self.0.id)
            .await?
            .map(RegionalOffice))
    }
}

/// A county (powiat) or city with county rights.
#[derive(Clone)]
pub struct County(pub entity::county::Model);

/// A county (powiat) or city with county rights.
#[Object]
impl County {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::County, self.0.id)
    }
    /// Four-digit TERYT code.
    async fn teryt_code(&self) -> &str {
        &self.0.teryt_code
    }
    /// Name, e.g. „kielecki”.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Land county or city with county rights.
    async fn kind(&self) -> CountyKind {
        self.0.kind.into()
    }
    /// The region the county lies in.
    async fn region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        Ok(req(ctx)?
            .loaders
            .region()
            .load_one(self.0.region_id)
            .await?
            .map(Region))
    }
}

/// A municipality (gmina) with its TERYT code. Codes change when a gmina's kind changes, so
/// the code comes with the date from which it is valid.
#[derive(Clone)]
pub struct Municipality(pub entity::municipality::Model);

/// A municipality (gmina) with its TERYT code. Codes change when a gmina's kind changes, so
/// the code comes with the date from which it is valid.
#[Object]
impl Municipality {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::Municipality, self.0.id)
    }
    /// Seven-digit TERYT (TERC) code, e.g. `2604073` for Łagów.
    async fn teryt_code(&self) -> &str {
        &self.0.teryt_code
    }
    /// Date from which the TERYT code is valid (stan na).
    async fn teryt_valid_from(&self) -> Date {
        Date(self.0.teryt_valid_from)
    }
    /// Date until which the code was valid; null for the current code.
    async fn teryt_valid_to(&self) -> Option<Date> {
        self.0.teryt_valid_to.map(Date)
    }
    /// Name, e.g. „Łagów”.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Urban, rural or urban-rural.
    async fn kind(&self) -> MunicipalityKind {
        self.0.kind.into()
    }
    /// The county the municipality lies in.
    async fn county(&self, ctx: &Context<'_>) -> Result<Option<County>> {
        Ok(req(ctx)?
            .loaders
            .county()
            .load_one(self.0.county_id)
            .await?
            .map(County))
    }
    /// The region the municipality lies in.
    async fn region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        Ok(req(ctx)?
            .loaders
            .region()
            .load_one(self.0.region_id)
            .await?
            .map(Region))
    }
}

/// A funding programme, e.g. FERS 2021–2027 or POWER 2014–2020.
#[derive(Clone)]
pub struct FundingProgramme(pub entity::funding_programme::Model);

/// A funding programme, e.g. FERS 2021–2027 or POWER 2014–2020.
#[Object]
impl FundingProgramme {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::FundingProgramme, self.0.id)
    }
    /// Short code, e.g. `FERS`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Full name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The fund behind the programme.
    async fn fund(&self) -> Fund {
        self.0.fund.into()
    }
    /// First year of the programming period.
    async fn period_start_year(&self) -> i32 {
        self.0.period_start_year
    }
    /// Last year of the programming period.
    async fn period_end_year(&self) -> i32 {
        self.0.period_end_year
    }
}

/// An action (działanie) of a funding programme, e.g. FERS.04.13.
#[derive(Clone)]
pub struct FundingAction(pub entity::funding_action::Model);

/// An action (działanie) of a funding programme, e.g. FERS.04.13.
#[Object]
impl FundingAction {
    /// Global id.
    pub async fn id(&self) -> ID {
        encode(Kind::FundingAction, self.0.id)
    }
    /// Code, e.g. `POWER.02.08`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Official name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The programme the action belongs to.
    async fn programme(&self, ctx: &Context<'_>) -> Result<Option<FundingProgramme>> {
        Ok(req(ctx)?
            .loaders
            .programme()
            .load_one(self.0.programme_id)
            .await?
            .map(FundingProgramme))
    }
}

/// A regional social-policy office (ROPS), one per member region.
#[derive(Clone)]
pub struct RegionalOffice(pub entity::regional_office::Model);

/// A regional social-policy office (ROPS), one per member region.
#[Object]
impl RegionalOffice {
    /// Department of the marshal's office, or a separate unit.
    async fn legal_form(&self) -> RegionalOfficeForm {
        self.0.legal_form.into()
    }
    /// The office as an organisation (name, aliases, seat).
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        Ok(req(ctx)?
            .loaders
            .organisation()
            .load_one(self.0.organisation_id)
            .await?
            .map(Organisation))
    }
    /// The region the office serves.
    async fn region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        Ok(req(ctx)?
            .loaders
            .region()
            .load_one(self.0.region_id)
            .await?
            .map(Region))
    }
}
