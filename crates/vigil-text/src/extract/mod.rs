//! Extraction: from one record's raw bytes to the canonical `text` and the metadata.
//!
//! For plain text the canonical text is the decoded original; for HTML and PDF it is the
//! extracted text (the report inside the page, paragraphs separated by blank lines). Every later
//! offset points into this text, so extraction is the last stage that may produce new text.

mod html;
mod pdf;

use crate::input::{Format, Meta, Record};
use crate::{Removal, Result};

/// What extraction found in one record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The canonical text: stored once, never edited.
    pub text: String,
    pub title: Option<String>,
    /// Publication date/time as the source states it (normalised by `dates::parse_published`).
    pub published: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// A language the source declares (`<html lang>`, a JSON Lines field): a hint only.
    pub declared_lang: Option<String>,
    /// Ranges extraction already knows are not body (PDF page headers and footers).
    pub removed: Vec<Removal>,
    /// The encoding the bytes were decoded from (WHATWG name), when they were text.
    pub encoding: Option<&'static str>,
}

/// Extracts one record: decodes, finds the main text, and merges the container's metadata
/// (which wins over what the page says about itself).
pub fn extract(record: &Record) -> Result<Extracted> {
    let mut out = match (record.format, record.inline.as_deref()) {
        // Already decoded by the container (JSON Lines fields, feed items).
        (Format::Text, Some(text)) => inline_text(text)?,
        (Format::Html, Some(html)) => {
            if html.trim().is_empty() {
                return Err(crate::Error::Empty);
            }
            html::extract_str(html, record.meta.url.as_deref())
        }
        (Format::Text, None) => extract_text(&record.raw, record.meta.charset.as_deref())?,
        (Format::Html, None) => html::extract(
            &record.raw,
            record.meta.charset.as_deref(),
            record.meta.url.as_deref(),
        )?,
        (Format::Pdf, _) => pdf::extract(&record.raw)?,
    };
    merge_meta(&mut out, &record.meta);
    Ok(out)
}

/// Extracts the main text of an HTML page given as a string (JSON Lines `html` fields, and
/// `vigil eval extraction`).
pub fn extract_html_str(html: &str, url: Option<&str>) -> Extracted {
    html::extract_str(html, url)
}

fn extract_text(raw: &[u8], charset: Option<&str>) -> Result<Extracted> {
    let decoded = crate::decode::decode(raw, charset)?;
    Ok(Extracted {
        text: decoded.text,
        encoding: Some(decoded.encoding),
        ..Extracted::default()
    })
}

fn inline_text(text: &str) -> Result<Extracted> {
    if text.trim().is_empty() {
        return Err(crate::Error::Empty);
    }
    Ok(Extracted {
        text: text.to_string(),
        encoding: Some("UTF-8"),
        ..Extracted::default()
    })
}

fn merge_meta(out: &mut Extracted, meta: &Meta) {
    let pick = |container: &Option<String>, found: &mut Option<String>| {
        if let Some(v) = container.as_ref().filter(|v| !v.trim().is_empty()) {
            *found = Some(v.trim().to_string());
        }
    };
    pick(&meta.title, &mut out.title);
    pick(&meta.url, &mut out.url);
    pick(&meta.published, &mut out.published);
    pick(&meta.author, &mut out.author);
    pick(&meta.lang, &mut out.declared_lang);
}
