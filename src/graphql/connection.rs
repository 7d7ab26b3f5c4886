//! Relay connection types: one `XConnection`/`XEdge` pair per listed type, plus `PageInfo`.

use crate::service::page::Page;
use async_graphql::SimpleObject;

/// Where a page sits in the whole list (Relay cursor connections).
#[derive(SimpleObject, Debug, Clone)]
pub struct PageInfo {
    /// True when more items follow this page (ask again with `after: endCursor`).
    pub has_next_page: bool,
    /// True when items precede this page (ask again with `before: startCursor`).
    pub has_previous_page: bool,
    /// Cursor of the first item of the page; null for an empty page.
    pub start_cursor: Option<String>,
    /// Cursor of the last item of the page; null for an empty page.
    pub end_cursor: Option<String>,
}

/// Splits a page into edges (cursor, node) and page info.
pub fn split_page<M, N: Clone>(
    page: Page<M>,
    to_node: impl Fn(M) -> N,
) -> (Vec<(String, N)>, PageInfo) {
    let edges: Vec<(String, N)> = page
        .items
        .into_iter()
        .map(|(c, m)| (c, to_node(m)))
        .collect();
    let info = PageInfo {
        has_next_page: page.has_next_page,
        has_previous_page: page.has_previous_page,
        start_cursor: edges.first().map(|e| e.0.clone()),
        end_cursor: edges.last().map(|e| e.0.clone()),
    };
    (edges, info)
}

/// Declares `XConnection` and `XEdge` for a node type.
macro_rules! connection {
    ($conn:ident, $edge:ident, $node:ty, $what:literal) => {
        #[doc = concat!("A page of ", $what, " (Relay cursor connection).")]
        #[derive(async_graphql::SimpleObject)]
        pub struct $conn {
            /// The items of this page, each with its cursor.
            pub edges: Vec<$edge>,
            /// The items of this page, without cursors.
            pub nodes: Vec<$node>,
            /// Where this page sits in the whole list.
            pub page_info: $crate::graphql::connection::PageInfo,
            /// Number of items in the whole list, across all pages, as the caller may see them.
            pub total_count: i64,
        }

        #[doc = concat!("One of ", $what, " with its cursor.")]
        #[derive(async_graphql::SimpleObject)]
        pub struct $edge {
            /// Opaque cursor of this item, for `after`/`before`.
            pub cursor: String,
            /// The item.
            pub node: $node,
        }

        impl $conn {
            /// Builds the connection from a page; `total` is counted only when the query asks.
            pub fn new<M>(
                page: $crate::service::page::Page<M>,
                total: i64,
                to_node: impl Fn(M) -> $node,
            ) -> Self {
                let (edges, page_info) = $crate::graphql::connection::split_page(page, to_node);
                Self {
                    nodes: edges.iter().map(|e| e.1.clone()).collect(),
                    edges: edges
                        .into_iter()
                        .map(|(cursor, node)| $edge { cursor, node })
                        .collect(),
                    page_info,
                    total_count: total,
                }
            }
        }
    };
}
pub(crate) use connection;
