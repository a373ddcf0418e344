//! Container formats through the real CLI: WARC (plain and gzip), RSS and Atom feeds, gzip of
//! JSON Lines. Each record becomes one document with the container's source and metadata.

use std::io::Write;

use crate::util::Env;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2020-09-15T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

#[test]
fn warc_responses_become_documents() {
    let page = "<html lang=\"de\"><head><title>Proteste in Minsk</title></head><body><article>\
        <p>Am Sonntag nahm die Polizei in Minsk nach Angaben des Innenministeriums mehr als \
        700 Menschen fest, während Zehntausende gegen die Wiederwahl des Präsidenten protestierten.</p>\
        </article></body></html>";
    let (gbk, _, _) =
        encoding_rs::GBK.encode("白俄罗斯首都明斯克周日再次爆发大规模抗议活动，警方逮捕了数百人。");
    let mut warc = warc_record(
        "response",
        "https://example.org/de/minsk",
        &http_response("text/html; charset=utf-8", page.as_bytes()),
    );
    warc.extend(warc_record(
        "request",
        "https://example.org/de/minsk",
        b"GET /de/minsk HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://example.org/zh/minsk",
        &http_response("text/plain; charset=gbk", &gbk),
    ));
    let env = Env::new();
    let plain = env.write("crawl.warc", &warc);
    let zipped = env.write("crawl-copy.warc.gz", gzip(&warc));
    env.ok(&["ingest", plain.to_str().unwrap()]);
    let docs = env.json_lines(&["docs", "--json"]);
    let sources: Vec<_> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        [
            "https://example.org/de/minsk",
            "https://example.org/zh/minsk"
        ]
    );
    assert_eq!(docs[0]["lang"], "de");
    assert_eq!(docs[0]["title"], "Proteste in Minsk");
    assert_eq!(docs[1]["lang"], "zh");
    let zh = env.show(docs[1]["id"].as_str().unwrap());
    assert!(zh["text"].as_str().unwrap().contains("明斯克"));
    // The same records inside gzip are the same documents: nothing new.
    let out = env.run(&["ingest", zipped.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("0 added"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn feed_items_become_documents() {
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Новости</title><link>https://example.org/</link>
<item><title>В Минске задержаны сотни протестующих</title><link>https://example.org/ru/1</link>
<pubDate>Sun, 13 Sep 2020 20:15:00 +0300</pubDate>
<description><![CDATA[<p>В воскресенье в Минске силовики задержали более 400 участников акции протеста, сообщили правозащитники.</p>]]></description></item>
<item><title>ЕС готовит санкции</title><link>https://example.org/ru/2</link>
<pubDate>Mon, 14 Sep 2020 09:00:00 +0300</pubDate>
<description><![CDATA[<p>Евросоюз обсуждает список белорусских чиновников, против которых могут быть введены санкции.</p>]]></description></item>
</channel></rss>"#;
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Actualités</title><id>urn:x</id><updated>2020-09-14T10:00:00Z</updated>
<entry><title>Le Conseil des droits de l'homme tiendra un débat urgent</title><id>urn:1</id>
<link href="https://example.org/fr/debat"/><updated>2020-09-14T10:00:00Z</updated><published>2020-09-14T09:30:00Z</published>
<content type="html">&lt;p&gt;Le Conseil des droits de l'homme de l'ONU tiendra vendredi un débat urgent sur la situation au Bélarus, à la demande de l'Union européenne.&lt;/p&gt;</content></entry>
</feed>"#;
    let env = Env::new();
    env.write("feeds/a.rss", rss);
    env.write("feeds/b.atom", atom);
    env.ok(&["ingest", env.path("feeds").to_str().unwrap()]);
    let docs = env.json_lines(&["docs", "--json"]);
    let sources: Vec<_> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        [
            "https://example.org/ru/1",
            "https://example.org/ru/2",
            "https://example.org/fr/debat"
        ]
    );
    assert_eq!(docs[0]["title"], "В Минске задержаны сотни протестующих");
    assert_eq!(
        docs[0]["published"].as_str().unwrap().get(..10),
        Some("2020-09-13")
    );
    assert_eq!(docs[2]["lang"], "fr");
    assert_eq!(
        docs[2]["published"].as_str().unwrap().get(..10),
        Some("2020-09-14")
    );
}

#[test]
fn gzipped_json_lines() {
    let lines = [
        serde_json::json!({"text": "Miles de personas marcharon el domingo en Minsk contra el presidente.", "url": "https://example.org/es/1"}),
        serde_json::json!({"text": "Binlerce kişi pazar günü Minsk'te cumhurbaşkanına karşı yürüdü.", "url": "https://example.org/tr/1"}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let env = Env::new();
    let f = env.write("batch.jsonl.gz", gzip(body.as_bytes()));
    env.ok(&["ingest", f.to_str().unwrap()]);
    let docs = env.json_lines(&["docs", "--json"]);
    let langs: Vec<_> = docs.iter().map(|d| d["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["es", "tr"]);
}
