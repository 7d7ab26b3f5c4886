//! Reference data of the demo network: all 16 voivodeships, the counties and municipalities
//! the seed facts need (TERC, state 2024-01-01) and the funding programmes with their actions.

use std::collections::HashMap;

use anyhow::Context as _;
use entity::enums::{CountyKind, Fund, MunicipalityKind};
use entity::{county, funding_action, funding_programme, municipality, region};
use sea_orm::{ActiveValue::NotSet, EntityTrait, Set};

use super::{Seed, date, insert_many};
use crate::text::fold;

/// Voivodeships: TERYT number (also the row id), Polish name, English name, network member.
pub(super) const REGIONS: [(i64, &str, &str, bool); 16] = [
    (2, "dolnośląskie", "Lower Silesian", false),
    (4, "kujawsko-pomorskie", "Kuyavian-Pomeranian", false),
    (6, "lubelskie", "Lublin", false),
    (8, "lubuskie", "Lubusz", false),
    (10, "łódzkie", "Łódź", false),
    (12, "małopolskie", "Lesser Poland", false),
    (14, "mazowieckie", "Masovian", false),
    (16, "opolskie", "Opole", false),
    (18, "podkarpackie", "Subcarpathian", true),
    (20, "podlaskie", "Podlaskie", false),
    (22, "pomorskie", "Pomeranian", false),
    (24, "śląskie", "Silesian", false),
    (26, "świętokrzyskie", "Świętokrzyskie", true),
    (28, "warmińsko-mazurskie", "Warmian-Masurian", true),
    (30, "wielkopolskie", "Greater Poland", false),
    (32, "zachodniopomorskie", "West Pomeranian", false),
];

/// Counties (powiaty): 4-digit TERC code and name. Codes with powiat ≥ 61 are cities with
/// county rights.
const COUNTIES: [(&str, &str); 18] = [
    ("1465", "Warszawa"),
    ("1817", "sanocki"),
    ("1863", "Rzeszów"),
    ("2202", "chojnicki"),
    ("2601", "buski"),
    ("2602", "jędrzejowski"),
    ("2603", "kazimierski"),
    ("2604", "kielecki"),
    ("2607", "ostrowiecki"),
    ("2608", "pińczowski"),
    ("2610", "skarżyski"),
    ("2611", "starachowicki"),
    ("2612", "staszowski"),
    ("2661", "Kielce"),
    ("2862", "Olsztyn"),
    ("3204", "goleniowski"),
    ("3218", "łobeski"),
    ("3262", "Szczecin"),
];

/// Municipalities (gminy): 7-digit TERC code (WWPPGGR; R = kind) and name. The code is also
/// the fixture key other modules use.
const MUNICIPALITIES: [(&str, &str); 27] = [
    ("2604062", "Górno"),
    ("2604073", "Łagów"),
    ("2604112", "Mniów"),
    ("2611011", "Starachowice"),
    ("2601063", "Stopnica"),
    ("2604192", "Zagnańsk"),
    ("2612053", "Połaniec"),
    ("2604053", "Daleszyce"),
    ("2608013", "Działoszyce"),
    ("2608032", "Michałów"),
    ("2607011", "Ostrowiec Świętokrzyski"),
    ("2610011", "Skarżysko-Kamienna"),
    ("1817032", "Bukowsko"),
    ("2202043", "Czersk"),
    ("3218043", "Resko"),
    ("3204023", "Goleniów"),
    ("2661011", "Kielce"),
    ("2862011", "Olsztyn"),
    ("1863011", "Rzeszów"),
    ("3262011", "Szczecin"),
    ("1465011", "Warszawa"),
    ("2603033", "Kazimierza Wielka"),
    ("2602033", "Małogoszcz"),
    ("2604123", "Morawica"),
    ("2608043", "Pińczów"),
    ("2604143", "Piekoszów"),
    ("2603053", "Skalbmierz"),
];

/// Funding programmes: code (also the fixture key), name, fund, first and last year.
pub(super) const PROGRAMMES: [(&str, &str, Fund, i32, i32); 6] = [
    (
        "POWER",
        "Program Operacyjny Wiedza Edukacja Rozwój 2014-2020",
        Fund::Esf,
        2014,
        2020,
    ),
    (
        "FERS",
        "Fundusze Europejskie dla Rozwoju Społecznego 2021-2027",
        Fund::EsfPlus,
        2021,
        2027,
    ),
    (
        "FESW",
        "Fundusze Europejskie dla Świętokrzyskiego 2021-2027",
        Fund::EsfPlus,
        2021,
        2027,
    ),
    (
        "RPOWS",
        "Regionalny Program Operacyjny Województwa Świętokrzyskiego na lata 2014-2020",
        Fund::Esf,
        2014,
        2020,
    ),
    (
        "FEWM",
        "Fundusze Europejskie dla Warmii i Mazur 2021-2027",
        Fund::EsfPlus,
        2021,
        2027,
    ),
    (
        "FEPK",
        "Fundusze Europejskie dla Podkarpacia 2021-2027",
        Fund::EsfPlus,
        2021,
        2027,
    ),
];

/// Funding actions: programme code, action code (also the fixture key), name.
const ACTIONS: [(&str, &str, &str); 4] = [
    ("POWER", "POWER.02.05", "Skuteczna pomoc społeczna"),
    (
        "POWER",
        "POWER.02.08",
        "Rozwój usług społecznych świadczonych w środowisku lokalnym",
    ),
    (
        "FERS",
        "FERS.04.13",
        "Wysokiej jakości system włączenia społecznego",
    ),
    (
        "FESW",
        "FESW.09.04",
        "Zwiększenie dostępności usług społecznych i zdrowotnych",
    ),
];

/// The region id (voivodeship TERYT number) a TERC code starts with.
pub(super) fn region_of(code: &str) -> anyhow::Result<i64> {
    code.get(..2)
        .and_then(|w| w.parse().ok())
        .with_context(|| format!("bad TERC code {code}"))
}

/// Municipality kind from the last TERC digit (1 urban, 2 rural, 3 urban-rural).
fn municipality_kind(code: &str) -> anyhow::Result<MunicipalityKind> {
    match code.get(6..) {
        Some("1") => Ok(MunicipalityKind::Urban),
        Some("2") => Ok(MunicipalityKind::Rural),
        Some("3") => Ok(MunicipalityKind::UrbanRural),
        _ => anyhow::bail!("unexpected municipality kind in {code}"),
    }
}

/// County kind from the powiat digits (≥ 61: city with county rights).
fn county_kind(code: &str) -> anyhow::Result<CountyKind> {
    let powiat: u32 = code
        .get(2..4)
        .and_then(|p| p.parse().ok())
        .with_context(|| format!("bad county code {code}"))?;
    Ok(if powiat >= 61 {
        CountyKind::CityCounty
    } else {
        CountyKind::County
    })
}

/// Inserts the reference data and records the municipality, programme and action ids.
pub(super) async fn load(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let txn = seed.txn;
    insert_many(
        txn,
        REGIONS
            .iter()
            .map(|&(id, name, name_en, member)| region::ActiveModel {
                id: Set(id),
                teryt_code: Set(format!("{id:02}")),
                iso_code: Set(format!("PL-{id:02}")),
                name: Set(name.to_owned()),
                name_en: Set(name_en.to_owned()),
                is_network_member: Set(member),
            })
            .collect(),
    )
    .await
    .context("regions")?;

    let mut counties = Vec::new();
    for &(code, name) in &COUNTIES {
        counties.push(county::ActiveModel {
            id: NotSet,
            region_id: Set(region_of(code)?),
            teryt_code: Set(code.to_owned()),
            name: Set(name.to_owned()),
            kind: Set(county_kind(code)?),
        });
    }
    insert_many(txn, counties).await.context("counties")?;
    let county_ids: HashMap<String, i64> = county::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|c| (c.teryt_code, c.id))
        .collect();

    let valid_from = date("2024-01-01")?;
    let mut municipalities = Vec::new();
    for &(code, name) in &MUNICIPALITIES {
        let county_code = code.get(..4).context("short TERC code")?;
        municipalities.push(municipality::ActiveModel {
            id: NotSet,
            region_id: Set(region_of(code)?),
            county_id: Set(*county_ids
                .get(county_code)
                .with_context(|| format!("no county {county_code}"))?),
            teryt_code: Set(code.to_owned()),
            teryt_valid_from: Set(valid_from),
            teryt_valid_to: Set(None),
            name: Set(name.to_owned()),
            kind: Set(municipality_kind(code)?),
            search_text: Set(fold(name)),
        });
    }
    insert_many(txn, municipalities)
        .await
        .context("municipalities")?;
    let municipality_ids: HashMap<String, i64> = municipality::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|m| (m.teryt_code, m.id))
        .collect();
    for &(code, name) in &MUNICIPALITIES {
        let id = *municipality_ids
            .get(code)
            .with_context(|| format!("municipality {code} not stored"))?;
        seed.put(code, id, name)?;
    }

    insert_many(
        txn,
        PROGRAMMES
            .iter()
            .map(
                |&(code, name, fund, start, end)| funding_programme::ActiveModel {
                    id: NotSet,
                    code: Set(code.to_owned()),
                    name: Set(name.to_owned()),
                    fund: Set(fund),
                    period_start_year: Set(start),
                    period_end_year: Set(end),
                },
            )
            .collect(),
    )
    .await
    .context("funding programmes")?;
    let programme_ids: HashMap<String, i64> = funding_programme::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.code, p.id))
        .collect();
    for &(code, name, ..) in &PROGRAMMES {
        let id = *programme_ids
            .get(code)
            .with_context(|| format!("programme {code} not stored"))?;
        seed.put(code, id, name)?;
    }

    let mut actions = Vec::new();
    for &(programme, code, name) in &ACTIONS {
        actions.push(funding_action::ActiveModel {
            id: NotSet,
            programme_id: Set(seed.id(programme)?),
            code: Set(code.to_owned()),
            name: Set(name.to_owned()),
        });
    }
    insert_many(txn, actions).await.context("funding actions")?;
    let action_ids: HashMap<String, i64> = funding_action::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|a| (a.code, a.id))
        .collect();
    for &(_, code, name) in &ACTIONS {
        let id = *action_ids
            .get(code)
            .with_context(|| format!("action {code} not stored"))?;
        seed.put(code, id, name)?;
    }
    Ok(())
}
