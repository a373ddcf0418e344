//! WARC archives (web crawls): each successful HTTP `response` record (and each `resource`
//! record) holding an HTML page, a PDF or plain text is one report; requests, metadata,
//! revisits, images, scripts and error pages are skipped silently.
//!
//! The `warc` crate parses record headers and bounds each body; records are read one at a time
//! and a record over the limit is skipped by streaming past it. The HTTP message inside a
//! response is split here: status line and headers off, chunked transfer coding and gzip or
//! deflate content coding undone. The record's `raw` is that payload, the document as the
//! server meant it, so the same page fetched with or without compression is the same document.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use ::warc::{RecordType, WarcHeader, WarcReader};

use super::{Format, Input, Record, gzip};
use crate::{Error, Result};

const FORMAT: &str = "WARC";
/// The largest header block of one record: far above real crawls (a few hundred bytes).
const HEADER_BUDGET: u64 = 1 << 20;
/// Room for the HTTP status line and headers on top of the payload limit.
const HTTP_SLACK: u64 = 64 << 10;

pub(super) struct WarcRecords {
    input: Input,
    reader: Budget<Box<dyn BufRead + Send>>,
    /// The reader's budget, shared so it can be lifted while the `warc` crate holds the reader.
    budget: Arc<AtomicU64>,
    /// 1-based index of the record being read.
    index: usize,
    done: bool,
}

impl WarcRecords {
    pub(super) fn new(input: Input, reader: Box<dyn BufRead + Send>) -> WarcRecords {
        let budget = Arc::new(AtomicU64::new(HEADER_BUDGET));
        WarcRecords {
            input,
            reader: Budget {
                inner: reader,
                left: Arc::clone(&budget),
            },
            budget,
            index: 0,
            done: false,
        }
    }

    /// Reads the next record's headers and body: `None` at the end, `Some(None)` for a record
    /// that is skipped.
    fn read_one(&mut self) -> Option<Result<Option<Record>>> {
        self.index += 1;
        let index = self.index;
        let limit = self.input.limits.max_record_bytes;
        self.budget.store(HEADER_BUDGET, Ordering::Relaxed);
        let mut warc = WarcReader::new(&mut self.reader);
        let mut stream = warc.stream_records();
        let mut record = match stream.next_item()? {
            Ok(record) => record,
            Err(::warc::Error::ReadData(e)) if e.get_ref().is_some_and(|i| i.is::<Exhausted>()) => {
                return Some(Err(malformed(format!(
                    "record {index}: header block longer than {HEADER_BUDGET} bytes"
                ))));
            }
            Err(::warc::Error::ReadData(e)) => return Some(Err(gzip::io_error(e))),
            Err(e) => return Some(Err(malformed(format!("record {index}: {}", short(&e))))),
        };
        // The body is bounded by its Content-Length (and read or skipped as a stream).
        self.budget.store(u64::MAX, Ordering::Relaxed);
        let uri = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim().trim_matches(['<', '>']).to_string());
        let name = match &uri {
            Some(uri) => format!("record {index} ({uri})"),
            None => format!("record {index}"),
        };
        let kind = record.warc_type().clone();
        let block_type = record
            .header(WarcHeader::ContentType)
            .map(|c| c.into_owned());
        let length = record.content_length();
        let wanted = matches!(kind, RecordType::Response | RecordType::Resource);
        // An HTTP header block rides on top of the payload limit.
        let too_large = length > limit.saturating_add(HTTP_SLACK);
        let mut block = Vec::new();
        let outcome = if wanted && !too_large {
            record
                .read_to_end(&mut block)
                .map(|n| n as u64)
                .map_err(|e| (e, name.clone()))
        } else {
            io::copy(&mut record, &mut io::sink()).map_err(|e| (e, name.clone()))
        };
        match outcome {
            Err((e, name)) => {
                return Some(Err(match gzip::io_error(e) {
                    Error::Io(e) => malformed(format!("{name}: {e}")),
                    gzip_damage => gzip_damage,
                }));
            }
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
        let payload = match kind {
            RecordType::Response => http_payload(&block, limit),
            _ => Ok(Some(Payload {
                content_type: block_type,
                body: block,
            })),
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
        let source = uri
            .clone()
            .unwrap_or_else(|| format!("{}#{index}", self.input.name));
        let mut out = Record::new(source, payload.body, format);
        out.meta.url = uri;
        out.meta.charset = charset;
        Some(Ok(Some(out)))
    }

    /// Consumes the blank line (CRLF CRLF) that ends every record; tolerates a missing one at
    /// the very end of the file.
    fn end_of_record(&mut self) -> std::result::Result<(), String> {
        self.budget.store(16, Ordering::Relaxed);
        let mut end = [0u8; 4];
        let mut got = 0;
        while got < 4 {
            match self.reader.read(&mut end[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.to_string()),
            }
        }
        match &end[..got] {
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

/// An error message cut to one readable line (the `warc` crate's parse errors quote the input).
fn short(e: &dyn std::fmt::Display) -> String {
    let text = e.to_string().replace(['\r', '\n'], " ");
    if text.chars().count() > 160 {
        format!("{}…", text.chars().take(160).collect::<String>())
    } else {
        text
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

/// Marks the end of a read budget.
#[derive(Debug)]
struct Exhausted;

impl std::fmt::Display for Exhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("read budget exhausted")
    }
}

impl std::error::Error for Exhausted {}

/// A reader that fails after `left` bytes: the `warc` crate reads header lines with
/// `read_until`, which on a file without line ends would otherwise read everything.
struct Budget<R> {
    inner: R,
    left: Arc<AtomicU64>,
}

impl<R: BufRead> Read for Budget<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let chunk = self.fill_buf()?;
        let n = chunk.len().min(buf.len());
        buf[..n].copy_from_slice(&chunk[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Budget<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let left = self.left.load(Ordering::Relaxed);
        if left == 0 {
            // End of input is still end of input; more data past the budget is an error.
            return if self.inner.fill_buf()?.is_empty() {
                Ok(&[])
            } else {
                Err(io::Error::other(Exhausted))
            };
        }
        let chunk = self.inner.fill_buf()?;
        let n = (chunk.len() as u64).min(left) as usize;
        Ok(&chunk[..n])
    }

    fn consume(&mut self, n: usize) {
        let left = self.left.load(Ordering::Relaxed);
        self.left
            .store(left.saturating_sub(n as u64), Ordering::Relaxed);
        self.inner.consume(n);
    }
}
