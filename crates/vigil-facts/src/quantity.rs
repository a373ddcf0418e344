//! `quantity`: a number with the thing it counts — "7,000 detained", "32 个会员国",
//! "دولتين" (two states), "the 46th session", "66-year-old", "thousands of people".
//!
//! The counted noun follows the number (a classifier may come between: "9 个安全理事会成员");
//! a generic noun ("people", أشخاص, คน, 人) takes its meaning from a cue nearby ("774 people
//! had been arrested", "การกักขัง…7,000 คน"), and years become an age near an age cue. A
//! number with nothing counted after it is not a fact: years, dates, article and page
//! numbers stay out.

use crate::numbers::{self, Analysis, Generic, Hit, Number, W};
use crate::{Detail, Document, Extractor, Fact, Quantity as Fields, Unit};

pub(crate) struct Quantity;

impl Extractor for Quantity {
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>) {
        for analysis in numbers::analyse(doc).iter() {
            let reader = Reader {
                a: analysis,
                doc: doc.text,
            };
            for number in &analysis.numbers {
                if let Some(fact) = reader.quantity(number) {
                    out.push(fact);
                }
            }
            reader.duals(out);
        }
    }
}

/// What a number counts.
#[derive(Debug, Clone, Copy)]
struct Counted {
    key: &'static str,
    unit: Unit,
    /// View range of the words that say so, for the passage.
    start: usize,
    end: usize,
    /// The noun as written (view range).
    subject: (usize, usize),
}

struct Reader<'a> {
    a: &'a Analysis,
    doc: &'a str,
}

/// Words a window looks through after a noun for its cue, or back from the number.
const WORDS_AROUND: usize = 3;
/// The same for scripts written without spaces, in characters.
const CHARS_AROUND: usize = 12;
/// Shorter words between a number and a noun are articles and prepositions, not adjectives.
const MIN_ADJECTIVE: usize = 6;

impl Reader<'_> {
    fn text(&self) -> &str {
        &self.a.view.text
    }

    fn quantity(&self, number: &Number) -> Option<Fact> {
        if number.marker.is_some()
            || number.code_like
            || self.next_to_month(number)
            || self.is_reference(number)
        {
            return None;
        }
        let counted = self
            .counted_after(number)
            .or_else(|| self.counted_before(number))?;
        let time = is_time(counted.unit);
        if (number.ordinal && (time || counted.unit == Unit::Person))
            || (number.year_like && counted.unit != Unit::Person)
        {
            return None;
        }
        let start = number.start.min(counted.start);
        let end = number.end.max(counted.end);
        let (s, e, _) = self.a.passage(self.doc, start, end);
        let mut fact = Fact::new(
            Detail::Quantity(Fields {
                value_max: number.value_max,
                approx: number.approx,
                magnitude: number.magnitude,
                ordinal: number.ordinal,
            }),
            self.doc,
            s,
            e,
        );
        fact.value = number.value;
        fact.unit = Some(counted.unit);
        fact.subject = Some(self.original(counted.subject.0, counted.subject.1));
        fact.subject_key = Some(counted.key.to_string());
        Some(fact)
    }

    /// Arabic duals and other nouns that carry their own number ("دولتين", "مرتين"), when no
    /// number stands before them.
    fn duals(&self, out: &mut Vec<Fact>) {
        let spans: Vec<(usize, usize)> = self.a.numbers.iter().map(|n| (n.start, n.end)).collect();
        let mut last_end = 0;
        for hit in self.dual_hits() {
            let W::Noun {
                key,
                unit,
                implied: Some(value),
                ..
            } = hit.word
            else {
                continue;
            };
            if hit.start < last_end || spans.iter().any(|&(s, e)| s < hit.end && hit.start < e) {
                continue;
            }
            let preceded = self
                .a
                .numbers
                .iter()
                .any(|n| n.end <= hit.start && self.gap_is_space(n.end, hit.start));
            if preceded {
                continue;
            }
            last_end = hit.end;
            let (s, e, _) = self.a.passage(self.doc, hit.start + hit.clitic, hit.end);
            let mut fact = Fact::new(Detail::Quantity(Fields::default()), self.doc, s, e);
            fact.value = Some(value);
            fact.unit = Some(unit);
            fact.subject = Some(self.doc[s..e].to_string());
            fact.subject_key = Some(key.to_string());
            out.push(fact);
        }
    }

    /// Nouns that carry their own number, leftmost longest.
    fn dual_hits(&self) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut at = 0;
        while at < self.text().len() {
            if let Some(h) = self.a.hits.at(at).iter().find(|h| {
                matches!(
                    h.word,
                    W::Noun {
                        implied: Some(_),
                        ..
                    }
                )
            }) {
                hits.push(*h);
            }
            at += self.a.view.char_at(at).map_or(1, char::len_utf8);
        }
        hits
    }

    fn gap_is_space(&self, from: usize, to: usize) -> bool {
        self.text()[from..to].chars().all(char::is_whitespace)
    }

    fn original(&self, start: usize, end: usize) -> String {
        self.a.passage(self.doc, start, end).2.to_string()
    }

    /// "article 19", "القرار 2231", "page 12": the number names, it does not count.
    fn is_reference(&self, number: &Number) -> bool {
        let before = self.back_space(number.start);
        self.a
            .hits
            .ending_at(before)
            .any(|h| h.word == W::Reference)
    }

    /// "9 August", "أغسطس 27": a number beside a month name is a date.
    fn next_to_month(&self, number: &Number) -> bool {
        let after = self.skip_space(number.end);
        let before = self.back_space(number.start);
        let abbreviated = self.text()[..before].strip_suffix('.').map(str::len);
        self.a.hits.at(after).iter().any(|h| h.word == W::Month)
            || [Some(before), abbreviated]
                .into_iter()
                .flatten()
                .any(|at| self.a.hits.ending_at(at).any(|h| h.word == W::Month))
    }

    /// Skips spaces and one line break: a blank line ends what a passage may span.
    fn skip_space(&self, at: usize) -> usize {
        let rest = &self.text()[at..];
        let skip = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
        if rest[..skip].matches('\n').count() > 1 {
            at
        } else {
            at + skip
        }
    }

    fn back_space(&self, at: usize) -> usize {
        let head = &self.text()[..at];
        let kept = head.trim_end_matches([' ', '\t', '\n', '\r']).len();
        if head[kept..].matches('\n').count() > 1 {
            at
        } else {
            kept
        }
    }

    /// The noun after the number, refined by a cue when it is generic.
    fn counted_after(&self, number: &Number) -> Option<Counted> {
        let mut at = self.skip_space(number.end);
        if self.text()[at..].starts_with('-') {
            at = self.skip_space(at + 1);
        }
        let (hit, skipped) = self.noun_near(at, !number.ordinal && !number.year_like)?;
        if self.names_a_thing(number, &hit) {
            return None;
        }
        match hit.word {
            W::Noun {
                key, unit, generic, ..
            } => {
                let noun = Counted {
                    key,
                    unit,
                    start: hit.start,
                    end: hit.end,
                    subject: (hit.start, hit.end),
                };
                Some(match generic {
                    Generic::No | Generic::Bound => noun,
                    Generic::Classifier if unit == Unit::Item => {
                        self.specific_after(hit.end, noun)?
                    }
                    Generic::Classifier => self.specific_after(hit.end, noun).unwrap_or(noun),
                    Generic::Person | Generic::Years => self
                        .cue_after(hit.end, unit, noun)
                        .or_else(|| self.cue_before(number.start, unit, noun))
                        .unwrap_or(noun),
                })
            }
            W::Cue {
                key,
                unit,
                lead: false,
            } if !skipped => Some(Counted {
                key,
                unit,
                start: hit.start,
                end: hit.end,
                subject: (hit.start, hit.end),
            }),
            _ => None,
        }
    }

    /// "First Amendment", "Second World War": an ordinal word and a noun both capitalised
    /// name something rather than rank it (cardinals in title case are headlines).
    fn names_a_thing(&self, number: &Number, noun: &Hit) -> bool {
        let capital = |s: usize, e: usize| {
            self.original(s, e)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        let in_words =
            !self.text()[number.start..number.end].contains(|c: char| c.is_ascii_digit());
        number.ordinal
            && in_words
            && capital(number.start, number.end)
            && capital(noun.start, noun.end)
    }

    /// A noun right at `at`, or after the language's share of lower-case adjectives
    /// ("7,000 peaceful protesters"; short words, mostly articles and prepositions, stop the
    /// search); whether words were skipped.
    fn noun_near(&self, at: usize, adjectives: bool) -> Option<(Hit, bool)> {
        let noun = |at: usize| {
            self.a
                .hits
                .find(at, |h| {
                    matches!(h.word, W::Noun { .. } | W::Cue { lead: false, .. }).then_some(())
                })
                .map(|(h, _)| h)
        };
        if let Some(h) = noun(at) {
            return Some((h, false));
        }
        // "25 من الشهر" is a day of the month, not a duration.
        if let Some((of, _)) = self.a.hits.find(at, |h| (h.word == W::Of).then_some(()))
            && let Some(h) = noun(self.skip_space(of.end))
            && !matches!(h.word, W::Noun { unit, .. } if is_time(unit))
        {
            return Some((h, false));
        }
        if !self.a.spaced || !adjectives {
            return None;
        }
        let mut at = at;
        for _ in 0..self.a.adjectives {
            let word_end = self.word_end(at)?;
            let first = self.original(at, word_end);
            if first.chars().next().is_some_and(char::is_uppercase)
                || first.chars().count() < MIN_ADJECTIVE
                || self.a.hits.at(at).iter().any(|h| !matches!(h.word, W::Of))
            {
                return None;
            }
            at = self.skip_space(word_end);
            if let Some(h) = noun(at) {
                return Some((h, true));
            }
        }
        None
    }

    /// The end of the word of letters starting at `at`, if one does.
    fn word_end(&self, at: usize) -> Option<usize> {
        let rest = &self.text()[at..];
        let len = rest
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'' || is_mark(c)))
            .unwrap_or(rest.len());
        (len > 0).then_some(at + len)
    }

    /// The cue after a generic noun: "people had been arrested", "人被拘留".
    fn cue_after(&self, from: usize, unit: Unit, noun: Counted) -> Option<Counted> {
        self.refined_after(from, noun, |w| match w {
            W::Cue { key, unit: u, .. } if u == unit => Some((key, u)),
            _ => None,
        })
    }

    /// The noun a classifier counts: "个会员国", "名抗议者".
    fn specific_after(&self, from: usize, noun: Counted) -> Option<Counted> {
        self.refined_after(from, noun, |w| match w {
            W::Noun {
                key,
                unit,
                generic: Generic::No,
                ..
            }
            | W::Cue { key, unit, .. }
                if noun.unit == Unit::Item || noun.unit == unit =>
            {
                Some((key, unit))
            }
            _ => None,
        })
    }

    fn refined_after(
        &self,
        from: usize,
        noun: Counted,
        pick: impl Fn(W) -> Option<(&'static str, Unit)>,
    ) -> Option<Counted> {
        for at in self.positions_after(from) {
            let found = self.a.hits.find(at, |h| pick(h.word));
            if let Some((hit, (key, unit))) = found {
                let subject = if noun.unit == Unit::Item {
                    (hit.start, hit.end)
                } else {
                    noun.subject
                };
                return Some(Counted {
                    key,
                    unit,
                    start: noun.start,
                    end: hit.end,
                    subject,
                });
            }
        }
        None
    }

    /// A cue before the number for a generic noun: "the detention of 7,000 people",
    /// "البالغ من العمر 66 عاما".
    fn cue_before(&self, number_start: usize, unit: Unit, noun: Counted) -> Option<Counted> {
        for at in self.positions_before(number_start) {
            let found = self.a.hits.ending_at(at).find_map(|h| match h.word {
                W::Noun {
                    key,
                    unit: u,
                    generic: Generic::No,
                    ..
                }
                | W::Cue { key, unit: u, .. }
                    if u == unit =>
                {
                    Some((*h, key))
                }
                _ => None,
            });
            if let Some((hit, key)) = found {
                return Some(Counted {
                    key,
                    start: hit.start + hit.clitic,
                    ..noun
                });
            }
        }
        None
    }

    /// What a number with nothing after it counts: the noun an ordinal or a one/two word
    /// follows ("الدورة السادسة", "ครั้งที่ 46", "دولة واحدة"), or a leading age cue ("aged 66").
    fn counted_before(&self, number: &Number) -> Option<Counted> {
        let at = self.back_space(number.start);
        let small_word = number.value.is_some_and(|v| v <= 2.0)
            && !self.text()[number.start..number.end].starts_with(|c: char| c.is_ascii_digit());
        for hit in self.a.hits.ending_at(at) {
            match hit.word {
                W::Noun {
                    key,
                    unit,
                    generic: Generic::No,
                    ..
                } if self.a.noun_first && (number.ordinal || small_word) => {
                    return Some(Counted {
                        key,
                        unit,
                        start: hit.start + hit.clitic,
                        end: number.end,
                        subject: (hit.start, hit.end),
                    });
                }
                W::Cue {
                    key,
                    unit,
                    lead: true,
                } => {
                    return Some(Counted {
                        key,
                        unit,
                        start: hit.start,
                        end: number.end,
                        subject: (hit.start, hit.end),
                    });
                }
                _ => {}
            }
        }
        None
    }

    /// Where a cue may start after `from`, within the window, stopping at punctuation.
    fn positions_after(&self, from: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.skip_space(from);
        if self.a.spaced {
            for _ in 0..=WORDS_AROUND {
                out.push(at);
                let Some(end) = self.word_end(at) else { break };
                at = self.skip_space(end);
            }
        } else {
            for c in self.text()[at..].chars().take(CHARS_AROUND) {
                if stops(c) {
                    break;
                }
                out.push(at);
                at += c.len_utf8();
            }
        }
        out
    }

    /// Where a cue may end before `to`, nearest first.
    fn positions_before(&self, to: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.back_space(to);
        if self.a.spaced {
            for _ in 0..WORDS_AROUND {
                out.push(at);
                let head = &self.text()[..at];
                let word = head.trim_end_matches(|c: char| {
                    c.is_alphabetic() || c == '-' || c == '\'' || is_mark(c)
                });
                if word.len() == head.len() {
                    break;
                }
                at = self.back_space(word.len());
            }
        } else {
            for c in self.text()[..at].chars().rev().take(CHARS_AROUND) {
                if stops(c) {
                    break;
                }
                out.push(at);
                at -= c.len_utf8();
            }
            out.push(at);
        }
        out
    }
}

fn is_time(unit: Unit) -> bool {
    matches!(
        unit,
        Unit::Year | Unit::Month | Unit::Week | Unit::Day | Unit::Hour | Unit::Minute
    )
}

/// Characters a cue window does not cross.
fn stops(c: char) -> bool {
    !(c.is_alphabetic() || is_mark(c))
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E)
}
