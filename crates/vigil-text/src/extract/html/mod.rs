//! Main-text extraction from HTML pages: finds the article, its title, date and author.
//!
//! The page is parsed as browsers do (html5ever), copied into a flat arena ([`dom`]), furniture
//! is marked by element, role and class names ([`boilerplate`]), blocks are scored by text and
//! link density to find the article container ([`scoring`]), guided by JSON-LD `articleBody`
//! when the page has one, and the container is rendered paragraph by paragraph ([`render`]).

mod boilerplate;
mod depth;
mod dom;
mod metadata;
mod phrases;
mod render;
mod scoring;
mod sink;

use super::Extracted;
use crate::Result;
use dom::Dom;

/// How much of the guided container `articleBody` must hold before the container's blocks
/// that it lacks are dropped as inserts (newsletter calls, teasers).
const FILTER_PRECISION: f64 = 0.6;

/// Decodes (BOM, `<meta charset>`, declared charset, then content) and extracts.
pub(crate) fn extract(raw: &[u8], charset: Option<&str>, url: Option<&str>) -> Result<Extracted> {
    let decoded = crate::decode::decode_html(raw, charset)?;
    let mut out = extract_str(&decoded.text, url);
    out.encoding = Some(decoded.encoding);
    Ok(out)
}

/// Extracts from an already decoded page.
pub(crate) fn extract_str(html: &str, url: Option<&str>) -> Extracted {
    let dom = Dom::parse(html);
    let meta = metadata::read(&dom);
    let raw = boilerplate::raw_facts(&dom);
    let removed = boilerplate::removed(&dom, &raw);
    let stats = scoring::stats(&dom, &removed);

    let scored = scoring::choose(&dom, &removed, &stats);
    let scored_chars: usize = scored
        .as_ref()
        .map_or(0, |c| c.roots.iter().map(|&r| stats.chars[r]).sum());
    // An `articleBody` much shorter than the best-scoring container is a summary or a teaser:
    // it would lead to the lead paragraph alone.
    let guide = meta
        .article_body
        .as_deref()
        .filter(|body| 2 * scoring::text_len(body) >= scored_chars)
        .map(|body| scoring::body_guide(&dom, &removed, body));
    let guided = guide
        .as_ref()
        .and_then(|g| scoring::guided_choice(&dom, &stats, g));
    let (roots, filter_by_body) = match (guided, scored) {
        // The body covers most of the container: what it lacks is furniture.
        (Some((node, precision)), _) => (vec![node], precision >= FILTER_PRECISION),
        (None, Some(choice)) => (choice.roots, false),
        (None, None) => (vec![0], false),
    };
    let ctx = render::Context {
        dom: &dom,
        removed: &removed,
        stats: &stats,
        guide: guide.as_ref().filter(|_| filter_by_body),
        title: meta.title.as_deref(),
    };
    let mut text = render::render(&ctx, &roots);
    // Pages rendered by script carry the article only in their JSON-LD.
    if let Some(body) = meta.article_body.as_deref()
        && scoring::text_len(&text) * 3 < scoring::text_len(body)
    {
        text = body
            .lines()
            .map(metadata::collapse)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    Extracted {
        text,
        title: meta.title,
        published: meta.published,
        author: meta.author,
        url: url.map(str::to_string).or(meta.url),
        declared_lang: meta.lang,
        ..Extracted::default()
    }
}

#[cfg(test)]
mod tests;
