//! Main-text extraction from HTML pages: finds the article, its title, date and author.
//!
//! The page is parsed as browsers do (html5ever), copied into a flat arena ([`dom`]), furniture
//! is marked by element, role and class names ([`boilerplate`]), blocks are scored by text and
//! link density to find the article container ([`scoring`]), guided by JSON-LD `articleBody`
//! when the page has one, and the container is rendered paragraph by paragraph ([`render`]).

mod boilerplate;
mod dom;
mod metadata;
mod phrases;
mod render;
mod scoring;

use super::Extracted;
use crate::Result;
use dom::Dom;

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

    let guide = meta
        .article_body
        .as_deref()
        .map(|body| scoring::body_guide(&dom, &removed, body));
    let guided = guide
        .as_ref()
        .and_then(|g| scoring::guided_choice(&dom, &stats, g));
    let (roots, filter_by_body) = match guided {
        // The body covers nearly all of the container: what it lacks is furniture.
        Some((node, precision)) => (vec![node], precision >= 0.85),
        None => match scoring::choose(&dom, &removed, &stats) {
            Some(choice) => (choice.roots, false),
            None => (vec![0], false),
        },
    };
    let ctx = render::Context {
        dom: &dom,
        removed: &removed,
        stats: &stats,
        guide: guide.as_ref().filter(|_| filter_by_body),
        title: meta.title.as_deref(),
    };
    let mut text = render::render(&ctx, &roots);
    if text.is_empty() {
        if let Some(body) = meta.article_body.as_deref() {
            text = body
                .lines()
                .map(metadata::collapse)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
        }
    }
    Extracted {
        text,
        title: meta.title,
        published: meta.published,
        author: meta.author,
        url: url.map(str::to_string),
        declared_lang: meta.lang,
        ..Extracted::default()
    }
}

#[cfg(test)]
mod scratch {
    #[test]
    fn scratch_debug() {
        let Ok(html) = std::fs::read_to_string("/tmp/page.html") else { return };
        let needle = std::fs::read_to_string("/tmp/needle").unwrap_or_default();
        let dom = super::Dom::parse(&html);
        let raw = super::boilerplate::raw_facts(&dom);
        let removed = super::boilerplate::removed(&dom, &raw);
        let stats = super::scoring::stats(&dom, &removed);
        let meta = super::metadata::read(&dom);
        eprintln!("ld body: {:?}", meta.article_body.as_deref().map(|b| b.len()));
        for i in 0..dom.nodes.len() {
            if dom.nodes[i].text().is_some_and(|t| t.contains(needle.trim())) {
                for a in std::iter::once(i).chain(dom.ancestors(i)) {
                    let n = &dom.nodes[a];
                    eprintln!("{a} {:?} class={:?} removed={} chars={} raw={} p={}", n.tag(), n.attr("class"), removed[a], stats.chars[a], raw.chars[a], raw.paragraphs[a]);
                }
                break;
            }
        }
        if let Some(c) = super::scoring::choose(&dom, &removed, &stats) {
            for r in c.roots { eprintln!("root {r} {:?} {:?}", dom.nodes[r].tag(), dom.nodes[r].attr("class")); }
        }
    }
}
