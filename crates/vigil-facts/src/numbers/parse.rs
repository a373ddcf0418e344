//! The grammar of a stated number, the same for every language:
//!
//! ```text
//! [approx | from | marker | ordinal-prefix]* numeral [approx-suffix] [marker]
//!     [range-word numeral [marker]]
//! numeral = digits [ordinal-suffix] scale*          "7,000", "46th", "1.5亿", "$1bn"
//!         | number-word+                            "forty-six", "ستة وأربعين", "三千五百"
//!         | several scale | vague [of scale]        "数千", "عشرات الآلاف", "hundreds of thousands"
//! ```

use super::dict::{Alone, Place, Side, W};
use super::digits;
use super::lang::Lang;
use super::view::View;
use super::{Hits, Marker};
use crate::Approx;

/// Characters after 成 that make it part of a word ("成为" become, "成立" found, "成员"
/// member, "成千上万" thousands) rather than tenths.
const NOT_TENTHS: &[char] = &[
    '为', '立', '员', '功', '绩', '本', '就', '果', '交', '年', '长', '熟', '都', '千', '不', '了',
    '型', '品', '分', '效', '形', '批', '套',
];

/// A number found in the view, with everything the extractors need to judge it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Number {
    /// View byte range: approximation, range and unit-marker words included.
    pub start: usize,
    pub end: usize,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    /// For vague amounts: their order of magnitude.
    pub magnitude: Option<f64>,
    pub approx: Option<Approx>,
    pub ordinal: bool,
    pub marker: Option<Marker>,
    /// Four plain digits that may be a calendar year ("2020", "二〇二〇").
    pub year_like: bool,
    /// Part of a code, a reference or a time ("A/HRC/45/1", "COVID-19", "10:30", "09").
    pub code_like: bool,
}

/// One numeral without its surroundings.
#[derive(Debug, Clone, Copy)]
struct Numeral {
    start: usize,
    end: usize,
    value: Option<f64>,
    magnitude: Option<f64>,
    /// The scale words multiplied in (1 when none).
    scale: f64,
    ordinal: bool,
    year_like: bool,
    code_like: bool,
}

pub(crate) fn numbers(view: &View, hits: &Hits, lang: &Lang) -> Vec<Number> {
    let parser = Parser { view, hits, lang };
    let text = &view.text;
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let starts_digits = text.as_bytes()[at].is_ascii_digit()
            && !view.char_before(at).is_some_and(|c| c.is_ascii_digit());
        if (starts_digits || !hits.at(at).is_empty())
            && let Some(number) = parser.number(at)
        {
            at = number.end.max(at + 1);
            out.push(number);
            continue;
        }
        at += view.char_at(at).map_or(1, char::len_utf8);
    }
    out
}

struct Parser<'a> {
    view: &'a View,
    hits: &'a Hits,
    lang: &'a Lang,
}

impl Parser<'_> {
    fn text(&self) -> &str {
        &self.view.text
    }

    /// Skips spaces and a single line break (a blank line ends the sentence).
    fn ws(&self, at: usize) -> usize {
        let rest = &self.text()[at..];
        let skip = rest
            .find(|c: char| !matches!(c, ' ' | '\t' | '\r' | '\n'))
            .unwrap_or(rest.len());
        if rest[..skip].matches('\n').count() > 1 {
            at
        } else {
            at + skip
        }
    }

    fn number(&self, at: usize) -> Option<Number> {
        self.with_prefixes(at).or_else(|| self.bare(at))
    }

    /// A number introduced by approximation, range, marker or ordinal words.
    fn with_prefixes(&self, at: usize) -> Option<Number> {
        let mut q = at;
        let mut approx = None;
        let mut from = None;
        let mut marker = None;
        let mut ordinal = false;
        let mut starts = Vec::new();
        for _ in 0..4 {
            let found = self.hits.find(q, |h| match h.word {
                W::Approx(a, Side::Before) if approx.is_none() => Some(Prefix::Approx(a)),
                W::RangeFrom if from.is_none() => Some(Prefix::From),
                W::Percent(Side::Before) if marker.is_none() => {
                    Some(Prefix::Marker(Marker::Percent))
                }
                W::Currency(c, Side::Before) if marker.is_none() => {
                    Some(Prefix::Marker(Marker::Currency(c)))
                }
                W::OrdinalPrefix if !ordinal => Some(Prefix::Ordinal),
                _ => None,
            });
            let Some((hit, prefix)) = found else { break };
            // "до" ending "число погибших выросло до" (the death toll rose to) belongs to that
            // phrase, not to the number as "up to".
            let ends_a_lead_cue = self
                .hits
                .ending_at(hit.end)
                .any(|h| h.start < hit.start && matches!(h.word, W::Cue { lead: true, .. }));
            if ends_a_lead_cue {
                break;
            }
            match prefix {
                Prefix::Approx(a) => approx = Some(a),
                Prefix::From => from = Some(hit.start),
                Prefix::Marker(m) => marker = Some(m),
                Prefix::Ordinal => ordinal = true,
            }
            if !matches!(prefix, Prefix::From) {
                starts.push(hit.start + hit.clitic);
            }
            q = self.ws(hit.end);
        }
        if q == at {
            return None;
        }
        let money = matches!(marker, Some(Marker::Currency(_)));
        let first = self.numeral(q, money)?;
        let mut number = self.finish(first, approx, from, marker);
        number.ordinal |= ordinal;
        if let Some(&s) = starts.iter().min() {
            number.start = number.start.min(s);
        }
        Some(number)
    }

    fn bare(&self, at: usize) -> Option<Number> {
        let first = self.numeral(at, false)?;
        Some(self.finish(first, None, None, None))
    }

    /// Suffixes, unit markers and the second half of a range after the first numeral.
    fn finish(
        &self,
        first: Numeral,
        mut approx: Option<Approx>,
        from: Option<usize>,
        mut marker: Option<Marker>,
    ) -> Number {
        let mut end = first.end;
        let mut start = first.start;
        if let Some((hit, a)) = self.hits.find(self.ws(end), |h| match h.word {
            W::Approx(a, Side::After) => Some(a),
            _ => None,
        }) {
            approx = approx.or(Some(a));
            end = hit.end;
        }
        let mut factor = 1.0;
        if marker.is_none()
            && let Some((hit, m, f)) = self.suffix_marker(end)
        {
            marker = Some(m);
            end = hit;
            factor = f;
        }
        let mut number = Number {
            start,
            end,
            value: first.value.map(|v| v * factor),
            value_max: None,
            magnitude: first.magnitude,
            approx,
            ordinal: first.ordinal,
            marker,
            year_like: first.year_like,
            code_like: first.code_like,
        };
        if first.value.is_some()
            && let Some((second, second_end, second_marker, second_factor)) =
                self.range_end(end, from.is_some(), marker)
        {
            let scale = if first.scale == 1.0 {
                second.scale
            } else {
                1.0
            };
            // "两到三成": the unit after the second number is the first's too.
            let factor = if marker.is_none() {
                second_factor
            } else {
                factor
            };
            let low = first.value.unwrap_or(0.0) * scale * factor;
            if let Some(high) = second.value.filter(|&h| h > low) {
                number.value = Some(low);
                number.value_max = Some(high);
                number.end = second_end;
                number.marker = number.marker.or(second_marker);
                number.year_like &= second.year_like;
                number.code_like |= second.code_like;
                if let Some(f) = from {
                    start = start.min(f);
                }
            }
        } else if !number.year_like {
            // "2020-09-14", "45/1": the digits go on after a separator.
            let rest = &self.text()[number.end..];
            let mut chars = rest.chars();
            if let (Some('-' | '/' | ':' | '.'), Some(c)) = (chars.next(), chars.next())
                && c.is_ascii_digit()
                && number.marker.is_none()
            {
                number.code_like = true;
            }
        }
        number.start = start;
        number
    }

    /// A percent sign or currency after the number ("80 %", "10亿美元", "5 millions d'euros"),
    /// with what the number is multiplied by to be in that unit (10 for "三成", 30%).
    fn suffix_marker(&self, end: usize) -> Option<(usize, Marker, f64)> {
        let at = self.ws(end);
        let found = self.hits.find(at, |h| match h.word {
            W::Percent(Side::After) => Some((Marker::Percent, 1.0)),
            W::Tenths if !self.text()[h.end..].starts_with(NOT_TENTHS) => {
                Some((Marker::Percent, 10.0))
            }
            W::Currency(c, Side::After) if h.clitic == 0 => Some((Marker::Currency(c), 1.0)),
            _ => None,
        });
        found.map(|(hit, (m, f))| (hit.end, m, f))
    }

    fn range_end(
        &self,
        end: usize,
        after_from: bool,
        marker: Option<Marker>,
    ) -> Option<(Numeral, usize, Option<Marker>, f64)> {
        let at = self.ws(end);
        let (join, _) = self.hits.find(at, |h| match h.word {
            W::RangeTo { weak } if !weak || after_from => Some(()),
            _ => None,
        })?;
        let mut q = self.ws(join.end);
        if let Some((hit, _)) = self.hits.find(q, |h| match (h.word, marker) {
            (W::Currency(c, Side::Before), Some(Marker::Currency(m))) if c == m => Some(()),
            _ => None,
        }) {
            q = self.ws(hit.end);
        }
        let second = self.numeral(q, matches!(marker, Some(Marker::Currency(_))))?;
        second.value?;
        let mut end = second.end;
        let mut second_marker = None;
        let mut second = second;
        let mut factor = 1.0;
        if let Some((hit, m, f)) = self.suffix_marker(end)
            && marker.is_none_or(|mk| mk == m)
        {
            second_marker = Some(m);
            end = hit;
            factor = f;
            second.value = second.value.map(|v| v * f);
        }
        Some((second, end, second_marker, factor))
    }

    fn numeral(&self, at: usize, money: bool) -> Option<Numeral> {
        if self
            .text()
            .as_bytes()
            .get(at)
            .is_some_and(u8::is_ascii_digit)
        {
            self.digits(at, money)
        } else {
            self.words(at)
        }
    }

    fn digits(&self, at: usize, money: bool) -> Option<Numeral> {
        let read = digits::read(self.text(), at, self.lang.decimal_comma)?;
        let text = self.text();
        let before = self.view.char_before(at);
        let before2 = before.and_then(|c| self.view.char_before(at - c.len_utf8()));
        let mut code_like = match before {
            Some(c) if c.is_ascii_alphabetic() || matches!(c, '/' | '+' | '#' | '№' | '_') => {
                true
            }
            Some('-') => before2.is_some_and(|c| c.is_ascii_alphabetic()),
            Some('.' | ':') => before2.is_some_and(|c| c.is_ascii_alphanumeric()),
            _ => false,
        };
        code_like |= read.lead > 1 && text[at..].starts_with('0') && !read.decimal;
        let mut end = read.end;
        let mut ordinal = false;
        let mut magnitude = None;
        let mut value = Some(read.value);
        if let Some((hit, _)) = self
            .hits
            .find(end, |h| matches!(h.word, W::OrdinalSuffix).then_some(()))
        {
            ordinal = true;
            end = hit.end;
        } else if let Some(plural) = ["'s", "s"].iter().find(|s| text[end..].starts_with(**s))
            && !text[end + plural.len()..].starts_with(|c: char| c.is_alphanumeric())
            && read.value >= 100.0
            && (read.value.log10().fract() == 0.0)
        {
            // "1000s of arrests", "100's of people".
            magnitude = value.take();
            end += plural.len();
        }
        let mut scale = 1.0;
        if !ordinal {
            while let Some((hit, v)) = self.hits.find(self.ws(end), |h| match h.word {
                W::Num {
                    value,
                    place: Place::Scale | Place::Multiplier,
                    ..
                } if h.clitic == 0 => Some(value),
                W::Num {
                    value,
                    place: Place::MoneyScale,
                    ..
                } if money => Some(value),
                _ => None,
            }) {
                scale *= v;
                end = hit.end;
            }
        }
        // "3 bin 500", "1 млн 200 тыс.": a smaller amount in digits after a scale adds to it.
        if let Some(total) = value.map(|v| v * scale)
            && scale >= 1e3
            && self
                .view
                .char_at(self.ws(end))
                .is_some_and(|c| c.is_ascii_digit())
            && let Some(rest) = self.digits(self.ws(end), money)
            && let Some(more) = rest.value.filter(|&m| m >= 1.0 && m < scale)
            && !(rest.ordinal || rest.year_like || rest.code_like)
        {
            end = rest.end;
            value = Some((total + more) / scale);
        }
        let after = text[end..].chars().next();
        if after.is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '_') {
            code_like = true;
        }
        let year_like = !read.grouped
            && !read.decimal
            && read.lead == 4
            && scale == 1.0
            && (1000.0..=2100.0).contains(&read.value);
        Some(Numeral {
            start: at,
            end,
            value: value.map(|v| v * scale),
            magnitude: magnitude.map(|m| m * scale),
            scale,
            ordinal,
            year_like,
            code_like,
        })
    }

    /// A numeral in words, composed token by token.
    fn words(&self, at: usize) -> Option<Numeral> {
        let mut composer = Composer::default();
        let mut r = at;
        let mut start = None;
        let mut end = at;
        loop {
            let first = start.is_none();
            if self.hits.inside_not_number(r) {
                break;
            }
            let found = self.hits.find(r, |h| {
                let joins =
                    first || matches!(h.clitic, 0) || self.view.text[h.start..].starts_with('و');
                match h.word {
                    W::Num { .. } | W::Several | W::Vague(_) if joins => Some(h.word),
                    _ => None,
                }
            });
            let Some((hit, word)) = found else { break };
            if !composer.feed(word) {
                break;
            }
            start.get_or_insert(hit.start + hit.clitic);
            end = hit.end;
            let mut next = self.ws(hit.end);
            if self.text()[next..].starts_with('-') {
                next = self.ws(next + 1);
            }
            let connector = self.hits.find(next, |h| match h.word {
                W::And => Some(()),
                W::Of if composer.vague.is_some() => Some(()),
                _ => None,
            });
            if let Some((c, _)) = connector {
                let after = self.ws(c.end);
                if self
                    .hits
                    .at(after)
                    .iter()
                    .any(|h| matches!(h.word, W::Num { .. }))
                {
                    next = after;
                }
            }
            r = next;
        }
        let start = start?;
        let (value, magnitude) = composer.result()?;
        Some(Numeral {
            start,
            end,
            value,
            magnitude,
            scale: composer.scale.max(1.0),
            ordinal: composer.ordinal,
            year_like: composer.digit_run == 4
                && value.is_some_and(|v| (1000.0..=2100.0).contains(&v)),
            code_like: false,
        })
    }
}

enum Prefix {
    Approx(Approx),
    From,
    Marker(Marker),
    Ordinal,
}

/// Builds a value from number words: small numbers add, multipliers multiply within a group
/// of thousands, scales close the group ("three hundred and five thousand", "三千五百万").
#[derive(Debug, Default)]
struct Composer {
    total: f64,
    section: f64,
    current: f64,
    last_scale: f64,
    /// The last scale word ("million"), which a range's first half shares.
    scale: f64,
    tokens: usize,
    several: bool,
    vague: Option<f64>,
    ordinal: bool,
    last_digit: bool,
    /// Length of a digit-by-digit run ("一九四五").
    digit_run: usize,
}

impl Composer {
    fn feed(&mut self, word: W) -> bool {
        let accepted = match word {
            W::Several => {
                self.tokens == 0 && {
                    self.several = true;
                    true
                }
            }
            W::Vague(m) => {
                self.tokens == 0 && {
                    self.vague = Some(m);
                    true
                }
            }
            W::Num {
                value,
                place,
                alone,
                ordinal,
            } => {
                if self.ordinal && !(place == Place::Small && value >= 10.0) {
                    return false;
                }
                if self.several
                    && self.tokens == 1
                    && !matches!(place, Place::Multiplier | Place::Scale)
                {
                    return false;
                }
                let ok = self.feed_num(value, place, alone);
                self.ordinal |= ok && ordinal;
                ok
            }
            _ => false,
        };
        if accepted {
            self.tokens += 1;
        }
        accepted
    }

    fn feed_num(&mut self, value: f64, place: Place, alone: Alone) -> bool {
        let is_scale = matches!(place, Place::Scale | Place::Multiplier);
        if let Some(m) = self.vague {
            if place == Place::Scale {
                self.vague = Some(m * value);
                return true;
            }
            return false;
        }
        if self.tokens == 0 && is_scale {
            match alone {
                Alone::Vague => {
                    self.vague = Some(value);
                    return true;
                }
                Alone::No => return false,
                Alone::One => {}
                Alone::Dual => self.current = 2.0,
            }
        }
        let digit = place == Place::Digit;
        match place {
            Place::Small | Place::Digit => {
                if digit && self.last_digit {
                    self.current = self.current * 10.0 + value;
                    self.digit_run += 1;
                } else if self.current == 0.0 {
                    self.current = value;
                    self.digit_run = usize::from(digit);
                } else if can_add(self.current, value) {
                    self.current += value;
                } else {
                    return false;
                }
            }
            Place::Multiplier => {
                if self.digit_run > 1 {
                    return false;
                }
                self.section += one_if_zero(self.current) * value;
                self.current = 0.0;
            }
            Place::Scale => {
                let group = one_if_zero(self.section + self.current);
                // "2003 thousand" and "thousand … thousand" are two numbers, not one.
                if self.digit_run > 1
                    || group >= value
                    || (self.last_scale != 0.0 && value >= self.last_scale)
                {
                    return false;
                }
                if self.last_scale != 0.0 && value < self.last_scale {
                    self.total += group * value;
                } else {
                    self.total = (self.total + group) * value;
                }
                self.last_scale = value;
                self.scale = value;
                self.section = 0.0;
                self.current = 0.0;
            }
            Place::MoneyScale => return false,
        }
        self.last_digit = digit;
        true
    }

    /// The value, or the magnitude of a vague amount.
    fn result(&self) -> Option<(Option<f64>, Option<f64>)> {
        if let Some(m) = self.vague {
            return Some((None, Some(m)));
        }
        let value = self.total + self.section + self.current;
        if self.several {
            return (self.tokens > 1).then_some((None, Some(value)));
        }
        (self.tokens > 0).then_some((Some(value), None))
    }
}

fn one_if_zero(v: f64) -> f64 {
    if v == 0.0 { 1.0 } else { v }
}

/// Whether small number `next` continues `current`: it fits below the lowest digit
/// `current` has ("twenty one", "двести тридцать пять"), or a unit comes before its ten as
/// in Arabic ("ستة وأربعين", six and forty; "ثلاثة عشر", three ten).
fn can_add(current: f64, next: f64) -> bool {
    let mut place = 1.0;
    while place < 1e15 && current % (place * 10.0) == 0.0 {
        place *= 10.0;
    }
    let tens = (10.0..100.0).contains(&next) && next % 10.0 == 0.0;
    next < place || (current < 10.0 && tens)
}
