//! Remapping pending findings through an applied edit, as helix maps positions through a
//! change set: a range before the edit stays, a range after it shifts, and a range the edit
//! touched is stale, never moved onto other text.

use std::ops::Range;

use super::Edit;
use crate::detect::Finding;

/// `range` after `edit` was applied, or `None` if the edit changed text inside it.
pub fn map_range(range: &Range<usize>, edit: &Edit) -> Option<Range<usize>> {
    let e = &edit.range;
    let delta = edit.replacement.len() as isize - (e.end - e.start) as isize;
    let shift = |p: usize| (p as isize + delta) as usize;
    if range.end <= e.start && !(range.is_empty() && e.is_empty() && range.start == e.start) {
        Some(range.clone())
    } else if range.start >= e.end && !(range.start == e.end && e.is_empty() && range.is_empty()) {
        Some(shift(range.start)..shift(range.end))
    } else {
        None
    }
}

/// Map a pending finding (its range and related ranges) through `edit`. `None` means stale.
pub fn remap_finding(f: &Finding, edit: &Edit) -> Option<Finding> {
    let range = map_range(&f.range, edit)?;
    let related = f
        .related
        .iter()
        .filter_map(|r| map_range(r, edit))
        .collect();
    Some(Finding {
        range,
        related,
        ..f.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_after_and_stale() {
        let e = Edit {
            range: 5..8,
            replacement: "x".into(),
        };
        assert_eq!(map_range(&(0..5), &e), Some(0..5));
        assert_eq!(map_range(&(8..10), &e), Some(6..8));
        assert_eq!(map_range(&(4..6), &e), None);
        assert_eq!(map_range(&(6..7), &e), None);
    }
}
