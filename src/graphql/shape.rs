//! Shape limits checked on the query text and the parsed document before async-graphql
//! validates or executes anything: bracket nesting (so the parser's recursion stays shallow),
//! the number of field selections (`__typename` included) and of aliases, and fragment cycles.
//!
//! Fragments are counted where they are spread, but each fragment's own count is computed
//! once, so a document whose fragments spread each other many times over ("fragment bomb")
//! is measured in linear time and refused, instead of being walked exponentially.

use crate::config::RequestLimits;
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Positioned};
use std::collections::{HashMap, HashSet};

/// Deepest bracket nesting (`{`, `(`, `[`) the query text may have. The parser refuses more
/// than 64 nested levels anyway; this guard keeps far deeper texts away from it entirely.
pub(crate) const MAX_TEXT_NESTING: usize = 64;

/// A query refused for its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShapeError {
    /// Which limit (`nesting`, `fields`, `aliases`, `fragments`), for `extensions.limit`.
    pub limit: &'static str,
    /// What the client sees.
    pub message: String,
}

/// Refuses query text nested deeper than [`MAX_TEXT_NESTING`], skipping strings and comments.
pub(crate) fn check_text(query: &str) -> Result<(), ShapeError> {
    let bytes = query.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    // `\"""` inside a block string is an escaped delimiter.
                    i += if bytes[i..].starts_with(b"\\\"\"\"") {
                        4
                    } else {
                        1
                    };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                if depth > MAX_TEXT_NESTING {
                    return Err(ShapeError {
                        limit: "nesting",
                        message: format!(
                            "query is nested more than {MAX_TEXT_NESTING} levels deep"
                        ),
                    });
                }
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    fields: usize,
    aliases: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.fields = self.fields.saturating_add(other.fields);
        self.aliases = self.aliases.saturating_add(other.aliases);
    }
}

struct Walker<'a> {
    doc: &'a ExecutableDocument,
    done: HashMap<&'a Name, Counts>,
    visiting: HashSet<&'a Name>,
}

impl<'a> Walker<'a> {
    fn set(&mut self, set: &'a Positioned<SelectionSet>) -> Result<Counts, ShapeError> {
        let mut counts = Counts::default();
        for item in &set.node.items {
            match &item.node {
                Selection::Field(field) => {
                    counts.fields = counts.fields.saturating_add(1);
                    if field.node.alias.is_some() {
                        counts.aliases = counts.aliases.saturating_add(1);
                    }
                    counts.add(self.set(&field.node.selection_set)?);
                }
                Selection::InlineFragment(fragment) => {
                    counts.add(self.set(&fragment.node.selection_set)?);
                }
                Selection::FragmentSpread(spread) => {
                    counts.add(self.fragment(&spread.node.fragment_name.node)?);
                }
            }
        }
        Ok(counts)
    }

    fn fragment(&mut self, name: &'a Name) -> Result<Counts, ShapeError> {
        if let Some(counts) = self.done.get(name) {
            return Ok(*counts);
        }
        // An unknown fragment is left to validation, which names it.
        let Some(def) = self.doc.fragments.get(name) else {
            return Ok(Counts::default());
        };
        if !self.visiting.insert(name) {
            return Err(ShapeError {
                limit: "fragments",
                message: format!("fragment `{name}` spreads itself"),
            });
        }
        let counts = self.set(&def.node.selection_set)?;
        self.visiting.remove(name);
        self.done.insert(name, counts);
        Ok(counts)
    }
}

/// Counts field selections and aliases of every operation in the document and refuses the
/// request when either exceeds its limit.
pub(crate) fn check_document(
    doc: &ExecutableDocument,
    limits: &RequestLimits,
) -> Result<(), ShapeError> {
    let mut walker = Walker {
        doc,
        done: HashMap::new(),
        visiting: HashSet::new(),
    };
    let mut total = Counts::default();
    for (_, operation) in doc.operations.iter() {
        total.add(walker.set(&operation.node.selection_set)?);
    }
    // Fragments never spread are still validated by the engine; count them too.
    for name in doc.fragments.keys() {
        walker.fragment(name)?;
    }
    if total.aliases > limits.max_aliases {
        return Err(ShapeError {
            limit: "aliases",
            message: format!(
                "query uses {} aliases; at most {} are allowed",
                total.aliases, limits.max_aliases
            ),
        });
    }
    if total.fields > limits.max_fields {
        return Err(ShapeError {
            limit: "fields",
            message: format!(
                "query selects {} fields; at most {} are allowed",
                total.fields, limits.max_fields
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    fn check(query: &str) -> Result<(), ShapeError> {
        let limits = RequestLimits {
            max_fields: 10,
            max_aliases: 2,
            ..RequestLimits::default()
        };
        check_text(query)?;
        check_document(&parse_query(query).expect("parses"), &limits)
    }

    #[test]
    fn typename_and_fragment_fields_count_where_spread() {
        assert_eq!(check("{ a b c __typename }"), Ok(()));
        let err = check("{ a { ...F } b { ...F } } fragment F on T { v x y z __typename }");
        assert_eq!(err.map_err(|e| e.limit), Err("fields"));
    }

    #[test]
    fn aliases_are_counted() {
        assert_eq!(check("{ x: a y: a }"), Ok(()));
        assert_eq!(
            check("{ x: a y: a z: a }").map_err(|e| e.limit),
            Err("aliases")
        );
    }

    #[test]
    fn fragment_bombs_and_cycles_are_refused_quickly() {
        let mut q = String::from("{ ...F0 }");
        for i in 0..60 {
            q.push_str(&format!(
                " fragment F{i} on T {{ ...F{n} ...F{n} }}",
                n = i + 1
            ));
        }
        q.push_str(" fragment F60 on T { a }");
        assert_eq!(check(&q).map_err(|e| e.limit), Err("fields"));
        let cycle = "{ ...A } fragment A on T { ...B } fragment B on T { ...A }";
        assert_eq!(check(cycle).map_err(|e| e.limit), Err("fragments"));
    }

    #[test]
    fn text_nesting_ignores_brackets_in_strings_and_comments() {
        let deep = format!("{}{}", "{ a ".repeat(100), "}".repeat(100));
        assert_eq!(check_text(&deep).map_err(|e| e.limit), Err("nesting"));
        let quoted = format!(
            "{{ a(s: \"{b}\", t: \"\"\"{b}\"\"\") # {b}\n }}",
            b = "{[(".repeat(100)
        );
        assert_eq!(check_text(&quoted), Ok(()));
    }
}
