//! Applying fixes: choosing a consistent set of edits, applying them, and remapping the
//! findings that are still pending through an applied edit.

mod apply;
mod remap;
mod settle;
mod state;

pub use apply::{ApplyError, Edit, apply_edits, fix_text, resolve};
pub use remap::{map_range, remap_finding};
pub use settle::{MAX_PASSES, fix_settled, settle};
pub use state::{ArticleReview, Decision, Item};
