//! People and organisations in Latin, Cyrillic and Greek script, where no trained model
//! exists: runs of capitalised words, typed by the cue words around and inside them
//! (`cues.rs`).
//!
//! A run is kept as a person when a title precedes it ("President", "opposition leader", "Mr")
//! or a verb of saying follows it, or when it has two to four words and nothing marks it as
//! something else; as an organisation when it holds an organisation head ("Ministry",
//! "Council", "Партия"); as a place when it ends in a place head ("Sea", "Square"). A lone
//! capitalised word is a person only when cued or when it is a word of a person named in
//! full elsewhere in the text ("Lukashenko" after "Alexander Lukashenko"). Sentence-initial
//! words, function words, demonyms before a noun ("Latin American nations"), acronyms and
//! words the gazetteer already names never start or join a name.

use std::sync::LazyLock;

use regex::Regex;

use super::cues::{self, Cues};
use crate::Kind;
use crate::ner::NameSpan;

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}[\p{L}\p{M}'’\-]*").expect("word pattern compiles"));

/// One word of the text: its range, and whether it looks like part of a name.
#[derive(Debug, Clone)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    lower: String,
    capitalised: bool,
    /// Inside a gazetteer mention or another script: never part of a name here.
    blocked: bool,
}

/// The names in `text`, avoiding the ranges in `taken` (gazetteer mentions).
pub(super) fn find(text: &str, lang: Option<&str>, taken: &[(usize, usize)]) -> Vec<NameSpan> {
    let words = words(text, taken);
    // Words the document also writes in lower case: common words wherever they are capitalised.
    let common: std::collections::HashSet<&str> = words
        .iter()
        .filter(|w| w.text.chars().next().is_some_and(char::is_lowercase))
        .map(|w| w.lower.as_str())
        .collect();
    let mut found: Vec<NameSpan> = Vec::new();
    let mut singles: Vec<(usize, bool)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !starts_name(&words[i]) {
            i += 1;
            continue;
        }
        let run = run_from(text, &words, i);
        i = run.end.max(i + 1);
        classify(text, lang, &words, &common, run, &mut found, &mut singles);
    }
    // Lone words: persons only when cued or when they repeat a word of a full name.
    let person_words: Vec<&str> = found
        .iter()
        .filter(|n| n.kind == Kind::Person)
        .flat_map(|n| WORD.find_iter(&text[n.start..n.end]).map(|m| m.as_str()))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    for (w, cued) in singles {
        let word = &words[w];
        if cued || person_words.iter().any(|p| same_word(p, word.text)) {
            found.push(NameSpan {
                start: word.start,
                end: word.end,
                kind: Kind::Person,
            });
        }
    }
    places_throughout(text, &words, &mut found);
    found.sort_by_key(|n| n.start);
    found
}

/// A lone word the document writes after a preposition of place somewhere ("in Valdoria",
/// "в Вальдории") is that place in all its uses: the others were typed by the few words
/// around them ("Valdoria, told delegates", "представитель Вальдории").
fn places_throughout(text: &str, words: &[Word], found: &mut [NameSpan]) {
    let lone = |w: usize| {
        !words
            .get(w + 1)
            .is_some_and(|next| starts_name(next) && adjacent(text, &words[w], next))
    };
    let places: Vec<&str> = (0..words.len())
        .filter(|&w| starts_name(&words[w]) && lone(w) && after_place_preposition(text, words, w))
        .map(|w| words[w].text)
        .collect();
    let is_place = |w: &str| places.iter().any(|p| same_word(p, w));
    for name in found.iter_mut().filter(|n| n.kind == Kind::Person) {
        let written = &text[name.start..name.end];
        match written.split_once(' ') {
            None if is_place(written) => name.kind = Kind::Place,
            // "представитель Вальдории Лена Морков": the place ran into the name after it.
            Some((first, _)) if is_place(first) => name.start += first.len() + 1,
            _ => {}
        }
    }
}

fn words<'a>(text: &'a str, taken: &[(usize, usize)]) -> Vec<Word<'a>> {
    WORD.find_iter(text)
        .map(|m| {
            let mut end = m.end();
            let raw = m.as_str();
            // "Lukashenko’s" names Lukashenko, as Turkish "Youtube’nin" and "Sigortalar’a" name
            // YouTube and the insurer: a lower-case ending after an apostrophe is no part of the
            // name ("O’Brien" keeps its capital).
            if let Some(at) = raw.rfind(['\'', '’']) {
                let ending = raw[at..].trim_start_matches(['\'', '’']);
                let short = (1..=5).contains(&ending.chars().count());
                if at > 0 && short && ending.chars().all(char::is_lowercase) {
                    end = m.start() + at;
                }
            }
            while text[m.start()..end].ends_with(['-', '\'', '’']) {
                end -= text[..end].chars().next_back().map_or(1, char::len_utf8);
            }
            let word = &text[m.start()..end];
            let mut letters = word.chars().filter(|c| c.is_alphabetic());
            let first = letters.next();
            let has_lower = word.chars().any(char::is_lowercase);
            // An elided article before a common noun ("L'opposant", the opponent) is no name;
            // before a capital it is part of one ("L'Oréal", "d'Ivoire").
            let elided_before_noun = elided_article(word)
                .is_some_and(|rest| rest.chars().next().is_some_and(char::is_lowercase));
            let capitalised = first.is_some_and(char::is_uppercase)
                && has_lower
                && word.chars().count() > 1
                && !elided_before_noun;
            let blocked = !first.is_some_and(alphabetic_script)
                || taken.iter().any(|&(s, e)| m.start() < e && s < end);
            Word {
                start: m.start(),
                end,
                text: word,
                lower: word.to_lowercase(),
                capitalised,
                blocked,
            }
        })
        .collect()
}

/// What follows an elided French or Italian article or preposition ("L'", "D'", "Dell'").
fn elided_article(word: &str) -> Option<&str> {
    ["L'", "L’", "D'", "D’", "Dell'", "Dell’", "All'", "All’"]
        .iter()
        .find_map(|article| word.strip_prefix(article))
}

/// Latin, Greek and Cyrillic: the scripts that capitalise names.
fn alphabetic_script(c: char) -> bool {
    matches!(c as u32, 0x41..=0x24F | 0x1E00..=0x1EFF | 0x370..=0x3FF | 0x1F00..=0x1FFF | 0x400..=0x52F)
}

fn starts_name(word: &Word) -> bool {
    word.capitalised && !word.blocked
}

/// Whether only a single space (or a non-breaking one) separates two words.
fn adjacent(text: &str, a: &Word, b: &Word) -> bool {
    matches!(&text[a.end..b.start], " " | "\u{a0}")
}

/// The capitalised words from `first`, with the lower-case particles between them
/// ("Michael von Ungern-Sternberg", "Ministry of Foreign Affairs").
fn run_from(text: &str, words: &[Word], first: usize) -> std::ops::Range<usize> {
    let mut end = first + 1;
    while let Some(next) = words.get(end) {
        if !adjacent(text, &words[end - 1], next) {
            break;
        }
        if starts_name(next) {
            end += 1;
            continue;
        }
        // "of", "for", "and" join only an organisation's name: "Putin and Lukashenko" is two.
        let in_organisation = words[first..end].iter().any(|w| lists(w, |c| c.org_heads));
        let joiner = |w: &Word| {
            !w.capitalised
                && !w.blocked
                && (cues::any_lists(&w.lower, |c| c.name_particles)
                    || (in_organisation && cues::any_lists(&w.lower, |c| c.org_joiners)))
        };
        // One particle, or two ("Instituto Geofísico de la Escuela Politécnica", "Ministry of
        // the Interior"), then a capitalised word. A conjunction is never the first of two:
        // "Putin y la Unión Europea" is two names.
        const CONJUNCTIONS: &[&str] = &["y", "e", "and", "et", "und"];
        let mut particles = 0;
        while particles < 2
            && words.get(end + particles).is_some_and(|w| {
                joiner(w)
                    && adjacent(text, &words[end + particles - 1], w)
                    && !(particles == 1 && CONJUNCTIONS.contains(&words[end].lower.as_str()))
            })
        {
            particles += 1;
        }
        let then_name = particles > 0
            && words
                .get(end + particles)
                .is_some_and(|w| starts_name(w) && adjacent(text, &words[end + particles - 1], w));
        if then_name {
            end += particles + 1;
            continue;
        }
        break;
    }
    first..end
}

fn lists(word: &Word, pick: impl Fn(&Cues) -> &'static [&'static str]) -> bool {
    cues::any_lists(&word.lower, pick)
}

/// Types one run and pushes what it names.
fn classify(
    text: &str,
    lang: Option<&str>,
    words: &[Word],
    common: &std::collections::HashSet<&str>,
    run: std::ops::Range<usize>,
    found: &mut Vec<NameSpan>,
    singles: &mut Vec<(usize, bool)>,
) {
    let mut start = run.start;
    while start < run.end && lists(&words[start], |c| c.function_words) {
        start += 1;
    }
    // A sentence's first word that the document also writes in lower case is a common word
    // capitalised by its place ("Власти Вальдории", the authorities of Valdoria), unless it
    // is a title or a body's head, which say what follows.
    let cue = |w: &Word| lists(w, |c| c.person_titles) || lists(w, |c| c.org_heads);
    if run.end - start > 1
        && sentence_initial(text, words[start].start)
        && common.contains(words[start].lower.as_str())
        && !cue(&words[start])
    {
        start += 1;
    }
    let run = start..run.end;
    if run.is_empty() {
        return;
    }
    let before = run.start.checked_sub(1).map(|b| &words[b]);
    let after = words.get(run.end);
    // Organisations: a head word anywhere in the run. A head alone ("Police said…",
    // "Parliament") names no particular body, unless lower-case words of its name follow.
    if let Some(head) = words[run.clone()]
        .iter()
        .position(|w| lists(w, |c| c.org_heads))
    {
        // "Advogados do Movimento de Renovação Cívica": a sentence's first word joined by a
        // particle to a head that starts the name is the sentence's, not the body's.
        let head = run.start + head;
        let run = if head > run.start
            && sentence_initial(text, words[run.start].start)
            && !cue(&words[run.start])
            && words[run.start..head].iter().any(|w| !w.capitalised)
        {
            head..run.end
        } else {
            run
        };
        let end = extend_organisation(text, lang, words, run.clone());
        if end - run.start < 2 {
            return;
        }
        push(found, words, run.start..end, Kind::Organization);
        return;
    }
    // "Координационный совет": a capitalised word before a lower-case head.
    if let Some(next) = after
        && !is_demonym(&words[run.end - 1].lower)
        && adjacent(text, &words[run.end - 1], next)
        && !next.capitalised
        && lists(next, |c| c.org_heads)
    {
        let end = extend_organisation(text, lang, words, run.start..run.end + 1);
        push(found, words, run.start..end, Kind::Organization);
        return;
    }
    // The head ends the name in English ("Old Port") and starts it in Romance languages
    // ("Praça da Independência", "Plaza de Mayo").
    if [&words[run.end - 1], &words[run.start]]
        .iter()
        .any(|w| lists(w, |c| c.place_heads))
        && run.len() > 1
    {
        push(found, words, run.clone(), Kind::Place);
        return;
    }
    // A title inside the run ("Russian President Vladimir Putin") or just before it.
    let title_inside = words[run.clone()]
        .iter()
        .rposition(|w| lists(w, |c| c.person_titles));
    let mut name = match title_inside {
        Some(t) => run.start + t + 1..run.end,
        None => run.clone(),
    };
    while name.start < name.end && lists(&words[name.start], |c| c.descriptors) {
        name.start += 1;
    }
    if name.is_empty() {
        return;
    }
    let title_before = before.is_some_and(|b| {
        !b.capitalised && lists(b, |c| c.person_titles) && adjacent(text, b, &words[run.start])
    });
    let speech_after = speech_follows(text, words, run.end);
    let aged = age_beside(text, words[name.start].start, words[name.end - 1].end);
    let cued = title_inside.is_some() || title_before || speech_after || aged;
    // More than four capitalised words: the last two are the likeliest name. Particles do
    // not count ("María de los Ángeles Ortega" is one name of three).
    if words[name.clone()].iter().filter(|w| w.capitalised).count() > 4 {
        name.start = name.end - 2;
    }
    if !cued {
        if cues::capitalises_nouns(lang) {
            return;
        }
        let last = &words[name.end - 1];
        let adjective = is_demonym(&last.lower)
            && after.is_some_and(|a| !a.capitalised && adjacent(text, last, a));
        if adjective {
            return;
        }
        if name.len() == 1 {
            let confirmed = !sentence_initial(text, words[name.start].start)
                || capitalised_elsewhere(text, words, name.start);
            if confirmed {
                singles.push((name.start, false));
            }
            return;
        }
    }
    if name.len() == 1 {
        // A sentence's first word before "said" is a name only if the document also writes
        // it capitalised mid-sentence or as a word of a person's name: "Officials said",
        // "Seismologists warned" are not; "Lukashenko said" after "Alexander Lukashenko" is.
        let speech_alone = speech_after && !title_before && title_inside.is_none() && !aged;
        let at_start = sentence_initial(text, words[name.start].start);
        let confirmed =
            !(speech_alone && at_start) || capitalised_elsewhere(text, words, name.start);
        singles.push((name.start, confirmed));
        return;
    }
    let kind = if !cued && after_place_preposition(text, words, name.start) {
        Kind::Place
    } else {
        Kind::Person
    };
    push(found, words, name, kind);
}

/// Whether the word before `at` (past an article) is a preposition of place and the name is
/// not a possessive ("in Vladimir Putin’s view" is about a person).
fn after_place_preposition(text: &str, words: &[Word], at: usize) -> bool {
    let mut before = at.checked_sub(1);
    if let Some(b) = before
        && ["the", "la", "le", "l", "el", "los", "las"].contains(&words[b].lower.as_str())
    {
        before = b.checked_sub(1);
    }
    let possessive = words[at..]
        .iter()
        .take_while(|w| w.capitalised)
        .last()
        .is_some_and(|w| text[w.end..].starts_with("’s") || text[w.end..].starts_with("'s"));
    !possessive
        && before
            .is_some_and(|b| !words[b].capitalised && lists(&words[b], |c| c.place_prepositions))
}

fn push(found: &mut Vec<NameSpan>, words: &[Word], run: std::ops::Range<usize>, kind: Kind) {
    let mut end = run.end;
    // An organisation's name does not end on a joiner ("Ministry of").
    while end > run.start + 1 && !words[end - 1].capitalised && kind != Kind::Organization {
        end -= 1;
    }
    found.push(NameSpan {
        start: words[run.start].start,
        end: words[end - 1].end,
        kind,
    });
}

/// Russian, French, Spanish organisation names continue in lower case after their head:
/// "Министерство внутренних дел", "Conseil des droits de l'homme". Up to three more words:
/// Russian genitives and adjectives, or Romance "de"-phrases.
fn extend_organisation(
    text: &str,
    lang: Option<&str>,
    words: &[Word],
    run: std::ops::Range<usize>,
) -> usize {
    const GENITIVE: &[&str] = &[
        "ых", "их", "ого", "его", "ой", "ей", "ов", "ев", "ии", "ства",
    ];
    let romance = matches!(lang, Some("fr" | "es" | "it" | "pt"));
    let mut end = run.end;
    let mut added = 0;
    while added < 4 {
        let Some(next) = words.get(end) else { break };
        if !adjacent(text, &words[end - 1], next) || next.capitalised || next.blocked {
            break;
        }
        let cyrillic = next
            .text
            .chars()
            .next()
            .is_some_and(|c| ('\u{400}'..='\u{52f}').contains(&c));
        let genitive = cyrillic && GENITIVE.iter().any(|g| next.lower.ends_with(g));
        // The word a joiner brings must be a word of the name: not another joiner ("Instituto
        // Geofísico de la" ends nowhere) nor a verb ("Gobierno Nacional para avanzar").
        let joined = romance
            && cues::any_lists(&next.lower, |c| c.org_joiners)
            && words.get(end + 1).is_some_and(|w| {
                adjacent(text, next, w)
                    && !w.blocked
                    && !cues::any_lists(&w.lower, |c| c.org_joiners)
                    && !cues::any_lists(&w.lower, |c| c.name_particles)
                    && !infinitive(&w.lower, lang)
            });
        if genitive {
            end += 1;
            added += 1;
        } else if joined {
            end += 2;
            added += 2;
        } else {
            break;
        }
    }
    end
}

/// Whether a lower-case Spanish or Portuguese word is a verb's infinitive ("retornar",
/// "avanzar", "decidir"): it ends a body's name. The few nouns with those endings that
/// follow "de" in a body's name are kept.
fn infinitive(lower: &str, lang: Option<&str>) -> bool {
    const NOUNS: &[&str] = &[
        "hogar",
        "lugar",
        "mar",
        "bienestar",
        "mujer",
        "poder",
        "alquiler",
        "lar",
        "mulher",
    ];
    matches!(lang, Some("es" | "pt"))
        && lower.chars().count() > 3
        && ["ar", "er", "ir"].iter().any(|e| lower.ends_with(e))
        && !NOUNS.contains(&lower)
}

/// An age just before a name ("the 66-year-old Lukashenko", "66-летний Лукашенко") or in
/// apposition just after it ("Lukashenko, 66,", "Usmonov, a 41-year-old", "Lukashenko, de 66
/// años", "Лукашенко, которому 66 лет"). Not German "der 66-jährige …": the same adjective
/// says how long a thing lasts ("der 26-jährige Vertrag"), and German capitalises that noun.
static AGE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // No `\b`: a Unicode word boundary keeps the regex off its fast engine on non-ASCII
        // text, and this runs for every capitalised run.
        r"(?i)(?:^|\D)\d{1,3}[-‑]?(?:year-old|years-old|летн(?:ий|его|ему|им|ем|яя|ей|юю)|jarige|yaşındaki)\s+$",
    )
    .expect("age pattern compiles")
});
static AGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^,\s*(?:\d{1,3}\s*,|an?\s+\d{1,3}[-‑]year[-‑]old|de\s+\d{1,3}\s+años|которому\s+\d{1,3}\s+(?:год|года|лет)\b|âgée?\s+de\s+\d{1,3}\s+ans|\d{1,3}\s+ans\s*,|\d{1,3}\s+jahre\s+alt)",
    )
    .expect("age pattern compiles")
});

/// Whether an age stands beside the name at `start..end`: only people have one.
fn age_beside(text: &str, start: usize, end: usize) -> bool {
    let mut from = start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + 60).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let (before, after) = (&text[from..start], &text[end..to]);
    AGE_BEFORE.is_match(before) || AGE_AFTER.is_match(after)
}

/// Whether a verb of saying follows the run, after an optional comma.
fn speech_follows(text: &str, words: &[Word], after: usize) -> bool {
    let Some(next) = words.get(after) else {
        return false;
    };
    let gap = text[words[after - 1].end..next.start].trim();
    if !(gap.is_empty() || gap == ",") {
        return false;
    }
    let two = words
        .get(after + 1)
        .map(|w| format!("{} {}", next.lower, w.lower));
    cues::any_lists(&next.lower, |c| c.speech_verbs)
        || two.is_some_and(|t| cues::any_lists(&t, |c| c.speech_verbs))
}

/// Adjectives of nationality end so ("Belarusian", "American", "Chinese", "Polish").
fn is_demonym(lower: &str) -> bool {
    ["ian", "ean", "ese", "ish", "can", "ians", "cans"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Whether `at` starts a sentence: nothing before it but an opening quote since a full stop,
/// a question or exclamation mark, a colon, a line break or the start of the text.
fn sentence_initial(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| {
        c == ' ' || c == '\u{a0}' || matches!(c, '"' | '“' | '«' | '‘' | '\'' | '(' | '—' | '-')
    });
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', ';', '\n', '…', '•'])
        || text[before.len()..at].contains('\n')
}

/// Whether the word at `w` also appears capitalised in mid-sentence elsewhere.
fn capitalised_elsewhere(text: &str, words: &[Word], w: usize) -> bool {
    words.iter().enumerate().any(|(i, o)| {
        i != w
            && o.capitalised
            && same_word(o.text, words[w].text)
            && !sentence_initial(text, o.start)
    })
}

/// The same word, allowing a Russian or Greek case ending ("Тихановская", "Тихановской").
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Only Greek and Cyrillic names inflect here; asked for every pair of words, so no
    // allocation.
    let inflected = a
        .chars()
        .next()
        .is_some_and(|c| ('\u{370}'..='\u{52f}').contains(&c));
    if !inflected {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let stem = la.min(lb).saturating_sub(2);
    stem >= 4 && la.abs_diff(lb) <= 2 && a.chars().take(stem).eq(b.chars().take(stem))
}
