//! Thai to Latin, RTGS-like: consonants take their initial or final value by position, the
//! aspirates are written without their h (ph, kh would read as f and a fricative), the
//! vowels written before a consonant (เ แ โ ใ ไ) are read after it, a consonant under the
//! silencer (์) is kept with its initial value (Thai does not sound it, but a foreign name
//! writes it for its source spelling: "ทรัมป์" Trump), and a consonant with no written vowel
//! before another consonant
//! takes the inherent o or a. Tone marks are ignored. Enough for transliterated foreign names
//! ("ลูกาเชนโก" lukachenko) and Thai names alike; not a full RTGS implementation.

const SILENCER: char = '\u{0E4C}';

pub(super) fn romanize(word: &str) -> String {
    let chars: Vec<char> = word.chars().filter(|c| !is_tone(*c)).collect();
    let mut out = String::new();
    // Whether the syllable being read already has its vowel (a consonant after it is final).
    let mut has_vowel = false;
    let mut leading: Option<char> = None;
    // Whether the last letter read closed a syllable as its final consonant.
    let mut closed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == SILENCER {
            i += 1;
            continue;
        }
        // Under the silencer, a foreign name keeps a letter of its source spelling that Thai
        // does not sound: "ทรัมป์" is Trump, "แมร์เคิล" Merkel, "จอห์นสัน" Johnson. The letter is
        // kept with the sound it stands for in the source (its initial value: ร is r, not the
        // final n).
        if chars.get(i + 1) == Some(&SILENCER) {
            if is_consonant(c) {
                out.push_str(initial(c));
            }
            i += 1;
            continue;
        }
        if is_leading_vowel(c) {
            leading = Some(c);
            i += 1;
            continue;
        }
        // ห before a sonorant only marks its tone: "ใหม่" is mai.
        if c == 'ห' && next.is_some_and(is_sonorant) && (!has_vowel || leading.is_some()) {
            i += 1;
            continue;
        }
        if is_consonant(c) {
            if let Some(vowel) = leading.take() {
                closed = false;
                out.push_str(initial(c));
                // A cluster's second consonant (ร ล ว) comes before the vowel: "เปลี่ยน". Not
                // before า: foreign names spell "bela" as เบลา ("เบลารุส" Belarus).
                if next.is_some_and(|n| matches!(n, 'ร' | 'ล' | 'ว'))
                    && chars
                        .get(i + 2)
                        .is_some_and(|n| is_vowel_sign(*n) && *n != 'า')
                {
                    out.push_str(initial(chars[i + 1]));
                    i += 1;
                }
                let (latin, used) = leading_vowel(vowel, &chars[i + 1..]);
                out.push_str(latin);
                i += 1 + used;
                has_vowel = true;
                continue;
            }
            let before_vowel = next.is_some_and(is_vowel_sign) || next == Some('อ');
            // A second consonant after a final one, ending the word, is not read: "วัตร" wat.
            if closed && next.is_none() {
                i += 1;
                continue;
            }
            // A cluster (ปร, กล, ทร…) takes no inherent vowel between its consonants.
            let cluster = !has_vowel
                && next.is_some_and(|n| matches!(n, 'ร' | 'ล' | 'ว'))
                && chars.get(i + 2).is_some_and(|n| is_vowel_sign(*n));
            closed = false;
            if has_vowel && !before_vowel {
                out.push_str(final_value(c));
                has_vowel = false;
                closed = true;
            } else if c == 'อ' && !has_vowel && !before_vowel && i > 0 {
                out.push('o');
                has_vowel = true;
            } else {
                out.push_str(if c == 'อ' { "" } else { initial(c) });
                has_vowel = false;
                if !before_vowel && !cluster && next.is_some_and(is_consonant) {
                    // No written vowel: "o" in a closed syllable (คน khon), else "a".
                    let closed_syllable = chars.get(i + 2).is_none_or(|n| !is_vowel_sign(*n));
                    out.push(if closed_syllable { 'o' } else { 'a' });
                    has_vowel = true;
                }
            }
            i += 1;
            continue;
        }
        out.push_str(vowel_sign(c));
        if is_vowel_sign(c) {
            has_vowel = true;
        }
        i += 1;
    }
    out
}

fn is_tone(c: char) -> bool {
    matches!(c, '\u{0E48}'..='\u{0E4B}' | '\u{0E47}' | 'ๆ')
}

fn is_leading_vowel(c: char) -> bool {
    matches!(c, 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ')
}

fn is_sonorant(c: char) -> bool {
    matches!(c, 'ง' | 'ญ' | 'น' | 'ม' | 'ย' | 'ร' | 'ล' | 'ว')
}

fn is_consonant(c: char) -> bool {
    ('ก'..='ฮ').contains(&c)
}

fn is_vowel_sign(c: char) -> bool {
    matches!(c, 'ะ' | 'ั' | 'า' | 'ำ' | 'ิ' | 'ี' | 'ึ' | 'ื' | 'ุ' | 'ู')
}

/// A leading vowel with what follows its consonant: เ-า is "ao", เ-ีย "ia", เ-ือ "uea".
fn leading_vowel(vowel: char, after: &[char]) -> (&'static str, usize) {
    match (vowel, after) {
        ('เ', ['า', ..]) => ("ao", 1),
        ('เ', ['ี', 'ย', ..]) => ("ia", 2),
        ('เ', ['ื', 'อ', ..]) => ("uea", 2),
        ('เ', ['อ', ..]) => ("oe", 1),
        ('เ', ['ิ', ..]) => ("oe", 1),
        ('เ' | 'แ' | 'โ', ['ะ', ..]) => (leading_alone(vowel), 1),
        _ => (leading_alone(vowel), 0),
    }
}

fn leading_alone(vowel: char) -> &'static str {
    match vowel {
        'เ' => "e",
        'แ' => "ae",
        'โ' => "o",
        _ => "ai",
    }
}

fn vowel_sign(c: char) -> &'static str {
    match c {
        'ะ' | 'ั' | 'า' => "a",
        'ำ' => "am",
        'ิ' | 'ี' => "i",
        'ึ' | 'ื' => "ue",
        'ุ' | 'ู' => "u",
        _ => "",
    }
}

fn initial(c: char) -> &'static str {
    match c {
        'ก' => "k",
        'ข' | 'ฃ' | 'ค' | 'ฅ' | 'ฆ' => "k",
        'ง' => "ng",
        'จ' | 'ฉ' | 'ช' | 'ฌ' => "ch",
        'ซ' | 'ศ' | 'ษ' | 'ส' => "s",
        'ญ' | 'ย' => "y",
        'ฎ' | 'ด' => "d",
        'ฏ' | 'ต' => "t",
        'ฐ' | 'ฑ' | 'ฒ' | 'ถ' | 'ท' | 'ธ' => "th",
        'ณ' | 'น' => "n",
        'บ' => "b",
        'ป' => "p",
        'ผ' | 'พ' | 'ภ' => "p",
        'ฝ' | 'ฟ' => "f",
        'ม' => "m",
        'ร' => "r",
        'ล' | 'ฬ' => "l",
        'ว' => "w",
        'ห' | 'ฮ' => "h",
        _ => "",
    }
}

fn final_value(c: char) -> &'static str {
    match c {
        'ก' | 'ข' | 'ค' | 'ฆ' => "k",
        'ง' => "ng",
        'ม' => "m",
        'ย' => "i",
        'ว' => "o",
        'บ' | 'ป' | 'พ' | 'ฟ' | 'ภ' => "p",
        'ณ' | 'น' | 'ญ' | 'ร' => "n",
        // Final l is rare in Thai words and common in foreign names ("โดนัลด์" Donald).
        'ล' | 'ฬ' => "l",
        'อ' => "o",
        _ => "t",
    }
}
