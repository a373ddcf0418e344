//! Which format an input is: magic bytes first, then the content's shape, then a declared MIME
//! type, then the name's extension. Names lie more often than bytes (`report.html` that is a
//! PDF, a `.txt` saved from a browser), so the bytes decide whenever they can.

/// How many bytes sniffing looks at.
pub(super) const HEAD: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Gzip,
    Pdf,
    Warc,
    Feed,
    Html,
    JsonLines,
    Text,
    /// A binary format that is not a report, named for the error.
    Binary(&'static str),
}

pub(super) fn sniff(head: &[u8], ext_name: &str, mime: Option<&str>) -> Kind {
    magic(head)
        .or_else(|| content(head, ext_name))
        .or_else(|| mime.and_then(by_mime))
        .or_else(|| by_extension(ext_name))
        .unwrap_or(Kind::Text)
}

fn magic(head: &[u8]) -> Option<Kind> {
    if head.starts_with(b"\x1f\x8b") {
        return Some(Kind::Gzip);
    }
    // PDF readers accept junk before the header within the first kilobyte.
    if memchr::memmem::find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Some(Kind::Pdf);
    }
    if head.starts_with(b"WARC/1.") {
        return Some(Kind::Warc);
    }
    crate::decode::binary_kind(head).map(Kind::Binary)
}

/// Tags that only HTML starts with or has near its start.
const HTML_MARKERS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<title",
    b"<p>",
    b"<p ",
    b"<div",
    b"<article",
    b"<br",
    b"<h1",
];

fn content(head: &[u8], ext_name: &str) -> Option<Kind> {
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
    let text = &text[start..];
    match text.first()? {
        b'<' => {
            let lower = text[..text.len().min(1024)].to_ascii_lowercase();
            let find = |needle: &[u8]| memchr::memmem::find(&lower, needle);
            let feed_tag = [&b"<rss"[..], b"<feed", b"<rdf:rdf"]
                .iter()
                .filter_map(|t| find(t))
                .min();
            let xml_start =
                lower.starts_with(b"<?xml") || lower.starts_with(b"<!--") || feed_tag == Some(0);
            if let Some(at) = feed_tag.filter(|_| xml_start)
                && find(b"<html").is_none_or(|html| html > at)
            {
                return Some(Kind::Feed);
            }
            HTML_MARKERS
                .iter()
                .any(|m| find(m).is_some())
                .then_some(Kind::Html)
        }
        b'{' => {
            let jsonl_name = is_jsonl_name(ext_name);
            let first_line = match memchr::memchr(b'\n', text) {
                Some(end) => serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(
                    &text[..end],
                )
                .is_ok(),
                // A first line longer than the head: JSON Lines with long `html` fields.
                None => text.starts_with(b"{\"") && head.len() == HEAD,
            };
            (jsonl_name || first_line).then_some(Kind::JsonLines)
        }
        _ => None,
    }
}

fn by_mime(mime: &str) -> Option<Kind> {
    let kind = match mime {
        "text/html" | "application/xhtml+xml" => Kind::Html,
        "application/pdf" => Kind::Pdf,
        "application/rss+xml" | "application/atom+xml" | "application/rdf+xml" => Kind::Feed,
        "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines" => Kind::JsonLines,
        "application/warc" => Kind::Warc,
        "text/plain" => Kind::Text,
        _ => return None,
    };
    Some(kind)
}

fn by_extension(name: &str) -> Option<Kind> {
    if is_jsonl_name(name) {
        return Some(Kind::JsonLines);
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    let kind = match ext {
        "html" | "htm" | "xhtml" => Kind::Html,
        "pdf" => Kind::Pdf,
        "warc" => Kind::Warc,
        "rss" | "atom" => Kind::Feed,
        _ => return None,
    };
    Some(kind)
}

/// `.jsonl`, `.ndjson`, or `-` (stdin, JSON Lines by the CLI's contract).
fn is_jsonl_name(name: &str) -> bool {
    name == "-" || name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_win_over_names() {
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xe2\xe3", "report.html", None),
            Kind::Pdf
        );
        assert_eq!(sniff(b"\x1f\x8b\x08\0", "a.txt", None), Kind::Gzip);
        assert_eq!(
            sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "x", None),
            Kind::Warc
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n....", "photo.html", None),
            Kind::Binary("PNG image")
        );
        assert_eq!(
            sniff(b"<!DOCTYPE html><html lang=\"th\">", "page.txt", None),
            Kind::Html
        );
    }

    #[test]
    fn feeds_html_and_json_lines_by_content() {
        let rss = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>";
        assert_eq!(sniff(rss, "news", None), Kind::Feed);
        let atom = b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>";
        assert_eq!(sniff(atom, "news", None), Kind::Feed);
        // An XHTML page that mentions a feed later is still HTML.
        let xhtml = b"<?xml version=\"1.0\"?><html><head><link rel=alternate>\
                      <!-- <feed> --></head>";
        assert_eq!(sniff(xhtml, "p", None), Kind::Html);
        assert_eq!(
            sniff(b"  <p>\xd8\xae\xd8\xa8\xd8\xb1</p>", "x", None),
            Kind::Html
        );
        let jsonl = b"{\"text\":\"Hello\"}\n{\"text\":\"again\"}\n";
        assert_eq!(sniff(jsonl, "data.txt", None), Kind::JsonLines);
        // Pretty-printed JSON is not JSON Lines.
        assert_eq!(sniff(b"{\n  \"a\": 1\n}\n", "data", None), Kind::Text);
        // The name settles a JSON Lines file whose first line is broken.
        assert_eq!(sniff(b"{oops\n", "data.ndjson", None), Kind::JsonLines);
        assert_eq!(sniff(b"{oops\n", "-", None), Kind::JsonLines);
    }

    #[test]
    fn mime_then_extension_then_text() {
        let text = "Le comité se réunira lundi.".as_bytes();
        assert_eq!(sniff(text, "a", Some("text/html")), Kind::Html);
        assert_eq!(sniff(text, "a.htm", None), Kind::Html);
        assert_eq!(sniff(text, "a.atom", None), Kind::Feed);
        assert_eq!(sniff(text, "a.txt", None), Kind::Text);
        assert_eq!(sniff(text, "a", None), Kind::Text);
    }
}
