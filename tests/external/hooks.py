"""Schemathesis hooks for cusnet (loaded through SCHEMATHESIS_HOOKS by run.sh).

cusnet's `JSON` scalar (the record of a `syncPush` item) accepts any JSON value; give
schemathesis a strategy for it: strings, numbers, booleans, null, lists and flat objects.
"""

import graphql
from hypothesis import strategies as st

import schemathesis
from schemathesis.graphql import nodes

_leaf = st.one_of(
    st.text(max_size=20).map(nodes.String),
    st.integers(min_value=-(2**31), max_value=2**31 - 1).map(nodes.Int),
    st.booleans().map(nodes.Boolean),
    st.just(nodes.Null),
)
_field_name = st.from_regex(r"\A[a-z][a-zA-Z]{0,11}\Z")
_value = st.one_of(
    _leaf,
    st.lists(_leaf, max_size=4).map(nodes.List),
    st.dictionaries(_field_name, _leaf, max_size=4).map(
        lambda d: nodes.Object(
            [
                graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=v)
                for k, v in d.items()
            ]
        )
    ),
)

schemathesis.graphql.scalar("JSON", _value)
