//! Puts the fields of the engine's responses in the order of the query.
//!
//! GraphQL serialises an object's fields in the order the query selects them. The engine
//! resolves an object's fields concurrently and keeps each as it completes, so a field
//! waiting on a batched load lands after the fields that answered at once. Before a
//! response is written its objects are put back in the query's order: each object's keys
//! in the order of their first selection (fragments in place, as the query reads), the
//! rest, if any, after them as they were. Compiled reads write their fields in this order
//! from the start.

use async_graphql::Name;
use async_graphql::Value;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Selection, SelectionSet,
};

/// Orders `data`, the response of `operation` of `doc`.
pub fn in_query_order(doc: &ExecutableDocument, operation: Option<&str>, data: &mut Value) {
    let selection = match (&doc.operations, operation) {
        (DocumentOperations::Single(op), _) => &op.node.selection_set.node,
        (DocumentOperations::Multiple(ops), Some(name)) => match ops.get(name) {
            Some(op) => &op.node.selection_set.node,
            None => return,
        },
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => match ops.values().next() {
            Some(op) => &op.node.selection_set.node,
            None => return,
        },
        _ => return,
    };
    apply(doc, &[selection], data);
}

/// The response keys of `sets` in query order, each with the selections nested in it.
type Keys<'a> = Vec<(&'a Name, Vec<&'a SelectionSet>)>;

fn apply(doc: &ExecutableDocument, sets: &[&SelectionSet], value: &mut Value) {
    if !matches!(value, Value::Object(_) | Value::List(_)) {
        return;
    }
    let mut keys = Keys::new();
    for set in sets {
        collect(doc, set, &mut keys);
    }
    put(doc, &keys, value);
}

fn put(doc: &ExecutableDocument, keys: &Keys<'_>, value: &mut Value) {
    match value {
        Value::List(items) => {
            for item in items {
                put(doc, keys, item);
            }
        }
        Value::Object(map) => {
            let mut rest = std::mem::take(map);
            for (key, nested) in keys {
                if let Some((name, mut v)) = rest.shift_remove_entry(*key) {
                    apply(doc, nested, &mut v);
                    map.insert(name, v);
                }
            }
            map.extend(rest);
        }
        _ => {}
    }
}

fn collect<'a>(doc: &'a ExecutableDocument, set: &'a SelectionSet, keys: &mut Keys<'a>) {
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => {
                let key = &field.node.response_key().node;
                let nested = &field.node.selection_set.node;
                match keys.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, sets)) => sets.push(nested),
                    None => keys.push((key, vec![nested])),
                }
            }
            // Validation refused cycles of fragments before anything ran.
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = doc.fragments.get(&spread.node.fragment_name.node) {
                    collect(doc, &fragment.node.selection_set.node, keys);
                }
            }
            Selection::InlineFragment(inline) => {
                collect(doc, &inline.node.selection_set.node, keys);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::in_query_order;
    use async_graphql::Value;
    use async_graphql::parser::parse_query;
    use serde_json::json;

    fn ordered(query: &str, operation: Option<&str>, data: serde_json::Value) -> String {
        let doc = parse_query(query).expect("parses");
        let mut data = Value::from_json(data).expect("a value");
        in_query_order(&doc, operation, &mut data);
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
}
