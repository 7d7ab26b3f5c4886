//! Directory records of the demo network: organisations (with the regional offices of the
//! three member regions) and social-services centres with their municipalities and service
//! categories.

use entity::enums::{
    CentreStatus as St, CreationMode, OrganisationKind as Kind, RegionalOfficeForm,
    ServiceCategory as Cat, Visibility,
};
use entity::{centre, centre_municipality, centre_service_category, organisation, regional_office};
use sea_orm::{ActiveValue::NotSet, Set};

use super::reference::region_of;
use super::{Seed, insert, insert_many, opt_date, owned, strings};
use crate::text::fold_all;

/// An organisation: key, name, short name, aliases, kind, region (= owner region), seat
/// municipality (TERC), parent key, website, visibility.
struct Org {
    key: &'static str,
    name: &'static str,
    short: Option<&'static str>,
    aliases: &'static [&'static str],
    kind: Kind,
    region: i64,
    gmina: Option<&'static str>,
    parent: Option<&'static str>,
    website: Option<&'static str>,
    visibility: Visibility,
}

/// A public organisation without aliases, parent or website.
const fn public(
    key: &'static str,
    name: &'static str,
    short: Option<&'static str>,
    kind: Kind,
    region: i64,
    gmina: Option<&'static str>,
) -> Org {
    Org {
        key,
        name,
        short,
        aliases: &[],
        kind,
        region,
        gmina,
        parent: None,
        website: None,
        visibility: Visibility::Public,
    }
}

/// Organisations, parents before children.
const ORGS: &[Org] = &[
    public(
        "org:um-swietokrzyskie",
        "Urząd Marszałkowski Województwa Świętokrzyskiego",
        None,
        Kind::MarshalOffice,
        26,
        Some("2661011"),
    ),
    Org {
        aliases: &[
            "Regionalny Ośrodek Polityki Społecznej w Kielcach",
            "ROPS w Kielcach",
            "ROPS Kielce",
        ],
        parent: Some("org:um-swietokrzyskie"),
        ..public(
            "org:rops-kielce",
            "Regionalny Ośrodek Polityki Społecznej Urzędu Marszałkowskiego Województwa Świętokrzyskiego w Kielcach",
            Some("ROPS Kielce"),
            Kind::Rops,
            26,
            Some("2661011"),
        )
    },
    public(
        "org:zw-warminsko-mazurskie",
        "Zarząd Województwa Warmińsko-Mazurskiego",
        None,
        Kind::VoivodeshipBoard,
        28,
        Some("2862011"),
    ),
    Org {
        aliases: &["ROPS Olsztyn", "ROPS UMWWM w Olsztynie"],
        ..public(
            "org:rops-olsztyn",
            "Regionalny Ośrodek Polityki Społecznej Urzędu Marszałkowskiego Województwa Warmińsko-Mazurskiego w Olsztynie",
            Some("ROPS Olsztyn"),
            Kind::Rops,
            28,
            Some("2862011"),
        )
    },
    Org {
        aliases: &["ROPS Rzeszów", "ROPS w Rzeszowie"],
        ..public(
            "org:rops-rzeszow",
            "Regionalny Ośrodek Polityki Społecznej w Rzeszowie",
            Some("ROPS Rzeszów"),
            Kind::Rops,
            18,
            Some("1863011"),
        )
    },
    public(
        "org:rops-szczecin",
        "Regionalny Ośrodek Polityki Społecznej w Szczecinie",
        Some("ROPS Szczecin"),
        Kind::Rops,
        32,
        Some("3262011"),
    ),
    Org {
        aliases: &[
            "Uczelnia Korczaka",
            "Uczelnia Korczaka w Warszawie",
            "WSP im. J. Korczaka",
        ],
        visibility: Visibility::Network,
        ..public(
            "org:uczelnia-korczaka",
            "Wyższa Szkoła Pedagogiczna im. Janusza Korczaka w Warszawie",
            Some("Uczelnia Korczaka"),
            Kind::University,
            14,
            Some("1465011"),
        )
    },
    Org {
        aliases: &["Kancelaria Prezydenta RP", "KPRP"],
        ..public(
            "org:kprp",
            "Kancelaria Prezydenta Rzeczypospolitej Polskiej",
            Some("KPRP"),
            Kind::StateAuthority,
            14,
            Some("1465011"),
        )
    },
    Org {
        aliases: &[
            "Rada ds. Społecznych NRR",
            "Rada do spraw Społecznych Narodowej Rady Rozwoju",
        ],
        ..public(
            "org:rada-spoleczna-nrr",
            "Rada do spraw Społecznych Narodowej Rady Rozwoju przy Prezydencie RP",
            Some("Rada ds. Społecznych NRR"),
            Kind::AdvisoryBody,
            14,
            None,
        )
    },
    public(
        "org:gmina-bukowsko",
        "Gmina Bukowsko",
        None,
        Kind::Municipality,
        18,
        Some("1817032"),
    ),
    // Centres whose staff hold positions (or that run a facility) also appear as organisations.
    Org {
        website: Some("https://cus.bukowsko.pl"),
        ..public(
            "org:cus-bukowsko",
            "Centrum Usług Społecznych w Bukowsku",
            Some("CUS Bukowsko"),
            Kind::Cus,
            18,
            Some("1817032"),
        )
    },
    Org {
        aliases: &["Klub Senior+ w Tokarni"],
        parent: Some("org:cus-bukowsko"),
        ..public(
            "org:klub-senior-tokarnia",
            "Klub „Senior+” w Tokarni",
            None,
            Kind::SeniorClub,
            18,
            Some("1817032"),
        )
    },
    public(
        "org:cus-czersk",
        "Centrum Usług Społecznych w Czersku",
        Some("CUS Czersk"),
        Kind::Cus,
        22,
        Some("2202043"),
    ),
    public(
        "org:cus-resko",
        "Centrum Usług Społecznych w Resku",
        Some("CUS Resko"),
        Kind::Cus,
        32,
        Some("3218043"),
    ),
    public(
        "org:cus-goleniow",
        "Centrum Usług Społecznych w Goleniowie",
        Some("CUS Goleniów"),
        Kind::Cus,
        32,
        Some("3204023"),
    ),
    public(
        "venue:filharmonia-swietokrzyska",
        "Filharmonia Świętokrzyska",
        None,
        Kind::Venue,
        26,
        Some("2661011"),
    ),
    // Project partners outside the network.
    public(
        "org:rops-torun",
        "Regionalny Ośrodek Polityki Społecznej w Toruniu",
        Some("ROPS Toruń"),
        Kind::Rops,
        4,
        None,
    ),
    public(
        "org:rops-zielona-gora",
        "Regionalny Ośrodek Polityki Społecznej w Zielonej Górze",
        Some("ROPS Zielona Góra"),
        Kind::Rops,
        8,
        None,
    ),
    public(
        "org:rops-gdansk",
        "Regionalny Ośrodek Polityki Społecznej w Gdańsku",
        Some("ROPS Gdańsk"),
        Kind::Rops,
        22,
        None,
    ),
    public(
        "org:rops-poznan",
        "Regionalny Ośrodek Polityki Społecznej w Poznaniu",
        Some("ROPS Poznań"),
        Kind::Rops,
        30,
        None,
    ),
    public(
        "org:umk-torun",
        "Uniwersytet Mikołaja Kopernika w Toruniu",
        Some("UMK"),
        Kind::University,
        4,
        None,
    ),
    public(
        "org:rops-bialystok",
        "Regionalny Ośrodek Polityki Społecznej w Białymstoku",
        Some("ROPS Białystok"),
        Kind::Rops,
        20,
        None,
    ),
    public(
        "org:rops-lublin",
        "Regionalny Ośrodek Polityki Społecznej w Lublinie",
        Some("ROPS Lublin"),
        Kind::Rops,
        6,
        None,
    ),
    public(
        "org:mcps",
        "Mazowieckie Centrum Polityki Społecznej",
        Some("MCPS"),
        Kind::Rops,
        14,
        None,
    ),
];

/// Regional offices of the member regions: region, organisation key, legal form.
const OFFICES: [(i64, &str, RegionalOfficeForm); 3] = [
    (
        26,
        "org:rops-kielce",
        RegionalOfficeForm::DepartmentOfMarshalOffice,
    ),
    (
        28,
        "org:rops-olsztyn",
        RegionalOfficeForm::DepartmentOfMarshalOffice,
    ),
    (18, "org:rops-rzeszow", RegionalOfficeForm::SeparateUnit),
];

/// Establishing resolution: number, adoption date, council.
type Resolution = (&'static str, Option<&'static str>, &'static str);

/// A centre; owner region = region of the primary municipality; visibility PUBLIC.
struct Centre {
    key: &'static str,
    name: &'static str,
    gmina: &'static str,
    status: St,
    mode: Option<CreationMode>,
    since: Option<&'static str>,
    predecessor: Option<&'static str>,
    resolution: Option<Resolution>,
    address: Option<&'static str>,
    website: Option<&'static str>,
    description: &'static str,
    categories: &'static [Cat],
}

/// A centre known only by name, municipality, status and a short description.
const fn centre(
    key: &'static str,
    name: &'static str,
    gmina: &'static str,
    status: St,
    description: &'static str,
) -> Centre {
    Centre {
        key,
        name,
        gmina,
        status,
        mode: None,
        since: None,
        predecessor: None,
        resolution: None,
        address: None,
        website: None,
        description,
        categories: &[],
    }
}

/// Services the six operating świętokrzyskie centres offer (S1: support for older people,
/// people with disabilities and families; training and career counselling; cultural, sports
/// and educational events; crisis help incl. health).
const SWK_SERVICES: &[Cat] = &[
    Cat::FamilySupport,
    Cat::SocialAssistance,
    Cat::HealthPromotion,
    Cat::DisabilitySupport,
    Cat::PublicEducation,
    Cat::UnemploymentPrevention,
    Cat::Culture,
    Cat::SportAndTourism,
];

const OPERATING_26: &str = "Jedno z sześciu CUS działających w województwie świętokrzyskim według konferencji ROPS w Kielcach.";
const SELECTED_26: &str = "Jedno z sześciu planowanych CUS w regionie: wniosek o dofinansowanie z FEŚ oceniony pozytywnie i wybrany do dofinansowania, umowy jeszcze brak.";
const CONTRACTED_26: &str = "Jedno z sześciu planowanych CUS w regionie: umowa o dofinansowanie z FEŚ podpisana, centrum w trakcie tworzenia.";
pub(super) const LATER_26: &str = "Umowa FEŚ na utworzenie CUS podpisana przez marszałek Renatę Janik (jedna z sześciu umów na łącznie 34,8 mln zł dla 3660 osób; źródło internetowe). Nazwa centrum utworzona od nazwy gminy.";

/// Centres.
const CENTRES: &[Centre] = &[
    Centre {
        categories: SWK_SERVICES,
        ..centre(
            "centre:gorno",
            "Centrum Usług Społecznych w Górnie",
            "2604062",
            St::Operating,
            OPERATING_26,
        )
    },
    Centre {
        mode: Some(CreationMode::OpsTransformation),
        since: Some("2024-09-30"),
        predecessor: Some("Miejsko-Gminny Ośrodek Pomocy Społecznej w Łagowie"),
        resolution: Some(("IX/36/2024", None, "Rada Miejska w Łagowie")),
        categories: SWK_SERVICES,
        ..centre(
            "centre:lagow",
            "Centrum Usług Społecznych w Łagowie",
            "2604073",
            St::Operating,
            "Szóste CUS w województwie świętokrzyskim, działa od 30 września 2024 r.; powstało z przekształcenia MGOPS.",
        )
    },
    Centre {
        categories: SWK_SERVICES,
        ..centre(
            "centre:mniow",
            "Centrum Usług Społecznych w Mniowie",
            "2604112",
            St::Operating,
            OPERATING_26,
        )
    },
    Centre {
        mode: Some(CreationMode::OpsTransformation),
        predecessor: Some("Miejski Ośrodek Pomocy Społecznej w Starachowicach"),
        categories: SWK_SERVICES,
        ..centre(
            "centre:starachowice",
            "Centrum Usług Społecznych w Starachowicach",
            "2611011",
            St::Operating,
            "Jedno z pierwszych CUS w Polsce (ok. 2020 r.); gospodarz ogólnopolskich kongresów CUS w październiku 2021 r. i w czerwcu 2022 r.",
        )
    },
    Centre {
        categories: SWK_SERVICES,
        ..centre(
            "centre:stopnica",
            "Centrum Usług Społecznych w Stopnicy",
            "2601063",
            St::Operating,
            OPERATING_26,
        )
    },
    Centre {
        address: Some("ul. Turystyczna 86, 26-050 Zagnańsk"),
        website: Some("https://cuszagnansk.pl"),
        categories: SWK_SERVICES,
        ..centre(
            "centre:zagnansk",
            "Centrum Usług Społecznych w Zagnańsku",
            "2604192",
            St::Operating,
            OPERATING_26,
        )
    },
    centre(
        "centre:polaniec",
        "Centrum Usług Społecznych w Połańcu",
        "2612053",
        St::InCreation,
        CONTRACTED_26,
    ),
    centre(
        "centre:daleszyce",
        "Centrum Usług Społecznych w Daleszycach",
        "2604053",
        St::Planned,
        SELECTED_26,
    ),
    centre(
        "centre:dzialoszyce",
        "Centrum Usług Społecznych w Działoszycach",
        "2608013",
        St::InCreation,
        CONTRACTED_26,
    ),
    centre(
        "centre:michalow",
        "Centrum Usług Społecznych w Michałowie",
        "2608032",
        St::Planned,
        SELECTED_26,
    ),
    Centre {
        website: Some("https://cus.ostrowiec.pl"),
        ..centre(
            "centre:ostrowiec",
            "Centrum Usług Społecznych w Ostrowcu Świętokrzyskim",
            "2607011",
            St::InCreation,
            CONTRACTED_26,
        )
    },
    centre(
        "centre:skarzysko",
        "Centrum Usług Społecznych w Skarżysku-Kamiennej",
        "2610011",
        St::Planned,
        SELECTED_26,
    ),
    Centre {
        mode: Some(CreationMode::OpsTransformation),
        since: Some("2021-09-01"),
        predecessor: Some("Gminny Ośrodek Pomocy Społecznej w Bukowsku"),
        resolution: Some(("XXXIV/326/2021", Some("2021-08-30"), "Rada Gminy Bukowsko")),
        website: Some("https://cus.bukowsko.pl"),
        categories: &[Cat::SocialAssistance, Cat::Culture],
        ..centre(
            "centre:bukowsko",
            "Centrum Usług Społecznych w Bukowsku",
            "1817032",
            St::Operating,
            "CUS z pilotażu POWER (Działanie 2.8), uroczyście otwarte 8 kwietnia (najpewniej 2022 r.). Prowadzi Klub „Senior+” w Tokarni; w czerwcu 2023 r. przyjęło cztery wizyty studyjne.",
        )
    },
    Centre {
        mode: Some(CreationMode::OpsTransformation),
        since: Some("2021-01-01"),
        predecessor: Some("Miejsko-Gminny Ośrodek Pomocy Społecznej w Czersku"),
        resolution: Some(("XIV/266/20", Some("2020-09-22"), "Rada Miejska w Czersku")),
        address: Some("ul. Przytorowa 22, 89-650 Czersk"),
        website: Some("https://cusczersk.mojbip.pl"),
        categories: &[Cat::SocialAssistance],
        ..centre(
            "centre:czersk",
            "Centrum Usług Społecznych w Czersku",
            "2202043",
            St::Operating,
            "CUS utworzone poza pilotażem POWER; jego dobre praktyki pokazano na spotkaniu ROPS w Olsztynie w październiku 2021 r.",
        )
    },
    Centre {
        mode: Some(CreationMode::OpsTransformation),
        since: Some("2020-01-01"),
        predecessor: Some("Ośrodek Pomocy Społecznej w Resku"),
        resolution: Some(("X/87/19", Some("2019-10-30"), "Rada Miejska w Resku")),
        address: Some("ul. Boh. Monte Cassino 10, 72-315 Resko"),
        categories: &[Cat::SocialAssistance],
        ..centre(
            "centre:resko",
            "Centrum Usług Społecznych w Resku",
            "3218043",
            St::Operating,
            "CUS działające od pierwszego dnia obowiązywania ustawy o CUS; dobre praktyki pokazane na spotkaniu ROPS w Olsztynie w październiku 2021 r.",
        )
    },
    Centre {
        mode: Some(CreationMode::OpsTransformation),
        predecessor: Some("Ośrodek Pomocy Społecznej w Goleniowie"),
        address: Some("ul. Pocztowa 13, 72-100 Goleniów"),
        website: Some("https://cus.goleniow.pl"),
        categories: &[Cat::SocialAssistance],
        ..centre(
            "centre:goleniow",
            "Centrum Usług Społecznych w Goleniowie",
            "3204023",
            St::Operating,
            "Data uruchomienia nieznana: w październiku 2021 r. przekształcenie OPS jeszcze trwało (diagnozę przedstawiono 8 października 2021 r.).",
        )
    },
    // Enrichment (web, not in the press texts): the six later FEŚ contracts.
    centre(
        "centre:kazimierza-wielka",
        "Centrum Usług Społecznych w Kazimierzy Wielkiej",
        "2603033",
        St::InCreation,
        LATER_26,
    ),
    centre(
        "centre:malogoszcz",
        "Centrum Usług Społecznych w Małogoszczu",
        "2602033",
        St::InCreation,
        LATER_26,
    ),
    centre(
        "centre:morawica",
        "Centrum Usług Społecznych w Morawicy",
        "2604123",
        St::InCreation,
        LATER_26,
    ),
    centre(
        "centre:pinczow",
        "Centrum Usług Społecznych w Pińczowie",
        "2608043",
        St::InCreation,
        LATER_26,
    ),
    centre(
        "centre:piekoszow",
        "Centrum Usług Społecznych w Piekoszowie",
        "2604143",
        St::InCreation,
        LATER_26,
    ),
    centre(
        "centre:skalbmierz",
        "Centrum Usług Społecznych w Skalbmierzu",
        "2603053",
        St::InCreation,
        LATER_26,
    ),
];

/// Inserts organisations, regional offices and centres.
pub(super) async fn load(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let txn = seed.txn;
    let now = seed.now;

    for o in ORGS {
        let id = insert(
            txn,
            organisation::ActiveModel {
                id: NotSet,
                name: Set(o.name.to_owned()),
                short_name: Set(owned(o.short)),
                aliases: Set(strings(o.aliases)),
                kind: Set(o.kind),
                municipality_id: Set(seed.opt_id(o.gmina)?),
                parent_id: Set(seed.opt_id(o.parent)?),
                website: Set(owned(o.website)),
                owner_region_id: Set(o.region),
                visibility: Set(o.visibility),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all(
                    [o.name]
                        .into_iter()
                        .chain(o.short)
                        .chain(o.aliases.iter().copied()),
                )),
            },
        )
        .await?;
        seed.put(o.key, id, o.name)?;
    }

    let mut offices = Vec::new();
    for &(region_id, org, form) in &OFFICES {
        offices.push(regional_office::ActiveModel {
            id: NotSet,
            region_id: Set(region_id),
            organisation_id: Set(seed.id(org)?),
            legal_form: Set(form),
        });
    }
    insert_many(txn, offices).await?;

    let (mut links, mut categories) = (Vec::new(), Vec::new());
    for c in CENTRES {
        let gmina = seed.id(c.gmina)?;
        let (number, adopted, body) = match c.resolution {
            Some((n, a, b)) => (Some(n), a, Some(b)),
            None => (None, None, None),
        };
        let id = insert(
            txn,
            centre::ActiveModel {
                id: NotSet,
                name: Set(c.name.to_owned()),
                status: Set(c.status),
                creation_mode: Set(c.mode),
                operating_since: Set(opt_date(c.since)?),
                predecessor_name: Set(owned(c.predecessor)),
                resolution_number: Set(owned(number)),
                resolution_adopted_on: Set(opt_date(adopted)?),
                resolution_body: Set(owned(body)),
                address: Set(owned(c.address)),
                website: Set(owned(c.website)),
                description: Set(Some(c.description.to_owned())),
                primary_municipality_id: Set(gmina),
                owner_region_id: Set(region_of(c.gmina)?),
                visibility: Set(Visibility::Public),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all(
                    [c.name, seed.label(c.gmina)?]
                        .into_iter()
                        .chain(c.predecessor),
                )),
            },
        )
        .await?;
        seed.put(c.key, id, c.name)?;
        links.push(centre_municipality::ActiveModel {
            centre_id: Set(id),
            municipality_id: Set(gmina),
            is_primary: Set(true),
        });
        categories.extend(c.categories.iter().map(|&category| {
            centre_service_category::ActiveModel {
                centre_id: Set(id),
                category: Set(category),
            }
        }));
    }
    insert_many(txn, links).await?;
    insert_many(txn, categories).await?;
    Ok(())
}
