//! A guard against pathological nesting before the page reaches the parser.
//!
//! The WHATWG tree builder checks element scopes by walking its stack of open elements, so a
//! page that opens 100,000 elements without closing them costs time quadratic in its depth.
//! Browsers bound the depth of the tree they build (Blink at 512); this pre-pass does the same
//! for the parser: a rough tokenizer follows how deep the page is, and start tags opened
//! beyond the cap are left out, so their content joins the element at the cap. Ordinary pages
//! never reach the cap and pass through unchanged.

use std::borrow::Cow;

/// Open elements allowed before further start tags are dropped. The scan over-counts sloppy
/// pages (unclosed `<font>`s), so the cap stays well above any real page's depth.
const MAX_OPEN: usize = 1024;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements a start tag of the same name closes implicitly (`<p>one<p>two`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th"];

/// Returns the page with start tags beyond [`MAX_OPEN`] open elements removed.
pub(super) fn cap_nesting(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // Byte ranges of start tags to leave out.
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) {
        let start = pos + offset;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            pos = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            pos = start + 1;
            continue;
        }
        let name = html
            .get(name_start..name_start + name_len)
            .unwrap_or("")
            .to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        pos = end;
        if closing {
            // Close the nearest open element of that name, if it is near the top.
            if let Some(k) = open.iter().rev().take(64).position(|n| *n == name) {
                open.truncate(open.len() - 1 - k);
            }
            continue;
        }
        let self_closed = end >= 2 && bytes.get(end - 2) == Some(&b'/');
        if VOID.contains(&name.as_str()) || self_closed {
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            pos = find_ci(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        if SELF_CLOSING_SIBLINGS.contains(&name.as_str()) && open.last() == Some(&name) {
            open.pop();
        }
        if open.len() >= MAX_OPEN {
            dropped.push((start, end));
        } else {
            open.push(name);
        }
    }
    if dropped.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (s, e) in dropped {
        out.push_str(html.get(from..s).unwrap_or(""));
        from = e;
    }
    out.push_str(html.get(from..).unwrap_or(""));
    Cow::Owned(out)
}

/// The byte after the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|k| from + k)
}

fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_unchanged() {
        let html = "<html><body><div class=\"a>b\"><p>one<p>two<br><img src=x>\
                    <script>if (a<b) { x = '<div>'; }</script><!-- <div> --></div></body></html>";
        assert!(matches!(cap_nesting(html), Cow::Borrowed(_)));
    }

    #[test]
    fn start_tags_past_the_cap_are_dropped() {
        let html = "<div>".repeat(MAX_OPEN + 10) + "текст";
        let capped = cap_nesting(&html);
        assert_eq!(capped.matches("<div>").count(), MAX_OPEN);
        assert!(capped.ends_with("текст"));
    }
}
