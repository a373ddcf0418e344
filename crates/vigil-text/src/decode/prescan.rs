//! The HTML standard's prescan for a character encoding declaration: `<meta charset=…>` or
//! `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 1024 bytes, skipping
//! comments and other tags exactly as browsers do (so a `charset` inside a comment or another
//! tag's attribute does not count). Iterative, bounded by the 1024 bytes.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

const LIMIT: usize = 1024;

/// The encoding a page declares for itself, if any.
pub(super) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(LIMIT)];
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = find(b, i + 2, b"-->")? + 3;
        } else if starts_with_ci(rest, b"<meta")
            && rest.get(5).is_some_and(|&c| is_space_or_slash(c))
        {
            i += 5;
            if let Some(encoding) = meta(b, &mut i) {
                return Some(encoding);
            }
        } else if rest.len() >= 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic()
                || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Another tag: skip its name, then its attributes (whose values may hold '>').
            i += 1;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                i += 1;
            }
            while attribute(b, &mut i).is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i = find(b, i + 2, b">")? + 1;
        } else {
            i += 1;
        }
    }
    None
}

/// The attributes of one `<meta>` tag, after its name.
fn meta(b: &[u8], i: &mut usize) -> Option<&'static Encoding> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma = None;
    let mut charset = None;
    while let Some((name, value)) = attribute(b, i) {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value.eq_ignore_ascii_case(b"content-type"),
            b"content" if charset.is_none() => {
                if let Some(found) = charset_in_content(&value) {
                    charset = Encoding::for_label(found);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Encoding::for_label(&value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    match need_pragma {
        None => None,
        Some(true) if !got_pragma => None,
        _ => charset.map(|e| {
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                UTF_8
            } else if e == encoding_rs::X_USER_DEFINED {
                WINDOWS_1252
            } else {
                e
            }
        }),
    }
}

/// The standard's "get an attribute": `None` at the end of the tag or of the input.
fn attribute(b: &[u8], i: &mut usize) -> Option<(Vec<u8>, Vec<u8>)> {
    while *i < b.len() && is_space_or_slash(b[*i]) {
        *i += 1;
    }
    if *i >= b.len() {
        return None;
    }
    if b[*i] == b'>' {
        *i += 1;
        return None;
    }
    let mut name = Vec::new();
    loop {
        let c = *b.get(*i)?;
        if c == b'=' && !name.is_empty() {
            break;
        }
        if c.is_ascii_whitespace() || c == b'/' || c == b'>' {
            return Some((name, Vec::new()));
        }
        name.push(c.to_ascii_lowercase());
        *i += 1;
    }
    *i += 1; // '='
    while b.get(*i).is_some_and(u8::is_ascii_whitespace) {
        *i += 1;
    }
    let mut value = Vec::new();
    match *b.get(*i)? {
        quote @ (b'"' | b'\'') => {
            *i += 1;
            loop {
                let c = *b.get(*i)?;
                *i += 1;
                if c == quote {
                    return Some((name, value));
                }
                value.push(c.to_ascii_lowercase());
            }
        }
        b'>' => Some((name, value)),
        _ => {
            while let Some(&c) = b.get(*i) {
                if c.is_ascii_whitespace() || c == b'>' {
                    break;
                }
                value.push(c.to_ascii_lowercase());
                *i += 1;
            }
            Some((name, value))
        }
    }
}

/// The standard's "extract a character encoding from a meta element" (`text/html; charset=…`).
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let mut at = 0;
    loop {
        let pos = at + find_ci(&content[at..], b"charset")?;
        let mut j = pos + 7;
        while content.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if content.get(j) != Some(&b'=') {
            at = j;
            continue;
        }
        j += 1;
        while content.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        let rest = &content[j..];
        return match rest.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let end = rest[1..].iter().position(|&c| c == q)?;
                Some(&rest[1..1 + end])
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|&c| c == b';' || c.is_ascii_whitespace())
                    .unwrap_or(rest.len());
                Some(&rest[..end])
            }
            None => None,
        };
    }
}

fn is_space_or_slash(c: u8) -> bool {
    c.is_ascii_whitespace() || c == b'/'
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(html: &str) -> Option<&'static str> {
        meta_charset(html.as_bytes()).map(Encoding::name)
    }

    #[test]
    fn finds_meta_charset_and_http_equiv() {
        assert_eq!(
            scan("<!doctype html><html><head><meta charset=\"windows-1256\"><title>x</title>"),
            Some("windows-1256")
        );
        assert_eq!(
            scan(
                "<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=gb2312'>"
            ),
            Some("GBK")
        );
        assert_eq!(scan("<meta charset=Shift_JIS>"), Some("Shift_JIS"));
        // A declared UTF-16 in a page that could be read as ASCII means UTF-8.
        assert_eq!(scan("<meta charset=utf-16le>"), Some("UTF-8"));
    }

    #[test]
    fn ignores_comments_other_tags_and_content_without_pragma() {
        assert_eq!(scan("<!-- <meta charset=big5> --><p>نص</p>"), None);
        assert_eq!(scan("<div title='<meta charset=big5>'>x</div>"), None);
        assert_eq!(scan("<meta content='text/html; charset=koi8-r'>"), None);
        assert_eq!(scan("<p>no declaration here</p>"), None);
        let late = format!("{}<meta charset=big5>", " ".repeat(1100));
        assert_eq!(scan(&late), None);
    }
}
