//! Input validation shared by all mutations. Every failure is BAD_USER_INPUT naming the
//! offending input path (e.g. `input.name`), and happens before anything is written.

use crate::auth::principal::VOIVODESHIP_CODES;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{Kind, decode_as};
use crate::graphql::scalars::parse_grosze;
use async_graphql::{ID, MaybeUndefined};

/// Longest name or title.
pub const MAX_NAME: usize = 300;
/// Longest free text (descriptions, summaries).
pub const MAX_TEXT: usize = 10_000;
/// Most items in a list input.
pub const MAX_LIST: usize = 100;

fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t')))
}

/// A required single-line text: trimmed, non-empty, at most `max` characters.
pub fn name(field: &str, value: &str, max: usize) -> AppResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::bad_input(field, "must not be empty"));
    }
    if v.chars().count() > max {
        return Err(AppError::bad_input(
            field,
            format!("at most {max} characters"),
        ));
    }
    if has_control(v, false) {
        return Err(AppError::bad_input(
            field,
            "control characters are not allowed",
        ));
    }
    Ok(v.to_owned())
}

/// An optional single-line text; blank becomes `None`.
pub fn opt_name(field: &str, value: Option<&str>, max: usize) -> AppResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => name(field, v, max).map(Some),
    }
}

/// An optional multi-line text (descriptions); blank becomes `None`.
pub fn opt_text(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if v.chars().count() > MAX_TEXT => Err(AppError::bad_input(
            field,
            format!("at most {MAX_TEXT} characters"),
        )),
        Some(v) if has_control(v, true) => Err(AppError::bad_input(
            field,
            "control characters are not allowed",
        )),
        Some(v) => Ok(Some(v.to_owned())),
    }
}

/// A required multi-line text.
pub fn text(field: &str, value: &str) -> AppResult<String> {
    opt_text(field, Some(value))?.ok_or_else(|| AppError::bad_input(field, "must not be empty"))
}

/// An e-mail address (work contact): one `@`, a dotted domain, no spaces.
pub fn opt_email(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let ok = v.len() <= 254
        && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if !ok {
        return Err(AppError::bad_input(field, "not a valid e-mail address"));
    }
    Ok(Some(v.to_owned()))
}

/// A phone number: digits with optional leading `+`, spaces, hyphens and parentheses; 6–15 digits.
pub fn opt_phone(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed = v.char_indices().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    if !allowed || !(6..=15).contains(&digits) {
        return Err(AppError::bad_input(
            field,
            "not a valid phone number (e.g. +48 41 000 00 00)",
        ));
    }
    Ok(Some(v.to_owned()))
}

/// An optional web address (http or https).
pub fn opt_url(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let ok = (v.starts_with("https://") || v.starts_with("http://"))
        && v.len() <= 2000
        && v.len() > 8
        && !v.chars().any(|c| c.is_whitespace() || c.is_control());
    if !ok {
        return Err(AppError::bad_input(field, "not a valid http(s) address"));
    }
    Ok(Some(v.to_owned()))
}

/// A non-negative amount in PLN with at most two decimals, in grosze.
pub fn money(field: &str, value: &str) -> AppResult<i64> {
    parse_grosze(value).ok_or_else(|| {
        AppError::bad_input(
            field,
            "an amount in PLN, not negative, with at most two decimals, e.g. \"1500.00\"",
        )
    })
}

/// `from` must not be after `to`.
pub fn date_range(
    field: &str,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> AppResult<()> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => Err(AppError::bad_input(
            field,
            "the end date is before the start date",
        )),
        _ => Ok(()),
    }
}

/// A list of at most [`MAX_LIST`] items.
pub fn list_len<T>(field: &str, items: &[T]) -> AppResult<()> {
    if items.len() > MAX_LIST {
        return Err(AppError::bad_input(
            field,
            format!("at most {MAX_LIST} items"),
        ));
    }
    Ok(())
}

/// A list of short texts (topics, agenda points).
pub fn names(field: &str, items: &[String]) -> AppResult<Vec<String>> {
    list_len(field, items)?;
    items
        .iter()
        .enumerate()
        .map(|(i, s)| name(&format!("{field}[{i}]"), s, MAX_NAME))
        .collect()
}

/// A list of short texts (topics, aliases) as the JSON array stored.
pub fn names_json(field: &str, items: &[String]) -> AppResult<serde_json::Value> {
    Ok(serde_json::Value::from(names(field, items)?))
}

/// An optional global id of `kind`.
pub fn opt_id(field: &str, id: Option<&ID>, kind: Kind) -> AppResult<Option<i64>> {
    id.map(|id| decode_as(field, id, kind)).transpose()
}

/// A nullable id of a patch: `None` (leave), `Some(None)` (clear), `Some(Some(id))`.
pub fn patch_id(
    field: &str,
    id: &MaybeUndefined<ID>,
    kind: Kind,
) -> AppResult<Option<Option<i64>>> {
    patch_value(id, |id| decode_as(field, &id, kind))
}

/// Global ids of one type; a malformed or foreign one is named by its index
/// (`input.organiserIds[2]`).
pub fn id_list(field: &str, list: &[ID], kind: Kind) -> AppResult<Vec<i64>> {
    list_len(field, list)?;
    list.iter()
        .enumerate()
        .map(|(i, id)| decode_as(&format!("{field}[{i}]"), id, kind))
        .collect()
}

/// As [`id_list`], with repeated ids dropped (first occurrence kept).
pub fn unique_ids(field: &str, list: &[ID], kind: Kind) -> AppResult<Vec<i64>> {
    let mut out: Vec<i64> = Vec::with_capacity(list.len());
    for n in id_list(field, list, kind)? {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    Ok(out)
}

/// Reads a nullable field of a patch: `None` when absent (leave as is), `Some(None)` when
/// `null` (clear), `Some(Some(v))` when given, after `check`.
pub fn patch_text(
    field: &str,
    value: &MaybeUndefined<String>,
    check: impl Fn(&str, Option<&str>) -> AppResult<Option<String>>,
) -> AppResult<Option<Option<String>>> {
    match value {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Null => Ok(Some(None)),
        MaybeUndefined::Value(s) => Ok(Some(check(field, Some(s))?)),
    }
}

/// Reads a nullable non-text field of a patch (dates, enums, ids) the same way.
pub fn patch_value<T: Clone, U>(
    value: &MaybeUndefined<T>,
    map: impl FnOnce(T) -> AppResult<U>,
) -> AppResult<Option<Option<U>>> {
    match value {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Null => Ok(Some(None)),
        MaybeUndefined::Value(v) => Ok(Some(Some(map(v.clone())?))),
    }
}

/// A voivodeship TERYT code (`"02"` … `"32"`) as a region id.
pub fn region_code(field: &str, code: &str) -> AppResult<i64> {
    let code = code.trim();
    if !VOIVODESHIP_CODES.contains(&code) {
        return Err(AppError::bad_input(
            field,
            "not a voivodeship TERYT code (two digits, e.g. \"26\")",
        ));
    }
    code.parse()
        .map_err(|_| AppError::bad_input(field, "not a voivodeship TERYT code"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(name("n", "  Łagów  ", 10).ok(), Some("Łagów".to_owned()));
        assert!(name("n", "   ", 10).is_err());
        assert!(name("n", "a\u{0}b", 10).is_err());
        assert!(name("n", "abcdefghijk", 10).is_err());
    }

    #[test]
    fn contacts_are_checked() {
        assert!(opt_email("e", Some("anna.nowak@example.invalid")).is_ok());
        assert!(opt_email("e", Some("anna@nowak")).is_err());
        assert!(opt_email("e", Some("a b@example.invalid")).is_err());
        assert!(opt_phone("p", Some("+48 41 000 00 00")).is_ok());
        assert!(opt_phone("p", Some("12")).is_err());
        assert!(opt_phone("p", Some("41+000000")).is_err());
    }

    #[test]
    fn ranges_and_money_are_checked() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert!(date_range("r", d("2024-01-02"), d("2024-01-01")).is_err());
        assert!(date_range("r", d("2024-01-01"), d("2024-01-01")).is_ok());
        assert_eq!(money("m", "10.5").ok(), Some(1050));
        assert!(money("m", "-1").is_err());
    }
}
