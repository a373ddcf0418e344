//! Arabic (and Persian letters) to Latin. Short vowels are rarely written, so the output is
//! mostly consonants; alif, waw and yaa are read as the long vowels a, u, i inside a word and
//! as w, y where they start a syllable. Foreign names spell o and e with waw and yaa, so
//! "لوكاشينكو" reads "lukashinku", which the name comparison treats as close to "Lukashenko".

pub(super) fn romanize(word: &str) -> String {
    // The article is a word of its own in Latin ("al-Assad"), so it is one here too.
    if let Some(rest) = word.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
        return format!("al {}", romanize_word(rest));
    }
    romanize_word(word)
}

fn romanize_word(word: &str) -> String {
    let letters: Vec<char> = word.chars().collect();
    let mut out = String::new();
    for (i, &c) in letters.iter().enumerate() {
        let next = letters.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| letters[p]);
        let starts_syllable = i == 0 || prev.is_some_and(is_alif);
        let latin = match c {
            // An initial alif carries the vowel of a following waw or yaa: "أوباما" is Obama.
            'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' if i == 0 && matches!(next, Some('و' | 'ي')) => "",
            'و' if prev.is_some_and(is_alif) && i == 1 => "u",
            'ي' if prev.is_some_and(is_alif) && i == 1 => "i",
            'و' if starts_syllable && i == 0 => "w",
            'ي' if starts_syllable && i == 0 => "y",
            'و' if next.is_some_and(is_alif) => "w",
            'ي' if next.is_some_and(|n| is_alif(n) || n == 'و') => "y",
            'و' => "u",
            'ي' | 'ی' => "i",
            'إ' => "i",
            other => letter(other),
        };
        out.push_str(latin);
    }
    out
}

fn is_alif(c: char) -> bool {
    matches!(c, 'ا' | 'أ' | 'إ' | 'آ' | 'ٱ')
}

fn letter(c: char) -> &'static str {
    match c {
        'ا' | 'أ' | 'آ' | 'ٱ' | 'ى' | 'ة' => "a",
        'ب' => "b",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'س' => "s",
        'ش' => "sh",
        'ص' => "s",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ؤ' => "u",
        'ئ' => "i",
        'پ' => "p",
        'چ' => "ch",
        'ژ' => "zh",
        'گ' => "g",
        'ڤ' => "v",
        // Written short vowels, when a text has them.
        '\u{064E}' => "a",
        '\u{0650}' => "i",
        '\u{064F}' => "u",
        // Hamza alone, ayn, tatweel, shadda, sukun, tanwin.
        _ => "",
    }
}
