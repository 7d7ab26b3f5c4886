//! Complexity weights of list fields, used by the schema's complexity limit.
//!
//! async-graphql counts every field as 1 plus its selection. A list returns many items, each
//! with the whole selection, so its weight is the page size it may return times its selection.
//! The page size an argument asks for is weighed as given (capped, so arithmetic cannot
//! overflow); resolvers still reject sizes above the configured maximum page size.

/// Page size of a Relay connection when neither `first` nor `last` is given.
const DEFAULT_PAGE: usize = 20;
/// Page size of `snapshot`/`changes` when `first` is not given.
const DEFAULT_SYNC_PAGE: usize = 100;
/// Largest page size weighed; anything larger is rejected by the resolvers anyway.
const MAX_WEIGHED_PAGE: usize = 10_000;
/// Record types a `snapshot`/`changes` selection names fragments for; each item is of one
/// type, so only about one in this many of the selected fields is resolved per item.
const SYNC_RECORD_TYPES: usize = 10;

fn page(size: Option<i32>) -> Option<usize> {
    size.map(|n| usize::try_from(n.max(1)).unwrap_or(1).min(MAX_WEIGHED_PAGE))
}

/// Weight of a Relay connection field: its page size times its selection.
pub(crate) fn connection(first: Option<i32>, last: Option<i32>, child: usize) -> usize {
    let size = page(first)
        .into_iter()
        .chain(page(last))
        .max()
        .unwrap_or(DEFAULT_PAGE);
    1usize.saturating_add(size.saturating_mul(child))
}

/// Weight of `snapshot`/`changes`: page size times the selection, divided among the record
/// types the selection covers (a sync client selects fields of every type in one query).
pub(crate) fn sync_page(first: Option<i32>, child: usize) -> usize {
    let size = page(first).unwrap_or(DEFAULT_SYNC_PAGE);
    1usize.saturating_add(size.saturating_mul(child.div_ceil(SYNC_RECORD_TYPES)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_weight_grows_with_the_page_size_asked_for() {
        assert_eq!(connection(None, None, 10), 1 + 20 * 10);
        assert_eq!(connection(Some(100), None, 10), 1 + 100 * 10);
        assert_eq!(connection(None, Some(5), 10), 1 + 5 * 10);
        assert_eq!(connection(Some(0), None, 10), 1 + 10);
        assert_eq!(connection(Some(i32::MAX), None, 10), 1 + 10_000 * 10);
        assert_eq!(sync_page(Some(1000), 200), 1 + 1000 * 20);
        assert_eq!(sync_page(None, 5), 1 + 100);
    }
}
