//! One column of a compiled read's row, decoded by position.
//!
//! The ORM's getter compares every value's database type with the Rust type before decoding
//! it. A compiled read selects its own columns, of types fixed by the schema, and in a
//! profile of the benchmark's nested page (operation 2) that comparison was a fifth of the
//! time spent taking the rows apart. So on PostgreSQL integers and texts (and the
//! enumerations stored as text) are decoded straight from the row, trusting the column's
//! type: a 64-bit integer column, a text or varchar one. That holds for every column the
//! compiled reads select (ids and region numbers are `bigint`, names, codes and enumerations
//! text), and the compiled reads' tests on PostgreSQL decode each of them; a value of another
//! type would be misread rather than refused (any value of up to eight bytes reads as an
//! integer, any UTF-8 as text), so nothing else may be decoded here. Every other type, and
//! every other backend, goes through the ORM's getter.

use entity::enums::{
    CentreStatus, CreationMode, MunicipalityKind, ProjectStatus, SelectionMode, Visibility,
};
use sea_orm::prelude::{Date, DateTimeUtc, Json};
use sea_orm::sqlx::{self, Postgres, Row};
use sea_orm::{ActiveEnum, DbErr, QueryResult};

/// A type a compiled read decodes from a row's column.
pub(super) trait Cell: Sized {
    /// The value of column `i` (0-based) of `row`.
    fn cell(row: &QueryResult, i: usize) -> Result<Self, DbErr>;
}

/// Column `i` of a PostgreSQL row, decoded without comparing types; `None` on other backends.
fn unchecked<'r, T>(row: &'r QueryResult, i: usize) -> Option<Result<Option<T>, DbErr>>
where
    T: sqlx::Decode<'r, Postgres>,
{
    let pg = row.try_as_pg_row()?;
    Some(
        pg.try_get_unchecked::<Option<T>, _>(i)
            .map_err(|e| DbErr::Type(format!("column {i}: {e}"))),
    )
}

fn null(i: usize) -> DbErr {
    DbErr::Type(format!("column {i} is NULL"))
}

/// Integers and texts: straight from the row on PostgreSQL.
macro_rules! direct {
    ($($t:ty),+) => {$(
        impl Cell for $t {
            fn cell(row: &QueryResult, i: usize) -> Result<Self, DbErr> {
                match unchecked::<$t>(row, i) {
                    Some(value) => value?.ok_or_else(|| null(i)),
                    None => row.try_get_by_index(i),
                }
            }
        }
        impl Cell for Option<$t> {
            fn cell(row: &QueryResult, i: usize) -> Result<Self, DbErr> {
                match unchecked::<$t>(row, i) {
                    Some(value) => value,
                    None => row.try_get_by_index(i),
                }
            }
        }
    )+};
}

direct!(i64, String);

/// The variant of an enumeration whose stored value is `text`, read without copying the
/// text: the enumerations' serde names are their stored values (a test below checks every
/// variant of each).
fn variant<T: serde::de::DeserializeOwned>(text: &str, i: usize) -> Result<T, DbErr> {
    use serde::de::value::{BorrowedStrDeserializer, Error};
    T::deserialize(BorrowedStrDeserializer::<Error>::new(text))
        .map_err(|e| DbErr::Type(format!("column {i}: {e}")))
}

/// Enumerations stored as their text: on PostgreSQL read from the row's bytes (borrowed, not
/// copied), elsewhere through the ORM's getter.
macro_rules! enumerated {
    ($($t:ty),+) => {
        $(
            impl Cell for $t {
                fn cell(row: &QueryResult, i: usize) -> Result<Self, DbErr> {
                    match unchecked::<&str>(row, i) {
                        Some(text) => variant(text?.ok_or_else(|| null(i))?, i),
                        None => <$t as ActiveEnum>::try_from_value(&row.try_get_by_index(i)?),
                    }
                }
            }
            impl Cell for Option<$t> {
                fn cell(row: &QueryResult, i: usize) -> Result<Self, DbErr> {
                    match unchecked::<&str>(row, i) {
                        Some(text) => text?.map(|t| variant(t, i)).transpose(),
                        None => row
                            .try_get_by_index::<Option<String>>(i)?
                            .map(|v| <$t as ActiveEnum>::try_from_value(&v))
                            .transpose(),
                    }
                }
            }
        )+

        /// Checks that every enumeration read here reads each of its stored values.
        #[cfg(test)]
        fn read_every_enumeration() {
            $(tests::reads_every_variant::<$t>();)+
        }
    };
}

enumerated!(
    Visibility,
    CentreStatus,
    CreationMode,
    MunicipalityKind,
    ProjectStatus,
    SelectionMode
);

/// Everything else: through the ORM's getter.
macro_rules! through_orm {
    ($($t:ty),+) => {$(
        impl Cell for $t {
            fn cell(row: &QueryResult, i: usize) -> Result<Self, DbErr> {
                row.try_get_by_index(i)
            }
        }
    )+};
}

through_orm!(
    i32,
    bool,
    Json,
    Date,
    Option<Date>,
    DateTimeUtc,
    Option<DateTimeUtc>
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stored value of `T` reads, through its serde name, as the variant it stands for.
    pub(super) fn reads_every_variant<T>()
    where
        T: ActiveEnum<Value = String> + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        for value in T::values() {
            let read: T = variant(&value, 0).expect("a stored value reads");
            assert_eq!(read.to_value(), value);
            assert_eq!(Some(read), T::try_from_value(&value).ok());
        }
        assert!(variant::<T>("NOT_A_VALUE", 0).is_err());
    }

    #[test]
    fn every_enumeration_reads_its_stored_values() {
        read_every_enumeration();
    }
}
