//! RSS and Atom feeds (`feed-rs`, which reads RSS 0.9–2.0, Atom and JSON Feed): each item is
//! one report, its HTML content (or summary) extracted like a page.
//!
//! A feed is one document for the size limit (feeds are small; `feed-rs` parses whole).

use std::io::BufRead;

use serde::Serialize;

use super::{Format, Input, Record, Records, plain};
use crate::{Error, Result};

pub(super) fn records(input: &Input, reader: Box<dyn BufRead + Send>) -> Result<Records> {
    let bytes = plain::read_bounded(reader, input)?;
    let feed = feed_rs::parser::parse(&bytes[..]).map_err(|e| Error::Malformed {
        format: "RSS/Atom feed",
        detail: e.to_string(),
    })?;
    let feed_lang = feed.language.clone();
    let items: Vec<Result<Record>> = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| item(input, i + 1, entry, feed_lang.as_deref()))
        .collect();
    if items.is_empty() {
        return Err(Error::NoText("feed has no items".to_string()));
    }
    Ok(Box::new(items.into_iter()))
}

/// The parts of an item that make the report, in a fixed order.
///
/// This serialization is the item's `raw`, and so its identity. A feed is fetched again and
/// again while its items stay the same, but the feed's bytes change each time (new items on
/// top, a new `lastBuildDate`, reordered attributes): hashing the item's own XML would depend on
/// the parser's view of the surrounding document, and hashing the whole feed would turn every
/// unchanged item into a new version. The canonical JSON of what the report consists of changes
/// only when the item does.
#[derive(Serialize)]
struct Canonical<'a> {
    title: Option<&'a str>,
    link: Option<&'a str>,
    published: Option<&'a str>,
    content: &'a str,
}

fn item(
    input: &Input,
    n: usize,
    entry: feed_rs::model::Entry,
    feed_lang: Option<&str>,
) -> Result<Record> {
    let title = entry.title.map(|t| t.content);
    let link = entry.links.into_iter().next().map(|l| l.href);
    let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
    let author = entry.authors.into_iter().find_map(|p| p.name);
    let content = entry
        .content
        .and_then(|c| c.body)
        .filter(|b| !b.trim().is_empty())
        .or_else(|| entry.summary.map(|s| s.content))
        .filter(|b| !b.trim().is_empty())
        .ok_or_else(|| Error::NoText(format!("feed item {n} has no content or summary")))?;
    let raw = serde_json::to_vec(&Canonical {
        title: title.as_deref(),
        link: link.as_deref(),
        published: published.as_deref(),
        content: &content,
    })
    .map_err(|e| Error::Malformed {
        format: "RSS/Atom feed",
        detail: format!("item {n}: {e}"),
    })?;
    let source = link
        .clone()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| format!("{}#{n}", input.name));
    let mut record = Record::new(source, raw, Format::Html);
    record.inline = Some(content);
    record.meta.title = title;
    record.meta.url = link;
    record.meta.published = published;
    record.meta.author = author;
    record.meta.lang = entry.language.or_else(|| feed_lang.map(str::to_string));
    Ok(record)
}
