//! Reading inputs: which bytes make one report, and what the container says about it.
//!
//! One input (a file, a URL's response, stdin) may hold many reports: JSON Lines, WARC, an
//! RSS/Atom feed. [`records`] turns an input into [`Record`]s, each with its `source`, its raw
//! bytes (what identity and the SHA-256 are computed over) and the metadata the container gives.
//! Gzip is unwrapped transparently with a cap on the decompressed size (zip bombs).

mod feed;
mod gzip;
mod jsonl;
mod plain;
mod sniff;
mod warc;

use std::io::{BufRead, Read};

use crate::{Error, Result};
use sniff::Kind;

/// How the bytes of one record are to be extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text in some encoding.
    Text,
    /// An HTML page.
    Html,
    /// A PDF document (its text layer).
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// Metadata a container states about a record (JSON Lines fields, feed items, WARC headers).
/// The extractor's own findings (HTML meta tags) fill what this leaves empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub url: Option<String>,
    /// As stated: normalised to ISO 8601 later by [`crate::dates::parse_published`].
    pub published: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
    /// A charset declared outside the bytes (HTTP `Content-Type`), used before sniffing.
    pub charset: Option<String>,
}

/// One report as read from an input, before extraction.
#[derive(Debug, Clone)]
pub struct Record {
    /// The document's source: the path as given, a URL, or `path:line` (see DESIGN.md).
    pub source: String,
    /// The raw bytes of this report as received.
    pub raw: Vec<u8>,
    pub format: Format,
    pub meta: Meta,
    /// The report's text or HTML when the container already holds it decoded (a JSON Lines
    /// `text`/`html` field, a feed item's content): `raw` stays the bytes as received (the JSON
    /// line, for identity), and extraction reads this instead of decoding `raw`.
    pub inline: Option<String>,
}

impl Record {
    /// A record whose report is its raw bytes.
    pub fn new(source: String, raw: Vec<u8>, format: Format) -> Record {
        Record {
            source,
            raw,
            format,
            meta: Meta::default(),
            inline: None,
        }
    }
}

/// Limits that keep hostile inputs from exhausting memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest single report (after decompression), in bytes.
    pub max_record_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_record_bytes: 64 << 20,
        }
    }
}

/// Splits one input into records. `name` is the input as the user gave it (a path or URL);
/// it becomes the source of single-document inputs and the prefix of `path:line` sources.
/// `content_type` is a MIME type declared outside the bytes (an HTTP header), if any.
///
/// Each item is one record or one problem with one record, so a bad line in a JSON Lines file
/// does not stop the rest of the file. The format is sniffed from the bytes first (gzip, PDF,
/// WARC, feed, HTML, JSON Lines), then `content_type`, then the name's extension; gzip is
/// unwrapped and its content sniffed again. Reading is streaming: a container of any size is
/// read one record at a time, and no record may exceed `limits.max_record_bytes`.
pub fn records(
    name: String,
    content_type: Option<String>,
    reader: Box<dyn std::io::BufRead + Send>,
    limits: Limits,
) -> Box<dyn Iterator<Item = Result<Record>> + Send> {
    let (mime, charset) = content_type
        .as_deref()
        .map(parse_content_type)
        .unwrap_or_default();
    let input = Input {
        ext_name: name.to_ascii_lowercase(),
        name,
        mime,
        charset,
        limits,
        compressed: false,
    };
    match open(input, reader) {
        Ok(records) => records,
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

/// What is known about one input while it is being opened.
#[derive(Debug, Clone)]
struct Input {
    /// As given: the source of single documents and the prefix of `name:line`.
    name: String,
    /// Lowercased, with compression suffixes taken off as they are unwrapped: for extensions.
    ext_name: String,
    mime: Option<String>,
    charset: Option<String>,
    limits: Limits,
    /// Inside gzip: sizes are after decompression.
    compressed: bool,
}

type Records = Box<dyn Iterator<Item = Result<Record>> + Send>;

fn open(mut input: Input, reader: Box<dyn BufRead + Send>) -> Result<Records> {
    let (head, reader) = peek(reader, sniff::HEAD)?;
    if head.is_empty() {
        return Err(Error::Empty);
    }
    let kind = sniff::sniff(&head, &input.ext_name, input.mime.as_deref());
    match kind {
        Kind::Gzip if input.compressed => Err(Error::Binary(
            "gzip inside gzip, not unwrapped twice".to_string(),
        )),
        Kind::Gzip => {
            input.compressed = true;
            input.ext_name = strip_suffix(&input.ext_name, &[".gz", ".gzip", ".tgz"]);
            // The declared type was the compressed file's (`application/gzip`); the charset
            // of an HTTP `Content-Encoding: gzip` response still applies.
            if input.mime.as_deref().is_some_and(|m| m.contains("gzip")) {
                input.mime = None;
            }
            open(input, gzip::decoder(reader))
        }
        Kind::Binary(what) => Err(Error::Binary(what.to_string())),
        Kind::Pdf => single(&input, reader, Format::Pdf),
        Kind::Html => single(&input, reader, Format::Html),
        Kind::Text => single(&input, reader, Format::Text),
        Kind::JsonLines => Ok(Box::new(jsonl::JsonLines::new(input, reader))),
        Kind::Warc => Ok(Box::new(warc::WarcRecords::new(input, reader))),
        Kind::Feed => feed::records(&input, reader),
    }
}

/// The whole input as one record.
fn single(input: &Input, reader: Box<dyn BufRead + Send>, format: Format) -> Result<Records> {
    let raw = plain::read_bounded(reader, input)?;
    let mut record = Record::new(input.name.clone(), raw, format);
    record.meta.charset = input.charset.clone();
    Ok(Box::new(std::iter::once(Ok(record))))
}

/// Reads up to `n` bytes for sniffing and gives back a reader that still yields them.
fn peek(
    mut reader: Box<dyn BufRead + Send>,
    n: usize,
) -> Result<(Vec<u8>, Box<dyn BufRead + Send>)> {
    let mut head = Vec::with_capacity(n);
    (&mut reader)
        .take(n as u64)
        .read_to_end(&mut head)
        .map_err(gzip::io_error)?;
    let again = std::io::Cursor::new(head.clone()).chain(reader);
    Ok((head, Box::new(again)))
}

/// `text/html; charset="windows-1256"` → (`text/html`, `windows-1256`).
fn parse_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let mime = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    });
    (mime, charset)
}

fn strip_suffix(name: &str, suffixes: &[&str]) -> String {
    for s in suffixes {
        if let Some(stem) = name.strip_suffix(s) {
            return if *s == ".tgz" {
                format!("{stem}.tar")
            } else {
                stem.to_string()
            };
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests;
