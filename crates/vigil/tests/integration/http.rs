//! `vigil ingest URL` against a real HTTP server on loopback, started by the test.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::util::Env;

/// Serves each request with the page for its path, then stops after `n` requests.
fn serve(pages: Vec<(&'static str, &'static str, Vec<u8>)>, n: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                    break;
                }
            }
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_string();
            let response = match pages.iter().find(|(p, _, _)| *p == path) {
                Some((_, ct, body)) => {
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend_from_slice(body);
                    r
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            stream.write_all(&response).unwrap();
        }
    });
    format!("http://{addr}")
}

#[test]
fn ingests_pages_over_http_and_names_failed_urls() {
    let page = "<!doctype html><html lang=\"ru\"><head><title>Протесты в Минске | Новости</title>\
        <meta property=\"article:published_time\" content=\"2020-09-13T18:00:00+03:00\"></head>\
        <body><nav><a href=\"/\">Главная</a> <a href=\"/world\">В мире</a></nav><article>\
        <h1>Протесты в Минске</h1><p>В воскресенье десятки тысяч человек вышли на улицы Минска, \
        требуя отставки президента. По данным МВД, задержаны 774 человека.</p>\
        <p>Наблюдатели сообщают о жестких задержаниях у станции метро.</p></article></body></html>";
    // windows-1251 declared only in the HTTP header.
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(
        "Правозащитный центр «Весна» сообщил о новых задержаниях журналистов в Гродно и Бресте.",
    );
    let base = serve(
        vec![
            (
                "/news/1",
                "text/html; charset=utf-8",
                page.as_bytes().to_vec(),
            ),
            (
                "/plain",
                "text/plain; charset=windows-1251",
                cp1251.into_owned(),
            ),
        ],
        3,
    );
    let env = Env::new();
    let url1 = format!("{base}/news/1");
    let url2 = format!("{base}/plain");
    let missing = format!("{base}/missing");
    let out = env.run(&["ingest", &url1, &missing, &url2]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.lines().filter(|l| l.contains("/missing")).count(),
        1,
        "{stderr}"
    );
    let docs = env.json_lines(&["docs", "--json"]);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["source"], url1.as_str());
    assert_eq!(docs[0]["lang"], "ru");
    assert_eq!(
        docs[0]["published"].as_str().unwrap().get(..10),
        Some("2020-09-13")
    );
    let shown = env.show(docs[0]["id"].as_str().unwrap());
    let body = shown["body"].as_str().unwrap();
    assert!(body.contains("задержаны 774 человека"));
    assert!(!body.contains("Главная"), "navigation is not body: {body}");
    let plain = env.show(docs[1]["id"].as_str().unwrap());
    assert!(plain["text"].as_str().unwrap().contains("«Весна»"));
}
