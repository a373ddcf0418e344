//! Chinese: jieba's dictionary and its hidden Markov model for words it does not know
//! (transliterated names such as 季哈诺夫斯卡娅).

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;

use super::Segmenter;

/// Characters that transliterate foreign syllables in Chinese: the core of the usual
/// transliteration tables (the syllables of the Xinhua tables for English, Russian, French
/// and other names). A run of them is most likely one foreign name (马里乌波尔, Mariupol),
/// so a shorter name inside it (马里, Mali) is no mention.
pub const CHINESE_TRANSLITERATION: &str = "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼宾波伯博布采查达戴丹道德登迪狄蒂丁东杜敦顿多俄厄恩尔\
法凡范菲斐费芬丰弗伏福富夫盖冈戈哥格根贡古瓜圭哈海亥汉豪赫亨胡华怀惠霍基吉纪季加贾嘉杰金津京\
卡凯坎康考柯科克肯孔库夸奎昆拉莱赖兰朗劳勒雷蕾里利莉丽连列林琳隆卢鲁路伦罗洛马玛迈麦曼芒毛梅\
门蒙孟米密明缪莫默姆穆纳娜奈南内妮尼宁纽努诺欧帕派潘庞佩彭皮珀普齐奇恰乔切钦琴琼丘屈让热瑞若\
萨塞赛桑瑟森沙莎尚舍什史舒斯丝松苏索塔泰坦汤唐特提廷通图托瓦旺威韦维温翁沃乌伍西希锡谢辛欣休\
修雅亚扬耶叶伊依因英尤于约翰文泽扎詹兹卓佐娅契茨涅申黛芙琪薇妲柳克霍捷留朱久";

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
