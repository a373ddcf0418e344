//! A small reader of the counts that votes and relative dates state ("23", "٢٣", "๒๓",
//! "二十三", "thirteen", "دولتين"): digits of any script, Chinese numerals below a thousand,
//! and number words up to twenty in the languages whose tallies and dates we read.
//!
//! The vote and date extractors match counts inside their own regular expressions
//! ([`pattern`]) and read them here; the general numbers module (`crate::numbers`) scans a
//! whole document instead and has no regex form. The two word lists overlap: a count word
//! added to one belongs in the other (known debt: one table should feed both).

use std::sync::LazyLock;

/// Number words and Arabic duals (a dual noun is a count of two: "دولتين", two states).
static WORDS: &[(&str, u32)] = &[
    // English
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("none", 0),
    // French
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    // Spanish
    ("uno", 1),
    ("una", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("trece", 13),
    ("catorce", 14),
    ("quince", 15),
    ("veinte", 20),
    // Portuguese (those Spanish or French do not already spell alike)
    ("dois", 2),
    ("duas", 2),
    ("três", 3),
    ("quatro", 4),
    ("sete", 7),
    ("oito", 8),
    ("nove", 9),
    ("dez", 10),
    ("catorze", 14),
    ("vinte", 20),
    // Turkish ("bir" is also "a", "on" an English word: left out)
    ("iki", 2),
    ("üç", 3),
    ("dört", 4),
    ("beş", 5),
    ("altı", 6),
    ("yedi", 7),
    ("sekiz", 8),
    ("dokuz", 9),
    ("yirmi", 20),
    // German
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
    ("zwanzig", 20),
    // Russian (nominative and the case forms tallies and "N days ago" use)
    ("один", 1),
    ("одного", 1),
    ("одним", 1),
    ("два", 2),
    ("двух", 2),
    ("двумя", 2),
    ("три", 3),
    ("трёх", 3),
    ("трех", 3),
    ("тремя", 3),
    ("четыре", 4),
    ("четырёх", 4),
    ("четырех", 4),
    ("пять", 5),
    ("пяти", 5),
    ("шесть", 6),
    ("шести", 6),
    ("семь", 7),
    ("семи", 7),
    ("восемь", 8),
    ("восьми", 8),
    ("девять", 9),
    ("девяти", 9),
    ("десять", 10),
    ("десяти", 10),
    // Arabic (masculine and feminine forms)
    ("واحد", 1),
    ("واحدة", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتين", 2),
    ("ثلاث", 3),
    ("ثلاثة", 3),
    ("أربع", 4),
    ("أربعة", 4),
    ("اربع", 4),
    ("اربعة", 4),
    ("خمس", 5),
    ("خمسة", 5),
    ("ست", 6),
    ("ستة", 6),
    ("سبع", 7),
    ("سبعة", 7),
    ("ثماني", 8),
    ("ثمانية", 8),
    ("تسع", 9),
    ("تسعة", 9),
    ("عشر", 10),
    ("عشرة", 10),
    // Arabic duals of the nouns tallies and dates count
    ("دولتين", 2),
    ("دولتان", 2),
    ("صوتين", 2),
    ("صوتان", 2),
    ("عضوين", 2),
    ("عضوان", 2),
    ("يومين", 2),
    ("يومان", 2),
    ("أسبوعين", 2),
    ("اسبوعين", 2),
    // Thai
    ("หนึ่ง", 1),
    ("สอง", 2),
    ("สาม", 3),
    ("สี่", 4),
    ("ห้า", 5),
    ("หก", 6),
    ("เจ็ด", 7),
    ("แปด", 8),
    ("เก้า", 9),
    ("สิบ", 10),
];

/// A regex fragment (no capture group) matching one count: a run of digits of any script
/// (with thousands separators), a Chinese numeral or a number word.
pub(crate) fn pattern() -> &'static str {
    static PATTERN: LazyLock<String> = LazyLock::new(|| {
        let mut words: Vec<&str> = WORDS.iter().map(|&(w, _)| w).collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        words.dedup();
        let words = words
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        let tens = ENGLISH_TENS
            .iter()
            .map(|&(w, _)| w)
            .collect::<Vec<_>>()
            .join("|");
        // English tens first, with their units ("twenty-four"), so that a compound is one
        // count and not a "20-4" tally.
        format!(
            r"(?:\d{{1,3}}(?:[,.\u{{A0}}\u{{202F}}]\d{{3}})+|\d+|[〇零一二两三四五六七八九十百]+|(?i:(?:{tens})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)(?-u:\b))?)|{words})"
        )
    });
    &PATTERN
}

/// English tens above twenty, which take a unit after a hyphen ("forty-six").
static ENGLISH_TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// The value of a count as [`pattern`] matches it.
pub(crate) fn read(s: &str) -> Option<u32> {
    let lower = s.to_lowercase();
    if let Some(&(_, tens)) = ENGLISH_TENS.iter().find(|&&(w, _)| lower.starts_with(w)) {
        let unit = lower[tens_len(&lower)..].trim_start_matches(['-', ' ']);
        if unit.is_empty() {
            return Some(tens);
        }
        let &(_, n) = WORDS.iter().find(|&&(w, n)| w == unit && n < 10)?;
        return Some(tens + n);
    }
    if let Some(&(_, n)) = WORDS.iter().find(|&&(w, _)| w == lower) {
        return Some(n);
    }
    if s.chars()
        .next()
        .is_some_and(|c| han_digit(c).is_some() || "十百".contains(c))
    {
        return han(s);
    }
    let mut n: u32 = 0;
    let mut any = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            n = n.checked_mul(10)?.checked_add(d)?;
            any = true;
        } else if !",.\u{A0}\u{202F}".contains(c) {
            return None;
        }
    }
    any.then_some(n)
}

fn tens_len(lower: &str) -> usize {
    ENGLISH_TENS
        .iter()
        .find(|&&(w, _)| lower.starts_with(w))
        .map_or(0, |(w, _)| w.len())
}

fn han_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// Chinese numerals below a thousand ("二十三", "十三", "一百零五").
fn han(s: &str) -> Option<u32> {
    let (mut total, mut pending) = (0u32, None::<u32>);
    for c in s.chars() {
        match c {
            '十' => {
                total += pending.take().unwrap_or(1) * 10;
            }
            '百' => {
                total += pending.take()? * 100;
            }
            _ => {
                let d = han_digit(c)?;
                // 零 only marks a skipped place: "一百零五" is 105.
                if d == 0 {
                    continue;
                }
                if pending.is_some() {
                    return None;
                }
                pending = Some(d);
            }
        }
    }
    Some(total + pending.unwrap_or(0))
}

/// A decimal digit of any script (ASCII, Arabic-Indic, Persian, Devanagari, Thai, full-width…).
pub(crate) fn digit(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| {
        const ZEROS: [u32; 11] = [
            0x660, 0x6F0, 0x966, 0x9E6, 0xA66, 0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0xFF10,
        ];
        let u = c as u32;
        ZEROS
            .iter()
            .find(|&&z| (z..z + 10).contains(&u))
            .map(|&z| u - z)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_many_scripts() {
        for (s, n) in [
            ("23", 23),
            ("٢٣", 23),
            ("๒๓", 23),
            ("二十三", 23),
            ("十三", 13),
            ("一百零五", 105),
            ("Thirteen", 13),
            ("Twenty-four", 24),
            ("forty", 40),
            ("دولتين", 2),
            ("1,200", 1200),
            ("สาม", 3),
        ] {
            assert_eq!(read(s), Some(n), "{s}");
        }
        assert_eq!(read("abc"), None);
        let re = regex::Regex::new(&format!("^{}$", pattern())).unwrap();
        assert!(re.is_match("٢٣") && re.is_match("thirteen") && re.is_match("二十三"));
    }
}
