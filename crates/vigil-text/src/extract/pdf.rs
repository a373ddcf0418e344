//! The text layer of PDF documents, with page headers, footers and numbers marked.
//!
//! Text comes from `pdf-extract` (on `lopdf`), page by page; pages are joined with a blank line
//! and [`furniture`] marks what repeats at page edges. OCR of scanned pages is not done here: a
//! PDF without a text layer is [`Error::NoText`].

mod furniture;
mod sanitize;

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Document, PlainTextOutput};

use super::Extracted;
use crate::{Error, Result};

/// Stack for the reading thread: `lopdf` parses nested arrays and dictionaries recursively,
/// and a hostile file nests them deeply enough to overflow a default 2 MB thread stack, which
/// aborts the process rather than panicking.
const STACK: usize = 64 << 20;

pub(crate) fn extract(raw: &[u8]) -> Result<Extracted> {
    let (pages, title) = read_pages(raw)?;
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(pages.len());
    for page in &pages {
        let page = page.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
        if page.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(page);
        ranges.push(start..text.len());
    }
    if text.is_empty() {
        return Err(Error::NoText(
            "PDF has no text layer (scanned?)".to_string(),
        ));
    }
    let removed = furniture::find(&text, &ranges);
    Ok(Extracted {
        text,
        removed,
        title,
        ..Extracted::default()
    })
}

/// The text of each page, in page order, and the document's title.
///
/// `pdf-extract` panics on some malformed files (it unwraps object lookups and font data), so
/// the work runs on its own thread behind `catch_unwind`: a broken PDF is one
/// [`Error::Malformed`], never a crash of the whole ingest. The thread also gets a large stack
/// (see [`STACK`]).
fn read_pages(raw: &[u8]) -> Result<(Vec<String>, Option<String>)> {
    let outcome = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("pdf-extract".to_string())
            .stack_size(STACK)
            .spawn_scoped(scope, || catch_unwind(AssertUnwindSafe(|| pages_of(raw))))
            .map(|handle| handle.join())
    });
    match outcome {
        Ok(Ok(Ok(pages))) => pages,
        Ok(Ok(Err(panic))) | Ok(Err(panic)) => Err(malformed(format!(
            "the PDF reader failed ({})",
            panic_message(&panic)
        ))),
        Err(e) => Err(Error::Io(e)),
    }
}

fn pages_of(raw: &[u8]) -> Result<(Vec<String>, Option<String>)> {
    let mut doc = Document::load_mem(raw).map_err(|e| malformed(e.to_string()))?;
    if doc.is_encrypted() {
        // Many PDFs are encrypted with an empty user password only to restrict printing.
        doc.decrypt("")
            .map_err(|_| malformed("encrypted with a password".to_string()))?;
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err(malformed("no pages".to_string()));
    }
    sanitize::sanitize(&mut doc).map_err(malformed)?;
    let mut pages = Vec::with_capacity(numbers.len());
    let mut first_error = None;
    for number in numbers {
        let mut text = String::new();
        let result = {
            let mut output = PlainTextOutput::new(&mut text);
            pdf_extract::output_doc_page(&doc, &mut output, number)
        };
        match result {
            Ok(()) => pages.push(text),
            // One unreadable page does not lose the others; an empty page keeps the count.
            Err(e) => {
                first_error.get_or_insert_with(|| format!("page {number}: {e}"));
                pages.push(String::new());
            }
        }
    }
    if pages.iter().all(|p| p.trim().is_empty())
        && let Some(e) = first_error
    {
        return Err(malformed(e));
    }
    Ok((pages, title(&doc)))
}

/// The `Title` of the document information dictionary, unless it is a leftover file name
/// ("Microsoft Word - report.docx") rather than a title.
fn title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let (_, info) = doc.dereference(info).ok()?;
    let (_, title) = doc
        .dereference(info.as_dict().ok()?.get(b"Title").ok()?)
        .ok()?;
    let bytes = title.as_str().ok()?;
    let text = if let Some(utf16) = bytes.strip_prefix(b"\xfe\xff") {
        encoding_rs::UTF_16BE.decode_without_bom_handling(utf16).0
    } else if let Some(utf8) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        String::from_utf8_lossy(utf8)
    } else {
        // PDFDocEncoding: Latin-1 in the printable range.
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
    };
    let text = text.trim();
    let lower = text.to_lowercase();
    let file_name = [".doc", ".docx", ".pdf", ".indd", ".rtf", ".odt"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || lower.starts_with("microsoft word");
    (!text.is_empty() && !file_name).then(|| text.to_string())
}

fn malformed(detail: String) -> Error {
    Error::Malformed {
        format: "PDF",
        detail,
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string());
    message
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(160)
        .collect()
}

#[cfg(test)]
mod tests;
