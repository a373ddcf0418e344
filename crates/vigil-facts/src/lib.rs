//! `vigil-facts`: the facts a report states, each with the byte range of the passage that
//! states it — counts, percentages, money, vote tallies, dates, and the people, organisations
//! and places it names — in every language Vigil reads.
//!
//! Each kind of fact has its own [`Extractor`] (one required method), run over a
//! [`Document`]: the stored text plus its language and date. [`extract`] runs them all, drops
//! what falls in boilerplate, and resolves overlaps (a vote tally's numbers are not also
//! reported as bare quantities). Storage and entity ids across documents are the engine's job.

mod fact;
pub mod mentions;
pub mod names;
pub mod ner;

pub use fact::{
    Approx, DateFields, Detail, Fact, Kind, Mention, Money, Quantity, Range, Unit, Vote,
};

use chrono::NaiveDate;

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
fn extractors() -> [&'static dyn Extractor; 1] {
    [&mentions::Mentions]
}

/// All facts `doc` states, sorted by position.
pub fn extract(doc: &Document) -> Vec<Fact> {
    let mut facts: Vec<Fact> = Vec::new();
    for extractor in extractors() {
        let mut found = Vec::new();
        extractor.extract(doc, &mut found);
        for fact in found {
            debug_assert_eq!(fact.text, doc.text[fact.start..fact.end]);
            let in_boilerplate = doc
                .skip
                .iter()
                .any(|&(s, e)| fact.start < e && s < fact.end);
            let covered = !fact.kind().is_mention()
                && facts
                    .iter()
                    .any(|f| !f.kind().is_mention() && f.start <= fact.start && fact.end <= f.end);
            if !in_boilerplate && !covered {
                facts.push(fact);
            }
        }
    }
    facts.sort_by_key(|f| (f.start, f.end));
    facts
}
