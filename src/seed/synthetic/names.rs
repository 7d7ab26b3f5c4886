//! Parts of realistic Polish names: places, people, and the vocabulary of titles.

/// Real municipality names used first, so every network holds well-known places with
/// diacritics (searching `lagow` finds „Łagów”).
pub(super) const KNOWN_PLACES: &[&str] = &[
    "Łagów",
    "Żółkiewka",
    "Świętajno",
    "Łęczna",
    "Ćmielów",
    "Źródła",
    "Nowa Dęba",
    "Głuchołazy",
    "Bolesławiec",
    "Szczebrzeszyn",
    "Żnin",
    "Końskie",
    "Sędziszów",
    "Gródek",
    "Łańcut",
    "Brzeżno",
];

/// Stems of invented place names.
pub(super) const PLACE_STEMS: &[&str] = &[
    "Dąbr", "Brzez", "Sosn", "Wierzb", "Ostr", "Kamień", "Grab", "Lip", "Olsz", "Buk", "Jabłon",
    "Wiśni", "Zaleś", "Górz", "Łęk", "Stawi", "Krzyż", "Słon", "Żabi", "Łąck", "Bieli", "Czarn",
    "Rudn", "Mszan", "Pias", "Głog", "Jawor", "Klon", "Modrz", "Świerk", "Topol", "Cis", "Jodł",
    "Rakow", "Sokol", "Wilcz", "Kozł", "Bobr", "Łos", "Żurawi",
];

/// Endings of invented place names.
pub(super) const PLACE_ENDINGS: &[&str] = &[
    "ów",
    "owo",
    "ice",
    "in",
    "no",
    "ec",
    "owice",
    "ówka",
    "ewo",
    "any",
    "nik",
    "na",
    "ie",
    "ówek",
    "owa Wola",
    "ów Duży",
    "ica",
    "iny",
];

/// Given names (feminine, masculine) with diacritics.
pub(super) const GIVEN_F: &[&str] = &[
    "Anna",
    "Małgorzata",
    "Agnieszka",
    "Katarzyna",
    "Barbara",
    "Elżbieta",
    "Jadwiga",
    "Żaneta",
    "Łucja",
    "Grażyna",
    "Bożena",
    "Urszula",
    "Iwona",
    "Joanna",
    "Magdalena",
    "Ewa",
    "Halina",
    "Zofia",
    "Aleksandra",
    "Dorota",
];
/// Masculine given names.
pub(super) const GIVEN_M: &[&str] = &[
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Michał",
    "Łukasz",
    "Grzegorz",
    "Jarosław",
    "Mirosław",
    "Zbigniew",
    "Sławomir",
    "Wojciech",
    "Jędrzej",
    "Bartłomiej",
    "Marek",
    "Józef",
    "Stanisław",
    "Rafał",
    "Maciej",
];

/// Family-name stems that take -ski/-ska or -cki/-cka.
pub(super) const FAMILY_SKI: &[&str] = &[
    "Kowal",
    "Wiśniew",
    "Dąbrow",
    "Lewandow",
    "Zieliń",
    "Szymań",
    "Woźniak",
    "Kozłow",
    "Jankow",
    "Wojciechow",
    "Kwiatkow",
    "Kaczmar",
    "Piotrow",
    "Grabow",
    "Zając",
    "Pawłow",
    "Michal",
    "Król",
    "Wieczor",
    "Jabłoń",
    "Nowic",
    "Majew",
    "Olszew",
    "Stępień",
    "Malinow",
];

/// Family names that do not change with gender.
pub(super) const FAMILY_PLAIN: &[&str] = &[
    "Nowak",
    "Wójcik",
    "Kamiński",
    "Mazur",
    "Krawczyk",
    "Kaczmarek",
    "Zając",
    "Wróbel",
    "Sikora",
    "Baran",
    "Duda",
    "Szewczyk",
    "Ostrowska",
    "Żak",
    "Głowacka",
    "Łuczak",
];

/// Specialisations of experts (stored in SCREAMING_SNAKE like the API's codes).
pub(super) const SPECIALISATIONS: &[&str] = &[
    "COMMUNITY_ORGANISATION",
    "SOCIAL_SERVICES_MANAGEMENT",
    "INDIVIDUAL_SERVICE_PLANS",
    "DEINSTITUTIONALISATION",
    "FAMILY_SUPPORT",
    "SENIOR_CARE",
    "DISABILITY_SUPPORT",
    "PUBLIC_PROCUREMENT",
    "EU_FUNDING",
    "SOCIAL_ECONOMY",
];

/// Topics of events, good practices and trainings.
pub(super) const TOPICS: &[&str] = &[
    "usługi społeczne",
    "organizowanie społeczności lokalnej",
    "wsparcie rodzin",
    "opieka wytchnieniowa",
    "asystent osobisty",
    "deinstytucjonalizacja",
    "mieszkania wspomagane",
    "aktywizacja seniorów",
    "partycypacja mieszkańców",
    "zdrowie psychiczne",
    "przeciwdziałanie przemocy",
    "ekonomia społeczna",
    "współpraca z organizacjami pozarządowymi",
    "indywidualny plan usług społecznych",
    "diagnoza potrzeb",
];

/// Openings of event titles.
pub(super) const EVENT_OPENINGS: &[&str] = &[
    "Konferencja regionalna",
    "Spotkanie edukacyjne",
    "Spotkanie upowszechniające",
    "Warsztaty",
    "Forum wymiany doświadczeń",
    "Kongres",
];

/// Openings of good-practice titles.
pub(super) const PRACTICE_OPENINGS: &[&str] = &[
    "Klub sąsiedzki",
    "Punkt informacji o usługach",
    "Wypożyczalnia sprzętu rehabilitacyjnego",
    "Program „Złota rączka” dla seniorów",
    "Mobilny zespół wsparcia",
    "Kawiarenka międzypokoleniowa",
    "Centrum wolontariatu",
    "Rodzinny punkt konsultacyjny",
    "Transport „od drzwi do drzwi”",
    "Świetlica środowiskowa",
];

/// Venues of events.
pub(super) const VENUES: &[&str] = &[
    "Gminny Ośrodek Kultury",
    "Sala konferencyjna urzędu gminy",
    "Dom Pomocy Społecznej",
    "Centrum Kształcenia Ustawicznego",
    "Hotel „Pod Żubrem”",
];
