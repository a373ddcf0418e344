//! Thai: ICU's Thai word list searched over Thai syllable clusters.

use std::sync::LazyLock;

use super::cluster::{ClusterSegmenter, Syllables, is_mark};

pub(crate) static THAI: LazyLock<ClusterSegmenter<ThaiSyllables>> =
    LazyLock::new(|| ClusterSegmenter::new("thaidict", ThaiSyllables));

pub(crate) struct ThaiSyllables;

impl Syllables for ThaiSyllables {
    fn holds_together(&self, chars: &[char], i: usize) -> bool {
        let (prev, next) = (chars[i - 1], chars[i]);
        let back = |k: usize| i.checked_sub(k).map(|j| chars[j]);
        is_mark(next)
            // Leading vowels เ แ โ ใ ไ are written before the consonant they follow in speech.
            || matches!(prev, 'เ'..='ไ')
            // Sara a, sara aa, sara am, lakkhangyao, mai yamok and paiyannoi never start a word.
            || matches!(next, 'ะ' | 'า' | 'ำ' | 'ๅ' | 'ๆ' | 'ฯ')
            // A consonant silenced by thanthakhat closes the syllable before it (เมอร์).
            || chars.get(i + 1) == Some(&'\u{0E4C}')
            // อ and ย completing the vowels เ–อ, เ–ือ, เ–ีย (เธอ, เรือ, เสีย).
            || (next == 'อ' && back(2) == Some('เ'))
            || (matches!(next, 'อ' | 'ย') && matches!(prev, 'ื' | 'ี') && back(3) == Some('เ'))
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
            // Names missing from the dictionary stay whole, syllables never split…
            ("ทางการเบลารุสเคารพ", &["ทางการ", "เบลารุส", "เคารพ"]),
            ("นายฟิชเชอร์กล่าว", &["นาย", "ฟิชเชอร์", "กล่าว"]),
            // …but a name that starts with a dictionary word is cut after it (โอ "oh").
            ("คุณโอเมอร์", &["คุณ", "โอ", "เมอร์"]),
            ("ภาษาไทยง่ายนิดเดียว", &["ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"]),
            (
                "ปี ๒๕๖๓ เด็กๆ ไปโรงเรียน",
                &["ปี", "๒๕๖๓", "เด็กๆ", "ไป", "โรงเรียน"]
            ),
        ]
    );
}
