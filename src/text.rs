//! Text folding for search: lower case, Polish (and common Latin) diacritics removed,
//! white space collapsed. Records store the folded form of their searchable text in
//! `search_text`, and queries are folded the same way, so `lagow` finds „Łagów” on SQLite and
//! PostgreSQL alike without database extensions.

/// Folds text for diacritics- and case-insensitive matching.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for ch in text.chars().flat_map(char::to_lowercase) {
        let mapped = match ch {
            'ą' | 'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ć' | 'č' | 'ç' => 'c',
            'ę' | 'é' | 'è' | 'ê' | 'ë' | 'ě' => 'e',
            'ł' => 'l',
            'ń' | 'ñ' | 'ň' => 'n',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ś' | 'š' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ú' | 'ù' | 'û' | 'ü' | 'ů' => 'u',
            'ý' | 'ÿ' => 'y',
            'ř' => 'r',
            'ď' => 'd',
            'ť' => 't',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if mapped == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(mapped);
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Folds several fields into one search text.
pub fn fold_all<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let joined: Vec<String> = parts
        .into_iter()
        .map(fold)
        .filter(|s| !s.is_empty())
        .collect();
    joined.join(" ")
}

/// A `LIKE` pattern that matches the folded query anywhere, with `%`, `_` and `\` escaped
/// (used with `ESCAPE '\'`).
pub fn contains_pattern(query: &str) -> String {
    let mut p = String::with_capacity(query.len() + 2);
    p.push('%');
    for ch in fold(query).chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// The strings of a JSON array column (aliases, topics); anything else yields nothing.
pub fn json_strings(j: &serde_json::Value) -> impl Iterator<Item = &str> {
    j.as_array()
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_polish_diacritics_and_case() {
        assert_eq!(fold("Łagów"), "lagow");
        assert_eq!(fold("ŚWIĘTOKRZYSKIE"), "swietokrzyskie");
        assert_eq!(fold("Zażółć  gęślą\tjaźń"), "zazolc gesla jazn");
        assert_eq!(fold("Skarżysko-Kamienna"), "skarzysko-kamienna");
    }

    #[test]
    fn contains_pattern_escapes_like_wildcards() {
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        assert_eq!(contains_pattern("Łag"), "%lag%");
    }
}
