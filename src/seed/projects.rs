//! Projects of the demo network: the FERS, POWER and FEŚ projects of the seed facts (web
//! enrichment is marked in the descriptions), their participants and the centres they fund,
//! plus the two deliberately REGION-only synthetic projects.

use entity::enums::{ParticipantRole as Role, ProjectStatus as Ps, SelectionMode, Visibility};
use entity::{centre_project, project, project_participant};
use sea_orm::{ActiveValue::NotSet, Set};

use super::demo::LATER_26;
use super::{Seed, insert, insert_many, opt_date, owned};
use crate::text::fold_all;

/// A grant amount in grosze and whether it is approximate.
type Money = Option<(i64, bool)>;

/// A project; visibility NETWORK unless stated.
struct Project {
    key: &'static str,
    title: &'static str,
    short: Option<&'static str>,
    programme: &'static str,
    action: Option<&'static str>,
    status: Ps,
    selection: Option<SelectionMode>,
    signed: Option<&'static str>,
    end: Option<&'static str>,
    requested: Money,
    awarded: Money,
    website: Option<&'static str>,
    description: &'static str,
    owner: i64,
    visibility: Visibility,
    participants: &'static [(&'static str, Role)],
    centres: &'static [&'static str],
}

/// The grant of a FEŚ project as reported (always approximate, in grosze).
enum Grant {
    Unknown,
    Requested(i64),
    Awarded(i64),
}

/// A FEŚ centre-creation project owned by 26.
const fn fes(
    key: &'static str,
    title: &'static str,
    status: Ps,
    signed: Option<&'static str>,
    grant: Grant,
    description: &'static str,
    centres: &'static [&'static str],
) -> Project {
    let (requested, awarded) = match grant {
        Grant::Unknown => (None, None),
        Grant::Requested(g) => (Some((g, true)), None),
        Grant::Awarded(g) => (None, Some((g, true))),
    };
    Project {
        key,
        title,
        short: None,
        programme: "FESW",
        action: None,
        status,
        selection: None,
        signed,
        end: None,
        requested,
        awarded,
        website: None,
        description,
        owner: 26,
        visibility: Visibility::Network,
        participants: &[],
        centres,
    }
}

const FES_S1: &str = "Projekt utworzenia CUS z FEŚ 2021-2027, oceniony pozytywnie i wybrany do dofinansowania (konferencja ROPS w Kielcach). Tytuł roboczy utworzony od nazwy gminy.";
const FES_MARCH_2024: &str = "Umowę podpisała 12 marca 2024 r. ówczesna wicemarszałek Renata Janik; umowy dla Łagowa, Mniowa i Połańca to łącznie ponad 20 mln zł dla ponad 3100 osób (źródło internetowe). Tytuł roboczy.";

/// Projects.
const PROJECTS: &[Project] = &[
    Project {
        key: "proj:koordynacja-swietokrzyskie",
        title: "Koordynacja polityki społecznej w województwie świętokrzyskim",
        short: None,
        programme: "FERS",
        action: Some("FERS.04.13"),
        status: Ps::Ongoing,
        selection: Some(SelectionMode::NonCompetitive),
        signed: None,
        end: None,
        requested: None,
        awarded: Some((1_500_000_000, true)),
        website: Some("https://koordynacja.swietokrzyskie.pro"),
        description: "Projekt koordynacyjny ROPS w Kielcach: szkolenia, doradztwo i spotkania dla CUS i gmin regionu. Ze szkoleń dla pracowników CUS skorzystało około 400 osób (stan na 22 kwietnia 2025 r.).",
        owner: 26,
        visibility: Visibility::Network,
        participants: &[("org:rops-kielce", Role::Lead)],
        centres: &[],
    },
    Project {
        key: "proj:kooperacja-efektywna",
        title: "Kooperacja – efektywna i skuteczna",
        short: None,
        programme: "POWER",
        action: Some("POWER.02.05"),
        status: Ps::Completed,
        selection: None,
        signed: None,
        end: Some("2023-11-30"),
        requested: None,
        awarded: None,
        website: None,
        description: "Partnerstwo ROPS pod kierunkiem ROPS w Toruniu, od kwietnia 2018 r. do 30 listopada 2023 r. (pierwotnie do końca 2022 r.). Wsparcie dla CUS: spotkania upowszechniające, doradztwo specjalistyczne, warsztaty dla środowisk lokalnych, superwizja i coaching dla kadry zarządzającej. UMK jako partner akademicki tylko w części źródeł.",
        owner: 28,
        visibility: Visibility::Network,
        participants: &[
            ("org:rops-torun", Role::Lead),
            ("org:rops-olsztyn", Role::Partner),
            ("org:rops-zielona-gora", Role::Partner),
            ("org:rops-gdansk", Role::Partner),
            ("org:rops-poznan", Role::Partner),
            ("org:rops-szczecin", Role::Partner),
            ("org:umk-torun", Role::AcademicPartner),
        ],
        centres: &[],
    },
    Project {
        key: "proj:liderzy-kooperacji",
        title: "Liderzy kooperacji",
        short: None,
        programme: "POWER",
        action: Some("POWER.02.05"),
        status: Ps::Completed,
        selection: None,
        signed: None,
        end: None,
        requested: None,
        awarded: Some((1_300_000_000, true)),
        website: None,
        description: "Projekt kilku ośrodków polityki społecznej prowadzony przez ROPS w Rzeszowie; obejmował szkolenia dla kadr CUS (z Uczelnią Korczaka) i wizyty studyjne w CUS w Bukowsku w czerwcu 2023 r. Kwota „blisko 13 mln zł” według źródła internetowego.",
        owner: 18,
        visibility: Visibility::Network,
        participants: &[
            ("org:rops-rzeszow", Role::Lead),
            ("org:rops-kielce", Role::Partner),
            ("org:rops-bialystok", Role::Partner),
            ("org:rops-lublin", Role::Partner),
            ("org:mcps", Role::Partner),
        ],
        centres: &[],
    },
    Project {
        key: "proj:cus-bukowsko",
        title: "Utworzenie Centrum Usług Społecznych w Gminie Bukowsko",
        short: None,
        programme: "POWER",
        action: Some("POWER.02.08"),
        status: Ps::Completed,
        selection: None,
        signed: None,
        end: None,
        requested: None,
        awarded: Some((110_000_000, true)),
        website: None,
        description: "Projekt pilotażowy: dwa lata pracy nad utworzeniem CUS, których efektem jest pakiet procedur i dokumentacji. Dofinansowanie „ponad 1,1 mln zł” (wartość dolna).",
        owner: 18,
        visibility: Visibility::Network,
        participants: &[("org:gmina-bukowsko", Role::Lead)],
        centres: &["centre:bukowsko"],
    },
    fes(
        "proj:cus-polaniec",
        "Utworzenie Centrum Usług Społecznych w Połańcu",
        Ps::Contracted,
        Some("2024-03-11"),
        Grant::Awarded(697_000_000),
        FES_S1,
        &["centre:polaniec"],
    ),
    fes(
        "proj:cus-daleszyce",
        "Utworzenie Centrum Usług Społecznych w Daleszycach",
        Ps::Selected,
        None,
        Grant::Requested(510_000_000),
        FES_S1,
        &["centre:daleszyce"],
    ),
    fes(
        "proj:cus-dzialoszyce",
        "Utworzenie Centrum Usług Społecznych w Działoszycach",
        Ps::Contracted,
        Some("2024-06-05"),
        Grant::Awarded(469_000_000),
        FES_S1,
        &["centre:dzialoszyce"],
    ),
    fes(
        "proj:cus-michalow",
        "Utworzenie Centrum Usług Społecznych w Michałowie",
        Ps::Selected,
        None,
        Grant::Requested(488_000_000),
        FES_S1,
        &["centre:michalow"],
    ),
    Project {
        action: Some("FESW.09.04"),
        website: Some("https://cus.ostrowiec.pl"),
        ..fes(
            "proj:cus-ostrowiec",
            "Utworzenie Centrum Usług Społecznych w Ostrowcu Świętokrzyskim",
            Ps::Contracted,
            Some("2024-10-20"),
            Grant::Awarded(860_000_000),
            "Projekt utworzenia CUS z FEŚ realizowany w czterech kamieniach milowych. Podana data umowy (20 października 2024 r.) wypada w niedzielę – do weryfikacji.",
            &["centre:ostrowiec"],
        )
    },
    fes(
        "proj:cus-skarzysko",
        "Utworzenie Centrum Usług Społecznych w Skarżysku-Kamiennej",
        Ps::Selected,
        None,
        Grant::Requested(890_000_000),
        FES_S1,
        &["centre:skarzysko"],
    ),
    // Enrichment (web): FEŚ contracts of March 2024 and the six later ones.
    fes(
        "proj:cus-lagow",
        "Utworzenie Centrum Usług Społecznych w Łagowie",
        Ps::Contracted,
        Some("2024-03-12"),
        Grant::Unknown,
        FES_MARCH_2024,
        &["centre:lagow"],
    ),
    fes(
        "proj:cus-mniow",
        "Utworzenie Centrum Usług Społecznych w Mniowie",
        Ps::Contracted,
        Some("2024-03-12"),
        Grant::Unknown,
        FES_MARCH_2024,
        &["centre:mniow"],
    ),
    fes(
        "proj:cus-kazimierza-wielka",
        "Utworzenie Centrum Usług Społecznych w Kazimierzy Wielkiej",
        Ps::Contracted,
        None,
        Grant::Unknown,
        LATER_26,
        &["centre:kazimierza-wielka"],
    ),
    fes(
        "proj:cus-malogoszcz",
        "Utworzenie Centrum Usług Społecznych w Małogoszczu",
        Ps::Contracted,
        None,
        Grant::Unknown,
        LATER_26,
        &["centre:malogoszcz"],
    ),
    fes(
        "proj:cus-morawica",
        "Utworzenie Centrum Usług Społecznych w Morawicy",
        Ps::Contracted,
        None,
        Grant::Unknown,
        LATER_26,
        &["centre:morawica"],
    ),
    fes(
        "proj:cus-pinczow",
        "Utworzenie Centrum Usług Społecznych w Pińczowie",
        Ps::Contracted,
        None,
        Grant::Unknown,
        LATER_26,
        &["centre:pinczow"],
    ),
    fes(
        "proj:cus-piekoszow",
        "Utworzenie Centrum Usług Społecznych w Piekoszowie",
        Ps::Contracted,
        None,
        Grant::Unknown,
        LATER_26,
        &["centre:piekoszow"],
    ),
    fes(
        "proj:cus-skalbmierz",
        "Utworzenie Centrum Usług Społecznych w Skalbmierzu",
        Ps::Contracted,
        None,
        Grant::Unknown,
        LATER_26,
        &["centre:skalbmierz"],
    ),
    // Deliberately restricted (synthetic) records.
    Project {
        key: "proj:internal-26",
        title: "Plan doradztwa dla gmin tworzących CUS (wewnętrzny)",
        short: None,
        programme: "FERS",
        action: Some("FERS.04.13"),
        status: Ps::Ongoing,
        selection: None,
        signed: None,
        end: None,
        requested: None,
        awarded: None,
        website: None,
        description: "Rekord syntetyczny (demo): roboczy plan ROPS w Kielcach, widoczny tylko w regionie 26.",
        owner: 26,
        visibility: Visibility::Region,
        participants: &[("org:rops-kielce", Role::Lead)],
        centres: &[],
    },
    Project {
        key: "proj:internal-28",
        title: "Projekt wsparcia gmin warmińsko-mazurskich w tworzeniu CUS (wewnętrzny)",
        short: None,
        programme: "FEWM",
        action: None,
        status: Ps::Applied,
        selection: None,
        signed: None,
        end: None,
        requested: None,
        awarded: None,
        website: None,
        description: "Rekord syntetyczny (demo): roboczy wniosek ROPS w Olsztynie, widoczny tylko w regionie 28.",
        owner: 28,
        visibility: Visibility::Region,
        participants: &[("org:rops-olsztyn", Role::Lead)],
        centres: &[],
    },
];

/// Inserts projects with their participants and funded centres.
pub(super) async fn load(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let (txn, now) = (seed.txn, seed.now);

    let (mut participants, mut funded) = (Vec::new(), Vec::new());
    for p in PROJECTS {
        let (requested, requested_approx) = p.requested.unzip();
        let (awarded, awarded_approx) = p.awarded.unzip();
        let id = insert(
            txn,
            project::ActiveModel {
                id: NotSet,
                title: Set(p.title.to_owned()),
                short_title: Set(owned(p.short)),
                programme_id: Set(seed.id(p.programme)?),
                action_id: Set(seed.opt_id(p.action)?),
                status: Set(p.status),
                selection_mode: Set(p.selection),
                agreement_number: Set(None),
                agreement_signed_on: Set(opt_date(p.signed)?),
                start_date: Set(None),
                end_date: Set(opt_date(p.end)?),
                total_value_grosze: Set(None),
                total_value_approximate: Set(false),
                grant_requested_grosze: Set(requested),
                grant_requested_approximate: Set(requested_approx.unwrap_or(false)),
                grant_awarded_grosze: Set(awarded),
                grant_awarded_approximate: Set(awarded_approx.unwrap_or(false)),
                website: Set(owned(p.website)),
                description: Set(Some(p.description.to_owned())),
                owner_region_id: Set(p.owner),
                visibility: Set(p.visibility),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all(
                    [p.title].into_iter().chain(p.short).chain([p.programme]),
                )),
            },
        )
        .await?;
        seed.put(p.key, id, p.title)?;
        for &(org, role) in p.participants {
            participants.push(project_participant::ActiveModel {
                project_id: Set(id),
                organisation_id: Set(seed.id(org)?),
                role: Set(role),
            });
        }
        for centre in p.centres {
            funded.push(centre_project::ActiveModel {
                centre_id: Set(seed.id(centre)?),
                project_id: Set(id),
            });
        }
    }
    insert_many(txn, participants).await?;
    insert_many(txn, funded).await?;
    Ok(())
}
