//! Thai: ICU's Thai word list searched over Thai syllable clusters.

use std::sync::LazyLock;

use super::cluster::{ClusterSegmenter, Syllables, is_mark};

pub(crate) static THAI: LazyLock<ClusterSegmenter<ThaiSyllables>> =
    LazyLock::new(|| ClusterSegmenter::new("thaidict", ThaiSyllables));

pub(crate) struct ThaiSyllables;

impl Syllables for ThaiSyllables {
    fn holds_together(&self, prev: char, next: char, _after: Option<char>) -> bool {
        is_mark(next)
            // Leading vowels เ แ โ ใ ไ are written before the consonant they follow in speech.
            || matches!(prev, 'เ'..='ไ')
            // Sara a, sara aa, sara am, lakkhangyao, mai yamok and paiyannoi never start a word.
            || matches!(next, 'ะ' | 'า' | 'ำ' | 'ๅ' | 'ๆ' | 'ฯ')
    }
}

#[cfg(test)]
mod tests {
    crate::segment::test_segmenter!(
        thai,
        Some("th"),
        "thai",
        "[ก-ฺเ-๛ 0-9,]{0,60}",
        [
            (
                "การเลือกตั้งประธานาธิบดีเบลารุส",
                &["การ", "เลือก", "ตั้ง", "ประธานาธิบดี", "เบลารุส"]
            ),
            ("บทบาทของสหประชาชาติ", &["บทบาท", "ของ", "สหประชาชาติ"]),
            (
                "ผู้ประท้วงมากกว่า 7,000 คน",
                &["ผู้", "ประท้วง", "มากกว่า", "7,000", "คน"]
            ),
            ("ภาษาไทยง่ายนิดเดียว", &["ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"]),
            (
                "ปี ๒๕๖๓ เด็กๆ ไปโรงเรียน",
                &["ปี", "๒๕๖๓", "เด็กๆ", "ไป", "โรงเรียน"]
            ),
        ]
    );
}
