//! The list use-cases: a scoped select per record type, narrowed by the caller's filter,
//! sorted and paged. Every list starts from [`ScopedDb::owned`] or [`ScopedDb::reference`].

use super::filters;
use super::page::{
    Decoder, KeyKind, Page, PageArgs, PageStatement, SortKey, page_statement, paginate_counted,
};
use crate::access::{Readable, Reference, ScopedDb};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::Kind;
use crate::graphql::inputs::*;
use crate::graphql::scalars::parse_grosze;
use entity::owned::OwnedModel;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{ColumnTrait, QueryFilter, Select};
use serde_json::Value as Json;

/// A region-owned entity that lists sort by name (or title) and change time.
pub trait Listed: Readable {
    /// The global-id kind of the entity.
    const KIND: Kind;
    /// The column holding the name or title.
    fn name_column() -> Self::Column;
    /// The name or title of a row.
    fn name_of(m: &Self::Model) -> &str;
    /// The `updated_at` column.
    fn updated_column() -> Self::Column;
    /// The change time of a row.
    fn updated_of(m: &Self::Model) -> chrono::DateTime<chrono::Utc>;
}

macro_rules! listed {
    ($m:ident, $kind:ident, $name:ident, $name_col:ident) => {
        impl Listed for entity::$m::Entity {
            const KIND: Kind = Kind::$kind;
            fn name_column() -> Self::Column {
                entity::$m::Column::$name_col
            }
            fn name_of(m: &Self::Model) -> &str {
                &m.$name
            }
            fn updated_column() -> Self::Column {
                entity::$m::Column::UpdatedAt
            }
            fn updated_of(m: &Self::Model) -> chrono::DateTime<chrono::Utc> {
                m.updated_at
            }
        }
    };
}
listed!(organisation, Organisation, name, Name);
listed!(centre, Centre, name, Name);
listed!(project, Project, title, Title);
listed!(person, Person, family_name, FamilyName);
listed!(expert, Expert, search_text, SearchText);
listed!(contact_person, ContactPerson, search_text, SearchText);
listed!(event, Event, title, Title);
listed!(training, Training, title, Title);
listed!(study_visit, StudyVisit, group_description, GroupDescription);
listed!(good_practice, GoodPractice, title, Title);
listed!(document, Document, title, Title);

fn sort_key<E: Listed>(sort: RecordSort) -> SortKey<E> {
    match sort {
        RecordSort::NameAsc | RecordSort::NameDesc => SortKey {
            column: E::name_column(),
            kind: KeyKind::Text,
            descending: sort == RecordSort::NameDesc,
            read: Box::new(|m| Json::String(E::name_of(m).to_owned())),
        },
        RecordSort::UpdatedAtAsc | RecordSort::UpdatedAtDesc => SortKey {
            column: E::updated_column(),
            kind: KeyKind::Timestamp,
            descending: sort == RecordSort::UpdatedAtDesc,
            read: Box::new(|m| {
                Json::String(E::updated_of(m).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            }),
        },
    }
}

/// A page of a list, with the total count when the query asked for it.
pub struct Listing<M> {
    pub page: Page<M>,
    pub total: i64,
}

/// Runs a list query: sorting, paging, and counting when asked. A `select` narrowed to some
/// columns comes with the `decode` of its rows, and selects the sort key's column.
pub async fn run<E>(
    db: &ScopedDb,
    select: Select<E>,
    decode: Decoder<'_, E::Model>,
    sort: RecordSort,
    args: &PageArgs,
    max_page_size: u64,
    count: bool,
) -> AppResult<Listing<E::Model>>
where
    E: Listed,
    E::Model: OwnedModel + Sync,
{
    let query = page_query(select, sort, args, max_page_size, count)?;
    let (page, total) = query
        .statement
        .run(&db.reads(), &query.key, &|m: &E::Model| m.id(), decode)
        .await?;
    Ok(Listing { page, total })
}

/// A list query's page statement, built but not yet run: for a caller that reads the page
/// inside a larger statement (with rows nested in the page) and hands the page's rows back.
pub struct PageQuery<E: Listed> {
    key: SortKey<E>,
    statement: PageStatement<E>,
}

/// Builds a list query's page statement (see [`run`]).
pub fn page_query<E: Listed>(
    select: Select<E>,
    sort: RecordSort,
    args: &PageArgs,
    max_page_size: u64,
    count: bool,
) -> AppResult<PageQuery<E>> {
    let key = sort_key::<E>(sort);
    let statement = page_statement(select, &key, E::id_column(), args, max_page_size, count)?;
    Ok(PageQuery { key, statement })
}

impl<E> PageQuery<E>
where
    E: Listed,
    E::Model: OwnedModel + Sync,
{
    /// Takes the page's select out (sorted by [`Self::sort_column`] and id, limited), to be
    /// run as part of a bigger statement; what [`Self::read`] needs stays. Taking it saves a
    /// copy of the whole statement per request.
    pub fn take_select(&mut self) -> sea_orm::sea_query::SelectStatement {
        std::mem::take(sea_orm::QueryTrait::query(&mut self.statement.select))
    }

    /// The column the page is sorted by (ties broken by id).
    pub fn sort_column(&self) -> E::Column {
        self.key.column
    }

    /// Whether the page's rows come in ascending order.
    pub fn ascending(&self) -> bool {
        self.statement.ascending
    }

    /// Leaves the page's cursors out (empty), for a caller that reads none of them: encoding
    /// one per row was 7 % of the server's time for a page of 50 that asked for no cursor.
    pub fn without_cursors(&mut self) {
        self.statement.cursors = false;
    }

    /// Whether the page's rows carry the whole list's count (as their last column).
    pub fn counted(&self) -> bool {
        self.statement.with_total
    }

    /// Reads the page from its rows, in the order the page's select returns them.
    pub async fn read(
        self,
        db: &ScopedDb,
        found: Vec<sea_orm::QueryResult>,
        decode: Decoder<'_, E::Model>,
    ) -> AppResult<Listing<E::Model>> {
        let (page, total) = self
            .statement
            .read(
                &db.reads(),
                found,
                &self.key,
                &|m: &E::Model| m.id(),
                decode,
            )
            .await?;
        Ok(Listing { page, total })
    }
}

/// The scoped select of `E` narrowed by the conditions every list accepts.
pub fn records<E: Listed>(db: &ScopedDb, f: &RecordFilter) -> AppResult<Select<E>> {
    let mut sel = db.owned::<E>();
    if let Some(ids) = &f.ids {
        sel = sel.filter(E::id_column().is_in(filters::ids("filter.ids", ids, E::KIND)?));
    }
    if let Some(codes) = &f.region_codes {
        sel = sel.filter(
            E::owner_region_column().is_in(filters::region_ids("filter.regionCodes", codes)?),
        );
    }
    if let Some(search) = &f.search
        && let Some(pattern) = filters::search_pattern("filter.search", search)?
    {
        sel = sel
            .filter(Expr::col(E::search_text_column()).like(LikeExpr::new(pattern).escape('\\')));
    }
    if let Some(vs) = &f.visibilities {
        let vs: Vec<entity::enums::Visibility> = vs.iter().map(|v| (*v).into()).collect();
        sel = sel.filter(E::visibility_column().is_in(vs));
    }
    if let Some(t) = f.updated_since {
        sel = sel.filter(E::updated_column().gte(t));
    }
    Ok(sel)
}

fn enums<G: Copy + Into<D>, D>(values: &[G]) -> Vec<D> {
    values.iter().map(|v| (*v).into()).collect()
}

/// Centres the caller may see, filtered.
pub fn centres(db: &ScopedDb, f: &CentreFilter) -> AppResult<Select<entity::centre::Entity>> {
    use entity::centre::Column;
    let mut sel = records::<entity::centre::Entity>(db, &f.record)?;
    if let Some(s) = &f.statuses {
        sel = sel.filter(Column::Status.is_in(enums::<_, entity::enums::CentreStatus>(s)));
    }
    if let Some(cats) = &f.service_categories {
        let cats = enums::<_, entity::enums::ServiceCategory>(cats);
        sel = sel.filter(
            Column::Id.in_subquery(
                Query::select()
                    .column(entity::centre_service_category::Column::CentreId)
                    .from(entity::centre_service_category::Entity)
                    .and_where(entity::centre_service_category::Column::Category.is_in(cats))
                    .to_owned(),
            ),
        );
    }
    if let Some(codes) = &f.municipality_codes {
        let codes = filters::teryt_codes("filter.municipalityCodes", codes)?;
        sel = sel.filter(
            Column::Id.in_subquery(
                Query::select()
                    .column(entity::centre_municipality::Column::CentreId)
                    .from(entity::centre_municipality::Entity)
                    .inner_join(
                        entity::municipality::Entity,
                        Expr::col((
                            entity::municipality::Entity,
                            entity::municipality::Column::Id,
                        ))
                        .equals((
                            entity::centre_municipality::Entity,
                            entity::centre_municipality::Column::MunicipalityId,
                        )),
                    )
                    .and_where(entity::municipality::Column::TerytCode.is_in(codes))
                    .to_owned(),
            ),
        );
    }
    if let Some(d) = f.operating_since_from {
        sel = sel.filter(Column::OperatingSince.gte(d.0));
    }
    if let Some(d) = f.operating_since_to {
        sel = sel.filter(Column::OperatingSince.lte(d.0));
    }
    Ok(sel)
}

fn money(field: &str, s: &str) -> AppResult<i64> {
    parse_grosze(s).ok_or_else(|| {
        AppError::bad_input(
            field,
            "an amount in PLN with at most two decimals, e.g. \"1500.00\"",
        )
    })
}

/// Projects the caller may see, filtered.
pub fn projects(db: &ScopedDb, f: &ProjectFilter) -> AppResult<Select<entity::project::Entity>> {
    use entity::project::Column;
    let mut sel = records::<entity::project::Entity>(db, &f.record)?;
    if let Some(s) = &f.statuses {
        sel = sel.filter(Column::Status.is_in(enums::<_, entity::enums::ProjectStatus>(s)));
    }
    if let Some(codes) = &f.programme_codes {
        sel = sel.filter(
            Column::ProgrammeId.in_subquery(
                Query::select()
                    .column(entity::funding_programme::Column::Id)
                    .from(entity::funding_programme::Entity)
                    .and_where(entity::funding_programme::Column::Code.is_in(codes.iter().cloned()))
                    .to_owned(),
            ),
        );
    }
    if let Some(min) = &f.awarded_min {
        sel = sel.filter(Column::GrantAwardedGrosze.gte(money("filter.awardedMin", min)?));
    }
    if let Some(max) = &f.awarded_max {
        sel = sel.filter(Column::GrantAwardedGrosze.lte(money("filter.awardedMax", max)?));
    }
    if let Some(d) = f.agreement_signed_from {
        sel = sel.filter(Column::AgreementSignedOn.gte(d.0));
    }
    if let Some(d) = f.agreement_signed_to {
        sel = sel.filter(Column::AgreementSignedOn.lte(d.0));
    }
    Ok(sel)
}

/// Organisations the caller may see, filtered.
pub fn organisations(
    db: &ScopedDb,
    f: &OrganisationFilter,
) -> AppResult<Select<entity::organisation::Entity>> {
    let mut sel = records::<entity::organisation::Entity>(db, &f.record)?;
    if let Some(k) = &f.kinds {
        sel = sel.filter(
            entity::organisation::Column::Kind
                .is_in(enums::<_, entity::enums::OrganisationKind>(k)),
        );
    }
    Ok(sel)
}

/// Events the caller may see, filtered.
pub fn events(db: &ScopedDb, f: &EventFilter) -> AppResult<Select<entity::event::Entity>> {
    use entity::event::Column;
    let mut sel = records::<entity::event::Entity>(db, &f.record)?;
    if let Some(k) = &f.kinds {
        sel = sel.filter(Column::Kind.is_in(enums::<_, entity::enums::EventKind>(k)));
    }
    if let Some(d) = f.date_from {
        sel = sel.filter(Column::StartDate.gte(d.0));
    }
    if let Some(d) = f.date_to {
        sel = sel.filter(Column::StartDate.lte(d.0));
    }
    Ok(sel)
}

/// Trainings the caller may see, filtered.
pub fn trainings(db: &ScopedDb, f: &TrainingFilter) -> AppResult<Select<entity::training::Entity>> {
    let mut sel = records::<entity::training::Entity>(db, &f.record)?;
    if let Some(k) = &f.kinds {
        sel = sel.filter(
            entity::training::Column::Kind.is_in(enums::<_, entity::enums::TrainingKind>(k)),
        );
    }
    Ok(sel)
}

/// Study visits the caller may see, filtered.
pub fn study_visits(
    db: &ScopedDb,
    f: &StudyVisitFilter,
) -> AppResult<Select<entity::study_visit::Entity>> {
    use entity::study_visit::Column;
    let mut sel = records::<entity::study_visit::Entity>(db, &f.record)?;
    if let Some(ids) = &f.host_centre_ids {
        sel = sel.filter(Column::HostCentreId.is_in(filters::ids(
            "filter.hostCentreIds",
            ids,
            Kind::Centre,
        )?));
    }
    if let Some(d) = f.date_from {
        sel = sel.filter(Column::VisitDate.gte(d.0));
    }
    if let Some(d) = f.date_to {
        sel = sel.filter(Column::VisitDate.lte(d.0));
    }
    Ok(sel)
}

/// Good practices the caller may see, filtered.
pub fn good_practices(
    db: &ScopedDb,
    f: &GoodPracticeFilter,
) -> AppResult<Select<entity::good_practice::Entity>> {
    use entity::good_practice::Column;
    let mut sel = records::<entity::good_practice::Entity>(db, &f.record)?;
    if let Some(s) = &f.statuses {
        sel = sel.filter(Column::Status.is_in(enums::<_, entity::enums::PublicationStatus>(s)));
    }
    if let Some(ids) = &f.centre_ids {
        sel = sel.filter(Column::CentreId.is_in(filters::ids(
            "filter.centreIds",
            ids,
            Kind::Centre,
        )?));
    }
    Ok(sel)
}

/// Documents the caller may see, filtered.
pub fn documents(db: &ScopedDb, f: &DocumentFilter) -> AppResult<Select<entity::document::Entity>> {
    let mut sel = records::<entity::document::Entity>(db, &f.record)?;
    if let Some(k) = &f.kinds {
        sel = sel.filter(
            entity::document::Column::Kind.is_in(enums::<_, entity::enums::DocumentKind>(k)),
        );
    }
    Ok(sel)
}

/// Experts the caller may see, filtered.
pub fn experts(db: &ScopedDb, f: &ExpertFilter) -> AppResult<Select<entity::expert::Entity>> {
    let mut sel = records::<entity::expert::Entity>(db, &f.record)?;
    if let Some(ids) = &f.centre_ids {
        sel = sel.filter(entity::expert::Column::CentreId.is_in(filters::ids(
            "filter.centreIds",
            ids,
            Kind::Centre,
        )?));
    }
    Ok(sel)
}

/// Municipalities (reference data), filtered, sorted by name.
pub async fn municipalities(
    db: &ScopedDb,
    f: &MunicipalityFilter,
    args: &PageArgs,
    max_page_size: u64,
    count: bool,
) -> AppResult<Listing<entity::municipality::Model>> {
    use entity::municipality::Column;
    let mut sel = db.reference::<entity::municipality::Entity>();
    if let Some(codes) = &f.region_codes {
        sel = sel.filter(Column::RegionId.is_in(filters::region_ids("filter.regionCodes", codes)?));
    }
    if let Some(codes) = &f.teryt_codes {
        sel =
            sel.filter(Column::TerytCode.is_in(filters::teryt_codes("filter.terytCodes", codes)?));
    }
    if let Some(k) = &f.kinds {
        sel = sel.filter(Column::Kind.is_in(enums::<_, entity::enums::MunicipalityKind>(k)));
    }
    if let Some(search) = &f.search
        && let Some(pattern) = filters::search_pattern("filter.search", search)?
    {
        sel = sel.filter(Expr::col(Column::SearchText).like(LikeExpr::new(pattern).escape('\\')));
    }
    reference_page(
        db,
        sel,
        Column::Name,
        Column::Id,
        |m| (m.name.as_str(), m.id),
        args,
        max_page_size,
        count,
    )
    .await
}

/// Pages reference data by name, ties broken by id.
#[allow(
    clippy::too_many_arguments,
    reason = "a private helper shared by the reference lists"
)]
pub async fn reference_page<E: Reference>(
    db: &ScopedDb,
    sel: Select<E>,
    name: E::Column,
    id: E::Column,
    read: fn(&E::Model) -> (&str, i64),
    args: &PageArgs,
    max_page_size: u64,
    count: bool,
) -> AppResult<Listing<E::Model>>
where
    E::Model: Sync,
{
    let key = SortKey::<E> {
        column: name,
        kind: KeyKind::Text,
        descending: false,
        read: Box::new(move |m| Json::String(read(m).0.to_owned())),
    };
    let (page, total) = paginate_counted(
        &db.reads(),
        sel,
        &key,
        id,
        &move |m| read(m).1,
        None,
        args,
        max_page_size,
        count,
    )
    .await?;
    Ok(Listing { page, total })
}

/// A page of the voivodeships, by Polish name.
pub async fn regions(
    db: &ScopedDb,
    args: &PageArgs,
    max_page_size: u64,
    count: bool,
) -> AppResult<Listing<entity::region::Model>> {
    use entity::region::{Column, Entity};
    reference_page(
        db,
        db.reference::<Entity>(),
        Column::Name,
        Column::Id,
        |m| (m.name.as_str(), m.id),
        args,
        max_page_size,
        count,
    )
    .await
}
