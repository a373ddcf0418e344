//! One document's path through `vigil-text`: extract → clean → language → date → fingerprint.
//!
//! [`process`] is a pure function of the record, so the same input always gives the same
//! document; the store decides whether that is new, unchanged or a new version.

use vigil_text::clean::{self, Body};
use vigil_text::input::Record;
use vigil_text::{RemovalReason, dates, extract, fingerprint, language};

use crate::document::{NewDocument, Paragraph};
use crate::ids::{document_id, sha256_hex};
use crate::{Result, facts};

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
    let reflowed = cleaned
        .removed
        .iter()
        .any(|r| r.reason == RemovalReason::LineBreak);
    let paragraphs = paragraphs(&body, reflowed, doc_lang.as_deref());

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

    let facts = facts::extract(
        &text,
        doc_lang.as_deref(),
        published.as_deref(),
        &paragraphs,
        &cleaned.removed,
    );

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
        facts,
    })
}

/// Paragraphs of the body, each mapped back to a range of the canonical text and given its own
/// language (leaning on the document's language when a paragraph is too short to tell).
///
/// A paragraph is a non-blank line of the body, except in a re-flowed document (one with
/// `line-break` removals): there a hard break between two words of a spaced script stays in the
/// body as the one whitespace character that keeps the words apart, so only blank lines
/// separate paragraphs.
fn paragraphs(body: &Body, reflowed: bool, doc_lang: Option<&str>) -> Vec<Paragraph> {
    let separator = if reflowed { "\n\n" } else { "\n" };
    let mut out = Vec::new();
    let mut at = 0;
    for piece in body.text.split_inclusive(separator) {
        let start = at;
        at += piece.len();
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = piece.len() - piece.trim_start().len();
        let (s, e) = body.range_to_text(start + lead, start + lead + trimmed.len());
        let lang = language::detect_with_hint(trimmed, doc_lang)
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

/// The words of a document's body, with offsets into its canonical text. Each paragraph is
/// segmented with its own language (Japanese and Chinese share Han characters).
pub fn words(doc: &crate::document::StoredDocument) -> Vec<Word> {
    let body = doc.body();
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize, lang: Option<&str>| {
        for t in vigil_text::segment::segment_with_lang(&body.text[start..end], lang) {
            let (s, e) = body.range_to_text(start + t.start, start + t.end);
            out.push(Word {
                start: s,
                end: e,
                text: body.text[start + t.start..start + t.end].to_string(),
                script: t.script,
            });
        }
    };
    // Paragraph ranges are in text offsets; walk the body once, segmenting each paragraph's
    // stretch of body with its language, and what lies between paragraphs with the document's.
    let mut body_at = 0;
    for p in &doc.paragraphs {
        let (Some(bs), Some(be)) = (body.from_text(p.start), body.from_text(p.end)) else {
            continue;
        };
        if bs < body_at || be < bs {
            continue;
        }
        if bs > body_at {
            push(body_at, bs, doc.lang.as_deref());
        }
        push(bs, be, p.lang.as_deref().or(doc.lang.as_deref()));
        body_at = be;
    }
    if body_at < body.text.len() {
        push(body_at, body.text.len(), doc.lang.as_deref());
    }
    out
}
