//! Case folding: lower case, plus the two folds plain lower-casing misses for matching
//! (`ß` → `ss`, final `ς` → `σ`).

use super::CharNormalizer;

pub(crate) struct CaseFolding;

impl CharNormalizer for CaseFolding {
    fn normalize_char(&self, c: char, out: &mut Vec<char>) {
        match c {
            'ß' | 'ẞ' => out.extend(['s', 's']),
            'ς' => out.push('σ'),
            _ => out.extend(c.to_lowercase()),
        }
    }

    fn should_normalize(&self, c: char) -> bool {
        c.is_uppercase()
            || matches!(c, 'ß' | 'ς')
            || (c.is_alphabetic() && !c.is_lowercase() && c.to_lowercase().ne(std::iter::once(c)))
    }
}

#[cfg(test)]
mod tests {
    crate::normalize::test_normalizer!(
        case,
        "[A-Za-zÀ-ÿΑ-ωА-яßǅİ ]{0,40}",
        [
            ("Security COUNCIL", "security council"),
            ("Straße", "strasse"),
            ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"),
            ("Минск ЗАЯВИЛ", "минск заявил"),
            ("İstanbul", "istanbul"),
        ]
    );
}
