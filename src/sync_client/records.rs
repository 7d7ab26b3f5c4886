//! The fields a pulled record carries, per type.

/// Selection of a record of any type (used inside `record { … }` and `records { … }`).
pub(super) const RECORD_FIELDS: &str = "__typename
    ... on Organisation { id version visibility ownerRegion { terytCode } name shortName kind website municipality { id } parent { id } }
    ... on Centre { id version visibility ownerRegion { terytCode } name status creationMode operatingSince predecessorName address website description primaryMunicipality { id } municipalities { id } serviceCategories }
    ... on Project { id version visibility ownerRegion { terytCode } title shortTitle status startDate endDate totalValue { amount approximate } grantRequested { amount approximate } grantAwarded { amount approximate } website description }
    ... on Person { id version visibility ownerRegion { terytCode } givenName familyName honorific email phone }
    ... on Expert { id version visibility ownerRegion { terytCode } summary specialisations person { id } organisation { id } centre { id } }
    ... on ContactPerson { id version visibility ownerRegion { terytCode } roleTitle person { id } organisation { id } centre { id } }
    ... on Event { id version visibility ownerRegion { terytCode } title kind format date startDate endDate venueName description }
    ... on StudyVisit { id version visibility ownerRegion { terytCode } date groupDescription headcount hostCentre { id } }
    ... on Training { id version visibility ownerRegion { terytCode } title kind startDate endDate format completedCount description }
    ... on GoodPractice { id version visibility ownerRegion { terytCode } title summary status }
    ... on Document { id version visibility ownerRegion { terytCode } title kind seriesName seriesNumber publishedYear language url licence description }";
