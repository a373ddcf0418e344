//! Foreign names in Japanese, which writes them in katakana: a person's given and family
//! names joined by a middle dot ("フリアン・アルセ"), a surname before a title ("アルセ大統領"),
//! a place before a word for a place or a part of one ("マレンツァ南部", "ポルト・カルボ付近") or
//! after "在" ("在マレンツァ日本大使館", resident in). Katakana is also how Japanese writes
//! loanwords ("テント", "マグニチュード"), so a single katakana word is a name only with such
//! a cue; a dotted one is a person unless the text places it elsewhere. No Japanese model
//! is trained, so names in kanji are left to the gazetteer.

use vigil_text::segment::is_katakana_letter as is_katakana;

use crate::Kind;
use crate::ner::NameSpan;

/// Middle dots between the parts of a foreign name.
const DOTS: &[char] = &['・', '･', '·'];

/// Titles and honorifics after a person's name.
const PERSON_AFTER: &[&str] = &[
    "氏",
    "さん",
    "大統領",
    "副大統領",
    "首相",
    "外相",
    "国務長官",
    "町長",
    "市長",
    "知事",
    "議長",
    "事務総長",
    "報道官",
    "大使",
    "長官",
    "議員",
    "候補",
    "容疑者",
    "被告",
    "総裁",
    "委員長",
    "司令官",
    "党首",
    "国王",
    "女王",
    "教授",
    "博士",
    "記者",
    "監督",
    "選手",
];

/// Words after a place's name: a kind of place, a part of one, its surroundings.
const PLACE_AFTER: &[&str] = &[
    "付近",
    "周辺",
    "近郊",
    "市内",
    "市",
    "州",
    "町",
    "村",
    "県",
    "省",
    "地区",
    "地方",
    "南部",
    "北部",
    "東部",
    "西部",
    "中部",
    "沖",
    "港",
    "空港",
    "共和国",
    "王国",
    "島",
    "川",
    "湾",
];

/// One run of katakana words joined by middle dots.
struct Run {
    start: usize,
    end: usize,
    parts: usize,
    kind: Option<Kind>,
}

/// Foreign names in Japanese `text`.
pub(super) fn find(text: &str) -> Vec<NameSpan> {
    let mut runs = runs(text);
    for run in &mut runs {
        run.kind = cue(text, run);
    }
    // A name the text places once is that kind everywhere in it ("ポルト・カルボ付近", then
    // "ポルト・カルボの町長").
    let cued: Vec<(&str, Kind)> = runs
        .iter()
        .filter_map(|r| Some((&text[r.start..r.end], r.kind?)))
        .collect();
    runs.iter()
        .filter_map(|r| {
            let name = &text[r.start..r.end];
            let kind = r
                .kind
                .or_else(|| cued.iter().find(|(n, _)| *n == name).map(|&(_, k)| k))
                .or((r.parts >= 2).then_some(Kind::Person))?;
            Some(NameSpan {
                start: r.start,
                end: r.end,
                kind,
            })
        })
        .collect()
}

/// The katakana runs of `text`, words of two letters or more joined by middle dots.
fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(offset) = text[at..].find(is_katakana) else {
            break;
        };
        let start = at + offset;
        let (mut end, mut parts) = (start, 0);
        loop {
            let word = text[end..]
                .char_indices()
                .find(|&(_, c)| !is_katakana(c))
                .map_or(text.len() - end, |(i, _)| i);
            if text[end..end + word].chars().count() < 2 {
                break;
            }
            end += word;
            parts += 1;
            let mut rest = text[end..].chars();
            match (rest.next(), rest.next()) {
                (Some(dot), Some(next)) if DOTS.contains(&dot) && is_katakana(next) => {
                    end += dot.len_utf8();
                }
                _ => break,
            }
        }
        if parts == 0 {
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        // A dot that led nowhere is not part of the name.
        let trimmed = text[start..end].trim_end_matches(DOTS);
        out.push(Run {
            start,
            end: start + trimmed.len(),
            parts,
            kind: None,
        });
        at = end.max(start + 1);
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    out
}

/// What the words around a run make it: a title after it a person; a word for a place
/// after it, or "在" before it, a place.
fn cue(text: &str, run: &Run) -> Option<Kind> {
    let after = &text[run.end..];
    if PERSON_AFTER.iter().any(|w| after.starts_with(w)) {
        return Some(Kind::Person);
    }
    let resident_in = text[..run.start].ends_with('在');
    (resident_in || PLACE_AFTER.iter().any(|w| after.starts_with(w))).then_some(Kind::Place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&str, Kind)> {
        find(text)
            .into_iter()
            .map(|n| (&text[n.start..n.end], n.kind))
            .collect()
    }

    #[test]
    fn people_and_places_by_their_dots_and_cues() {
        let text = "マレンツァ南部の町ポルト・カルボ付近で地震。ポルト・カルボのロサ・デルモンテ町長は\
                    テントが足りないと述べ、アルセ大統領は在マレンツァ日本大使館を訪れた。";
        assert_eq!(
            names(text),
            [
                ("マレンツァ", Kind::Place),
                ("ポルト・カルボ", Kind::Place),
                ("ポルト・カルボ", Kind::Place),
                ("ロサ・デルモンテ", Kind::Person),
                ("アルセ", Kind::Person),
                ("マレンツァ", Kind::Place),
            ]
        );
    }

    #[test]
    fn loanwords_without_a_cue_are_no_names() {
        assert_eq!(
            names("マグニチュード6.1の地震でテントとヘリコプターが不足。"),
            []
        );
    }
}
