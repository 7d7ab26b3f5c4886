//! Puts the fields of the engine's responses in the order of the query.
//!
//! GraphQL serialises an object's fields in the order the query selects them. The engine
//! resolves an object's fields concurrently and keeps each as it completes, so a field
//! waiting on a batched load lands after the fields that answered at once. Before a
//! response is written its objects are put back in the query's order: each object's keys
//! in the order of their first selection (fragments in place, as the query reads; a
//! selection that `@skip` or `@include` leaves out does not count), the rest, if any, after
//! them as they were. Compiled reads write their fields in this order from the start.
//!
//! The response does not say which type each object is, so fragments on other types count
//! too: when one selection has fragments on several types that name the same key, the key
//! takes its first place among all of them.

use async_graphql::parser::Positioned;
use async_graphql::parser::types::{
    Directive, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Value, Variables};

/// What the order depends on besides the selections.
struct Query<'a> {
    doc: &'a ExecutableDocument,
    operation: &'a OperationDefinition,
    variables: &'a Variables,
}

/// Orders `data`, the response of `operation` of `doc` run with `variables`.
pub fn in_query_order(
    doc: &ExecutableDocument,
    operation: Option<&str>,
    variables: &Variables,
    data: &mut Value,
) {
    // The operation the engine ran, chosen as the engine chooses it.
    let Some((_, op)) = crate::graphql::compiled::operation(doc, operation) else {
        return;
    };
    let q = Query {
        doc,
        operation: op,
        variables,
    };
    apply(&q, &[&op.selection_set.node], data);
}

/// The response keys of `sets` in query order, each with the selections nested in it.
type Keys<'a> = Vec<(&'a Name, Vec<&'a SelectionSet>)>;

fn apply(q: &Query<'_>, sets: &[&SelectionSet], value: &mut Value) {
    if !matches!(value, Value::Object(_) | Value::List(_)) {
        return;
    }
    let mut keys = Keys::new();
    for set in sets {
        collect(q, set, &mut keys);
    }
    put(q, &keys, value);
}

fn put(q: &Query<'_>, keys: &Keys<'_>, value: &mut Value) {
    match value {
        Value::List(items) => {
            for item in items {
                put(q, keys, item);
            }
        }
        Value::Object(map) => {
            // An object already in order keeps its map.
            let mut wanted = keys.iter().filter(|(k, _)| map.contains_key(*k));
            let in_order = map
                .keys()
                .all(|k| wanted.next().is_some_and(|(w, _)| *w == k));
            if !in_order {
                let mut rest = std::mem::take(map);
                for (key, _) in keys {
                    if let Some((name, v)) = rest.shift_remove_entry(*key) {
                        map.insert(name, v);
                    }
                }
                map.extend(rest);
            }
            for (key, nested) in keys {
                if let Some(v) = map.get_mut(*key) {
                    apply(q, nested, v);
                }
            }
        }
        _ => {}
    }
}

/// The value of a directive's `if`, with the request's variables (or their defaults).
fn condition(q: &Query<'_>, directive: &Directive) -> Option<bool> {
    let value = directive.get_argument("if")?.node.clone();
    let value = value
        .into_const_with(|var| {
            q.variables
                .get(&var)
                .or_else(|| {
                    q.operation
                        .variable_definitions
                        .iter()
                        .find(|def| def.node.name.node == var)
                        .and_then(|def| def.node.default_value())
                })
                .cloned()
                .ok_or(())
        })
        .ok()?;
    match value {
        Value::Boolean(b) => Some(b),
        _ => None,
    }
}

/// Whether `@skip` or `@include` leave a selection out.
fn left_out(q: &Query<'_>, directives: &[Positioned<Directive>]) -> bool {
    directives.iter().any(|d| match d.node.name.node.as_str() {
        "skip" => condition(q, &d.node) == Some(true),
        "include" => condition(q, &d.node) == Some(false),
        _ => false,
    })
}

fn collect<'a>(q: &Query<'a>, set: &'a SelectionSet, keys: &mut Keys<'a>) {
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) if !left_out(q, &field.node.directives) => {
                let key = &field.node.response_key().node;
                let nested = &field.node.selection_set.node;
                match keys.iter_mut().find(|(k, _)| *k == key) {
                    // The same fragment spread twice adds nothing.
                    Some((_, sets)) if sets.iter().any(|s| std::ptr::eq(*s, nested)) => {}
                    Some((_, sets)) => sets.push(nested),
                    None => keys.push((key, vec![nested])),
                }
            }
            // Validation refused cycles of fragments before anything ran.
            Selection::FragmentSpread(spread) if !left_out(q, &spread.node.directives) => {
                if let Some(fragment) = q.doc.fragments.get(&spread.node.fragment_name.node) {
                    collect(q, &fragment.node.selection_set.node, keys);
                }
            }
            Selection::InlineFragment(inline) if !left_out(q, &inline.node.directives) => {
                collect(q, &inline.node.selection_set.node, keys);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::in_query_order;
    use async_graphql::parser::parse_query;
    use async_graphql::{Value, Variables};
    use serde_json::json;

    fn ordered(query: &str, operation: Option<&str>, data: serde_json::Value) -> String {
        with_variables(query, operation, json!({}), data)
    }

    fn with_variables(
        query: &str,
        operation: Option<&str>,
        variables: serde_json::Value,
        data: serde_json::Value,
    ) -> String {
        let doc = parse_query(query).expect("parses");
        let mut data = Value::from_json(data).expect("a value");
        let variables = Variables::from_json(variables);
        in_query_order(&doc, operation, &variables, &mut data);
        // Serialised from the engine's ordered value, as responses are.
        serde_json::to_string(&data).expect("json")
    }

    #[test]
    fn objects_keep_the_order_of_their_selections_through_lists_aliases_and_fragments() {
        let query = "query A { list { b: name ...F ... on T { c } nested { y x } a } } \
                     query B { other } fragment F on T { id nested { z } }";
        // As the engine completes them: the ones that waited come last.
        let data = json!({ "list": [
            { "a": 1, "c": 2, "b": "n", "nested": { "x": 1, "z": 3, "y": 2 }, "id": "i" },
            { "id": "j", "a": 3, "nested": null, "b": "m", "c": 4 }
        ] });
        assert_eq!(
            ordered(query, Some("A"), data),
            r#"{"list":[{"b":"n","id":"i","nested":{"z":3,"y":2,"x":1},"c":2,"a":1},{"b":"m","id":"j","nested":null,"c":4,"a":3}]}"#
        );
    }

    #[test]
    fn keys_the_query_does_not_name_stay_after_the_others() {
        let data = json!({ "extra": true, "b": 2, "a": 1 });
        assert_eq!(
            ordered("{ a b }", None, data),
            r#"{"a":1,"b":2,"extra":true}"#
        );
    }

    #[test]
    fn selections_left_out_by_skip_or_include_do_not_set_the_order() {
        let query = "query($hide: Boolean!, $show: Boolean = false) { \
                     a @skip(if: $hide) b ... @include(if: $show) { c } a c \
                     ...F @skip(if: true) } fragment F on Q { d }";
        let data = json!({ "d": 4, "c": 3, "a": 1, "b": 2 });
        assert_eq!(
            with_variables(query, None, json!({ "hide": true }), data.clone()),
            r#"{"b":2,"a":1,"c":3,"d":4}"#
        );
        assert_eq!(
            with_variables(query, None, json!({ "hide": false, "show": true }), data),
            r#"{"a":1,"b":2,"c":3,"d":4}"#
        );
    }
}
