//! Shared knowledge of the demo network: documents (the KPRP brochures, the Bukowsko
//! procedures pack and programme, a photo gallery) and good practices with their documents.

use entity::enums::{DocumentKind as Doc, PublicationStatus, ServiceCategory as Cat, Visibility};
use entity::{document, good_practice, good_practice_document};
use sea_orm::{ActiveValue::NotSet, Set};

use super::{Seed, enum_list, insert, insert_many, owned, strings};
use crate::text::fold_all;

/// A document; the language is always Polish.
struct Document {
    key: &'static str,
    title: &'static str,
    kind: Doc,
    publisher: Option<&'static str>,
    authors: &'static [&'static str],
    series: Option<(&'static str, Option<i32>)>,
    year: Option<i32>,
    licence: Option<&'static str>,
    project: Option<&'static str>,
    description: &'static str,
    owner: i64,
    visibility: Visibility,
}

const BIBLIOTECZKA: &str = "Biblioteczka CUS – Jak utworzyć i prowadzić centrum usług społecznych";
const KPRP_LICENCE: &str =
    "© Kancelaria Prezydenta RP – licencja nieznana: tylko opis i odnośnik, bez kopii pliku";
const KPRP_NOTE: &str = "Jedna z pięciu broszur KPRP o tworzeniu CUS udostępnionych uczestnikom spotkania ROPS w Olsztynie (28 października 2021 r.).";

/// A KPRP brochure shared at the Warmia-Mazury meeting (owned by 28, PUBLIC).
const fn brochure(key: &'static str, title: &'static str) -> Document {
    Document {
        key,
        title,
        kind: Doc::Brochure,
        publisher: Some("org:kprp"),
        authors: &[],
        series: None,
        year: None,
        licence: Some(KPRP_LICENCE),
        project: None,
        description: KPRP_NOTE,
        owner: 28,
        visibility: Visibility::Public,
    }
}

const DOCUMENTS: &[Document] = &[
    Document {
        authors: &[
            "D. Bazuń",
            "J. Frątczak-Müller",
            "M. Jaskulska",
            "M. Kwiatkowski",
            "A. Mielczarek-Żejmo",
        ],
        series: Some((BIBLIOTECZKA, Some(2))),
        year: Some(2020),
        description: "Broszura KPRP (Warszawa 2020, redaktor serii dr hab. Marek Rymsza) udostępniona uczestnikom spotkania ROPS w Olsztynie (28 października 2021 r.).",
        ..brochure(
            "doc:kprp-diagnoza",
            "Diagnoza potrzeb i potencjału społeczności lokalnej w zakresie usług społecznych",
        )
    },
    Document {
        series: Some((BIBLIOTECZKA, Some(1))),
        description: "Broszura KPRP udostępniona uczestnikom spotkania ROPS w Olsztynie (28 października 2021 r.); w spisie ROPS w Toruniu jako nr 1 serii, z pytajnikiem w tytule.",
        ..brochure("doc:kprp-dlaczego", "Dlaczego centrum usług społecznych")
    },
    brochure(
        "doc:kprp-osl",
        "Organizator społeczności lokalnej w centrum usług społecznych",
    ),
    brochure(
        "doc:kprp-wspolpraca",
        "Współpraca międzysektorowa w centrum usług społecznych",
    ),
    brochure(
        "doc:kprp-zarzadzanie",
        "Zarządzanie usługami w centrum usług społecznych",
    ),
    Document {
        key: "doc:pendrive-bukowsko",
        title: "Procedury niezbędne do utworzenia centrum usług społecznych oraz bieżąca dokumentacja w zakresie ich funkcjonowania",
        kind: Doc::Procedure,
        publisher: Some("org:cus-bukowsko"),
        authors: &[],
        series: None,
        year: None,
        licence: None,
        project: Some("proj:cus-bukowsko"),
        description: "Pakiet procedur i wzorów dokumentów – dwuletni efekt pracy w projekcie pilotażowym; każdy uczestnik wizyt studyjnych w czerwcu 2023 r. dostał go na pendrive'ie.",
        owner: 18,
        visibility: Visibility::Network,
    },
    Document {
        key: "doc:program-bukowsko",
        title: "Program Usług Społecznych dla Gminy Bukowsko",
        kind: Doc::LegalAct,
        publisher: Some("org:gmina-bukowsko"),
        authors: &[],
        series: None,
        year: Some(2021),
        licence: None,
        project: None,
        description: "Uchwała Rady Gminy Bukowsko nr XXXIV/327/2021 z 30 sierpnia 2021 r.; program obowiązuje od 1 września 2021 r. do 30 września 2023 r.",
        owner: 18,
        visibility: Visibility::Public,
    },
    Document {
        key: "doc:galeria-dyplomy-2025",
        title: "Galeria zdjęć – wręczenie dyplomów organizatorom społeczności lokalnej (2025)",
        kind: Doc::Gallery,
        publisher: Some("org:rops-kielce"),
        authors: &[],
        series: None,
        year: Some(2025),
        licence: None,
        project: Some("proj:koordynacja-swietokrzyskie"),
        description: "Galeria wspomniana w komunikacie ROPS w Kielcach; w danych demo bez zdjęć.",
        owner: 26,
        visibility: Visibility::Network,
    },
];

/// A good practice: key, title, summary, centre, status, contact, categories, topics,
/// documents, owner region. PUBLISHED ones are PUBLIC, drafts NETWORK.
struct Practice {
    key: &'static str,
    title: &'static str,
    summary: &'static str,
    centre: Option<&'static str>,
    status: PublicationStatus,
    contact: Option<&'static str>,
    categories: &'static [Cat],
    topics: &'static [&'static str],
    documents: &'static [&'static str],
    owner: i64,
}

const WM_TOPICS: &[&str] = &["przekształcenie OPS w CUS", "tworzenie i działanie CUS"];

/// A practice presented at the Warmia-Mazury meeting of 2021 (owned by 28).
const fn wm_practice(
    key: &'static str,
    title: &'static str,
    centre: &'static str,
    summary: &'static str,
) -> Practice {
    Practice {
        key,
        title,
        summary,
        centre: Some(centre),
        status: PublicationStatus::Published,
        contact: None,
        categories: &[],
        topics: WM_TOPICS,
        documents: &[],
        owner: 28,
    }
}

const PRACTICES: &[Practice] = &[
    wm_practice(
        "gp:czersk",
        "Dobre praktyki CUS w Czersku",
        "centre:czersk",
        "Doświadczenia z przekształcenia MGOPS w CUS w Czersku, przedstawione przez dyrektor Annę Bielawską-Jutrzenkę na zdalnym spotkaniu ROPS w Olsztynie (2021). Opis roboczy – źródło nie podaje szczegółów.",
    ),
    wm_practice(
        "gp:resko",
        "Dobre praktyki CUS w Resku",
        "centre:resko",
        "Doświadczenia CUS w Resku, jednego z pierwszych centrów w kraju, przedstawione przez zastępcę dyrektora Iwonę Lewandowską na zdalnym spotkaniu ROPS w Olsztynie (2021). Opis roboczy.",
    ),
    wm_practice(
        "gp:goleniow",
        "Dobre praktyki CUS w Goleniowie",
        "centre:goleniow",
        "Doświadczenia z przekształcania OPS w CUS w Goleniowie, przedstawione przez dyrektora Zbigniewa Łukaszewskiego na zdalnym spotkaniu ROPS w Olsztynie (2021). Opis roboczy.",
    ),
    Practice {
        key: "gp:bukowsko-procedury",
        title: "Procedury tworzenia i dokumentacja funkcjonowania CUS w Bukowsku",
        summary: "Sprawdzony zestaw procedur utworzenia CUS i bieżącej dokumentacji jego pracy, wypracowany w dwuletnim pilotażu i przekazywany uczestnikom wizyt studyjnych (czerwiec 2023).",
        centre: Some("centre:bukowsko"),
        status: PublicationStatus::Published,
        contact: Some("contact:ewa-sieradzka"),
        categories: &[Cat::SocialAssistance],
        topics: &[
            "procedury tworzenia CUS",
            "dokumentacja funkcjonowania CUS",
            "wizyty studyjne",
        ],
        documents: &["doc:pendrive-bukowsko", "doc:program-bukowsko"],
        owner: 18,
    },
    Practice {
        key: "gp:draft-26",
        title: "Standard współpracy CUS z organizacjami pozarządowymi – szkic (wewnętrzny)",
        summary: "Rekord syntetyczny (demo): szkic dobrej praktyki przygotowywany w ROPS w Kielcach, jeszcze nieopublikowany.",
        centre: None,
        status: PublicationStatus::Draft,
        contact: None,
        categories: &[Cat::CivicEngagement],
        topics: &["współpraca międzysektorowa"],
        documents: &[],
        owner: 26,
    },
];

/// Inserts documents, then good practices with their document links.
pub(super) async fn load(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    load_documents(seed).await?;
    load_practices(seed).await
}

async fn load_documents(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let (txn, now) = (seed.txn, seed.now);
    for d in DOCUMENTS {
        let (series, number) = d.series.unzip();
        let id = insert(
            txn,
            document::ActiveModel {
                id: NotSet,
                title: Set(d.title.to_owned()),
                kind: Set(d.kind),
                publisher_id: Set(seed.opt_id(d.publisher)?),
                authors: Set(strings(d.authors)),
                series_name: Set(owned(series)),
                series_number: Set(number.flatten()),
                published_year: Set(d.year),
                language: Set("pl".to_owned()),
                url: Set(None),
                licence: Set(owned(d.licence)),
                project_id: Set(seed.opt_id(d.project)?),
                description: Set(Some(d.description.to_owned())),
                owner_region_id: Set(d.owner),
                visibility: Set(d.visibility),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all(
                    [d.title]
                        .into_iter()
                        .chain(series)
                        .chain(d.authors.iter().copied()),
                )),
            },
        )
        .await?;
        seed.put(d.key, id, d.title)?;
    }
    Ok(())
}

async fn load_practices(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let (txn, now) = (seed.txn, seed.now);
    let mut links = Vec::new();
    for p in PRACTICES {
        let published = p.status == PublicationStatus::Published;
        let id = insert(
            txn,
            good_practice::ActiveModel {
                id: NotSet,
                title: Set(p.title.to_owned()),
                summary: Set(p.summary.to_owned()),
                centre_id: Set(seed.opt_id(p.centre)?),
                status: Set(p.status),
                contact_id: Set(seed.opt_id(p.contact)?),
                categories: Set(enum_list(p.categories)?),
                topics: Set(strings(p.topics)),
                owner_region_id: Set(p.owner),
                visibility: Set(if published {
                    Visibility::Public
                } else {
                    Visibility::Network
                }),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all(
                    [p.title, p.summary]
                        .into_iter()
                        .chain(p.topics.iter().copied()),
                )),
            },
        )
        .await?;
        seed.put(p.key, id, p.title)?;
        for doc in p.documents {
            links.push(good_practice_document::ActiveModel {
                good_practice_id: Set(id),
                document_id: Set(seed.id(doc)?),
            });
        }
    }
    insert_many(txn, links).await
}
