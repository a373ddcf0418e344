//! Chinese: jieba's dictionary and its hidden Markov model for words it does not know
//! (transliterated names such as 季哈诺夫斯卡娅).

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;

use super::Segmenter;

/// Jieba builds its prefix dictionary at start-up (a few hundred milliseconds): once.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The one Jieba instance (its dictionary loaded on first use), for other stages that need
/// its words or part-of-speech tags, such as the Chinese name recogniser.
pub fn jieba() -> &'static Jieba {
    &JIEBA
}

pub(crate) struct Chinese;

pub(crate) static CHINESE: Chinese = Chinese;

impl Segmenter for Chinese {
    fn segment_run(&self, run: &str, out: &mut Vec<Range<usize>>) {
        out.extend(
            JIEBA
                .cut(run, true)
                .into_iter()
                .map(|t| t.byte_start..t.byte_end),
        );
    }
}

#[cfg(test)]
mod tests {
    crate::segment::test_segmenter!(
        chinese,
        Some("zh"),
        "han",
        "[\u{4E00}-\u{4FFF}，。 0-9]{0,40}",
        [
            (
                "安全理事会关于白俄罗斯人权问题的会议",
                &[
                    "安全",
                    "理事会",
                    "关于",
                    "白俄罗斯",
                    "人权",
                    "问题",
                    "的",
                    "会议"
                ]
            ),
            ("联合国秘书长发表声明", &["联合国", "秘书长", "发表声明"]),
            (
                "2020年9月4日，32个会员国作了发言。",
                &[
                    "2020",
                    "年",
                    "9",
                    "月",
                    "4",
                    "日",
                    "32",
                    "个",
                    "会员国",
                    "作",
                    "了",
                    "发言"
                ]
            ),
        ]
    );

    /// How well tokens respect the named entities of the MSRA NER set (`../shared/data`):
    /// the share of entities that are exactly one token, inside one longer token (中国 in
    /// 中国人), or cut only at token boundaries; the rest are overlapped by a token that runs
    /// across one of their edges, the real error. Prints the figures per entity kind.
    #[test]
    fn msra_entities_are_not_crossed() {
        let Some(path) = crate::test_support::shared("data/ner/chinese-msra/dev_bio.txt") else {
            return;
        };
        let data = std::fs::read_to_string(&path).unwrap();
        // kind -> [entities, one token, inside a token, split at boundaries, crossed]
        let mut counts: std::collections::BTreeMap<String, [u32; 5]> = Default::default();
        for sentence in data.split("\n\n") {
            let mut text = String::new();
            let mut entities: Vec<(usize, usize, String)> = Vec::new();
            for line in sentence.lines() {
                let Some((ch, tag)) = line.split_once('\t') else {
                    continue;
                };
                let at = text.len();
                text.push_str(ch);
                if let Some(kind) = tag.strip_prefix("B-") {
                    entities.push((at, text.len(), kind.to_string()));
                } else if let (true, Some(last)) = (tag.starts_with("I-"), entities.last_mut()) {
                    last.1 = text.len();
                }
            }
            let tokens = crate::segment::segment_with_lang(&text, Some("zh"));
            for (start, end, kind) in entities {
                let entry = counts.entry(kind).or_default();
                entry[0] += 1;
                let overlapping: Vec<_> = tokens
                    .iter()
                    .filter(|t| t.start < end && t.end > start)
                    .collect();
                let class = match overlapping.as_slice() {
                    [t] if t.start == start && t.end == end => 1,
                    [t] if t.start <= start && t.end >= end => 2,
                    ts if ts.iter().all(|t| t.start >= start && t.end <= end) => 3,
                    _ => 4,
                };
                entry[class] += 1;
            }
        }
        for (kind, [n, one, inside, split, crossed]) in &counts {
            let pct = |k: &u32| 100.0 * f64::from(*k) / f64::from(*n);
            eprintln!(
                "{kind}: {n} entities: {:.1}% one token, {:.1}% inside a word, {:.1}% split at \
                 word boundaries, {:.1}% crossed",
                pct(one),
                pct(inside),
                pct(split),
                pct(crossed)
            );
            assert!(
                pct(crossed) < 10.0,
                "{kind}: tokens cross {:.1}% of entities",
                pct(crossed)
            );
        }
    }
}
