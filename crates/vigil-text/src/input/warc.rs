//! WARC archives (web crawls): each successful HTTP `response` record (and each `resource`
//! record) holding an HTML page, a PDF or plain text is one report; requests, metadata,
//! revisits, images, scripts and error pages are skipped silently.
//!
//! The `warc` crate's parser reads each record's header block; the reading around it is here,
//! bounded, and one record at a time: the crate's own readers call `read_until` without a limit
//! (a file without line ends would be read whole) and panic on header values that are not
//! UTF-8. A record over the limit is skipped by streaming past it. The HTTP message inside a
//! response is split here: status line and headers off, chunked transfer coding and gzip or
//! deflate content coding undone. The record's `raw` is that payload, the document as the
//! server meant it, so the same page fetched with or without compression is the same document.

use std::io::{self, BufRead, Read};

use super::{Format, Input, Record, gzip};
use crate::{Error, Result};

const FORMAT: &str = "WARC";
/// The largest header block of one record: far above real crawls (a few hundred bytes).
const HEADER_BUDGET: u64 = 1 << 20;
/// Room for the HTTP status line and headers on top of the payload limit.
const HTTP_SLACK: u64 = 64 << 10;

pub(super) struct WarcRecords {
    input: Input,
    reader: Box<dyn BufRead + Send>,
    /// 1-based index of the record being read.
    index: usize,
    done: bool,
}

/// One record's header fields that matter here.
struct Head {
    kind: String,
    uri: Option<String>,
    content_type: Option<String>,
    length: u64,
}

impl WarcRecords {
    pub(super) fn new(input: Input, reader: Box<dyn BufRead + Send>) -> WarcRecords {
        WarcRecords {
            input,
            reader,
            index: 0,
            done: false,
        }
    }

    /// Reads the next header block: `Ok(None)` at the end of the input.
    fn read_head(&mut self) -> Result<Option<Head>> {
        let index = self.index;
        let mut block = Vec::new();
        loop {
            let before = block.len();
            let room = HEADER_BUDGET.saturating_sub(before as u64);
            let n = (&mut self.reader)
                .take(room)
                .read_until(b'\n', &mut block)
                .map_err(gzip::io_error)?;
            if n == 0 {
                return if block.is_empty() {
                    Ok(None)
                } else if room == 0 {
                    Err(malformed(format!(
                        "record {index}: header block longer than {HEADER_BUDGET} bytes"
                    )))
                } else {
                    Err(malformed(format!(
                        "record {index}: truncated in its header"
                    )))
                };
            }
            if matches!(&block[before..], b"\r\n" | b"\n") {
                if before == 0 {
                    // Stray blank lines between records.
                    block.clear();
                    continue;
                }
                break;
            }
        }
        let (_, (_, fields, length)) = ::warc::parser::headers(&block).map_err(|_| {
            let first = String::from_utf8_lossy(&block[..block.len().min(40)]).into_owned();
            malformed(format!(
                "record {index}: not a WARC header block (starts {:?})",
                first.lines().next().unwrap_or_default()
            ))
        })?;
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
        };
        Ok(Some(Head {
            kind: field("WARC-Type").unwrap_or_default().to_ascii_lowercase(),
            uri: field("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string()),
            content_type: field("Content-Type"),
            length: length as u64,
        }))
    }

    /// Reads the next record: `None` at the end, `Some(Ok(None))` for a record that is skipped.
    fn read_one(&mut self) -> Option<Result<Option<Record>>> {
        self.index += 1;
        let index = self.index;
        let limit = self.input.limits.max_record_bytes;
        let head = match self.read_head() {
            Ok(Some(head)) => head,
            Ok(None) => return None,
            Err(e) => return Some(Err(e)),
        };
        let name = match &head.uri {
            Some(uri) => format!("record {index} ({uri})"),
            None => format!("record {index}"),
        };
        let length = head.length;
        let wanted = matches!(head.kind.as_str(), "response" | "resource");
        let too_large = length > limit.saturating_add(HTTP_SLACK);
        let mut block = Vec::new();
        let mut body = (&mut self.reader).take(length);
        let outcome = if wanted && !too_large {
            body.read_to_end(&mut block).map(|n| n as u64)
        } else {
            io::copy(&mut body, &mut io::sink())
        };
        match outcome.map_err(gzip::io_error) {
            Err(Error::Io(e)) => return Some(Err(malformed(format!("{name}: {e}")))),
            Err(gzip_damage) => return Some(Err(gzip_damage)),
            Ok(n) if n < length => {
                return Some(Err(malformed(format!(
                    "{name}: truncated ({n} of {length} bytes)"
                ))));
            }
            Ok(_) => {}
        }
        if let Err(detail) = self.end_of_record() {
            return Some(Err(malformed(format!("{name}: {detail}"))));
        }
        if !wanted {
            return Some(Ok(None));
        }
        if too_large {
            return Some(Err(Error::TooLarge {
                what: format!("WARC {name}"),
                limit,
            }));
        }
        let payload = if head.kind == "response" {
            http_payload(&block, limit)
        } else {
            Ok(Some(Payload {
                content_type: head.content_type,
                body: block,
            }))
        };
        let payload = match payload {
            Ok(Some(payload)) => payload,
            Ok(None) => return Some(Ok(None)),
            Err(detail) => return Some(Err(with_name(detail, &name))),
        };
        if payload.body.len() as u64 > limit {
            return Some(Err(Error::TooLarge {
                what: format!("WARC {name}"),
                limit,
            }));
        }
        let (mime, charset) = payload
            .content_type
            .as_deref()
            .map(super::parse_content_type)
            .unwrap_or_default();
        let format = match mime.as_deref() {
            Some(m) if m.contains("html") => Format::Html,
            Some("application/pdf") => Format::Pdf,
            Some("text/plain") => Format::Text,
            // Images, scripts, styles, JSON…: not reports.
            Some(_) => return Some(Ok(None)),
            None => match super::sniff::sniff(&payload.body, "", None) {
                super::sniff::Kind::Html => Format::Html,
                super::sniff::Kind::Pdf => Format::Pdf,
                super::sniff::Kind::Text => Format::Text,
                _ => return Some(Ok(None)),
            },
        };
        let source = head
            .uri
            .clone()
            .unwrap_or_else(|| format!("{}#{index}", self.input.name));
        let mut out = Record::new(source, payload.body, format);
        out.meta.url = head.uri;
        out.meta.charset = charset;
        Some(Ok(Some(out)))
    }

    /// Consumes the blank line (CRLF CRLF) that ends every record; tolerates a missing one at
    /// the very end of the file.
    fn end_of_record(&mut self) -> std::result::Result<(), String> {
        let mut end = Vec::with_capacity(4);
        (&mut self.reader)
            .take(4)
            .read_to_end(&mut end)
            .map_err(|e| e.to_string())?;
        match end.as_slice() {
            b"\r\n\r\n" | b"" => Ok(()),
            _ => Err("record does not end with a blank line (wrong Content-Length?)".to_string()),
        }
    }
}

impl Iterator for WarcRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        while !self.done {
            match self.read_one() {
                None => self.done = true,
                Some(Ok(None)) => {}
                Some(Ok(Some(record))) => return Some(Ok(record)),
                // A record over the limit or with a bad HTTP message was read to its end: the
                // next one can be read. Anything else leaves the stream at an unknown place.
                Some(Err(
                    e @ (Error::TooLarge { .. } | Error::Malformed { format: "HTTP", .. }),
                )) => {
                    return Some(Err(e));
                }
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

fn malformed(detail: String) -> Error {
    Error::Malformed {
        format: FORMAT,
        detail,
    }
}

fn with_name(detail: String, name: &str) -> Error {
    Error::Malformed {
        format: "HTTP",
        detail: format!("in WARC {name}: {detail}"),
    }
}

struct Payload {
    content_type: Option<String>,
    body: Vec<u8>,
}

/// The entity body of an HTTP response: `None` for a status other than 2xx (redirects and
/// error pages are not reports).
fn http_payload(message: &[u8], limit: u64) -> std::result::Result<Option<Payload>, String> {
    let (head_len, body_at) = match memchr::memmem::find(message, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memchr::memmem::find(message, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("HTTP headers do not end".to_string()),
        },
    };
    let head = String::from_utf8_lossy(&message[..head_len]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    let code = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|_| status.starts_with("HTTP/"))
        .ok_or_else(|| format!("not an HTTP status line: {:?}", truncate(status)))?;
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let body = &message[body_at..];
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    let body = match encoding.as_deref() {
        None | Some("" | "identity") => body,
        Some("gzip" | "x-gzip") => inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)?,
        Some("deflate") => match inflate(flate2::read::ZlibDecoder::new(&body[..]), limit) {
            Ok(body) => body,
            // Some servers send raw deflate under this name.
            Err(_) => inflate(flate2::read::DeflateDecoder::new(&body[..]), limit)?,
        },
        Some(other) => return Err(format!("unsupported Content-Encoding {other:?}")),
    };
    Ok(Some(Payload { content_type, body }))
}

fn inflate(reader: impl Read, limit: u64) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt compressed body ({e})"))?;
    if out.len() as u64 > limit {
        return Err(format!(
            "body larger than {limit} bytes after decompression"
        ));
    }
    Ok(out)
}

/// Undoes `Transfer-Encoding: chunked` (hex size line, data, CRLF; a zero size ends it).
fn dechunk(mut body: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end =
            memchr::memchr(b'\n', body).ok_or("chunked body ends without a last chunk")?;
        let line = String::from_utf8_lossy(&body[..line_end]);
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("bad chunk size {:?}", truncate(size_text)))?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = body
            .get(..size)
            .ok_or("chunked body is truncated inside a chunk")?;
        out.extend_from_slice(chunk);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}
