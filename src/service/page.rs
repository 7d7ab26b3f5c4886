//! Keyset pagination (Relay `first/after/last/before`) over any sorted select.
//!
//! Cursors are opaque (base64 of the sort key and the id), so they stay valid when rows are
//! inserted before them. The id breaks ties, so every order is total.

use crate::error::{AppError, AppResult};
use base64::Engine;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, SimpleExpr, SubQueryStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Select, Value,
};
use serde_json::Value as Json;

/// The page a client asked for.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// Page size used when the client gives neither `first` nor `last`.
pub const DEFAULT_PAGE_SIZE: u64 = 20;

/// The kind of value a sort key holds, to decode cursors back into SQL values.
#[derive(Debug, Clone, Copy)]
pub enum KeyKind {
    Text,
    Int,
    Date,
    Timestamp,
}

/// Reads a row's sort-key value, for its cursor.
pub type KeyReader<M> = Box<dyn Fn(&M) -> Json + Send + Sync>;

/// One sort order: a column, its kind, direction, and how to read it from a model.
pub struct SortKey<E: EntityTrait> {
    pub column: E::Column,
    pub kind: KeyKind,
    pub descending: bool,
    pub read: KeyReader<E::Model>,
}

/// Reads a model from a row of a page's statement whose select was narrowed to some columns
/// (`None`: every column is selected and read by name).
pub type Decoder<'a, M> =
    Option<&'a (dyn Fn(&sea_orm::QueryResult) -> Result<M, sea_orm::DbErr> + Sync)>;

/// A page of models with what Relay's `pageInfo` needs.
#[derive(Debug)]
pub struct Page<M> {
    pub items: Vec<(String, M)>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
}

fn encode_cursor(key: &Json, id: i64) -> String {
    let raw = serde_json::json!([key, id]).to_string();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}

fn decode_cursor(field: &str, cursor: &str, kind: KeyKind) -> AppResult<(Value, i64)> {
    let bad = || AppError::bad_input(field, "invalid cursor");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| bad())?;
    let parsed: (Json, i64) = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    let value = match (kind, &parsed.0) {
        (KeyKind::Int, Json::Number(n)) => Value::from(n.as_i64().ok_or_else(bad)?),
        (KeyKind::Text, Json::String(s)) => Value::from(s.clone()),
        (KeyKind::Date, Json::String(s)) => {
            Value::from(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad())?)
        }
        (KeyKind::Timestamp, Json::String(s)) => Value::from(
            chrono::DateTime::parse_from_rfc3339(s)
                .map_err(|_| bad())?
                .with_timezone(&chrono::Utc),
        ),
        _ => return Err(bad()),
    };
    Ok((value, parsed.1))
}

/// Rows strictly beyond `(value, id)` in the given direction.
fn beyond<C: ColumnTrait>(
    column: C,
    id_column: C,
    value: Value,
    id: i64,
    greater: bool,
) -> Condition {
    let (key_cmp, id_cmp): (SimpleExpr, SimpleExpr) = if greater {
        (
            Expr::col(column).gt(value.clone()),
            Expr::col(id_column).gt(id),
        )
    } else {
        (
            Expr::col(column).lt(value.clone()),
            Expr::col(id_column).lt(id),
        )
    };
    Condition::any().add(key_cmp).add(
        Condition::all()
            .add(Expr::col(column).eq(value))
            .add(id_cmp),
    )
}

/// Validates the page arguments against the maximum page size.
pub fn page_size(args: &PageArgs, max: u64) -> AppResult<(u64, bool)> {
    let check = |field: &str, n: i32| -> AppResult<u64> {
        if n < 0 {
            return Err(AppError::bad_input(
                field,
                format!("`{field}` must not be negative"),
            ));
        }
        let n = n as u64;
        if n > max {
            return Err(AppError::bad_input(
                field,
                format!("`{field}` must be at most {max}"),
            ));
        }
        Ok(n)
    };
    match (args.first, args.last) {
        (Some(_), Some(_)) => Err(AppError::bad_input(
            "last",
            "give either `first` or `last`, not both",
        )),
        (Some(f), None) => Ok((check("first", f)?, false)),
        (None, Some(l)) => Ok((check("last", l)?, true)),
        (None, None) => Ok((Ord::min(DEFAULT_PAGE_SIZE, max), false)),
    }
}

/// Fetches one page of `select` in the order of `key` (ties broken by id).
pub async fn paginate<E, C>(
    conn: &C,
    select: Select<E>,
    key: &SortKey<E>,
    id_column: E::Column,
    id_of: &(dyn Fn(&E::Model) -> i64 + Sync),
    args: &PageArgs,
    max_page_size: u64,
) -> AppResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Sync,
    C: ConnectionTrait,
{
    let statement = page_statement(select, key, id_column, args, max_page_size, false)?;
    let (page, _) = statement.run(conn, key, id_of, None).await?;
    Ok(page)
}

/// Like [`paginate`], with the number of rows of the whole list when `count` is set (else
/// 0). The count comes with the page's rows from the same statement; only a page after or
/// before a cursor that comes back empty counts with a statement of its own.
#[allow(clippy::too_many_arguments, reason = "the paging inputs")]
pub async fn paginate_counted<E, C>(
    conn: &C,
    select: Select<E>,
    key: &SortKey<E>,
    id_column: E::Column,
    id_of: &(dyn Fn(&E::Model) -> i64 + Sync),
    decode: Decoder<'_, E::Model>,
    args: &PageArgs,
    max_page_size: u64,
    count: bool,
) -> AppResult<(Page<E::Model>, i64)>
where
    E: EntityTrait,
    E::Model: Sync,
    C: ConnectionTrait,
{
    page_statement(select, key, id_column, args, max_page_size, count)?
        .run(conn, key, id_of, decode)
        .await
}

/// The column the count is read from.
const TOTAL_COLUMN: &str = "cusnet_list_total";

/// A page's statement, built but not yet run, with what reading its rows needs. A caller may
/// run it on its own ([`PageStatement::run`]) or inside a larger statement that returns the
/// page's rows, in page order, along with other rows.
pub struct PageStatement<E: EntityTrait> {
    /// The page's select: sorted, limited to one row more than the page.
    pub select: Select<E>,
    /// Whether the rows come in ascending order of the sort key (and id).
    pub ascending: bool,
    /// Whether the select carries the whole list's count.
    pub with_total: bool,
    /// Whether each item gets its cursor (otherwise an empty one).
    pub cursors: bool,
    size: u64,
    from_end: bool,
    after: bool,
    before: bool,
    /// The list without paging, counted on its own when a page after or before a cursor
    /// comes back empty.
    whole: Option<Select<E>>,
}

/// Builds the statement of one page of `select` in the order of `key` (ties broken by id),
/// with the whole list's count as a column when `with_total` is set.
pub fn page_statement<E>(
    select: Select<E>,
    key: &SortKey<E>,
    id_column: E::Column,
    args: &PageArgs,
    max_page_size: u64,
    with_total: bool,
) -> AppResult<PageStatement<E>>
where
    E: EntityTrait,
{
    let (size, from_end) = page_size(args, max_page_size)?;
    let whole =
        (with_total && (args.after.is_some() || args.before.is_some())).then(|| select.clone());
    // The whole list's count, as a scalar subquery over the same conditions: evaluated once,
    // on the list's index, while the page itself still stops after its rows (a window count
    // would read and sort every matching row first).
    let count = with_total.then(|| {
        let mut count = select.clone().into_query();
        count
            .clear_selects()
            .clear_order_by()
            .expr(Expr::cust("COUNT(*)"));
        Expr::from(SubQueryStatement::from(count))
    });
    let mut select = select;
    let forward_greater = !key.descending;
    if let Some(after) = &args.after {
        let (v, id) = decode_cursor("after", after, key.kind)?;
        select = select.filter(beyond(key.column, id_column, v, id, forward_greater));
    }
    if let Some(before) = &args.before {
        let (v, id) = decode_cursor("before", before, key.kind)?;
        select = select.filter(beyond(key.column, id_column, v, id, !forward_greater));
    }
    // Read in page direction; `last` reads backwards and reverses afterwards.
    let ascending = forward_greater != from_end;
    let order = if ascending { Order::Asc } else { Order::Desc };
    let select = select
        .order_by(key.column, order.clone())
        .order_by(id_column, order)
        .limit(size + 1);
    let select = match count {
        Some(count) => select.expr_as(count, TOTAL_COLUMN),
        None => select,
    };
    Ok(PageStatement {
        select,
        ascending,
        with_total,
        cursors: true,
        size,
        from_end,
        after: args.after.is_some(),
        before: args.before.is_some(),
        whole,
    })
}

impl<E> PageStatement<E>
where
    E: EntityTrait,
    E::Model: Sync,
{
    /// Runs the statement on its own and reads its rows.
    pub async fn run<C: ConnectionTrait>(
        self,
        conn: &C,
        key: &SortKey<E>,
        id_of: &(dyn Fn(&E::Model) -> i64 + Sync),
        decode: Decoder<'_, E::Model>,
    ) -> AppResult<(Page<E::Model>, i64)> {
        let found = conn
            .query_all_raw(self.select.build(conn.get_database_backend()))
            .await?;
        self.read(conn, found, key, id_of, decode).await
    }

    /// Reads the page from the statement's rows (in the order the statement returned them),
    /// and the whole list's count when the statement carried it (else 0). Only a page after
    /// or before a cursor that comes back empty is counted with a statement of its own.
    pub async fn read<C: ConnectionTrait>(
        self,
        conn: &C,
        found: Vec<sea_orm::QueryResult>,
        key: &SortKey<E>,
        id_of: &(dyn Fn(&E::Model) -> i64 + Sync),
        decode: Decoder<'_, E::Model>,
    ) -> AppResult<(Page<E::Model>, i64)> {
        // An empty page carries no count: without a cursor that means an empty list; after
        // or before a cursor it says nothing about the list, which is then counted.
        let total = match (self.with_total, found.first()) {
            (true, Some(row)) => row.try_get::<i64>("", TOTAL_COLUMN)?,
            _ => match self.whole {
                Some(whole) => {
                    use sea_orm::PaginatorTrait;
                    whole.count(conn).await? as i64
                }
                None => 0,
            },
        };
        let has_more = found.len() as u64 > self.size;
        // Each model is decoded straight into its place among the page's items (the row
        // beyond the page only tells that there is more, and is not decoded).
        let mut items = found
            .iter()
            .take(self.size as usize)
            .map(|row| {
                let m = match decode {
                    Some(decode) => decode(row)?,
                    None => <E::Model as sea_orm::FromQueryResult>::from_query_result(row, "")?,
                };
                let cursor = if self.cursors {
                    encode_cursor(&(key.read)(&m), id_of(&m))
                } else {
                    String::new()
                };
                Ok((cursor, m))
            })
            .collect::<Result<Vec<_>, sea_orm::DbErr>>()?;
        let from_end = self.from_end;
        if from_end {
            items.reverse();
        }
        let page = Page {
            items,
            has_next_page: if from_end { self.before } else { has_more },
            has_previous_page: if from_end { has_more } else { self.after },
        };
        Ok((page, total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = encode_cursor(&Json::String("Łagów".into()), 7);
        let (v, id) = decode_cursor("after", &c, KeyKind::Text).expect("valid cursor");
        assert_eq!(id, 7);
        assert_eq!(v, Value::from("Łagów".to_owned()));
        assert!(decode_cursor("after", "not-a-cursor!", KeyKind::Text).is_err());
        assert!(decode_cursor("after", &c, KeyKind::Int).is_err());
    }

    #[test]
    fn page_size_enforces_limits() {
        let args = |first, last| PageArgs {
            first,
            last,
            ..Default::default()
        };
        assert_eq!(page_size(&args(None, None), 100).ok(), Some((20, false)));
        assert_eq!(
            page_size(&args(Some(100), None), 100).ok(),
            Some((100, false))
        );
        assert!(page_size(&args(Some(101), None), 100).is_err());
        assert!(page_size(&args(Some(-1), None), 100).is_err());
        assert!(page_size(&args(Some(1), Some(1)), 100).is_err());
        assert_eq!(page_size(&args(None, Some(5)), 100).ok(), Some((5, true)));
    }
}
