use std::io::{BufReader, Cursor, Write};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::*;

fn read_all(name: &str, bytes: Vec<u8>, limits: Limits) -> Vec<Result<Record>> {
    records(name.to_string(), None, Box::new(Cursor::new(bytes)), limits).collect()
}

fn read(name: &str, bytes: impl Into<Vec<u8>>) -> Vec<Result<Record>> {
    read_all(name, bytes.into(), Limits::default())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn only(mut items: Vec<Result<Record>>) -> Record {
    assert_eq!(items.len(), 1, "{items:?}");
    items.remove(0).unwrap()
}

fn error(items: &[Result<Record>], i: usize) -> String {
    match &items[i] {
        Err(e) => e.to_string(),
        Ok(r) => panic!("item {i} is a record from {}", r.source),
    }
}

#[test]
fn plain_text_is_one_record_with_all_bytes() {
    let text = "กรุงเทพฯ — ฝนตกหนักทำให้น้ำท่วมหลายพื้นที่ในเขตเมือง\n".as_bytes();
    let r = only(read("reports/bkk.txt", text));
    assert_eq!(r.source, "reports/bkk.txt");
    assert_eq!(r.raw, text);
    assert_eq!(r.format, Format::Text);
    assert_eq!(r.inline, None);
}

#[test]
fn html_by_content_and_charset_from_content_type() {
    let page = b"<!DOCTYPE html><html><body><p>\xc7\xe1\xce\xc8\xd1</p></body></html>".to_vec();
    let r: Vec<_> = records(
        "http://127.0.0.1/news/1".to_string(),
        Some("text/html; charset=\"windows-1256\"".to_string()),
        Box::new(Cursor::new(page.clone())),
        Limits::default(),
    )
    .collect();
    let r = only(r);
    assert_eq!((r.format, r.raw), (Format::Html, page));
    assert_eq!(r.meta.charset.as_deref(), Some("windows-1256"));
}

#[test]
fn empty_and_binary_inputs_are_one_error() {
    assert_eq!(error(&read("empty.txt", ""), 0), "empty input");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let items = read("photo.html", png);
    assert_eq!(items.len(), 1);
    assert_eq!(error(&items, 0), "binary content (PNG image), not a report");
}

#[test]
fn json_lines_records_sources_and_raw_lines() {
    let lines = [
        r#"{"text":"Le Conseil de sécurité s'est réuni lundi.","source":"afp-123","lang":"fr"}"#,
        r#"{"html":"<p>مجلس الأمن يجتمع</p>","url":"https://example.org/ar/1","title":"خبر"}"#,
        "",
        r#"{"text":"洪水造成三人死亡。","published":"2024-05-01"}"#,
    ];
    let file = lines.join("\r\n") + "\n";
    let items = read("in/batch.jsonl", file);
    assert_eq!(items.len(), 3);
    let r: Vec<Record> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(r[0].source, "afp-123");
    assert_eq!(r[0].format, Format::Text);
    assert_eq!(r[0].raw, lines[0].as_bytes());
    assert_eq!(
        r[0].inline.as_deref(),
        Some("Le Conseil de sécurité s'est réuni lundi.")
    );
    assert_eq!(r[0].meta.lang.as_deref(), Some("fr"));
    assert_eq!(r[1].source, "https://example.org/ar/1");
    assert_eq!(r[1].format, Format::Html);
    assert_eq!(r[1].meta.title.as_deref(), Some("خبر"));
    // Blank lines count: the source names the line in the file.
    assert_eq!(r[2].source, "in/batch.jsonl:4");
    assert_eq!(r[2].meta.published.as_deref(), Some("2024-05-01"));
}

#[test]
fn bad_json_lines_are_errors_naming_the_line_and_the_rest_continues() {
    let file = [
        r#"{"text":"first report"}"#,
        r#"{"text":"unterminated"#,
        r#"{"title":"no body"}"#,
        r#"["not","an","object"]"#,
        r#"{"text":["wrong type"]}"#,
        r#"{"text":"last report"}"#,
    ]
    .join("\n");
    let items = read("x.jsonl", file);
    assert_eq!(items.len(), 6);
    assert!(items[0].is_ok() && items[5].is_ok());
    assert!(error(&items, 1).starts_with("malformed JSON Lines: line 2: EOF while parsing"));
    assert_eq!(
        error(&items, 2),
        "malformed JSON Lines: line 3: no \"text\" or \"html\" field (one is required)"
    );
    assert_eq!(
        error(&items, 3),
        "malformed JSON Lines: line 4: expected a JSON object"
    );
    assert_eq!(
        error(&items, 4),
        "malformed JSON Lines: line 5: field \"text\" must be a string, not an array"
    );
    let mut latin1 = b"{\"text\":\"caf".to_vec();
    latin1.extend(b"\xe9\"}\n{\"text\":\"ok\"}");
    let items = read("y.jsonl", latin1);
    assert_eq!(
        error(&items, 0),
        "malformed JSON Lines: line 1: not UTF-8 (at byte 12)"
    );
    assert!(items[1].is_ok());
}

#[test]
fn a_json_line_over_the_limit_is_one_error() {
    let long = format!("{{\"text\":\"{}\"}}", "x".repeat(5000));
    let file = format!("{{\"text\":\"short\"}}\n{long}\n{{\"text\":\"after\"}}\n");
    let limits = Limits {
        max_record_bytes: 1000,
    };
    let items = read_all("big.jsonl", file.into_bytes(), limits);
    assert_eq!(items.len(), 3);
    assert_eq!(
        error(&items, 1),
        "too large: line 2 exceeds the limit of 1000 bytes"
    );
    assert_eq!(items[2].as_ref().unwrap().inline.as_deref(), Some("after"));
}

/// An endless source of JSON lines: records must come out before the input ends.
struct EndlessLines(u64);

impl std::io::Read for EndlessLines {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0 += 1;
        let line = format!("{{\"text\":\"Bericht Nummer {}\"}}\n", self.0);
        let n = line.len().min(buf.len());
        buf[..n].copy_from_slice(&line.as_bytes()[..n]);
        Ok(n)
    }
}

#[test]
fn json_lines_stream() {
    let reader = Box::new(BufReader::new(EndlessLines(0)));
    let first: Vec<_> = records("-".to_string(), None, reader, Limits::default())
        .take(3)
        .map(|r| r.unwrap().inline.unwrap())
        .collect();
    assert_eq!(
        first,
        ["Bericht Nummer 1", "Bericht Nummer 2", "Bericht Nummer 3"]
    );
}

#[test]
fn oversized_plain_file_is_refused_without_reading_it_all() {
    // An endless input: reading it whole would never finish.
    let endless = Box::new(BufReader::new(std::io::repeat(b'a')));
    let limits = Limits {
        max_record_bytes: 1 << 20,
    };
    let items: Vec<_> = records("huge.txt".to_string(), None, endless, limits).collect();
    assert_eq!(items.len(), 1);
    assert_eq!(
        error(&items, 0),
        "too large: the document exceeds the limit of 1048576 bytes"
    );
}

#[test]
fn gzip_is_unwrapped_and_its_content_sniffed() {
    let jsonl = "{\"text\":\"Первый\"}\n{\"text\":\"Второй\"}\n";
    let items = read("feed.jsonl.gz", gzip(jsonl.as_bytes()));
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].as_ref().unwrap().source, "feed.jsonl.gz:2");

    let html = "<html><body><p>Noticia</p></body></html>";
    let r = only(read("page.html.gz", gzip(html.as_bytes())));
    assert_eq!(
        (r.format, r.raw.as_slice()),
        (Format::Html, html.as_bytes())
    );
    assert_eq!(r.source, "page.html.gz");

    let text = "Die Verhandlungen wurden am Abend fortgesetzt.";
    let r = only(read("note.txt.gz", gzip(text.as_bytes())));
    assert_eq!(
        (r.format, r.raw.as_slice()),
        (Format::Text, text.as_bytes())
    );
}

#[test]
fn truncated_and_corrupt_gzip_are_malformed() {
    let text = "Οι διαπραγματεύσεις συνεχίστηκαν μέχρι αργά το βράδυ. ".repeat(200);
    let full = gzip(text.as_bytes());
    let items = read("a.txt.gz", full[..full.len() / 2].to_vec());
    assert_eq!(
        error(&items, 0),
        "malformed gzip: truncated (unexpected end of data)"
    );
    let mut corrupt = full.clone();
    corrupt[3] = 0xff; // reserved flag bits
    let items = read("b.txt.gz", corrupt);
    assert!(
        error(&items, 0).starts_with("malformed gzip: corrupt"),
        "{items:?}"
    );
}

#[test]
fn zip_bomb_stops_at_the_limit() {
    // 10 GB of zeros as 100 gzip members of 100 MB each: about 10 MB compressed.
    let member = {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..100 {
            encoder.write_all(&zeros).unwrap();
        }
        encoder.finish().unwrap()
    };
    let bomb: Vec<u8> = member.repeat(100);
    assert!(bomb.len() < 12 << 20);
    for name in ["bomb.gz", "bomb.txt.gz", "bomb.jsonl.gz"] {
        let items = read(name, bomb.clone());
        assert_eq!(items.len(), 1, "{name}");
        assert!(
            matches!(&items[0], Err(Error::TooLarge { .. })),
            "{name}: {:?}",
            items[0]
        );
    }
}

fn warc_record(
    n: usize,
    kind: &str,
    uri: Option<&str>,
    content_type: &str,
    block: &[u8],
) -> Vec<u8> {
    let uri = uri.map_or(String::new(), |u| format!("WARC-Target-URI: {u}\r\n"));
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\n\
         WARC-Date: 2024-03-01T10:00:00Z\r\n{uri}Content-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

const HTTP_RESPONSE: &str = "application/http; msgtype=response";

fn sample_warc() -> Vec<Vec<u8>> {
    let arabic_html =
        b"<html><body><p>\xc7\xe1\xce\xc8\xd1 \xc7\xe1\xc3\xce\xed\xd1</p></body></html>";
    let chunked = b"19\r\n<html><body><p>Breaking: \r\n13\r\nfloods in the north\r\n0\r\n\r\n";
    vec![
        warc_record(
            1,
            "warcinfo",
            None,
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            2,
            "request",
            Some("https://news.example/ar/1"),
            "application/http; msgtype=request",
            b"GET /ar/1 HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        warc_record(
            3,
            "response",
            Some("https://news.example/ar/1"),
            HTTP_RESPONSE,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=windows-1256\r\n",
                arabic_html,
            ),
        ),
        warc_record(
            4,
            "response",
            Some("https://news.example/logo.png"),
            HTTP_RESPONSE,
            &http(
                "200 OK",
                "Content-Type: image/png\r\n",
                b"\x89PNG\r\n\x1a\n",
            ),
        ),
        warc_record(
            5,
            "response",
            Some("https://news.example/gone"),
            HTTP_RESPONSE,
            &http(
                "404 Not Found",
                "Content-Type: text/html\r\n",
                b"<p>Not found</p>",
            ),
        ),
        warc_record(
            6,
            "response",
            Some("https://news.example/en/2"),
            HTTP_RESPONSE,
            &http(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                chunked,
            ),
        ),
        warc_record(
            7,
            "response",
            Some("https://news.example/fr/3"),
            HTTP_RESPONSE,
            &http(
                "200 OK",
                "Content-Type: text/plain; charset=utf-8\r\nContent-Encoding: gzip\r\n",
                &gzip("Le bilan s'alourdit.".as_bytes()),
            ),
        ),
    ]
}

#[test]
fn warc_response_records_become_reports() {
    let warc: Vec<u8> = sample_warc().concat();
    let items = read("crawl.warc", warc);
    let r: Vec<Record> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(r[0].source, "https://news.example/ar/1");
    assert_eq!(r[0].format, Format::Html);
    assert_eq!(r[0].meta.charset.as_deref(), Some("windows-1256"));
    assert!(r[0].raw.starts_with(b"<html><body><p>\xc7\xe1"));
    assert_eq!(r[1].raw, b"<html><body><p>Breaking: floods in the north");
    assert_eq!(r[2].format, Format::Text);
    assert_eq!(r[2].raw, "Le bilan s'alourdit.".as_bytes());
}

#[test]
fn gzipped_warc_per_record_members() {
    let warc: Vec<u8> = sample_warc().iter().flat_map(|r| gzip(r)).collect();
    let items = read("crawl.warc.gz", warc);
    assert_eq!(items.iter().filter(|r| r.is_ok()).count(), 3, "{items:?}");
}

#[test]
fn truncated_warc_record_is_an_error_naming_it() {
    let mut warc: Vec<u8> = sample_warc()[..3].concat();
    let last = warc_record(
        4,
        "response",
        Some("https://news.example/th/9"),
        HTTP_RESPONSE,
        &http(
            "200 OK",
            "Content-Type: text/html\r\n",
            "<p>ข่าวด่วน</p>".repeat(50).as_bytes(),
        ),
    );
    warc.extend_from_slice(&last[..last.len() / 2]);
    let items = read("cut.warc", warc);
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    let message = error(&items, 1);
    assert!(
        message.starts_with("malformed WARC: record 4 (https://news.example/th/9): truncated"),
        "{message}"
    );
}

#[test]
fn warc_record_over_the_limit_is_skipped_with_an_error() {
    let big = http("200 OK", "Content-Type: text/plain\r\n", &vec![b'a'; 5000]);
    let mut warc = warc_record(
        1,
        "response",
        Some("https://x.example/big"),
        HTTP_RESPONSE,
        &big,
    );
    warc.extend(sample_warc()[2].clone());
    let limits = Limits {
        max_record_bytes: 1000,
    };
    let items = read_all("big.warc", warc, limits);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(
        error(&items, 0),
        "too large: WARC record 1 (https://x.example/big) exceeds the limit of 1000 bytes"
    );
    assert_eq!(
        items[1].as_ref().unwrap().source,
        "https://news.example/ar/1"
    );
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Agence</title><language>es</language>
<lastBuildDate>Mon, 04 Mar 2024 10:00:00 GMT</lastBuildDate>
<item><title>Inundaciones en el norte</title><link>https://agencia.example/1</link>
<pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate>
<description><![CDATA[<p>Las lluvias dejaron tres muertos.</p>]]></description></item>
<item><title>Sin enlace</title><description>Texto breve del segundo despacho.</description></item>
</channel></rss>"#;

#[test]
fn rss_items_are_reports_with_stable_raw() {
    let items = read("agencia.xml", RSS);
    let r: Vec<Record> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].source, "https://agencia.example/1");
    assert_eq!(r[0].format, Format::Html);
    assert_eq!(r[0].meta.title.as_deref(), Some("Inundaciones en el norte"));
    assert_eq!(
        r[0].meta.published.as_deref(),
        Some("2024-03-04T08:00:00+00:00")
    );
    assert_eq!(r[0].meta.lang.as_deref(), Some("es"));
    assert_eq!(
        r[0].inline.as_deref(),
        Some("<p>Las lluvias dejaron tres muertos.</p>")
    );
    assert_eq!(r[1].source, "agencia.xml#2");

    // Fetched again later: a new item on top and a new build date. The old item's raw bytes
    // (its identity) are unchanged.
    let later = RSS
        .replace(
            "10:00:00 GMT</lastBuildDate>",
            "12:00:00 GMT</lastBuildDate>",
        )
        .replacen(
            "<item>",
            "<item><title>Nuevo</title><link>https://agencia.example/2</link>\
             <description>Otro.</description></item><item>",
            1,
        );
    let again: Vec<Record> = read("agencia.xml", later)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(again.len(), 3);
    assert_eq!(again[1].source, r[0].source);
    assert_eq!(again[1].raw, r[0].raw);
}

#[test]
fn atom_entries_are_reports() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>OCHA</title><id>urn:x</id>
<updated>2024-02-01T00:00:00Z</updated>
<entry><title>Flash Update #3</title><id>urn:x:3</id>
<link href="https://reports.example/flash-3"/>
<updated>2024-02-01T06:30:00Z</updated><author><name>OCHA</name></author>
<content type="html">&lt;p&gt;More than 12,000 people displaced.&lt;/p&gt;</content></entry>
</feed>"#;
    let r = only(read("ocha.atom", atom));
    assert_eq!(r.source, "https://reports.example/flash-3");
    assert_eq!(r.meta.author.as_deref(), Some("OCHA"));
    assert_eq!(
        r.inline.as_deref(),
        Some("<p>More than 12,000 people displaced.</p>")
    );
}

#[test]
fn malformed_feed_is_one_error() {
    let items = read(
        "broken.rss",
        "<?xml version=\"1.0\"?><rss><channel><item><title>x",
    );
    assert_eq!(items.len(), 1);
    assert!(
        error(&items, 0).starts_with("malformed RSS/Atom feed"),
        "{items:?}"
    );
}

/// The benchmark's real pages (gzip-compressed HTML) each read as one HTML record.
#[test]
fn real_gzipped_pages_are_html_records() {
    let Some(dir) = crate::test_support::shared("data/article-extraction/html") else {
        return;
    };
    let entries = std::fs::read_dir(&dir).unwrap();
    let mut n = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.to_string_lossy().to_string();
        let file = std::fs::File::open(&path).unwrap();
        let items: Vec<_> = records(
            name.clone(),
            None,
            Box::new(BufReader::new(file)),
            Limits::default(),
        )
        .collect();
        let r = only(items);
        assert_eq!(r.format, Format::Html, "{name}");
        let decoded = crate::decode::decode_html(&r.raw, None).unwrap();
        assert_eq!(decoded.encoding, "UTF-8", "{name}");
        n += 1;
    }
    assert!(n >= 80, "{n} pages");
}

/// Found by fuzzing: the `warc` crate's record accessors panic on header values that are not
/// UTF-8. Such a record is read, its URI decoded lossily.
#[test]
fn warc_header_value_not_utf8() {
    let mut warc = warc_record(
        1,
        "resource",
        Some("http://x.example/\u{1}"),
        "text/plain",
        "Bericht über die Lage".as_bytes(),
    );
    let at = warc.iter().position(|&b| b == 1).unwrap();
    warc[at] = 0xf5;
    let r = only(read("odd.warc", warc));
    assert_eq!(r.source, "http://x.example/\u{fffd}");
    assert_eq!(r.raw, "Bericht über die Lage".as_bytes());
}

/// Hostile nesting must not overflow the stack anywhere in reading (feeds are parsed into a
/// tree; JSON has serde_json's depth limit).
#[test]
fn deeply_nested_inputs_are_refused_or_read_without_recursion_trouble() {
    let depth = 10_000;
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item>\
         <title>Deep</title><link>https://x.example/deep</link><description>{}text{}\
         </description></item>{}{}</channel></rss>",
        "<div>".repeat(depth),
        "</div>".repeat(depth),
        "<x>".repeat(depth),
        "</x>".repeat(depth),
    );
    // Whatever feed-rs makes of it, one result per item or one error, and no crash.
    let items = read("deep.rss", feed);
    assert!(!items.is_empty());

    let json = format!(
        "{}\"text\":\"x\"{}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    let items = read("deep.jsonl", json);
    assert_eq!(items.len(), 1);
    assert!(error(&items, 0).starts_with("malformed JSON Lines: line 1: recursion limit"));

    let html = format!(
        "<html><body>{}Text{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let r = only(read("deep.html", html));
    assert_eq!(r.format, Format::Html);
}
