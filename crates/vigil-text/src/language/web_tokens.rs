//! Links, e-mail addresses, @handles and #hashtags are not the language of the paragraph they
//! sit in: an Arabic post quoting `pic.twitter.com/8VOSxUwn0d` and `@bkyousef_56` has more
//! Latin letters than Arabic ones. They are blanked out before detection.

use std::borrow::Cow;

/// `text` with every web token replaced by spaces (so nothing else moves), or `text` itself
/// when it has none.
pub(crate) fn blank_web_tokens(text: &str) -> Cow<'_, str> {
    if !text.contains(['/', '@', '#']) && !text.contains("www.") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let token_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (token, after) = rest.split_at(token_len);
        if is_web_token(token) {
            out.extend(std::iter::repeat_n(' ', token.chars().count()));
        } else {
            out.push_str(token);
        }
        let space_len = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        let (space, next) = after.split_at(space_len);
        out.push_str(space);
        rest = next;
    }
    Cow::Owned(out)
}

fn is_web_token(token: &str) -> bool {
    let token = token.trim_start_matches(['(', '[', '"', '\'', '«', '“']);
    token.contains("://")
        || token.starts_with("www.")
        || token.starts_with('#')
        || token.contains('@')
        || (token.contains('/') && token.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_links_handles_and_hashtags() {
        // Blanked with as many spaces as the tokens had characters: 1 + 20 + 1 + 8 + 1 + 8 + 1.
        assert_eq!(
            blank_web_tokens("مترو pic.twitter.com/68Ub (@bk_56) #COVID19 اليوم"),
            format!("مترو{}اليوم", " ".repeat(40))
        );
        assert_eq!(
            blank_web_tokens("see https://example.org/a, mail info@example.org"),
            format!("see{}mail{}", " ".repeat(24), " ".repeat(17))
        );
    }

    #[test]
    fn keeps_ordinary_text() {
        for text in ["Le 14/09, à Minsk.", "50 km/h", "C# and F#", "ثم قال"] {
            assert_eq!(blank_web_tokens(text), text);
        }
    }
}
