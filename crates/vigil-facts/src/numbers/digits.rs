//! Digit numerals with the locale's separators: "7,000", "7.000", "7 000", "1,5", "3.5",
//! and Arabic "٧٬٠٠٠" / "٣٫٥" (the view has already turned every script's digits into ASCII).

/// A run of digits read as one number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Digits {
    pub end: usize,
    pub value: f64,
    /// Thousands separators were used.
    pub grouped: bool,
    /// Digits before any separator.
    pub lead: usize,
    pub decimal: bool,
}

const ARABIC_THOUSANDS: char = '٬';
const ARABIC_DECIMAL: char = '٫';

/// Reads the number whose first digit is at `at`. With `decimal_comma`, "1,5" is one and a
/// half and "7.000" seven thousand; otherwise "7,000" is seven thousand and "7.5" a decimal.
pub(crate) fn read(text: &str, at: usize, decimal_comma: bool) -> Option<Digits> {
    let bytes = text.as_bytes();
    let run = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let lead = run(at);
    if lead == 0 {
        return None;
    }
    let mut int = String::from(&text[at..at + lead]);
    let mut end = at + lead;
    let mut group_sep: Option<char> = None;
    let mut frac = String::new();
    while let Some(sep) = text[end..].chars().next() {
        let after = end + sep.len_utf8();
        let digits = run(after);
        if digits == 0 || !matches!(sep, ',' | '.' | ' ' | ARABIC_THOUSANDS | ARABIC_DECIMAL) {
            break;
        }
        let three = digits == 3;
        let may_group = three && (group_sep.is_some() || lead <= 3);
        let is_group = match sep {
            ARABIC_THOUSANDS => may_group,
            ARABIC_DECIMAL => false,
            ' ' => may_group && group_sep.is_none_or(|g| g == ' '),
            ',' if decimal_comma => false,
            ',' => may_group && group_sep.is_none_or(|g| g == ','),
            '.' if decimal_comma => may_group && group_sep.is_none_or(|g| g == '.'),
            // "1.000.000" groups even where the point is decimal.
            _ => {
                may_group
                    && (group_sep == Some('.')
                        || (text[after + 3..].starts_with('.') && run(after + 4) == 3))
            }
        };
        if is_group {
            group_sep = Some(sep);
            int.push_str(&text[after..after + 3]);
            end = after + 3;
            continue;
        }
        let is_decimal = match sep {
            ARABIC_DECIMAL => true,
            ',' => decimal_comma && group_sep != Some(','),
            '.' => group_sep != Some('.') && !(decimal_comma && group_sep.is_none() && three),
            _ => false,
        };
        if is_decimal {
            frac.push_str(&text[after..after + digits]);
            end = after + digits;
        }
        break;
    }
    let value: f64 = if frac.is_empty() {
        int.parse().ok()?
    } else {
        format!("{int}.{frac}").parse().ok()?
    };
    Some(Digits {
        end,
        value,
        grouped: group_sep.is_some(),
        lead,
        decimal: !frac.is_empty(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_by_locale() {
        fn value(s: &str, comma: bool) -> Option<(f64, &str)> {
            read(s, 0, comma).map(|d| (d.value, &s[..d.end]))
        }
        assert_eq!(value("7,000 people", false), Some((7000.0, "7,000")));
        assert_eq!(value("7.000 personas", true), Some((7000.0, "7.000")));
        assert_eq!(value("7 000 personnes", true), Some((7000.0, "7 000")));
        assert_eq!(value("1,5 млрд", true), Some((1.5, "1,5")));
        assert_eq!(value("3.5 million", false), Some((3.5, "3.5")));
        assert_eq!(
            value("1,234,567.5", false),
            Some((1_234_567.5, "1,234,567.5"))
        );
        assert_eq!(
            value("1.234.567,5", true),
            Some((1_234_567.5, "1.234.567,5"))
        );
        assert_eq!(value("1.000.000 of", false), Some((1e6, "1.000.000")));
        assert_eq!(value("7٬000", false), Some((7000.0, "7٬000")));
        assert_eq!(value("3٫5", false), Some((3.5, "3٫5")));
        assert_eq!(value("23, 22", false), Some((23.0, "23")));
        assert_eq!(value("2020.", false), Some((2020.0, "2020")));
        assert_eq!(value("12,34", false), Some((12.0, "12")));
        assert_eq!(value("2020 300", false), Some((2020.0, "2020")));
        assert_eq!(value("x", false), None);
    }
}
