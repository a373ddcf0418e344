//! `vote` facts: how a vote went — `for`, `against`, `abstain` — and who voted (`body`), from
//! tallies as reports write them in Arabic, Chinese, English, French, Russian, Spanish and
//! Thai: "by 23 votes to 2, with 22 abstentions", "بأغلبية 23 صوتا مقابل 2 وامتناع 22",
//! "以23票赞成、2票反对、22票弃权", "23 голосами против 2 при 22 воздержавшихся".
//!
//! Each language has a table of tally patterns (`{f}`, `{a}`, `{x}` stand for the counts for,
//! against and abstaining; the group `p` is the passage, the tally without the words that
//! introduce it). Counts are read by `crate::count` (digits of any script, small number words,
//! Arabic duals: "دولتين" is two states).

use std::sync::LazyLock;

use regex::Regex;
use vigil_text::gazetteer;

use crate::{Detail, Document, Extractor, Fact, Unit, Vote};

/// Finds `vote` facts.
pub struct VoteExtractor;

/// Arabic nouns a tally counts ("23 صوتا", "22 دولة").
const AR_NOUN: &str = r"(?:\s+(?:صوتاً|صوتا|صوت|أصوات|اصوات|دولة|دول|عضواً|عضوا|أعضاء|اعضاء))?";

/// `(language, pattern)`; `AR_NOUN` is spliced in as `{ar_noun}`.
static PATTERNS: &[(&str, &str)] = &[
    // English
    (
        "en",
        r"(?P<p>(?:recorded\s+)?vote\s+of\s+{f}\s*[-–]\s*{a}\s*[-–]\s*{x})",
    ),
    (
        "en",
        r"(?P<p>(?:recorded\s+)?vote\s+of\s+{f}\s*(?:[-–]|to)\s*{a}(?:,?\s+(?:with|and)\s+{x}\s+(?:abstentions?|abstaining))?)",
    ),
    (
        "en",
        r"(?P<p>{f}\s+votes?\s+(?:to|against)\s+{a}(?:,?\s+(?:with|and)\s+{x}\s+(?:abstentions?|abstaining))?)",
    ),
    (
        "en",
        r"(?P<p>{f}\s+(?:votes?\s+)?(?:in\s+favou?r|for)(?:\s+of\s+it)?,?\s+(?:and\s+)?{a}\s+(?:votes?\s+)?against(?:,?\s+(?:and\s+|with\s+)?{x}\s+(?:abstentions?|abstaining|abstained|abstain))?)",
    ),
    // "The vote was close: 7-5 with one abstention", "voted by a margin of 7-5", "passed the
    // bill 301-95".
    (
        "en",
        r"(?-u:\b)(?:vot(?:e|es|ed|ing)|passed|adopted|approved|rejected|endorsed)(?-u:\b)[^.;?!\n\d]{0,40}?(?P<p>{f}\s*[-–]\s*{a}\s*[-–]\s*{x})",
    ),
    (
        "en",
        r"(?-u:\b)(?:vot(?:e|es|ed|ing)|passed|adopted|approved|rejected|endorsed)(?-u:\b)[^.;?!\n\d]{0,40}?(?P<p>{f}\s*[-–]\s*{a}(?:,?\s+with\s+{x}\s+abstentions?)?)",
    ),
    (
        "en",
        r"(?:voted|(?:passed|adopted|approved|rejected|endorsed)(?-u:\b)[^.;\n]{0,60}?(?-u:\b)by)\s+(?P<p>{f}\s*(?:[-–]|to)\s*{a}(?:,?\s+with\s+{x}\s+abstentions?)?)",
    ),
    // French
    (
        "fr",
        r"(?P<p>{f}\s+voix\s+contre\s+{a}(?:,?\s+(?:avec\s+|et\s+)?{x}\s+abstentions?)?)",
    ),
    (
        "fr",
        r"(?P<p>{f}\s+(?:voix\s+)?pour,?\s+(?:et\s+)?{a}\s+(?:voix\s+)?contre(?:,?\s+(?:et\s+|avec\s+)?{x}\s+abstentions?)?)",
    ),
    // Spanish
    (
        "es",
        r"(?P<p>{f}\s+votos?\s+a\s+favor,?\s+(?:y\s+)?{a}\s+(?:votos?\s+)?en\s+contra(?:,?\s+(?:y\s+|con\s+)?{x}\s+abstenci(?:ones|ón))?)",
    ),
    (
        "es",
        r"(?P<p>{f}\s+votos?\s+contra\s+{a}(?:,?\s+(?:y\s+|con\s+)?{x}\s+abstenci(?:ones|ón))?)",
    ),
    // Russian
    (
        "ru",
        r"(?P<p>{f}\s+голос(?:ами|а|ов)?\s+против\s+{a}(?:,?\s+при\s+{x}\s+воздержавш(?:ихся|емся))?)",
    ),
    (
        "ru",
        r"(?P<p>{f}\s+голос(?:ами|а|ов)?\s+«?за»?,?\s+(?:и\s+|при\s+)?{a}\s+(?:голос(?:ами|а|ов)?\s+)?«?против»?(?:,?\s+(?:и\s+|при\s+)?{x}\s+(?:«?воздержались»?|воздержавш(?:ихся|емся)))?)",
    ),
    (
        "ru",
        r"(?P<p>«?за»?\s*[-–—:]\s*{f},?\s+«?против»?\s*[-–—:]\s*{a}(?:,?\s+«?воздержал(?:ись|ся)»?\s*[-–—:]\s*{x})?)",
    ),
    // German: "mit 23 Ja-Stimmen bei 2 Gegenstimmen und 22 Enthaltungen", "122 zu 35 Stimmen
    // bei 24 Enthaltungen", "402 Ja-Stimmen, 171 Nein-Stimmen und 40 Enthaltungen"
    (
        "de",
        r"(?P<p>{f}\s+Ja-Stimmen,?\s+(?:bei\s+)?{a}\s+(?:Gegenstimmen|Nein-Stimmen)(?:,?\s+(?:und|bei)\s+{x}\s+Enthaltungen)?)",
    ),
    (
        "de",
        r"(?P<p>{f}\s+(?:zu|gegen)\s+{a}\s+Stimmen(?:,?\s+(?:bei|und)\s+{x}\s+Enthaltungen)?)",
    ),
    // Chinese
    (
        "zh",
        r"(?P<p>{f}\s*票赞成\s*[、，,]?\s*{a}\s*票反对(?:\s*[、，,和及]\s*{x}\s*票弃权)?)",
    ),
    (
        "zh",
        r"(?P<p>{f}\s*票对\s*{a}\s*票(?:\s*[、，,]\s*{x}\s*票弃权)?)",
    ),
    (
        "zh",
        r"(?P<p>赞成票?\s*[:：]?\s*{f}\s*票?\s*[、，,；;]\s*反对票?\s*[:：]?\s*{a}\s*票?(?:\s*[、，,；;]\s*弃权票?\s*[:：]?\s*{x}\s*票?)?)",
    ),
    // Arabic: "بأغلبية 23 صوتا مقابل 2 وامتناع 22 عن التصويت", "واعتراض دولتين فقط".
    (
        "ar",
        r"(?:بأغلبية|باغلبية|بأكثرية|باكثرية|بتأييد|بموافقة)\s+(?P<p>{f}{ar_noun}\s+(?:مقابل|ضد|و?(?:اعتراض|معارضة|رفض))\s+{a}{ar_noun}(?:\s+فقط)?(?:\s*[،,]?\s*(?:و|مع\s+)?(?:امتناع|إمتناع)\s+{x}{ar_noun}(?:\s+عن\s+التصويت)?)?)",
    ),
    // "صوتت 23 دولة لصالح القرار وعارضته دولتان وامتنعت 22 دولة عن التصويت"
    (
        "ar",
        r"(?P<p>{f}{ar_noun}\s+(?:لصالح|تأييدا|مؤيدة|مؤيدا)(?:\s+\S+)?\s+و(?:عارضته|عارضها|عارضت|عارض|رفضته|رفضت)\s+{a}{ar_noun}(?:\s+و(?:امتنعت|امتنع)\s+(?:عن\s+التصويت\s+)?{x}{ar_noun}(?:\s+عن\s+التصويت)?)?)",
    ),
    // "صوت لصالحه 23 عضوا وعارضه 2 وامتنع 22 عن التصويت"
    (
        "ar",
        r"(?P<p>(?:صوت|صوتت)\s+(?:لصالحه|لصالحها|لصالح\s+القرار|مؤيدا|مؤيدة)\s+{f}{ar_noun}\s+و(?:عارضه|عارضته|عارضها|صوتت?\s+ضده|صوتت?\s+ضدها)\s+{a}{ar_noun}(?:\s+و(?:امتنع|امتنعت)\s+(?:عن\s+التصويت\s+)?{x}{ar_noun}(?:\s+عن\s+التصويت)?)?)",
    ),
    // Thai: "เห็นด้วย 23 เสียง ไม่เห็นด้วย 2 เสียง งดออกเสียง 22 เสียง"
    (
        "th",
        r"(?P<p>เห็นด้วย\s*{f}\s*(?:เสียง)?\s*(?:,|และ)?\s*ไม่เห็นด้วย\s*{a}\s*(?:เสียง)?(?:\s*(?:,|และ)?\s*งดออกเสียง\s*{x}\s*(?:เสียง)?)?)",
    ),
    // Thai: "ด้วยคะแนนเสียง 23 ต่อ 2 งดออกเสียง 22"
    (
        "th",
        r"(?P<p>คะแนน(?:เสียง)?\s*{f}\s*(?:เสียง\s*)?ต่อ\s*{a}\s*(?:เสียง)?(?:\s*(?:และ|โดย)?\s*งดออกเสียง\s*{x}\s*(?:เสียง)?)?)",
    ),
];

static COMPILED: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let count = crate::count::pattern();
    PATTERNS
        .iter()
        .map(|&(lang, p)| {
            let p = p
                .replace("{ar_noun}", AR_NOUN)
                .replace("{f}", &format!("(?P<f>{count})"))
                .replace("{a}", &format!("(?P<a>{count})"))
                .replace("{x}", &format!("(?P<x>{count})"));
            (lang, Regex::new(&format!("(?i){p}")).expect("valid regex"))
        })
        .collect()
});

/// "twenty-four" is one number written in two words, not a 20-4 tally: a tally of words
/// keeps spaces or "to" between them.
fn hyphenated_words(text: &str, caps: &regex::Captures) -> bool {
    let (Some(f), Some(a)) = (caps.name("f"), caps.name("a")) else {
        return false;
    };
    let wordy = |m: regex::Match| m.as_str().chars().all(char::is_alphabetic);
    wordy(f) && wordy(a) && matches!(&text[f.end()..a.start()], "-" | "–")
}

/// Words without which no tally phrasing matches, in every language the patterns read.
static TALLY_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "(?i)vot|voix|голос|صوت|أصوات|اصوات|票|เสียง|stimm|abstenc|abstention|enthaltung|воздерж|امتناع|弃权|favou?r|against|contre|против|за»|pass|adopt|approv|aprob|reject|endors|принят|одобр",
    )
    .expect("valid regex")
});

/// How far around a tally word a tally may reach, in bytes.
const TALLY_REACH: usize = 240;

/// The stretches of `text` around tally words, merged, on character boundaries: the tally
/// patterns are large and run only there, which keeps a long report without a vote cheap.
fn tally_windows(text: &str) -> Vec<(usize, usize)> {
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for m in TALLY_WORDS.find_iter(text) {
        let mut from = m.start().saturating_sub(TALLY_REACH);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (m.end() + TALLY_REACH).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        match windows.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => windows.push((from, to)),
        }
    }
    windows
}

/// No body votes with more members than this (the largest parliaments have about 3,000).
const MAX_VOTERS: u32 = 5000;

impl Extractor for VoteExtractor {
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>) {
        let text = doc.text;
        let mut found: Vec<(usize, usize, Vote)> = Vec::new();
        for (from, to) in tally_windows(text) {
            let window = &text[from..to];
            for (lang, re) in COMPILED.iter() {
                for caps in re.captures_iter(window) {
                    let Some(p) = caps.name("p") else { continue };
                    let (start, end) = (from + p.start(), from + p.end());
                    if !starts_a_word(lang, text, start)
                        || !ends_a_word(lang, text, end)
                        || measures_something(&text[end..])
                        || starts_a_date(text, start)
                    {
                        continue;
                    }
                    let count = |name: &str| {
                        caps.name(name)
                            .and_then(|m| crate::count::read(m.as_str()))
                            .filter(|&n| n <= MAX_VOTERS)
                    };
                    let (Some(in_favour), Some(against)) = (count("f"), count("a")) else {
                        continue;
                    };
                    if hyphenated_words(window, &caps) || looks_like_years(in_favour, against) {
                        continue;
                    }
                    let abstain = count("x");
                    found.push((
                        start,
                        end,
                        Vote {
                            in_favour: Some(in_favour),
                            against: Some(against),
                            abstain,
                            body: None,
                        },
                    ));
                }
            }
        }
        found.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut last_end = 0;
        for (start, end, mut vote) in found {
            if start < last_end {
                continue;
            }
            last_end = end;
            vote.body = body(text, start);
            let mut fact = Fact::new(Detail::Vote(vote), text, start, end);
            fact.unit = Some(Unit::Vote);
            out.push(fact);
        }
    }
}

/// Whether a tally may start at `at`: not inside a word or number (Chinese and Thai run words
/// together, so only digits count there).
fn starts_a_word(lang: &str, text: &str, at: usize) -> bool {
    let unspaced = matches!(lang, "zh" | "th");
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_numeric() || (!unspaced && c.is_alphabetic())))
}

/// Whether a tally may end at `at`: not inside a word or number, nor before more of a
/// dashed tally ("23-2" of "23-2-22").
fn ends_a_word(lang: &str, text: &str, at: usize) -> bool {
    let unspaced = matches!(lang, "zh" | "th");
    let mut after = text[at..].chars();
    let (a1, a2) = (after.next(), after.next());
    a1.is_none_or(|c| !(c.is_numeric() || (!unspaced && c.is_alphabetic())))
        && !(a1.is_some_and(|c| "-–".contains(c)) && a2.is_some_and(char::is_numeric))
}

/// "The vote, held 9-11 August": a range of days, not a tally.
fn starts_a_date(text: &str, at: usize) -> bool {
    let mut end = (at + 40).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    vigil_text::dates::find_dates(&text[at..end])
        .first()
        .is_some_and(|d| d.start == 0)
}

/// "passed the 2019-2020 budget", "the 2019-20 season": years, not a tally.
fn looks_like_years(in_favour: u32, against: u32) -> bool {
    (1900..=2100).contains(&in_favour) && ((1900..=2100).contains(&against) || against < 100)
}

/// "by 2 to 3 percent", "by 2 to 3 million": a range of a measure, not a tally.
fn measures_something(after: &str) -> bool {
    const UNITS: &[&str] = &[
        "%",
        "٪",
        "percent",
        "per cent",
        "pour cent",
        "por ciento",
        "процент",
        "points",
        "million",
        "billion",
        "times",
    ];
    let after = after.trim_start().to_lowercase();
    UNITS.iter().any(|u| after.starts_with(u))
}

/// How far before a tally (bytes) its body is looked for.
const MAX_BODY_DISTANCE: usize = 800;

/// Gazetteer keys of bodies that vote.
const VOTING_BODIES: &[&str] = &["org:unga", "org:unsc", "org:unhrc", "org:ecosoc"];

/// Names of voting bodies the gazetteer does not know: a body word ("Senate", "Assembly",
/// "parlement", "مجلس النواب", "众议院") with the capitalised words before it ("National
/// Assembly") and a complement after it ("Cámara de Representantes").
static BODY_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    let cap = r"\p{Lu}[\p{L}'’-]*";
    let words = [
        "council",
        "assembly",
        "parliament",
        "senate",
        "house",
        "chamber",
        "committee",
        "congress",
        "duma",
        "rada",
        "bundestag",
        "knesset",
        "sejm",
        "conseil",
        "assemblée",
        "parlement",
        "sénat",
        "chambre",
        "comité",
        "consejo",
        "asamblea",
        "parlamento",
        "senado",
        "congreso",
        "cámara",
        "comisión",
        "совет",
        "ассамблея",
        "парламент",
        "дума",
        "госдума",
        "комитет",
    ]
    .join("|");
    let of = r"(?:of|on|for|de|des|du|del|de\s+la|de\s+los|por|по|при)";
    let article = r"(?:the\s+|la\s+|las\s+|los\s+|l'|l’)?";
    let spaced = format!(
        r"(?:{cap}\s+){{0,3}}\b(?i:{words})\b(?:\s+{of}\s+{article}{cap}(?:\s+{cap}){{0,3}})?"
    );
    let unspaced = [
        r"(?:ال)?مجلس(?:\s+ال\S+)?",
        "الجمعية العامة",
        "البرلمان",
        "الكنيست",
        "اللجنة",
        "全国人大常委会",
        "全国人大",
        "人大常委会",
        "立法会",
        "参议院",
        "众议院",
        "国会",
        "议会",
        "理事会",
        "委员会",
        "大会",
        "คณะมนตรี(?:ความมั่นคง|สิทธิมนุษยชน)?",
        "รัฐสภา",
        "สภา(?:ผู้แทนราษฎร)?",
    ]
    .join("|");
    Regex::new(&format!("{spaced}|{unspaced}")).expect("valid regex")
});

/// Who voted, as the text writes it: the first voting body named in the tally's sentence
/// before the tally (the sentence's subject, "The House ... sent the charges to the Senate by
/// 228 votes to 193" is the House's vote), else the nearest one in the paragraph before.
fn body(text: &str, tally_start: usize) -> Option<String> {
    let line_start = text[..tally_start].rfind('\n').map_or(0, |i| i + 1);
    let sentence_start = text[line_start..tally_start]
        .rfind(['.', '!', '?', '。', '！', '？', '؟'])
        .map_or(line_start, |i| line_start + i + 1);
    let mut window_start = text[..line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .min(line_start)
        .max(tally_start.saturating_sub(MAX_BODY_DISTANCE));
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    let sentence_start = sentence_start.max(window_start);
    let in_sentence = |(s, _): &(usize, String)| *s >= sentence_start;
    let mut bodies: Vec<(usize, String)> = gazetteer::find(&text[window_start..tally_start])
        .into_iter()
        .filter(|m| VOTING_BODIES.contains(&m.key))
        .map(|m| {
            (
                window_start + m.start,
                text[window_start + m.start..window_start + m.end].to_string(),
            )
        })
        .collect();
    if bodies.is_empty() {
        bodies = BODY_NAMES
            .find_iter(&text[window_start..tally_start])
            .map(|m| (window_start + m.start(), m.as_str().to_string()))
            .collect();
    }
    let first_in_sentence = bodies.iter().find(|b| in_sentence(b)).cloned();
    first_in_sentence
        .or_else(|| bodies.pop())
        .map(|(_, name)| without_article(&name).to_string())
}

/// "The Assembly" is the Assembly: a capitalised article starting a sentence is no part of
/// the name.
fn without_article(name: &str) -> &str {
    const ARTICLES: &[&str] = &[
        "The ", "Le ", "La ", "Les ", "L'", "L’", "El ", "Los ", "Las ",
    ];
    ARTICLES
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests;
