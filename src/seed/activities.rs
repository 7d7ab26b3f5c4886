//! Activities of the demo network: events (organisers, participations with a title
//! snapshot, good practices presented), trainings (partners) and the Bukowsko study visits
//! (organisers).

use entity::enums::{
    EventFormat as Fmt, EventKind as Ev, EventRole as Er, TargetGroup as Tg, TeachingMethod as Tm,
    TrainingKind as Tk, Visibility,
};
use entity::{
    event, event_good_practice, event_organiser, event_participation, study_visit,
    study_visit_organiser, training, training_partner,
};
use sea_orm::{ActiveValue::NotSet, Set};

use super::{Seed, date, enum_list, insert, insert_many, opt_date, owned, strings};
use crate::text::fold_all;

/// A person at an event: person, role, title at the event.
type Participation = (&'static str, Er, &'static str);

/// An event; organised by the organisers listed, owned by `owner`.
struct Event {
    key: &'static str,
    title: &'static str,
    kind: Ev,
    format: Fmt,
    date: Option<&'static str>,
    venue: Option<(&'static str, &'static str)>,
    project: Option<&'static str>,
    description: &'static str,
    audience: &'static [Tg],
    goals: &'static [&'static str],
    topics: &'static [&'static str],
    owner: i64,
    visibility: Visibility,
    organisers: &'static [&'static str],
    participants: &'static [Participation],
    practices: &'static [&'static str],
}

const EVENTS: &[Event] = &[
    Event {
        key: "event:dyplomy-osl-2025",
        title: "Podsumowanie szkolenia i wręczenie dyplomów organizatorom społeczności lokalnej",
        kind: Ev::Ceremony,
        format: Fmt::Onsite,
        date: Some("2025-04-22"),
        venue: None,
        project: Some("proj:koordynacja-swietokrzyskie"),
        description: "Zakończenie szkolenia ROPS w Kielcach: 22 pracowników CUS z regionu odebrało dyplomy z rąk marszałek województwa. Podkreśliła ona, że CUS pełnią inną rolę niż dawne gminne i miejskie OPS i wspierają m.in. rodziny w kryzysie, dzieci, osoby samotne, seniorów i osoby z niepełnosprawnościami. Data jest datą komunikatu.",
        audience: &[Tg::CusStaff],
        goals: &[],
        topics: &["organizacja społeczności lokalnej"],
        owner: 26,
        visibility: Visibility::Network,
        organisers: &["org:rops-kielce"],
        participants: &[
            ("person:renata-janik", Er::Guest, "marszałek województwa"),
            ("person:elzbieta-korus", Er::Host, "dyrektor ROPS"),
            (
                "person:arkadiusz-slipikowski",
                Er::Host,
                "zastępca dyrektora ROPS",
            ),
        ],
        practices: &[],
    },
    Event {
        key: "event:konferencja-cus-szanse",
        title: "Centra usług społecznych – szanse i perspektywy",
        kind: Ev::Conference,
        format: Fmt::Onsite,
        date: None,
        venue: Some(("Filharmonia Świętokrzyska", "2661011")),
        project: Some("proj:koordynacja-swietokrzyskie"),
        description: "Konferencja ROPS w Kielcach o sześciu działających i sześciu planowanych CUS w regionie, który należy do liderów wdrażania CUS. Data nieznana (po 20 października 2024 r.).",
        audience: &[
            Tg::LocalGovernment,
            Tg::SocialAssistanceInstitutions,
            Tg::FamilySupportFosterCareAdoption,
            Tg::SupportCentres,
            Tg::SocialEconomyEntities,
            Tg::Ngos,
        ],
        goals: &[
            "przybliżenie idei CUS jako sposobu integracji i koordynacji usług społecznych",
            "wskazanie wyzwań polityki społecznej w kontekście deinstytucjonalizacji usług",
            "przedstawienie wsparcia z projektu, wymiana doświadczeń i dobrych praktyk, dyskusja o przyszłości usług w regionie",
        ],
        topics: &[
            "sześć działających CUS w województwie świętokrzyskim",
            "sześć planowanych CUS z dofinansowaniem FEŚ",
            "usługi dla seniorów, osób z niepełnosprawnościami i rodzin w trudnej sytuacji",
            "szybka pomoc przy przemocy domowej, bezdomności i nagłych problemach zdrowotnych",
        ],
        owner: 26,
        visibility: Visibility::Network,
        organisers: &["org:rops-kielce"],
        participants: &[
            ("person:renata-janik", Er::Speaker, "marszałek"),
            (
                "person:elzbieta-korus",
                Er::Host,
                "dyrektor Regionalnego Ośrodka Polityki Społecznej",
            ),
            (
                "person:arkadiusz-slipikowski",
                Er::Host,
                "zastępca dyrektora Regionalnego Ośrodka Polityki Społecznej",
            ),
            (
                "person:rafal-szwed",
                Er::Host,
                "kierownik Oddziału Polityki Społecznej i Wsparcia Rodziny",
            ),
        ],
        practices: &[],
    },
    Event {
        key: "event:spotkanie-cus-2022",
        title: "Spotkanie edukacyjno-informacyjne dotyczące tworzenia i funkcjonowania centrum usług społecznych",
        kind: Ev::EducationalMeeting,
        format: Fmt::Onsite,
        date: Some("2022-09-29"),
        venue: None,
        project: None,
        description: "Jedno ze spotkań cyklu dla samorządów, PCPR i OPS: usługi z wielu systemów (pomoc społeczna, polityka rodzinna i prorodzinna, zdrowie, kultura, edukacja, wsparcie osób z niepełnosprawnościami), by gminy lepiej odpowiadały na potrzeby wszystkich mieszkańców. Forma nieznana (przyjęto stacjonarną); organizator ustalony z kontekstu.",
        audience: &[Tg::LocalGovernment, Tg::PcprStaff, Tg::OpsStaff],
        goals: &[],
        topics: &[
            "tworzenie i funkcjonowanie CUS",
            "usługi społeczne w programie Fundusze Europejskie dla Świętokrzyskiego 2021-2027",
        ],
        owner: 26,
        visibility: Visibility::Network,
        organisers: &["org:rops-kielce"],
        participants: &[
            ("person:renata-janik", Er::Speaker, "wicemarszałek"),
            ("person:elzbieta-korus", Er::Host, "dyrektor ROPS"),
        ],
        practices: &[],
    },
    Event {
        key: "event:wim-cus-2021",
        title: "Zdalne spotkanie dotyczące zasad i idei wdrażania CUS na terenie województwa warmińsko-mazurskiego",
        kind: Ev::DisseminationMeeting,
        format: Fmt::Online,
        date: Some("2021-10-28"),
        venue: None,
        project: Some("proj:kooperacja-efektywna"),
        description: "Spotkanie online ROPS w Olsztynie dla włodarzy gmin oraz kadr OPS i CUS regionu: formy wsparcia z projektu, głos ekspertów i dobre praktyki z Czerska, Reska i Goleniowa; uczestnicy dostali pięć broszur KPRP. Rok ustalony z kontekstu strony.",
        audience: &[Tg::MunicipalHeads, Tg::OpsStaff, Tg::CusStaff],
        goals: &[],
        topics: &[
            "spotkania upowszechniające",
            "doradztwo specjalistyczne w zakresie tworzenia i funkcjonowania CUS",
            "warsztaty dla środowisk lokalnych",
            "superwizja",
            "coaching dla zarządzających CUS",
        ],
        owner: 28,
        visibility: Visibility::Network,
        organisers: &["org:rops-olsztyn"],
        participants: &[
            (
                "person:jolanta-piotrowska",
                Er::Host,
                "członek zarządu województwa warmińsko-mazurskiego",
            ),
            (
                "person:monika-kocimska-warczak",
                Er::Speaker,
                "zastępca dyrektora ROPS UMWWM w Olsztynie",
            ),
            (
                "person:barbara-kromolicka",
                Er::Expert,
                "członek Rady ds. Społecznych Narodowej Rady Rozwoju przy Prezydencie RP",
            ),
            (
                "person:miroslaw-grewinski",
                Er::Expert,
                "rektor Wyższej Szkoły Pedagogicznej im. Janusza Korczaka w Warszawie",
            ),
            (
                "person:joanna-lizut",
                Er::Expert,
                "prorektor Wyższej Szkoły Pedagogicznej im. Janusza Korczaka w Warszawie",
            ),
            (
                "person:iwona-klimowicz",
                Er::Expert,
                "pracownik Regionalnego Ośrodka Polityki Społecznej w Szczecinie",
            ),
            (
                "person:anna-bielawska-jutrzenka",
                Er::Expert,
                "dyrektor CUS w Czersku",
            ),
            (
                "person:iwona-lewandowska",
                Er::Expert,
                "zastępca dyrektora CUS w Resku",
            ),
            (
                "person:zbigniew-lukaszewski",
                Er::Expert,
                "dyrektor CUS w Goleniowie",
            ),
        ],
        practices: &["gp:czersk", "gp:resko", "gp:goleniow"],
    },
    Event {
        key: "event:internal-28",
        title: "Warsztat roboczy zespołu ds. CUS ROPS w Olsztynie (wewnętrzny)",
        kind: Ev::Workshop,
        format: Fmt::Online,
        date: Some("2021-11-18"),
        venue: None,
        project: None,
        description: "Rekord syntetyczny (demo): wewnętrzne omówienie spotkania z 28 października 2021 r.; widoczny tylko w regionie 28.",
        audience: &[],
        goals: &[],
        topics: &["podsumowanie spotkania o wdrażaniu CUS"],
        owner: 28,
        visibility: Visibility::Region,
        organisers: &["org:rops-olsztyn"],
        participants: &[],
        practices: &[],
    },
];

/// A training; visibility NETWORK.
struct Training {
    key: &'static str,
    title: &'static str,
    kind: Tk,
    organiser: &'static str,
    project: Option<&'static str>,
    end: Option<&'static str>,
    methods: &'static [Tm],
    curriculum: &'static [&'static str],
    audience: &'static [Tg],
    completed: Option<i32>,
    description: &'static str,
    owner: i64,
    partners: &'static [(&'static str, Option<&'static str>, Option<&'static str>)],
}

/// Uczelnia Korczaka's partnership in the Podkarpackie trainings: the year of the study
/// visits (June 2023), the last year of the POWER projects.
const KORCZAK: &[(&str, Option<&str>, Option<&str>)] = &[(
    "org:uczelnia-korczaka",
    Some("2023-01-01"),
    Some("2023-12-31"),
)];

/// A Podkarpackie training of "Liderzy kooperacji" (ROPS Rzeszów with Uczelnia Korczaka).
const fn podkarpackie(
    key: &'static str,
    title: &'static str,
    kind: Tk,
    audience: &'static [Tg],
    description: &'static str,
) -> Training {
    Training {
        key,
        title,
        kind,
        organiser: "org:rops-rzeszow",
        project: Some("proj:liderzy-kooperacji"),
        end: None,
        methods: &[Tm::StudyVisit],
        curriculum: &[],
        audience,
        completed: None,
        description,
        owner: 18,
        partners: KORCZAK,
    }
}

const TRAININGS: &[Training] = &[
    Training {
        key: "training:osl-swietokrzyskie-2025",
        title: "Szkolenie z zakresu organizacji społeczności lokalnej",
        kind: Tk::CommunityOrganisation,
        organiser: "org:rops-kielce",
        project: Some("proj:koordynacja-swietokrzyskie"),
        end: Some("2025-04-22"),
        methods: &[Tm::Lecture, Tm::Exercise, Tm::Workshop],
        curriculum: &[
            "bieżące prowadzenie rozeznania potrzeb wspólnoty samorządowej w zakresie działań wspierających",
            "bieżące prowadzenie rozeznania potencjału wspólnoty samorządowej w zakresie działań wspierających",
            "opracowywanie planu organizowania społeczności lokalnej i jego aktualizacji oraz realizacja tego planu",
            "aktywizowanie wspólnoty samorządowej",
            "inicjowanie działań zmierzających do wzmocnienia więzi społecznych i integracji wspólnoty samorządowej",
            "współpraca z podmiotami prowadzącymi na obszarze działania centrum animację lokalną lub inne formy pracy środowiskowej",
        ],
        audience: &[Tg::CusStaff],
        completed: Some(22),
        description: "Kurs dla pracowników CUS z województwa świętokrzyskiego; 22 osoby ukończyły go z dyplomem wręczonym przez marszałek Renatę Janik. Koniec = dzień uroczystości, początek nieznany.",
        owner: 26,
        partners: &[],
    },
    podkarpackie(
        "training:podk-zarzadzanie",
        "Szkolenie z zakresu zarządzania i organizacji usług społecznych",
        Tk::ServicesManagement,
        &[Tg::FutureCusDirectors],
        "Kurs dla przyszłych dyrektorów CUS z Podkarpacia, z Uczelnią Korczaka (rola organizatora ustalona z kontekstu); grupa odbyła dwie wizyty studyjne w Bukowsku.",
    ),
    podkarpackie(
        "training:podk-ipus",
        "Szkolenie z zakresu opracowywania i realizacji indywidualnych planów usług społecznych",
        Tk::Ipus,
        &[],
        "Kurs dla kadr z Podkarpacia, z Uczelnią Korczaka; grupa odbyła jedną wizytę studyjną w Bukowsku.",
    ),
    podkarpackie(
        "training:podk-osl",
        "Szkolenie z zakresu organizacji społeczności lokalnej",
        Tk::CommunityOrganisation,
        &[],
        "Kurs dla kadr z Podkarpacia, z Uczelnią Korczaka; grupa odbyła jedną wizytę studyjną w Bukowsku.",
    ),
];

/// Agenda of the Bukowsko study visits (S4), in our words.
const BUKOWSKO_AGENDA: &[&str] = &[
    "etapy tworzenia centrum usług społecznych",
    "główne działania CUS",
    "zasady organizowania usług społecznych w gminie",
    "współpraca pomocy i integracji społecznej z innymi politykami sektorowymi (włączenie społeczne, walka z ubóstwem)",
    "pracownicy CUS i warunki ich pracy",
    "obawy przed realizacją zadań według ustawy o CUS",
    "wójt: walory i potrzeby gminy, komplementarność inwestycji i działań społecznych",
    "występ seniorów z Klubu „Senior+” w Tokarni",
];

/// Study visits at CUS Bukowsko: date, training of the group, group description. Four visits
/// on four days; which group came on which day is not stated, so the mapping is synthetic.
const VISITS: [(&str, &str, &str); 4] = [
    (
        "2023-06-19",
        "training:podk-zarzadzanie",
        "Uczestnicy szkolenia z zarządzania i organizacji usług społecznych – przyszli dyrektorzy CUS z Podkarpacia (pierwsza z dwóch wizyt grupy; przypisanie dnia umowne)",
    ),
    (
        "2023-06-20",
        "training:podk-zarzadzanie",
        "Uczestnicy szkolenia z zarządzania i organizacji usług społecznych – przyszli dyrektorzy CUS z Podkarpacia (druga z dwóch wizyt grupy; przypisanie dnia umowne)",
    ),
    (
        "2023-06-21",
        "training:podk-ipus",
        "Uczestnicy szkolenia z opracowywania i realizacji indywidualnych planów usług społecznych z Podkarpacia (przypisanie dnia umowne)",
    ),
    (
        "2023-06-26",
        "training:podk-osl",
        "Uczestnicy szkolenia z organizacji społeczności lokalnej z Podkarpacia (przypisanie dnia umowne)",
    ),
];

/// Inserts documents, good practices, events, trainings and study visits.
/// Inserts events, trainings and study visits.
pub(super) async fn load(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    load_events(seed).await?;
    load_trainings(seed).await?;
    load_visits(seed).await
}

async fn load_events(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let (txn, now) = (seed.txn, seed.now);
    let (mut organisers, mut participations, mut practices) = (Vec::new(), Vec::new(), Vec::new());
    for e in EVENTS {
        let day = opt_date(e.date)?;
        let (venue, venue_gmina) = e.venue.unzip();
        let id = insert(
            txn,
            event::ActiveModel {
                id: NotSet,
                title: Set(e.title.to_owned()),
                kind: Set(e.kind),
                format: Set(e.format),
                date_text: Set(owned(e.date)),
                start_date: Set(day),
                end_date: Set(day),
                venue_name: Set(owned(venue)),
                venue_municipality_id: Set(seed.opt_id(venue_gmina)?),
                project_id: Set(seed.opt_id(e.project)?),
                description: Set(Some(e.description.to_owned())),
                audience: Set(enum_list(e.audience)?),
                goals: Set(strings(e.goals)),
                topics: Set(strings(e.topics)),
                owner_region_id: Set(e.owner),
                visibility: Set(e.visibility),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all(
                    [e.title]
                        .into_iter()
                        .chain(venue)
                        .chain(e.topics.iter().copied()),
                )),
            },
        )
        .await?;
        seed.put(e.key, id, e.title)?;
        for org in e.organisers {
            organisers.push(event_organiser::ActiveModel {
                event_id: Set(id),
                organisation_id: Set(seed.id(org)?),
            });
        }
        for &(who, role, title) in e.participants {
            participations.push(event_participation::ActiveModel {
                id: NotSet,
                event_id: Set(id),
                person_id: Set(seed.id(who)?),
                role: Set(role),
                title_at_event: Set(Some(title.to_owned())),
            });
        }
        for gp in e.practices {
            practices.push(event_good_practice::ActiveModel {
                event_id: Set(id),
                good_practice_id: Set(seed.id(gp)?),
            });
        }
    }
    insert_many(txn, organisers).await?;
    insert_many(txn, participations).await?;
    insert_many(txn, practices).await
}

async fn load_trainings(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let (txn, now) = (seed.txn, seed.now);
    let mut partners = Vec::new();
    for t in TRAININGS {
        let id = insert(
            txn,
            training::ActiveModel {
                id: NotSet,
                title: Set(t.title.to_owned()),
                kind: Set(t.kind),
                organiser_id: Set(seed.id(t.organiser)?),
                project_id: Set(seed.opt_id(t.project)?),
                start_date: Set(None),
                end_date: Set(opt_date(t.end)?),
                format: Set(None),
                methods: Set(enum_list(t.methods)?),
                curriculum: Set(strings(t.curriculum)),
                audience: Set(enum_list(t.audience)?),
                completed_count: Set(t.completed),
                description: Set(Some(t.description.to_owned())),
                owner_region_id: Set(t.owner),
                visibility: Set(Visibility::Network),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all([t.title, seed.label(t.organiser)?])),
            },
        )
        .await?;
        seed.put(t.key, id, t.title)?;
        for &(org, from, to) in t.partners {
            partners.push(training_partner::ActiveModel {
                training_id: Set(id),
                organisation_id: Set(seed.id(org)?),
                valid_from: Set(opt_date(from)?),
                valid_to: Set(opt_date(to)?),
            });
        }
    }
    insert_many(txn, partners).await
}

async fn load_visits(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let (txn, now) = (seed.txn, seed.now);
    let mut organisers = Vec::new();
    for &(day, group_training, group) in &VISITS {
        let id = insert(
            txn,
            study_visit::ActiveModel {
                id: NotSet,
                host_centre_id: Set(seed.id("centre:bukowsko")?),
                visit_date: Set(date(day)?),
                project_id: Set(Some(seed.id("proj:liderzy-kooperacji")?)),
                training_id: Set(Some(seed.id(group_training)?)),
                group_description: Set(group.to_owned()),
                headcount: Set(None),
                agenda: Set(strings(BUKOWSKO_AGENDA)),
                owner_region_id: Set(18),
                visibility: Set(Visibility::Network),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all(
                    [group, seed.label("centre:bukowsko")?]
                        .into_iter()
                        .chain(BUKOWSKO_AGENDA.iter().copied()),
                )),
            },
        )
        .await?;
        for org in ["org:rops-rzeszow", "org:uczelnia-korczaka"] {
            organisers.push(study_visit_organiser::ActiveModel {
                study_visit_id: Set(id),
                organisation_id: Set(seed.id(org)?),
            });
        }
    }
    insert_many(txn, organisers).await
}
