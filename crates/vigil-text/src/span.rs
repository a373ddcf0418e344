//! Byte ranges into a document's canonical text, and the removals cleaning records.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a document's canonical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Why a range of the canonical text is not part of the body. A fixed list: the CLI and API
/// print these names, and filters in later issues match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalReason {
    /// Menus, breadcrumbs, "next/previous article" links, "read more" lists.
    Navigation,
    /// "Share on Facebook", "Tweet", "Email this", social buttons' text.
    Share,
    /// "Advertisement", "Sponsored", ad slots.
    Advertisement,
    /// A promotional or unrelated fragment stuck on a report (subscribe calls, shop lines).
    Promo,
    /// Cookie and consent banners.
    Cookie,
    /// The headline repeated at the top of the body.
    RepeatedHeadline,
    /// Page headers and footers, page numbers and document symbols of paginated documents.
    PageFurniture,
    /// A hard line break inside a sentence or word (re-flowed: the body joins the lines).
    LineBreak,
    /// Whitespace that carries nothing: indentation, trailing spaces, runs of blank lines.
    Whitespace,
    /// A credit or copyright line ("© 2020 The Canadian Press"), recorded as the `credit`.
    Credit,
    /// Markup or control characters left by extraction.
    Markup,
}

impl RemovalReason {
    /// The stable name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::Navigation => "navigation",
            RemovalReason::Share => "share",
            RemovalReason::Advertisement => "advertisement",
            RemovalReason::Promo => "promo",
            RemovalReason::Cookie => "cookie",
            RemovalReason::RepeatedHeadline => "repeated-headline",
            RemovalReason::PageFurniture => "page-furniture",
            RemovalReason::LineBreak => "line-break",
            RemovalReason::Whitespace => "whitespace",
            RemovalReason::Credit => "credit",
            RemovalReason::Markup => "markup",
        }
    }
}

/// One range of the canonical text that is not body text, with the reason.
///
/// The body is the text with these ranges taken out, nothing inserted: a hard line break between
/// two Latin words is removed except for one whitespace character, so words stay apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    pub start: usize,
    pub end: usize,
    pub reason: RemovalReason,
}

impl Removal {
    pub fn new(start: usize, end: usize, reason: RemovalReason) -> Self {
        debug_assert!(start <= end);
        Removal { start, end, reason }
    }
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}
