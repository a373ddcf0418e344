//! Cleaning: marks what is not the report (boilerplate, furniture, hard line breaks) without
//! editing the text. Each rule lives in its own file, says what it removes and why, and plugs
//! in through [`Rule`].
//!
//! Rules run in a fixed order, each on the body left by the ones before it (so the line-break
//! rule sees pages without their furniture, and the whitespace rule tidies what the others
//! leave). A rule works on that body and maps its ranges back to the text with
//! [`Body::text_segments`], so removals never cover text twice.

mod body;
mod boilerplate_lines;
mod control;
mod credit;
mod line_breaks;
mod page_furniture;
mod phrases;
mod promo_tail;
mod repeated_headline;
mod text;
mod whitespace;

pub use body::Body;

use crate::{Removal, RemovalReason};

/// What a cleaning rule sees: the canonical text, the title, and what earlier stages already
/// removed (so a rule can skip ranges that are gone).
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub text: &'a str,
    pub title: Option<&'a str>,
    pub removed: &'a [Removal],
}

impl Input<'_> {
    /// The body as it stands before this rule: the text without what is already removed.
    pub fn body(&self) -> Body {
        Body::new(self.text, self.removed)
    }
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

/// The rules, in the order they run (see the module comment for why the order matters).
static RULES: [&dyn Rule; 8] = [
    &control::ControlChars,
    &boilerplate_lines::BoilerplateLines,
    &credit::Credit,
    &page_furniture::PageFurniture,
    &line_breaks::LineBreaks,
    &repeated_headline::RepeatedHeadline,
    &promo_tail::PromoTail,
    &whitespace::Whitespace,
];

/// Runs every rule over the text and merges their removals with `already` (the extractor's).
/// Ranges in `already` that are out of bounds or not on character boundaries are dropped.
pub fn clean(text: &str, title: Option<&str>, already: &[Removal]) -> Cleaned {
    let mut removed = merge(text, Vec::new(), already.to_vec());
    for rule in RULES {
        let found = rule.find(&Input {
            text,
            title,
            removed: &removed,
        });
        removed = merge(text, removed, found);
    }
    let credit = credit::credit_of(text, &removed);
    Cleaned { removed, credit }
}

/// Maps body ranges found by a rule back to text removals (one per kept piece they touch).
pub(crate) fn from_body(
    body: &Body,
    found: impl IntoIterator<Item = (usize, usize, RemovalReason)>,
) -> Vec<Removal> {
    let mut out = Vec::new();
    for (start, end, reason) in found {
        for (s, e) in body.text_segments(start, end) {
            out.push(Removal::new(s, e, reason));
        }
    }
    out
}

/// Adds `new` removals to `existing` (sorted, non-overlapping): invalid ranges are dropped, the
/// parts of new ranges already removed are cut away (the first reason wins), and touching
/// ranges with the same reason are joined.
fn merge(text: &str, existing: Vec<Removal>, mut new: Vec<Removal>) -> Vec<Removal> {
    new.retain(|r| {
        r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    });
    new.sort_by_key(|r| (r.start, r.end));
    let mut accepted = Vec::with_capacity(new.len());
    let mut j = 0;
    let mut covered = 0;
    for r in new {
        let mut cursor = r.start.max(covered);
        while cursor < r.end {
            while j < existing.len() && existing[j].end <= cursor {
                j += 1;
            }
            match existing.get(j) {
                Some(x) if x.start <= cursor => cursor = x.end,
                next => {
                    let stop = next.map_or(r.end, |x| x.start.min(r.end));
                    accepted.push(Removal::new(cursor, stop, r.reason));
                    cursor = stop;
                }
            }
        }
        covered = covered.max(r.end);
    }
    let mut all = existing;
    all.extend(accepted);
    all.sort_by_key(|r| r.start);
    let mut out: Vec<Removal> = Vec::with_capacity(all.len());
    for r in all {
        match out.last_mut() {
            Some(last) if last.end == r.start && last.reason == r.reason => last.end = r.end,
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests;
