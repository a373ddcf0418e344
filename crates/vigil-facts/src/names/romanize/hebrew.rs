//! Hebrew (unpointed) to Latin: consonants, with vav and yod read as vowels inside a word.

pub(super) fn romanize(word: &str) -> String {
    let letters: Vec<char> = word.chars().filter(|c| !super::is_mark(*c)).collect();
    let mut out = String::new();
    for (i, &c) in letters.iter().enumerate() {
        let initial = i == 0;
        let latin = match c {
            'ו' if initial || letters.get(i + 1) == Some(&'ו') => "v",
            'ו' if i > 0 && letters[i - 1] == 'ו' => "",
            'ו' => "o",
            'י' if initial => "y",
            'י' => "i",
            other => letter(other),
        };
        out.push_str(latin);
    }
    out
}

fn letter(c: char) -> &'static str {
    match c {
        'א' | 'ע' => "",
        'ב' => "b",
        'ג' => "g",
        'ד' => "d",
        'ה' => "h",
        'ז' => "z",
        'ח' => "kh",
        'ט' => "t",
        'כ' | 'ך' | 'ק' => "k",
        'ל' => "l",
        'מ' | 'ם' => "m",
        'נ' | 'ן' => "n",
        'ס' => "s",
        'פ' | 'ף' => "p",
        'צ' | 'ץ' => "ts",
        'ר' => "r",
        'ש' => "sh",
        'ת' => "t",
        _ => "",
    }
}
