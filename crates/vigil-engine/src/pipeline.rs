//! One document's path through `vigil-text`: extract → clean → language → date → fingerprint.
//!
//! [`process`] is a pure function of the record, so the same input always gives the same
//! document; the store decides whether that is new, unchanged or a new version.

use vigil_text::clean::{self, Body};
use vigil_text::input::Record;
use vigil_text::{dates, extract, fingerprint, language};

use crate::Result;
use crate::document::{NewDocument, Paragraph};
use crate::ids::{document_id, sha256_hex};

/// Longest title derived from a plain-text report's first line, in characters.
const DERIVED_TITLE_CHARS: usize = 160;

/// The id a record will get, computed before any extraction (lets ingest skip stored inputs).
pub fn record_id(record: &Record) -> (String, String) {
    let sha = sha256_hex(&record.raw);
    (document_id(&record.source, &sha), sha)
}

/// Turns one record into a document ready to store.
pub fn process(record: &Record) -> Result<NewDocument> {
    let (id, sha256) = record_id(record);
    let extracted = extract::extract(record)?;
    let text = extracted.text;
    let cleaned = clean::clean(&text, extracted.title.as_deref(), &extracted.removed);
    let body = Body::new(&text, &cleaned.removed);
    if body.text.trim().is_empty() {
        return Err(
            vigil_text::Error::NoText("nothing left after removing boilerplate".into()).into(),
        );
    }

    let doc_lang = language::detect(&body.text).map(|d| d.lang.to_string());
    let paragraphs = paragraphs(&body, doc_lang.as_deref());

    let (published, published_inferred) = match extracted
        .published
        .as_deref()
        .and_then(dates::parse_published)
    {
        Some(date) => (Some(date), false),
        None => match dates::infer_date(&body.text) {
            Some((date, _)) => (Some(date), true),
            None => (None, false),
        },
    };

    let title = extracted
        .title
        .filter(|t| !t.trim().is_empty())
        .or_else(|| derived_title(&body.text));

    Ok(NewDocument {
        id,
        source: record.source.clone(),
        sha256,
        raw: record.raw.clone(),
        format: record.format.as_str(),
        encoding: extracted.encoding,
        url: extracted.url,
        title,
        author: extracted.author,
        lang: doc_lang,
        published,
        published_inferred,
        content_id: fingerprint::content_id(&body.text),
        credit: cleaned.credit,
        text,
        removed: cleaned.removed,
        paragraphs,
    })
}

/// Paragraphs are the body's non-blank lines (cleaning has already re-joined hard-wrapped
/// lines), each mapped back to a range of the canonical text and given its own language.
fn paragraphs(body: &Body, doc_lang: Option<&str>) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in body.text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (s, e) = body.range_to_text(start + lead, start + lead + trimmed.len());
        let lang = language::detect(trimmed)
            .map(|d| d.lang.to_string())
            .or_else(|| doc_lang.map(str::to_string));
        out.push(Paragraph {
            start: s,
            end: e,
            lang,
        });
    }
    out
}

/// A title for a report that has none: its first line, when that line is short enough to be a
/// headline, else its first words.
fn derived_title(body: &str) -> Option<String> {
    let first = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    if first.chars().count() <= DERIVED_TITLE_CHARS {
        return Some(first.to_string());
    }
    let cut: String = first.chars().take(DERIVED_TITLE_CHARS).collect();
    // Cut at the last space when the script has spaces; CJK and Thai are cut as they are.
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => cut[..i].to_string(),
        _ => cut,
    };
    Some(format!("{cut}…"))
}

/// A word of a stored document: its range in the canonical text, the word as the body reads
/// it (a word re-joined across a hard line break reads whole), and its script.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub script: &'static str,
}

/// The words of a document's body, with offsets into its canonical text.
pub fn words(doc: &crate::document::StoredDocument) -> Vec<Word> {
    let body = doc.body();
    vigil_text::segment::segment(&body.text)
        .into_iter()
        .map(|t| {
            let (start, end) = body.range_to_text(t.start, t.end);
            Word {
                start,
                end,
                text: body.text[t.start..t.end].to_string(),
                script: t.script,
            }
        })
        .collect()
}
