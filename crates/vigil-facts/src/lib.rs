//! `vigil-facts`: the facts a report states, each with the byte range of the passage that
//! states it — counts, percentages, money, vote tallies, dates, and the people, organisations
//! and places it names — in every language Vigil reads.
//!
//! Each kind of fact has its own [`Extractor`] (one required method), run over a
//! [`Document`]: the stored text plus its language and date. [`extract`] runs them all, drops
//! what falls in boilerplate, and resolves overlaps (a vote tally's numbers are not also
//! reported as bare quantities). Storage and entity ids across documents are the engine's job.

mod count;
mod date;
mod fact;
pub mod mentions;
mod money;
pub mod names;
pub mod ner;
mod numbers;
mod percent;
mod quantity;
mod scoring;
mod vote;

pub use fact::{
    Approx, DateFields, Detail, Fact, Kind, Mention, Money, Quantity, Range, Unit, Vote,
};

use chrono::NaiveDate;

pub use date::DateExtractor;
pub use vote::VoteExtractor;

/// What an extractor sees of one report.
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    /// The stored canonical text; every offset points into it.
    pub text: &'a str,
    /// The document's language (ISO 639-1), if known.
    pub lang: Option<&'a str>,
    /// The document's date, against which relative and year-less dates resolve.
    pub date: Option<NaiveDate>,
    /// Paragraph byte ranges with their own language, for mixed-language reports.
    pub paragraphs: Vec<(usize, usize, Option<&'a str>)>,
    /// Byte ranges that are not body text (navigation, a promotional tail): no facts there.
    pub skip: Vec<(usize, usize)>,
}

impl<'a> Document<'a> {
    /// A document of `text` alone: no language, date or paragraphs known.
    pub fn plain(text: &'a str) -> Document<'a> {
        Document {
            text,
            ..Document::default()
        }
    }

    /// The language at byte `offset`: its paragraph's, else the document's.
    pub fn lang_at(&self, offset: usize) -> Option<&'a str> {
        self.paragraphs
            .iter()
            .find(|(s, e, _)| (*s..*e).contains(&offset))
            .and_then(|(_, _, l)| *l)
            .or(self.lang)
    }
}

/// Finds one kind (or a family) of facts in a document.
pub trait Extractor: Sync + Send {
    /// Pushes the facts found in `doc`; each fact's `text` must be `doc.text[start..end]`.
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>);
}

/// Every extractor, in the order their facts win overlaps: a number inside a vote tally,
/// a sum of money, a percentage or a date is not also a bare quantity.
fn extractors() -> [&'static dyn Extractor; 6] {
    [
        &VoteExtractor,
        &DateExtractor,
        &money::Money,
        &percent::Percent,
        &quantity::Quantity,
        &mentions::Mentions,
    ]
}

/// All facts `doc` states, sorted by position.
pub fn extract(doc: &Document) -> Vec<Fact> {
    let mut facts: Vec<Fact> = Vec::new();
    let mut skip = doc.skip.clone();
    skip.sort_unstable();
    let mut claimed = Claimed::default();
    for extractor in extractors() {
        let mut found = Vec::new();
        extractor.extract(doc, &mut found);
        let before = facts.len();
        for fact in found {
            debug_assert_eq!(fact.text, doc.text[fact.start..fact.end]);
            let claimed_number = !fact.kind().is_mention() && claimed.covers(fact.start, fact.end);
            if !claimed_number && !overlaps(&skip, fact.start, fact.end) {
                facts.push(fact);
            }
        }
        claimed.add(
            facts[before..]
                .iter()
                .filter(|f| !f.kind().is_mention())
                .map(|f| (f.start, f.end)),
        );
    }
    facts.sort_by_key(|f| (f.start, f.end));
    facts
}

/// `facts` (as [`extract`] gave them for `doc`) with the people, organisations and places found
/// again with the encoder's token states of the whole text, for the NER models that take them.
pub fn with_vector_mentions(
    doc: &Document,
    facts: Vec<Fact>,
    vectors: &ner::TokenVectors,
) -> Vec<Fact> {
    let mut skip = doc.skip.clone();
    skip.sort_unstable();
    let mut found = Vec::new();
    mentions::extract_with_vectors(doc, Some(vectors), &mut found);
    let mut out: Vec<Fact> = facts
        .into_iter()
        .filter(|f| !f.kind().is_mention())
        .collect();
    out.extend(
        found
            .into_iter()
            .filter(|f| !overlaps(&skip, f.start, f.end)),
    );
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// Whether `start..end` overlaps any of the sorted ranges `ranges`.
fn overlaps(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    // Ranges starting before `end` are the only candidates; of those, any ending after
    // `start` overlaps. Boilerplate ranges are few and rarely nest, so scan back from there.
    let upto = ranges.partition_point(|&(s, _)| s < end);
    ranges[..upto].iter().rev().any(|&(_, e)| e > start)
}

/// The ranges earlier (winning) extractors' numeric facts hold, for "is this number inside
/// one of them": sorted by start with the running maximum of ends, so each question is one
/// binary search however many facts a long report states.
#[derive(Default)]
struct Claimed {
    starts: Vec<usize>,
    max_end: Vec<usize>,
    ranges: Vec<(usize, usize)>,
}

impl Claimed {
    fn add(&mut self, new: impl Iterator<Item = (usize, usize)>) {
        self.ranges.extend(new);
        self.ranges.sort_unstable();
        self.starts = self.ranges.iter().map(|r| r.0).collect();
        let mut max = 0;
        self.max_end = self
            .ranges
            .iter()
            .map(|r| {
                max = max.max(r.1);
                max
            })
            .collect();
    }

    /// Some claimed range starts at or before `start` and ends at or after `end`.
    fn covers(&self, start: usize, end: usize) -> bool {
        let n = self.starts.partition_point(|&s| s <= start);
        n > 0 && self.max_end[n - 1] >= end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claimed_ranges_cover_what_lies_inside_any_of_them() {
        let mut claimed = Claimed::default();
        claimed.add([(10, 40), (12, 15), (50, 60)].into_iter());
        assert!(
            claimed.covers(20, 30),
            "inside the long range, after a short one"
        );
        assert!(claimed.covers(50, 60));
        assert!(!claimed.covers(35, 45), "straddles an end");
        assert!(!claimed.covers(0, 5));
        assert!(!Claimed::default().covers(0, 1));
    }

    #[test]
    fn boilerplate_overlap() {
        let skip = [(0, 5), (20, 30)];
        assert!(overlaps(&skip, 4, 8));
        assert!(overlaps(&skip, 25, 26));
        assert!(!overlaps(&skip, 5, 20));
        assert!(!overlaps(&skip, 30, 31));
    }
}
