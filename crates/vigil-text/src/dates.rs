//! Document dates: normalising stated publication dates, and inferring a date from the text
//! (a dateline, a letter's date) when the metadata has none.

/// Normalises a stated publication date (ISO 8601, RFC 2822, RFC 3339, common page formats) to
/// ISO 8601: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` when a time is given. `None` if unreadable.
pub fn parse_published(s: &str) -> Option<String> {
    let _ = s;
    None
}

/// Infers the document's own date from its text (a dateline at the start, a letter's date):
/// `YYYY-MM-DD`, and the byte range that states it.
pub fn infer_date(text: &str) -> Option<(String, crate::Span)> {
    let _ = text;
    None
}
