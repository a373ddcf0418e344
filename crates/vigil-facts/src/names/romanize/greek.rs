//! Greek to Latin as names are usually written in Latin (ELOT 743-like, iotacised vowels as i).

/// Two-letter groups read as one sound, tried before single letters.
const DIGRAPHS: &[(&str, &str)] = &[
    ("ου", "ou"),
    ("αι", "e"),
    ("ει", "i"),
    ("οι", "i"),
    ("υι", "i"),
    ("αυ", "av"),
    ("ευ", "ev"),
    ("μπ", "b"),
    ("ντ", "d"),
    ("γκ", "g"),
    ("γγ", "ng"),
    ("τσ", "ts"),
    ("τζ", "tz"),
];

/// `word` is already lower-case.
pub(super) fn romanize(word: &str) -> String {
    let plain: String = word.chars().map(unaccented).collect();
    let mut out = String::new();
    let mut rest = plain.as_str();
    'outer: while let Some(c) = rest.chars().next() {
        for (greek, latin) in DIGRAPHS {
            if let Some(after) = rest.strip_prefix(greek) {
                out.push_str(latin);
                rest = after;
                continue 'outer;
            }
        }
        out.push_str(letter(c));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn unaccented(c: char) -> char {
    match c {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        _ => c,
    }
}

fn letter(c: char) -> &'static str {
    match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        _ => "",
    }
}
