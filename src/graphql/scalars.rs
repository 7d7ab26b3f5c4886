//! Value types shared by several GraphQL types: money, resolutions.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, SimpleObject, Value};

/// An amount of money in Polish złoty, exact to the grosz.
#[derive(SimpleObject, Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// The amount as a decimal string with two decimals, e.g. `"6970000.00"` (never a float).
    pub amount: String,
    /// ISO 4217 currency code; always `PLN`.
    pub currency: String,
    /// True when the source gave a rounded figure (e.g. „ok. 15 mln zł”).
    pub approximate: bool,
}

impl Money {
    /// Money from an amount in grosze.
    pub fn from_grosze(grosze: i64, approximate: bool) -> Self {
        let sign = if grosze < 0 { "-" } else { "" };
        let abs = grosze.unsigned_abs();
        Self {
            amount: format!("{sign}{}.{:02}", abs / 100, abs % 100),
            currency: "PLN".to_owned(),
            approximate,
        }
    }

    /// Optional money from an optional amount.
    pub fn maybe(grosze: Option<i64>, approximate: bool) -> Option<Self> {
        grosze.map(|g| Self::from_grosze(g, approximate))
    }
}

/// Parses a decimal PLN amount (`"1234.5"`, `"1234.50"`) into grosze; at most two decimals.
pub fn parse_grosze(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// A calendar day, written `YYYY-MM-DD` (ISO 8601), e.g. `2024-09-30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub chrono::NaiveDate);

/// A calendar day, written `YYYY-MM-DD` (ISO 8601), e.g. `2024-09-30`.
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| InputValueError::custom("expected a date written YYYY-MM-DD")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// A council resolution (uchwała) that established a centre.
#[derive(SimpleObject, Debug, Clone)]
pub struct Resolution {
    /// Resolution number, e.g. `XXXIV/326/2021`.
    pub number: String,
    /// Date of adoption, when known.
    pub adopted_on: Option<Date>,
    /// Council that adopted it, e.g. „Rada Gminy Bukowsko”.
    pub body: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats_grosze_exactly() {
        assert_eq!(Money::from_grosze(697_000_000, true).amount, "6970000.00");
        assert_eq!(Money::from_grosze(5, false).amount, "0.05");
    }

    #[test]
    fn parse_grosze_accepts_at_most_two_decimals() {
        assert_eq!(parse_grosze("4690000"), Some(469_000_000));
        assert_eq!(parse_grosze("12.5"), Some(1250));
        assert_eq!(parse_grosze("12.345"), None);
        assert_eq!(parse_grosze("-1"), None);
        assert_eq!(parse_grosze("1e5"), None);
    }
}
