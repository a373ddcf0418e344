//! `vigil embed`: texts on stdin, vectors on stdout, streamed.
//!
//! Lines are read in batches (up to [`BATCH_LINES`] lines or [`BATCH_BYTES`] bytes, or fewer
//! when no more input is waiting, so an interactive producer gets its answers at once); each
//! batch is embedded, written and flushed before the next is read, so memory stays flat
//! whatever the input's length.
//!
//! A line is a JSON object with a string `"text"` when it starts with `{`, plain text
//! otherwise. Output stays aligned with input: one line per input line, in order. A malformed
//! line gives `{"vector": null, "error": "…"}` in its place and one message on stderr naming
//! its line number, and the command exits with status 1 once all input is done.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use serde::Serialize;
use vigil_model::Kind;

use super::Status;
use crate::model::{Encoder, ModelChoice};

/// Lines per batch: enough for the encoder to batch by length and use both cores.
const BATCH_LINES: usize = 64;
/// Bytes per batch, so that a few huge lines do not make a huge batch.
const BATCH_BYTES: usize = 1 << 20;

#[derive(Serialize)]
struct VectorLine<'a> {
    vector: &'a [f32],
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    vector: Option<()>,
    error: &'a str,
}

pub fn run(data_dir: &Path, model: ModelChoice, query: bool) -> anyhow::Result<Status> {
    let encoder = Encoder::load(model, data_dir)?;
    let kind = if query { Kind::Query } else { Kind::Passage };
    let mut input = BufReader::with_capacity(1 << 16, std::io::stdin());
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut line_no = 0usize;
    let mut failed = 0usize;
    let mut batch: Vec<Result<String, String>> = Vec::with_capacity(BATCH_LINES);
    let mut buf = Vec::new();
    loop {
        batch.clear();
        let mut bytes = 0;
        let mut eof = false;
        loop {
            buf.clear();
            let n = input.read_until(b'\n', &mut buf)?;
            if n == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            bytes += n;
            batch.push(parse_line(line_no, &buf));
            if batch.len() >= BATCH_LINES || bytes >= BATCH_BYTES || input.buffer().is_empty() {
                break;
            }
        }
        let texts: Vec<&str> = batch
            .iter()
            .filter_map(|item| item.as_ref().ok().map(String::as_str))
            .collect();
        let vectors = if texts.is_empty() {
            Vec::new()
        } else {
            encoder.embed(kind, &texts)
        };
        let mut vectors = vectors.iter();
        for item in &batch {
            match item {
                Ok(_) => match vectors.next() {
                    Some(v) => serde_json::to_writer(&mut out, &VectorLine { vector: v })?,
                    None => anyhow::bail!("the encoder returned fewer vectors than texts"),
                },
                Err(error) => {
                    failed += 1;
                    eprintln!("vigil: stdin {error}");
                    serde_json::to_writer(
                        &mut out,
                        &ErrorLine {
                            vector: None,
                            error,
                        },
                    )?;
                }
            }
            out.write_all(b"\n")?;
        }
        out.flush()?;
        if eof {
            break;
        }
    }
    if failed > 0 {
        eprintln!(
            "vigil: {failed} of {line_no} lines were malformed (their output lines have \"vector\": null)"
        );
        return Ok(Status::Failed);
    }
    Ok(Status::Ok)
}

/// The text of one input line, or why it has none.
fn parse_line(line_no: usize, raw: &[u8]) -> Result<String, String> {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let line = std::str::from_utf8(raw).map_err(|_| format!("line {line_no}: not valid UTF-8"))?;
    if !line.trim_start().starts_with('{') {
        return Ok(line.to_string());
    }
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("line {line_no}: invalid JSON ({e})"))?;
    match value.get("text") {
        Some(serde_json::Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(format!("line {line_no}: \"text\" is not a string")),
        None => Err(format!(
            "line {line_no}: JSON object without a \"text\" field"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_line;

    #[test]
    fn lines_are_json_objects_or_plain_text() {
        assert_eq!(
            parse_line(1, "{\"text\": \"台风登陆\", \"id\": 7}\n".as_bytes()),
            Ok("台风登陆".to_string())
        );
        assert_eq!(
            parse_line(2, "ฝนตกหนักในกรุงเทพ\r\n".as_bytes()),
            Ok("ฝนตกหนักในกรุงเทพ".to_string())
        );
        assert_eq!(parse_line(3, b"\n"), Ok(String::new()));
        let bad = parse_line(4, b"{\"text\": 3}").unwrap_err();
        assert!(
            bad.starts_with("line 4:") && bad.contains("not a string"),
            "{bad}"
        );
        let bad = parse_line(5, b"{\"text\": \"unterminated").unwrap_err();
        assert!(bad.starts_with("line 5: invalid JSON"), "{bad}");
        assert!(
            parse_line(6, b"{\"title\": \"x\"}")
                .unwrap_err()
                .contains("without")
        );
        assert!(parse_line(7, b"caf\xe9").unwrap_err().contains("UTF-8"));
    }
}
