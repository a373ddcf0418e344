//! JSON Lines: one report per line, as `{"text": …}` or `{"html": …}` with optional `title`,
//! `url`, `published`, `source` and `lang`.
//!
//! Read line by line with each line capped at the record limit, so a 200 MB file streams and a
//! bad line is one error (naming its 1-based number) while the other lines go on.

use std::io::BufRead;

use serde_json::{Map, Value};

use super::{Format, Input, Record, gzip};
use crate::{Error, Result};

const FORMAT: &str = "JSON Lines";

pub(super) struct JsonLines {
    input: Input,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
    done: bool,
}

impl JsonLines {
    pub(super) fn new(input: Input, reader: Box<dyn BufRead + Send>) -> JsonLines {
        JsonLines {
            input,
            reader,
            line_no: 0,
            done: false,
        }
    }
}

impl Iterator for JsonLines {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        let limit = self.input.limits.max_record_bytes;
        let mut line = Vec::new();
        while !self.done {
            line.clear();
            self.line_no += 1;
            let read = match read_line(&mut self.reader, &mut line, limit) {
                Ok(read) => read,
                Err(e) => {
                    self.done = true;
                    return Some(Err(gzip::io_error(e)));
                }
            };
            match read {
                Line::End => self.done = true,
                Line::TooLong { skipped_to_end } => {
                    // Without a line end within reach (a zip bomb, a binary file), what follows
                    // cannot be found without reading everything: stop with this one error.
                    self.done |= !skipped_to_end;
                    return Some(Err(Error::TooLarge {
                        what: format!("line {}", self.line_no),
                        limit,
                    }));
                }
                Line::Full => {
                    if self.line_no == 1 && line.starts_with(b"\xef\xbb\xbf") {
                        line.drain(..3);
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(parse(&self.input.name, self.line_no, &line));
                }
            }
        }
        None
    }
}

enum Line {
    /// A whole line (without its line end) is in the buffer.
    Full,
    /// End of input, nothing read.
    End,
    /// The line passed the limit; the rest of it was skipped if its end was found within the
    /// skip budget.
    TooLong { skipped_to_end: bool },
}

/// Reads one line into `buf` without ever holding more than `limit` bytes of it.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: u64) -> std::io::Result<Line> {
    let mut too_long = false;
    let mut skipped: u64 = 0;
    let skip_budget = limit.saturating_mul(4);
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => Line::End,
                (true, false) => Line::Full,
                (true, true) => Line::TooLong {
                    skipped_to_end: true,
                },
            });
        }
        any = true;
        let (take, found_end) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if too_long {
            skipped += take as u64;
        } else if (buf.len() + take) as u64 > limit {
            too_long = true;
            buf.clear();
        } else {
            buf.extend_from_slice(&chunk[..take]);
        }
        reader.consume(take + usize::from(found_end));
        if found_end {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(if too_long {
                Line::TooLong {
                    skipped_to_end: true,
                }
            } else {
                Line::Full
            });
        }
        if too_long && skipped > skip_budget {
            return Ok(Line::TooLong {
                skipped_to_end: false,
            });
        }
    }
}

fn malformed(line_no: usize, detail: impl std::fmt::Display) -> Error {
    Error::Malformed {
        format: FORMAT,
        detail: format!("line {line_no}: {detail}"),
    }
}

fn parse(name: &str, line_no: usize, line: &[u8]) -> Result<Record> {
    let text = std::str::from_utf8(line)
        .map_err(|e| malformed(line_no, format!("not UTF-8 (at byte {})", e.valid_up_to())))?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json says "at line 1 column 7": the line is ours, the column is useful.
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        malformed(line_no, format!("{message} at column {}", e.column()))
    })?;
    let Value::Object(map) = value else {
        return Err(malformed(line_no, "expected a JSON object"));
    };
    let field = |key: &str| string_field(&map, key).map_err(|d| malformed(line_no, d));
    let text_field = field("text")?;
    let html_field = field("html")?;
    // A line with both gives the text its producer already extracted: prefer it over our own
    // extraction of the HTML.
    let (format, inline) = match (text_field, html_field) {
        (Some(text), _) => (Format::Text, text),
        (None, Some(html)) => (Format::Html, html),
        (None, None) => {
            return Err(malformed(
                line_no,
                "no \"text\" or \"html\" field (one is required)",
            ));
        }
    };
    let url = field("url")?;
    let source = field("source")?
        .filter(|s| !s.trim().is_empty())
        .or_else(|| url.clone().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| format!("{name}:{line_no}"));
    let mut record = Record::new(source, line.to_vec(), format);
    record.inline = Some(inline);
    record.meta.title = field("title")?;
    record.meta.url = url;
    record.meta.published = field("published")?;
    record.meta.lang = field("lang")?;
    record.meta.author = field("author")?;
    Ok(record)
}

/// A string field; `null` or absent is `None`; a number is accepted as its text (timestamps in
/// `published`); anything else is an error naming the field.
fn string_field(
    map: &Map<String, Value>,
    key: &str,
) -> std::result::Result<Option<String>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!(
            "field \"{key}\" must be a string, not {}",
            match other {
                Value::Bool(_) => "a boolean",
                Value::Array(_) => "an array",
                _ => "an object",
            }
        )),
    }
}
