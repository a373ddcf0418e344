//! Chinese: jieba's dictionary and its hidden Markov model for words it does not know
//! (transliterated names such as 季哈诺夫斯卡娅).

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;

use super::Segmenter;

/// Jieba builds its prefix dictionary at start-up (a few hundred milliseconds): once.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

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
}
