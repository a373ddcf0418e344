//! Relative dates: each language's phrases ("yesterday", "أمس", "上周一", "el lunes") and "N
//! days ago", placed against the document's date.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::table::{Lang, Meaning};
use super::{Candidate, applies, lang, near, on_edges, resolve};
use crate::Document;

/// One language's phrases compiled: a regex of every phrase, the meaning of each (with the
/// byte length of its cue), and the "N days ago" patterns.
pub(super) struct Compiled {
    pub(super) lang: &'static Lang,
    phrases: Regex,
    meanings: HashMap<String, (usize, Meaning)>,
    days_ago: Vec<Regex>,
}

pub(super) static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    lang::LANGS
        .iter()
        .map(|&lang| {
            let mut meanings: HashMap<String, (usize, Meaning)> = HashMap::new();
            for &(phrase, meaning) in lang.phrases {
                meanings.insert(phrase.to_lowercase(), (0, meaning));
            }
            for &(cue, template, which) in lang.frames {
                for &(name, weekday) in lang.weekdays {
                    let phrase = format!("{cue}{}", template.replace("{d}", name));
                    meanings.insert(phrase, (cue.len(), Meaning::Weekday(weekday, which)));
                }
            }
            let mut keys: Vec<&String> = meanings.keys().collect();
            keys.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
            let alternation = keys
                .iter()
                .map(|k| regex::escape(k))
                .collect::<Vec<_>>()
                .join("|");
            let phrases = Regex::new(&format!("(?i)(?:{alternation})")).expect("valid regex");
            let days_ago = lang
                .days_ago
                .iter()
                .map(|t| {
                    let t = regex::escape(t)
                        .replace(r"\{n\}", &format!("({})", crate::count::pattern()));
                    Regex::new(&format!("(?i){t}")).expect("valid regex")
                })
                .collect();
            Compiled {
                lang,
                phrases,
                meanings,
                days_ago,
            }
        })
        .collect()
});

pub(super) fn relative(
    doc: &Document,
    own_year: Option<i32>,
    compiled: &Compiled,
    out: &mut Vec<Candidate>,
) {
    let lang = compiled.lang;
    let text = doc.text;
    let resolve = |meaning: Meaning| match (doc.date, meaning) {
        (Some(today), _) => resolve::relative(meaning, today),
        (None, Meaning::Year(n)) => own_year.map(|y| format!("{:04}", y as i64 + n)),
        (None, _) => None,
    };
    for m in compiled.phrases.find_iter(text) {
        if !applies(lang, doc, m.start()) || !on_edges(lang, text, m.start(), m.end()) {
            continue;
        }
        let key = m.as_str().to_lowercase();
        let Some(&(cue_len, meaning)) = compiled.meanings.get(&key) else {
            continue;
        };
        if !guards_pass(lang, text, m.start(), m.end(), &key, meaning) {
            continue;
        }
        out.push(Candidate {
            start: m.start() + cue_len,
            end: m.end(),
            date: resolve(meaning),
            relative: true,
            weekday: matches!(meaning, Meaning::Weekday(..)),
        });
    }
    for re in &compiled.days_ago {
        for caps in re.captures_iter(text) {
            let (Some(all), Some(n)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            if !applies(lang, doc, all.start()) || !on_edges(lang, text, all.start(), all.end()) {
                continue;
            }
            let Some(n) = crate::count::read(n.as_str()) else {
                continue;
            };
            out.push(Candidate {
                start: all.start(),
                end: all.end(),
                date: resolve(Meaning::Day(-(n as i64))),
                relative: true,
                weekday: false,
            });
        }
    }
}

/// The checks that tell a phrase from the same letters meaning something else.
fn guards_pass(
    lang: &Lang,
    text: &str,
    start: usize,
    end: usize,
    key: &str,
    meaning: Meaning,
) -> bool {
    let before = text[..start].trim_end();
    let word_before = near(before, before.len().saturating_sub(40), before.len())
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let from_start = near(text, start, start + 40).to_lowercase();
    let after = text[end..].trim_start();
    if lang
        .not_after
        .iter()
        .any(|(p, words)| *p == key && words.contains(&word_before.as_str()))
    {
        return false;
    }
    if lang
        .not_before_prefix
        .iter()
        .any(|(p, prefixes)| *p == key && prefixes.iter().any(|x| after.starts_with(x)))
    {
        return false;
    }
    if let Some(c) = text[..start].chars().next_back()
        && lang.not_after_chars.contains(c)
    {
        return false;
    }
    match meaning {
        Meaning::Weekday(..) => {
            (!lang.capitals || text[start..end].chars().any(char::is_uppercase))
                && !lang.weekday_names.contains(&word_before.as_str())
                && !lang.weekday_names.iter().any(|n| from_start.starts_with(n))
        }
        // "two years ago" is no "last year": a count just before makes it another phrase.
        Meaning::Week(_) | Meaning::Month(_) | Meaning::Year(_) => !ends_with_count(before),
        Meaning::Day(_) => true,
    }
}

fn ends_with_count(before: &str) -> bool {
    static COUNT_AT_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i){}\s*$", crate::count::pattern())).expect("valid regex")
    });
    COUNT_AT_END.is_match(near(before, before.len().saturating_sub(30), before.len()))
}
