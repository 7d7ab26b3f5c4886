//! Validation of filter values shared by all lists: region codes, TERYT codes, text search,
//! global ids. Each failure names the offending input field.

use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use crate::text;
use async_graphql::ID;

/// Longest accepted search text.
pub const MAX_SEARCH_CHARS: usize = 200;
/// Most values accepted in one list filter (ids, codes).
pub const MAX_FILTER_VALUES: usize = 500;

fn check_len<T>(field: &str, values: &[T]) -> AppResult<()> {
    if values.len() > MAX_FILTER_VALUES {
        return Err(AppError::bad_input(
            field,
            format!("at most {MAX_FILTER_VALUES} values"),
        ));
    }
    Ok(())
}

/// Two-digit voivodeship codes → region ids.
pub fn region_ids(field: &str, codes: &[String]) -> AppResult<Vec<i64>> {
    check_len(field, codes)?;
    codes
        .iter()
        .map(|c| {
            if crate::auth::principal::VOIVODESHIP_CODES.contains(&c.as_str()) {
                c.parse::<i64>()
                    .map_err(|_| AppError::bad_input(field, "invalid region code"))
            } else {
                Err(AppError::bad_input(
                    field,
                    format!(
                        "`{}` is not a voivodeship TERYT code (02, 04, …, 32)",
                        printable(c)
                    ),
                ))
            }
        })
        .collect()
}

/// Seven-digit TERYT municipality codes.
pub fn teryt_codes(field: &str, codes: &[String]) -> AppResult<Vec<String>> {
    check_len(field, codes)?;
    for c in codes {
        if c.len() != 7 || !c.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::bad_input(
                field,
                "a municipality TERYT code has seven digits",
            ));
        }
    }
    Ok(codes.to_vec())
}

/// Global ids of one type → numeric ids.
pub fn ids(field: &str, ids: &[ID], kind: Kind) -> AppResult<Vec<i64>> {
    check_len(field, ids)?;
    ids.iter().map(|id| decode_as(field, id, kind)).collect()
}

/// A search text → `LIKE` pattern over folded text; `None` for a blank search.
pub fn search_pattern(field: &str, search: &str) -> AppResult<Option<String>> {
    if search.chars().count() > MAX_SEARCH_CHARS {
        return Err(AppError::bad_input(
            field,
            format!("at most {MAX_SEARCH_CHARS} characters"),
        ));
    }
    if search.chars().any(char::is_control) {
        return Err(AppError::bad_input(
            field,
            "control characters are not allowed",
        ));
    }
    let folded = text::fold(search);
    if folded.is_empty() {
        return Ok(None);
    }
    Ok(Some(text::contains_pattern(&folded)))
}

/// A short, safe rendering of user input for error messages.
fn printable(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(16).collect()
}
