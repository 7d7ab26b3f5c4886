//! Reference data and the directory of the synthetic network: regions, counties,
//! municipalities, organisations, regional offices, programmes, centres, projects, persons
//! and experts.

use anyhow::Context as _;
use chrono::NaiveDate;
use entity::enums::{
    CentreStatus, CountyKind, CreationMode, MunicipalityKind, OrganisationKind, ProjectStatus,
    RegionalOfficeForm, SelectionMode, ServiceCategory, Visibility,
};
use entity::{
    centre, centre_municipality, centre_project, centre_service_category, county, expert,
    funding_programme, municipality, organisation, person, project, region, regional_office,
};
use sea_orm::Set;
use serde_json::Value as Json;

use super::batch::Writer;
use super::names::{
    FAMILY_PLAIN, FAMILY_SKI, GIVEN_F, GIVEN_M, KNOWN_PLACES, PLACE_ENDINGS, PLACE_STEMS,
    SPECIALISATIONS,
};
use super::rng::Rng;
use super::{Summary, id, stamp, times, visibility};
use crate::seed::reference::{PROGRAMMES, REGIONS};
use crate::text::{fold, fold_all};

/// What the activity generator needs to know about one region.
pub(super) struct RegionIds {
    /// TERYT number (= region id).
    pub(super) id: i64,
    /// Municipality ids.
    pub(super) municipalities: Vec<i64>,
    /// Centre ids.
    pub(super) centres: Vec<i64>,
    /// Project ids.
    pub(super) projects: Vec<i64>,
    /// The regional office (ROPS): id and name.
    pub(super) rops: (i64, String),
    /// Persons of the region: id and full name, in id order.
    pub(super) persons: Vec<(i64, String)>,
}

/// Ids of the directory, by region.
pub(super) struct Network {
    pub(super) regions: Vec<RegionIds>,
}

/// All service categories a centre may offer.
const CATEGORIES: [ServiceCategory; 8] = [
    ServiceCategory::ProFamilyPolicy,
    ServiceCategory::FamilySupport,
    ServiceCategory::SocialAssistance,
    ServiceCategory::HealthPromotion,
    ServiceCategory::DisabilitySupport,
    ServiceCategory::Culture,
    ServiceCategory::CivicEngagement,
    ServiceCategory::Housing,
];

/// A place name: the known ones first, then stem + ending.
fn place_name(index: usize, rng: &mut Rng) -> String {
    KNOWN_PLACES.get(index).map_or_else(
        || format!("{}{}", rng.pick(PLACE_STEMS), rng.pick(PLACE_ENDINGS)),
        |s| (*s).to_owned(),
    )
}

/// A person's given and family name.
fn person_name(rng: &mut Rng) -> (String, String) {
    let female = rng.chance(62);
    let given = if female {
        rng.pick(GIVEN_F)
    } else {
        rng.pick(GIVEN_M)
    };
    let family = if rng.chance(60) {
        let stem = rng.pick(FAMILY_SKI);
        let ending = match (stem.ends_with('c') || stem.ends_with('d'), female) {
            (true, true) => "ka",
            (true, false) => "ki",
            (false, true) => "ska",
            (false, false) => "ski",
        };
        format!("{stem}{ending}")
    } else {
        (*rng.pick(FAMILY_PLAIN)).to_owned()
    };
    ((*given).to_owned(), family)
}

/// ASCII e-mail local part from a name.
fn mail(given: &str, family: &str, n: usize) -> String {
    format!("{}.{}.{n}@example.invalid", fold(given), fold(family)).replace(' ', "-")
}

/// Loads the directory and returns its ids; fills in the counts it decides itself.
pub(super) async fn load(out: &Writer<'_>, summary: &mut Summary) -> anyhow::Result<Network> {
    let mut rng = Rng::new(1);
    let created = stamp();
    let valid_from = NaiveDate::from_ymd_opt(2024, 1, 1).context("date")?;

    out.put(
        "regions",
        REGIONS
            .iter()
            .map(|&(rid, name, name_en, member)| region::ActiveModel {
                id: Set(rid),
                teryt_code: Set(format!("{rid:02}")),
                iso_code: Set(format!("PL-{rid:02}")),
                name: Set(name.to_owned()),
                name_en: Set(name_en.to_owned()),
                is_network_member: Set(member),
            })
            .collect(),
    )
    .await?;

    let mut counties = Vec::new();
    let mut municipalities = Vec::new();
    let mut organisations = Vec::new();
    let mut offices = Vec::new();
    let mut centres = Vec::new();
    let mut centre_munis = Vec::new();
    let mut categories = Vec::new();
    let mut net = Network {
        regions: Vec::new(),
    };
    let per_region = summary.municipalities / REGIONS.len();
    let extra = summary.municipalities % REGIONS.len();
    let mut place = 0usize;
    for (r, &(rid, rname, ..)) in REGIONS.iter().enumerate() {
        let count = per_region + usize::from(r < extra);
        let n_counties = count.div_ceil(7).clamp(1, 98);
        let first_county = counties.len();
        for c in 0..n_counties {
            let stem = rng.pick(PLACE_STEMS).to_lowercase();
            counties.push(county::ActiveModel {
                id: Set(id(counties.len())),
                region_id: Set(rid),
                teryt_code: Set(format!("{rid:02}{:02}", c + 1)),
                name: Set(format!("{stem}ski")),
                kind: Set(CountyKind::County),
            });
        }
        // Regional office and marshal office.
        let marshal_id = id(organisations.len());
        organisations.push(org(
            marshal_id,
            format!("Urząd Marszałkowski Województwa {}", title_case(rname)),
            OrganisationKind::MarshalOffice,
            rid,
            None,
            created,
        ));
        let rops_id = id(organisations.len());
        let rops_name = format!(
            "Regionalny Ośrodek Polityki Społecznej Województwa {}",
            title_case(rname)
        );
        let mut rops = org(
            rops_id,
            rops_name.clone(),
            OrganisationKind::Rops,
            rid,
            Some(marshal_id),
            created,
        );
        rops.short_name = Set(Some(format!("ROPS {rid:02}")));
        rops.search_text = Set(fold_all([rops_name.as_str(), &format!("ROPS {rid:02}")]));
        organisations.push(rops);
        offices.push(regional_office::ActiveModel {
            id: Set(id(offices.len())),
            region_id: Set(rid),
            organisation_id: Set(rops_id),
            legal_form: Set(RegionalOfficeForm::DepartmentOfMarshalOffice),
        });

        let mut ids = RegionIds {
            id: rid,
            municipalities: Vec::new(),
            centres: Vec::new(),
            projects: Vec::new(),
            rops: (rops_id, rops_name),
            persons: Vec::new(),
        };
        for g in 0..count {
            let county_index = g % n_counties;
            let county_id = id(first_county + county_index);
            let kind = match rng.below(10) {
                0 | 1 => MunicipalityKind::Urban,
                2..=4 => MunicipalityKind::UrbanRural,
                _ => MunicipalityKind::Rural,
            };
            let kind_digit = match kind {
                MunicipalityKind::Urban => 1,
                MunicipalityKind::Rural => 2,
                MunicipalityKind::UrbanRural => 3,
            };
            let name = place_name(place, &mut rng);
            place += 1;
            let muni_id = id(municipalities.len());
            municipalities.push(municipality::ActiveModel {
                id: Set(muni_id),
                region_id: Set(rid),
                county_id: Set(county_id),
                teryt_code: Set(format!(
                    "{rid:02}{:02}{:02}{kind_digit}",
                    county_index + 1,
                    g / n_counties + 1
                )),
                teryt_valid_from: Set(valid_from),
                teryt_valid_to: Set(None),
                name: Set(name.clone()),
                kind: Set(kind),
                search_text: Set(fold(&name)),
            });
            ids.municipalities.push(muni_id);

            // One centre per municipality; some also serve the previous one.
            let centre_id = id(centres.len());
            let (c_created, c_updated) = times(&mut rng);
            let status = match rng.below(10) {
                0 => CentreStatus::Planned,
                1 | 2 => CentreStatus::InCreation,
                _ => CentreStatus::Operating,
            };
            let centre_name = format!("Centrum Usług Społecznych w gminie {name}");
            let address = format!(
                "ul. {} {}, {name}",
                rng.pick(PLACE_STEMS),
                rng.between(1, 120)
            );
            let predecessor = format!("Ośrodek Pomocy Społecznej w gminie {name}");
            centres.push(centre::ActiveModel {
                id: Set(centre_id),
                name: Set(centre_name.clone()),
                status: Set(status),
                creation_mode: Set(Some(CreationMode::OpsTransformation)),
                operating_since: Set((status == CentreStatus::Operating)
                    .then(|| NaiveDate::from_ymd_opt(2024, 1, 1))
                    .flatten()),
                predecessor_name: Set(Some(predecessor.clone())),
                resolution_number: Set(Some(format!("XL/{}/2024", rng.between(100, 999)))),
                resolution_adopted_on: Set(NaiveDate::from_ymd_opt(2023, 11, 28)),
                resolution_body: Set(Some(format!("Rada Gminy {name}"))),
                address: Set(Some(address.clone())),
                website: Set(Some(format!("https://cus{centre_id}.example.invalid"))),
                description: Set(Some(format!(
                    "Centrum usług społecznych gminy {name} (rekord syntetyczny)."
                ))),
                primary_municipality_id: Set(muni_id),
                owner_region_id: Set(rid),
                visibility: Set(visibility(&mut rng, 80, 15)),
                version: Set(1),
                created_at: Set(c_created),
                updated_at: Set(c_updated),
                deleted_at: Set(None),
                search_text: Set(fold_all([
                    centre_name.as_str(),
                    address.as_str(),
                    predecessor.as_str(),
                ])),
            });
            centre_munis.push(centre_municipality::ActiveModel {
                centre_id: Set(centre_id),
                municipality_id: Set(muni_id),
                is_primary: Set(true),
            });
            if g > 0 && rng.chance(10) {
                centre_munis.push(centre_municipality::ActiveModel {
                    centre_id: Set(centre_id),
                    municipality_id: Set(muni_id - 1),
                    is_primary: Set(false),
                });
            }
            for category in rng.some(&CATEGORIES, 2, 4) {
                categories.push(centre_service_category::ActiveModel {
                    centre_id: Set(centre_id),
                    category: Set(category),
                });
            }
            ids.centres.push(centre_id);
        }
        // A county family-support centre (PCPR) per county.
        for c in 0..n_counties {
            let seat = ids.municipalities.get(c).copied();
            let mut pcpr = org(
                id(organisations.len()),
                format!("Powiatowe Centrum Pomocy Rodzinie nr {}", c + 1),
                OrganisationKind::Pcpr,
                rid,
                None,
                created,
            );
            pcpr.municipality_id = Set(seat);
            organisations.push(pcpr);
        }
        net.regions.push(ids);
    }
    summary.counties = counties.len();
    summary.organisations = organisations.len();
    out.put("counties", counties).await?;
    out.put("municipalities", municipalities).await?;
    out.put("organisations", organisations).await?;
    out.put("regional offices", offices).await?;
    out.put("centres", centres).await?;
    out.put("centre municipalities", centre_munis).await?;
    out.put("centre service categories", categories).await?;

    let programmes: Vec<funding_programme::ActiveModel> = PROGRAMMES
        .iter()
        .enumerate()
        .map(
            |(i, &(code, name, fund, start, end))| funding_programme::ActiveModel {
                id: Set(id(i)),
                code: Set(code.to_owned()),
                name: Set(name.to_owned()),
                fund: Set(fund),
                period_start_year: Set(start),
                period_end_year: Set(end),
            },
        )
        .collect();
    out.put("funding programmes", programmes).await?;

    projects(out, &mut net, summary.projects, &mut rng).await?;
    people(out, &mut net, summary.persons, &mut rng).await?;
    Ok(net)
}

/// Projects, each with one or two centres of its region.
async fn projects(
    out: &Writer<'_>,
    net: &mut Network,
    count: usize,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let mut rows = Vec::with_capacity(count);
    let mut links = Vec::new();
    let regions = net.regions.len();
    for p in 0..count {
        let region = &mut net.regions[p % regions];
        let project_id = id(p);
        let (created, updated) = times(rng);
        let (code, ..) = *rng.pick(&PROGRAMMES);
        let programme = PROGRAMMES.iter().position(|x| x.0 == code).unwrap_or(0);
        let place = rng.pick(&region.centres).to_owned();
        let title = format!(
            "Rozwój usług społecznych w gminach województwa – edycja {}",
            p / regions + 1
        );
        let requested = rng.between(500_000, 7_000_000) * 100;
        rows.push(project::ActiveModel {
            id: Set(project_id),
            title: Set(title.clone()),
            short_title: Set(None),
            programme_id: Set(id(programme)),
            action_id: Set(None),
            status: Set(*rng.pick(&[
                ProjectStatus::Ongoing,
                ProjectStatus::Contracted,
                ProjectStatus::Completed,
                ProjectStatus::Applied,
            ])),
            selection_mode: Set(Some(SelectionMode::Competitive)),
            agreement_number: Set(Some(format!("UM/{code}/{project_id}/2024"))),
            agreement_signed_on: Set(NaiveDate::from_ymd_opt(2024, 3, 15)),
            start_date: Set(NaiveDate::from_ymd_opt(2024, 4, 1)),
            end_date: Set(NaiveDate::from_ymd_opt(2027, 12, 31)),
            total_value_grosze: Set(Some(requested + requested / 10)),
            total_value_approximate: Set(false),
            grant_requested_grosze: Set(Some(requested)),
            grant_requested_approximate: Set(false),
            grant_awarded_grosze: Set(rng.chance(70).then_some(requested)),
            grant_awarded_approximate: Set(false),
            website: Set(None),
            description: Set(Some("Projekt syntetyczny.".to_owned())),
            owner_region_id: Set(region.id),
            visibility: Set(visibility(rng, 10, 80)),
            version: Set(1),
            created_at: Set(created),
            updated_at: Set(updated),
            deleted_at: Set(None),
            search_text: Set(fold_all([title.as_str(), code])),
        });
        links.push(centre_project::ActiveModel {
            centre_id: Set(place),
            project_id: Set(project_id),
        });
        let other = *rng.pick(&region.centres);
        if other != place && rng.chance(20) {
            links.push(centre_project::ActiveModel {
                centre_id: Set(other),
                project_id: Set(project_id),
            });
        }
        region.projects.push(project_id);
    }
    out.put("projects", rows).await?;
    out.put("centre projects", links).await
}

/// Persons, each with an expert profile at a centre of their region.
async fn people(
    out: &Writer<'_>,
    net: &mut Network,
    count: usize,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let mut persons = Vec::with_capacity(count);
    let mut experts = Vec::with_capacity(count);
    let regions = net.regions.len();
    for p in 0..count {
        let region = &mut net.regions[p % regions];
        let (given, family) = person_name(rng);
        let (created, updated) = times(rng);
        let vis = visibility(rng, 0, 75);
        let label = format!("{given} {family}");
        region.persons.push((id(p), label.clone()));
        persons.push(person::ActiveModel {
            id: Set(id(p)),
            given_name: Set(given.clone()),
            family_name: Set(family.clone()),
            honorific: Set(rng.chance(15).then(|| "dr".to_owned())),
            email: Set(Some(mail(&given, &family, p + 1))),
            phone: Set(Some(format!(
                "+48 000 {:03} {:03}",
                p / 1000 % 1000,
                p % 1000
            ))),
            owner_region_id: Set(region.id),
            visibility: Set(vis),
            version: Set(1),
            created_at: Set(created),
            updated_at: Set(updated),
            deleted_at: Set(None),
            search_text: Set(fold_all([given.as_str(), family.as_str()])),
        });
        let specs: Vec<&str> = rng.some(SPECIALISATIONS, 1, 3);
        let readable: Vec<String> = specs.iter().map(|s| s.replace('_', " ")).collect();
        experts.push(expert::ActiveModel {
            id: Set(id(p)),
            person_id: Set(id(p)),
            organisation_id: Set(Some(region.rops.0)),
            centre_id: Set(Some(*rng.pick(&region.centres))),
            summary: Set(Some(format!(
                "Ekspert w obszarze: {} (rekord syntetyczny).",
                readable.join(", ").to_lowercase()
            ))),
            specialisations: Set(Json::from(specs)),
            owner_region_id: Set(region.id),
            visibility: Set(if vis == Visibility::Region {
                Visibility::Region
            } else {
                visibility(rng, 0, 90)
            }),
            version: Set(1),
            created_at: Set(created),
            updated_at: Set(updated),
            deleted_at: Set(None),
            search_text: Set(fold_all(
                std::iter::once(label.as_str()).chain(readable.iter().map(String::as_str)),
            )),
        });
    }
    out.put("persons", persons).await?;
    out.put("experts", experts).await
}

/// A public organisation row.
fn org(
    org_id: i64,
    name: String,
    kind: OrganisationKind,
    region: i64,
    parent: Option<i64>,
    at: chrono::DateTime<chrono::Utc>,
) -> organisation::ActiveModel {
    organisation::ActiveModel {
        id: Set(org_id),
        search_text: Set(fold(&name)),
        name: Set(name),
        short_name: Set(None),
        aliases: Set(Json::Array(Vec::new())),
        kind: Set(kind),
        municipality_id: Set(None),
        parent_id: Set(parent),
        website: Set(None),
        owner_region_id: Set(region),
        visibility: Set(Visibility::Public),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
        deleted_at: Set(None),
    }
}

/// „świętokrzyskie” → „Świętokrzyskiego” style genitive of a voivodeship's adjective name.
fn title_case(region: &str) -> String {
    let genitive = region
        .strip_suffix("ie")
        .map_or_else(|| region.to_owned(), |stem| format!("{stem}iego"));
    let mut chars = genitive.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
