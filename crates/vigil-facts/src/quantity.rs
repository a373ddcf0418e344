//! `quantity`: a number with the thing it counts — "7,000 detained", "32 个会员国",
//! "دولتين" (two states), "the 46th session", "66-year-old", "thousands of people".
//!
//! The counted noun follows the number (a classifier may come between: "9 个安全理事会成员");
//! a generic noun ("people", أشخاص, คน, 人) takes its meaning from a cue nearby ("774 people
//! had been arrested", "การกักขัง…7,000 คน"), and years become an age near an age cue. A
//! number with nothing counted after it is not a fact: years, dates, article and page
//! numbers stay out.

use crate::numbers::{self, Analysis, Generic, Hit, Number, Side, W};
use crate::{Approx, Detail, Document, Extractor, Fact, Quantity as Fields, Unit};

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
            .or_else(|| self.counted_before(number))
            .or_else(|| self.bare_age(number))?;
        let time = is_time(counted.unit);
        if (number.ordinal && (time || counted.unit == Unit::Person))
            || (number.year_like && counted.unit != Unit::Person)
        {
            return None;
        }
        let after_noun = self.approx_after_noun(number, &counted);
        let start = number.start.min(counted.start);
        let end = number
            .end
            .max(counted.end)
            .max(after_noun.map_or(0, |(_, end)| end));
        let (s, e, _) = self.a.passage(self.doc, start, end);
        let mut fact = Fact::new(
            Detail::Quantity(Fields {
                value_max: number.value_max,
                approx: number.approx.or(after_noun.map(|(approx, _)| approx)),
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

    /// Japanese puts "or more" after the counter ("7000人以上"): an approximation right
    /// after the noun of a number that has none, and where it ends.
    fn approx_after_noun(&self, number: &Number, counted: &Counted) -> Option<(Approx, usize)> {
        if number.approx.is_some() || !self.a.cues_follow || counted.end <= number.end {
            return None;
        }
        let noun_end = counted.subject.1;
        self.a
            .hits
            .find(noun_end, |h| match h.word {
                W::Approx(approx, Side::After) => Some(approx),
                _ => None,
            })
            .map(|(hit, approx)| (approx, hit.end))
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
        if self.names_a_thing(number, &hit)
            || self.definite_after_digits(number, &hit)
            || self.clock_time(number, &hit)
        {
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
                let counted = match generic {
                    Generic::Classifier if unit == Unit::Item => {
                        self.specific_after(hit.end, noun)?
                    }
                    Generic::Classifier => self.specific_after(hit.end, noun).unwrap_or(noun),
                    Generic::No | Generic::Bound | Generic::Person | Generic::Years => noun,
                };
                Some(if generic == Generic::Years {
                    self.cue_after(counted.end, counted.unit, counted)
                        .or_else(|| self.cue_before(number.start, counted.unit, counted))
                        .or_else(|| {
                            self.set_off_after_name(number.start, counted.end)
                                .then_some(Counted {
                                    key: "age",
                                    ..counted
                                })
                        })
                        .unwrap_or(counted)
                } else if counted.unit == Unit::Person && says_only_who(counted.key) {
                    self.event_of(number, counted)
                } else {
                    counted
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

    /// Arabic counts with an indefinite noun ("18 يوماً", 18 days); a noun with the article
    /// after a number in digits is not what it counts: "عيار 18 اليوم" is 18-carat gold
    /// today, not 18 days.
    fn definite_after_digits(&self, number: &Number, noun: &Hit) -> bool {
        let digits = self.text()[number.start..number.end].contains(|c: char| c.is_numeric());
        !number.ordinal
            && digits
            && self
                .original(noun.start + noun.clitic, noun.end)
                .starts_with("ال")
    }

    /// "a las 18 horas", "às 9 horas", "à 18 heures", "vers 7 heures": a time of day, not
    /// a duration. The article or preposition right before the number says so (not "as":
    /// "as many as 18 hours" is one).
    fn clock_time(&self, number: &Number, noun: &Hit) -> bool {
        const BEFORE_A_TIME_OF_DAY: &[&str] = &["las", "la", "às", "à", "vers", "dès"];
        let is_hour = matches!(
            noun.word,
            W::Noun {
                unit: Unit::Hour,
                ..
            }
        );
        let before = self.text()[..number.start].trim_end();
        let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        is_hour && BEFORE_A_TIME_OF_DAY.contains(&before[word_start..].to_lowercase().as_str())
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

    /// What happened to people counted for who they are (see [`says_only_who`]): the
    /// nearest event cue after their noun ("journalists remain behind bars") or before
    /// their number ("погибли двое полицейских", "جرح ٥ أشخاص"), else who they are. In
    /// languages that put the noun first, a noun of who they are right before the number is
    /// theirs ("ผู้ชุมนุมราว 20,000 คน"), and an event before it still wins
    /// ("จับกุมผู้ประท้วงกว่า 7,000 คน"); one further off is someone else ("ตำรวจประเมินว่ามี
    /// 12,000 คน": the police estimated).
    fn event_of(&self, number: &Number, counted: Counted) -> Counted {
        let unit = counted.unit;
        let after = self
            .positions_after(counted.end)
            .into_iter()
            .find_map(|at| {
                let (hit, key) = self.a.hits.find(at, |h| match h.word {
                    W::Cue { key, unit: u, .. } if u == unit => Some(key),
                    _ => None,
                })?;
                Some((at - counted.end, hit, key))
            });
        let mut own: Option<(Hit, &'static str)> = None;
        let mut before = None;
        // Whether only "of" stands between the number and the word being read ("the deaths
        // of 304 people").
        let mut only_of = false;
        for (i, at) in self.positions_before(number.start).into_iter().enumerate() {
            // The longest word ending here speaks: "ประท้วง" (protest) inside "ผู้ประท้วง"
            // (protesters) is no cue of its own.
            let Some(hit) = self.a.hits.ending_at(at).next() else {
                continue;
            };
            // Only a noun next to the number counts it ("the dead: 12", "ผู้ชุมนุม 20,000
            // คน"); one further back counts something else ("7.000 detenidos y 150.000
            // manifestantes"). Unspaced scripts are read a character at a time, so there the
            // whole window is near, as for cues.
            let near = i == 0 || (i == 1 && only_of) || !self.a.spaced;
            let key = match hit.word {
                W::Of if i == 0 => {
                    only_of = true;
                    continue;
                }
                W::Cue { key, unit: u, .. } if u == unit => key,
                W::Noun {
                    key,
                    unit: u,
                    generic: Generic::No,
                    ..
                } if u == unit && near => {
                    if !says_only_who(key) {
                        key
                    } else {
                        if i == 0 {
                            own = Some((*hit, key));
                        }
                        continue;
                    }
                }
                _ => continue,
            };
            before = Some((number.start - at, *hit, key));
            break;
        }
        let (who, who_key) = match own {
            Some((hit, key)) => ((hit.start + hit.clitic, hit.end), key),
            None => (counted.subject, counted.key),
        };
        let start = own.map_or(counted.start, |(h, _)| h.start + h.clitic);
        // "Forty-six journalists" states the count with its noun; "774 people" needs its
        // cue ("774 people had been arrested") to say anything.
        let reach = who_key == "person";
        match (after, before) {
            (Some((gap_after, hit, key)), b)
                if self.a.cues_follow || b.is_none_or(|(gap, ..)| gap_after < gap) =>
            {
                Counted {
                    key,
                    start,
                    end: if reach { hit.end } else { counted.end },
                    subject: who,
                    ..counted
                }
            }
            (_, Some((_, hit, key))) => Counted {
                key,
                start: if reach { hit.start + hit.clitic } else { start },
                subject: who,
                ..counted
            },
            _ => Counted {
                key: who_key,
                start,
                subject: who,
                ..counted
            },
        }
    }

    /// "Kadirbek Usmonov, 41, was sentenced": a small whole number alone between commas
    /// right after a name is the person's age.
    fn bare_age(&self, number: &Number) -> Option<Counted> {
        let whole = number
            .value
            .filter(|v| v.fract() == 0.0 && (1.0..=120.0).contains(v));
        let digits = self.text()[number.start..number.end]
            .chars()
            .all(|c| c.is_ascii_digit());
        (whole.is_some()
            && digits
            && number.approx.is_none()
            && self.set_off_after_name(number.start, number.end))
        .then_some(Counted {
            key: "age",
            unit: Unit::Year,
            start: number.start,
            end: number.end,
            subject: (number.start, number.end),
        })
    }

    /// Whether `start..end` is set off by commas right after a capitalised name, with at
    /// most one short lower-case word before it: "Lukashenko, 66,", "Evo Morales, de 60
    /// años,", "Moussa Diabaté, 41 ans," (an apposition, which states an age).
    fn set_off_after_name(&self, start: usize, end: usize) -> bool {
        let text = self.text();
        let after = text[end..].trim_start_matches([' ', '\t']);
        if !after.starts_with([',', ')']) {
            return false;
        }
        let mut head = text[..start].trim_end_matches([' ', '\t']);
        if let Some(word_start) = head
            .rfind(|c: char| !c.is_alphabetic())
            .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
        {
            let word = &head[word_start..];
            if !word.is_empty() && word.chars().count() <= 3 && word.chars().all(char::is_lowercase)
            {
                head = head[..word_start].trim_end_matches([' ', '\t']);
            }
        }
        let Some(before_comma) = head.strip_suffix(',') else {
            return false;
        };
        let before_comma = before_comma.trim_end_matches([' ', '\t']);
        let name_start = before_comma
            .rfind(|c: char| !(c.is_alphabetic() || is_mark(c) || c == '-' || c == '\''))
            .map_or(0, |i| {
                i + before_comma[i..].chars().next().map_or(1, char::len_utf8)
            });
        name_start < before_comma.len()
            && self
                .original(name_start, before_comma.len())
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
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

/// Keys of people counted for who they are ("people", "journalists", "police officers",
/// "protesters") rather than for what happened to them: an event cue nearby says what the
/// count is of ("Forty-six journalists remain behind bars", "الشرطة اعتقلت ثلاثة صحفيين",
/// "逮捕了三名记者" are detentions), and the noun stays the subject. Keys of what happened
/// ("detainees", "the dead") keep their own meaning: "two detainees would be freed" counts
/// detainees.
fn says_only_who(key: &str) -> bool {
    matches!(
        key,
        "person"
            | "protester"
            | "journalist"
            | "police_officer"
            | "soldier"
            | "child"
            | "candidate"
            | "observer"
            | "voter"
            | "member"
            | "deputy"
    )
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
