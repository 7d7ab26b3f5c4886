//! People of the demo network (officials and experts only, never CUS clients) with their
//! time-bound positions, expert profiles and contact-person entries. E-mails and phones are
//! synthetic.

use entity::enums::{RoleType as R, Visibility};
use entity::{contact_person, expert, person, position};
use sea_orm::{ActiveValue::NotSet, Set};

use super::{Seed, insert, insert_many, opt_date, owned, strings};
use crate::text::{fold, fold_all};

/// People: key, honorific, given name, family name, owner region. Visibility NETWORK.
const PEOPLE: [(&str, Option<&str>, &str, &str, i64); 18] = [
    ("person:renata-janik", None, "Renata", "Janik", 26),
    ("person:elzbieta-korus", None, "Elżbieta", "Korus", 26),
    (
        "person:arkadiusz-slipikowski",
        None,
        "Arkadiusz",
        "Ślipikowski",
        26,
    ),
    ("person:rafal-szwed", None, "Rafał", "Szwed", 26),
    (
        "person:jolanta-piotrowska",
        None,
        "Jolanta",
        "Piotrowska",
        28,
    ),
    (
        "person:monika-kocimska-warczak",
        None,
        "Monika",
        "Kocimska-Warczak",
        28,
    ),
    (
        "person:barbara-kromolicka",
        Some("prof. dr hab."),
        "Barbara",
        "Kromolicka",
        28,
    ),
    (
        "person:miroslaw-grewinski",
        Some("prof."),
        "Mirosław",
        "Grewiński",
        28,
    ),
    ("person:joanna-lizut", Some("dr"), "Joanna", "Lizut", 28),
    ("person:iwona-klimowicz", None, "Iwona", "Klimowicz", 28),
    (
        "person:anna-bielawska-jutrzenka",
        None,
        "Anna",
        "Bielawska-Jutrzenka",
        28,
    ),
    ("person:iwona-lewandowska", None, "Iwona", "Lewandowska", 28),
    (
        "person:zbigniew-lukaszewski",
        None,
        "Zbigniew",
        "Łukaszewski",
        28,
    ),
    ("person:ewa-sieradzka", None, "Ewa", "Sieradzka", 18),
    ("person:marek-bankowski", None, "Marek", "Bańkowski", 18),
    ("person:anna-kociecka", None, "Anna", "Kocięcka", 28),
    ("person:pawel-brycki", None, "Paweł", "Brycki", 28),
    // Web enrichment: chair of the presidential council, editor of the KPRP brochure series.
    (
        "person:marek-rymsza",
        Some("dr hab."),
        "Marek",
        "Rymsza",
        28,
    ),
];

/// A position: person, organisation, role, title as published, unit, as-of date.
type Position = (
    &'static str,
    &'static str,
    R,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// Positions (time-bound through `as_of`, the date a source confirms them on).
const POSITIONS: &[Position] = &[
    (
        "person:renata-janik",
        "org:um-swietokrzyskie",
        R::ViceMarshal,
        "wicemarszałek województwa świętokrzyskiego",
        None,
        Some("2022-09-29"),
    ),
    (
        "person:renata-janik",
        "org:um-swietokrzyskie",
        R::Marshal,
        "marszałek województwa świętokrzyskiego",
        None,
        Some("2025-04-22"),
    ),
    (
        "person:elzbieta-korus",
        "org:rops-kielce",
        R::Director,
        "dyrektor Regionalnego Ośrodka Polityki Społecznej",
        None,
        Some("2025-04-22"),
    ),
    (
        "person:arkadiusz-slipikowski",
        "org:rops-kielce",
        R::DeputyDirector,
        "zastępca dyrektora Regionalnego Ośrodka Polityki Społecznej",
        None,
        Some("2025-04-22"),
    ),
    (
        "person:rafal-szwed",
        "org:rops-kielce",
        R::HeadOfUnit,
        "kierownik Oddziału Polityki Społecznej i Wsparcia Rodziny",
        Some("Oddział Polityki Społecznej i Wsparcia Rodziny"),
        None,
    ),
    (
        "person:jolanta-piotrowska",
        "org:zw-warminsko-mazurskie",
        R::BoardMember,
        "członek zarządu województwa warmińsko-mazurskiego",
        None,
        Some("2021-10-28"),
    ),
    (
        "person:monika-kocimska-warczak",
        "org:rops-olsztyn",
        R::DeputyDirector,
        "zastępca dyrektora Regionalnego Ośrodka Polityki Społecznej Urzędu Marszałkowskiego Województwa Warmińsko-Mazurskiego w Olsztynie",
        None,
        Some("2021-10-28"),
    ),
    (
        "person:barbara-kromolicka",
        "org:rada-spoleczna-nrr",
        R::CouncilMember,
        "członek Rady ds. Społecznych Narodowej Rady Rozwoju przy Prezydencie RP",
        None,
        Some("2021-10-28"),
    ),
    (
        "person:miroslaw-grewinski",
        "org:uczelnia-korczaka",
        R::Rector,
        "rektor Wyższej Szkoły Pedagogicznej im. Janusza Korczaka w Warszawie",
        None,
        Some("2021-10-28"),
    ),
    (
        "person:joanna-lizut",
        "org:uczelnia-korczaka",
        R::Prorector,
        "prorektor Wyższej Szkoły Pedagogicznej im. Janusza Korczaka w Warszawie",
        None,
        Some("2021-10-28"),
    ),
    (
        "person:iwona-klimowicz",
        "org:rops-szczecin",
        R::Specialist,
        "pracownik Regionalnego Ośrodka Polityki Społecznej w Szczecinie",
        None,
        Some("2021-10-28"),
    ),
    (
        "person:anna-bielawska-jutrzenka",
        "org:cus-czersk",
        R::Director,
        "dyrektor CUS w Czersku",
        None,
        Some("2021-10-28"),
    ),
    (
        "person:iwona-lewandowska",
        "org:cus-resko",
        R::DeputyDirector,
        "zastępca dyrektora CUS w Resku",
        None,
        Some("2021-10-28"),
    ),
    (
        "person:zbigniew-lukaszewski",
        "org:cus-goleniow",
        R::Director,
        "dyrektor CUS w Goleniowie",
        None,
        Some("2021-10-28"),
    ),
    (
        "person:marek-rymsza",
        "org:rada-spoleczna-nrr",
        R::Chair,
        "przewodniczący Rady do spraw Społecznych Narodowej Rady Rozwoju",
        None,
        None,
    ),
    (
        "person:ewa-sieradzka",
        "org:cus-bukowsko",
        R::Director,
        "Dyrektor CUS",
        None,
        Some("2023-06-19"),
    ),
    (
        "person:marek-bankowski",
        "org:gmina-bukowsko",
        R::MunicipalHead,
        "Wójt Gminy Bukowsko",
        None,
        Some("2023-06-19"),
    ),
];

/// An expert profile: person, organisation, centre, specialisations, summary, owner region,
/// visibility.
struct Expert {
    person: &'static str,
    organisation: Option<&'static str>,
    centre: Option<&'static str>,
    areas: &'static [&'static str],
    summary: &'static str,
    owner: i64,
    visibility: Visibility,
}

/// Expert profiles: the seven experts of the Warmia-Mazury meeting (owned by 28) and the
/// director of the Bukowsko centre, who led the study visits (owned by 18).
const EXPERTS: &[Expert] = &[
    Expert {
        person: "person:barbara-kromolicka",
        organisation: Some("org:rada-spoleczna-nrr"),
        centre: None,
        areas: &["SOCIAL_POLICY_RESEARCH", "CUS_CREATION"],
        summary: "Członkini Rady ds. Społecznych NRR przy Prezydencie RP; ekspertka spotkania ROPS w Olsztynie w 2021 r. Związana z Wydziałem Humanistycznym Uniwersytetu Szczecińskiego (źródło internetowe).",
        owner: 28,
        visibility: Visibility::Network,
    },
    Expert {
        person: "person:miroslaw-grewinski",
        organisation: Some("org:uczelnia-korczaka"),
        centre: None,
        areas: &[
            "SOCIAL_POLICY_RESEARCH",
            "CUS_CREATION",
            "SERVICES_MANAGEMENT",
        ],
        summary: "Rektor Uczelni Korczaka; w 2021 r. także prezes ZG Polskiego Towarzystwa Polityki Społecznej i przewodniczący Rady Pomocy Społecznej przy MRiPS (źródła internetowe). Tytuł naukowy źródła podają różnie.",
        owner: 28,
        visibility: Visibility::Network,
    },
    Expert {
        person: "person:joanna-lizut",
        organisation: Some("org:uczelnia-korczaka"),
        centre: None,
        areas: &["SOCIAL_POLICY_RESEARCH", "CUS_CREATION"],
        summary: "Prorektor Uczelni Korczaka; ekspertka spotkania ROPS w Olsztynie w 2021 r.",
        owner: 28,
        visibility: Visibility::Network,
    },
    Expert {
        person: "person:iwona-klimowicz",
        organisation: Some("org:rops-szczecin"),
        centre: None,
        areas: &["CUS_CREATION"],
        summary: "Kontakt roboczy (wewnętrzny): pracowniczka ROPS w Szczecinie, ekspertka spotkania ROPS w Olsztynie 28 października 2021 r.; profil widoczny tylko w regionie 28.",
        owner: 28,
        visibility: Visibility::Region,
    },
    Expert {
        person: "person:anna-bielawska-jutrzenka",
        organisation: Some("org:cus-czersk"),
        centre: Some("centre:czersk"),
        areas: &["PRACTITIONER_GOOD_PRACTICE", "SERVICES_MANAGEMENT"],
        summary: "Dyrektor CUS w Czersku; przedstawiła dobre praktyki centrum w 2021 r.",
        owner: 28,
        visibility: Visibility::Network,
    },
    Expert {
        person: "person:iwona-lewandowska",
        organisation: Some("org:cus-resko"),
        centre: Some("centre:resko"),
        areas: &["PRACTITIONER_GOOD_PRACTICE"],
        summary: "Zastępca dyrektora CUS w Resku; przedstawiła dobre praktyki centrum w 2021 r.",
        owner: 28,
        visibility: Visibility::Network,
    },
    Expert {
        person: "person:zbigniew-lukaszewski",
        organisation: Some("org:cus-goleniow"),
        centre: Some("centre:goleniow"),
        areas: &["PRACTITIONER_GOOD_PRACTICE", "SERVICES_MANAGEMENT"],
        summary: "Dyrektor CUS w Goleniowie (od sierpnia 2015 r. kierował OPS w Goleniowie – źródło internetowe); przedstawił dobre praktyki w 2021 r.",
        owner: 28,
        visibility: Visibility::Network,
    },
    Expert {
        person: "person:ewa-sieradzka",
        organisation: Some("org:cus-bukowsko"),
        centre: Some("centre:bukowsko"),
        areas: &["PRACTITIONER_GOOD_PRACTICE", "CUS_CREATION"],
        summary: "Dyrektor CUS w Bukowsku; w czerwcu 2023 r. prowadziła cztery wizyty studyjne o tworzeniu i działaniu CUS.",
        owner: 18,
        visibility: Visibility::Network,
    },
];

/// Contact persons (visibility REGION): key, person, organisation, centre, role title, owner.
type Contact = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    i64,
);

const CONTACTS: &[Contact] = &[
    (
        "contact:anna-kociecka",
        "person:anna-kociecka",
        Some("org:rops-olsztyn"),
        None,
        "formy wsparcia dla centrów usług społecznych",
        28,
    ),
    (
        "contact:pawel-brycki",
        "person:pawel-brycki",
        Some("org:rops-olsztyn"),
        None,
        "formy wsparcia dla centrów usług społecznych",
        28,
    ),
    (
        "contact:ewa-sieradzka",
        "person:ewa-sieradzka",
        Some("org:cus-bukowsko"),
        Some("centre:bukowsko"),
        "dyrektor CUS – wizyty studyjne i procedury tworzenia CUS",
        18,
    ),
    (
        "contact:rafal-szwed",
        "person:rafal-szwed",
        Some("org:rops-kielce"),
        None,
        "kierownik Oddziału Polityki Społecznej i Wsparcia Rodziny",
        26,
    ),
];

/// Inserts people, positions, experts and contact persons.
pub(super) async fn load(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let txn = seed.txn;
    let now = seed.now;

    for (n, &(key, honorific, given, family, owner)) in PEOPLE.iter().enumerate() {
        let full = format!("{given} {family}");
        let id = insert(
            txn,
            person::ActiveModel {
                id: NotSet,
                given_name: Set(given.to_owned()),
                family_name: Set(family.to_owned()),
                honorific: Set(owned(honorific)),
                email: Set(Some(format!(
                    "{}.{}@example.invalid",
                    fold(given),
                    fold(family)
                ))),
                phone: Set(Some(format!("+48 000 000 0{:02}", n + 1))),
                owner_region_id: Set(owner),
                visibility: Set(Visibility::Network),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all([given, family])),
            },
        )
        .await?;
        seed.put(key, id, full)?;
    }

    let mut positions = Vec::new();
    for &(who, org, role, title, unit, as_of) in POSITIONS {
        positions.push(position::ActiveModel {
            id: NotSet,
            person_id: Set(seed.id(who)?),
            organisation_id: Set(seed.id(org)?),
            role_type: Set(role),
            title: Set(title.to_owned()),
            unit_name: Set(owned(unit)),
            valid_from: Set(None),
            valid_to: Set(None),
            as_of: Set(opt_date(as_of)?),
        });
    }
    insert_many(txn, positions).await?;

    let mut experts = Vec::new();
    for e in EXPERTS {
        let readable: Vec<String> = e.areas.iter().map(|a| a.replace('_', " ")).collect();
        experts.push(expert::ActiveModel {
            id: NotSet,
            person_id: Set(seed.id(e.person)?),
            organisation_id: Set(seed.opt_id(e.organisation)?),
            centre_id: Set(seed.opt_id(e.centre)?),
            summary: Set(Some(e.summary.to_owned())),
            specialisations: Set(strings(e.areas)),
            owner_region_id: Set(e.owner),
            visibility: Set(e.visibility),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            deleted_at: Set(None),
            search_text: Set(fold_all(
                [seed.label(e.person)?]
                    .into_iter()
                    .chain(readable.iter().map(String::as_str)),
            )),
        });
    }
    insert_many(txn, experts).await?;

    for &(key, who, org, centre, role_title, owner) in CONTACTS {
        let id = insert(
            txn,
            contact_person::ActiveModel {
                id: NotSet,
                person_id: Set(seed.id(who)?),
                organisation_id: Set(seed.opt_id(org)?),
                centre_id: Set(seed.opt_id(centre)?),
                role_title: Set(Some(role_title.to_owned())),
                owner_region_id: Set(owner),
                visibility: Set(Visibility::Region),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all([seed.label(who)?, role_title])),
            },
        )
        .await?;
        seed.put(key, id, seed.label(who)?.to_owned())?;
    }
    Ok(())
}
