//! Recognising page furniture before scoring: navigation, share bars, comments, related links,
//! cookie banners, ads, bylines and captions, by element, ARIA role and class/id names.
//!
//! Class and id names are English-like in every language's pages, so these rules are language
//! independent. A name is split into segments (`related-posts`, `relatedPosts`, `related_posts`
//! all give `related`) and judged per segment, so `commentary` is not `comment`.

use super::dom::Dom;
use super::scoring::text_len;

/// Segments of class/id names that mark furniture whatever else the name says.
const STRONG_NEGATIVE: &[&str] = &[
    "credit",
    "credits",
    "author",
    "authors",
    "date",
    "meta",
    "tags",
    "tag",
    "timestamp",
    "dateline",
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "share",
    "shares",
    "sharing",
    "sharebar",
    "related",
    "recommend",
    "recommended",
    "recommendations",
    "outbrain",
    "taboola",
    "newsletter",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "dfp",
    "sponsor",
    "sponsored",
    "promo",
    "promotion",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "byline",
    "bylines",
    "caption",
    "figcaption",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "toolbar",
    "mostread",
    "readmore",
    "subnav",
    // The same in the languages of themes seen on news sites (es, pt, de, fr, id, ru).
    "comentarios",
    "comentario",
    "relacionados",
    "relacionadas",
    "relacionado",
    "relacionada",
    "compartilhar",
    "compartir",
    "publicidade",
    "publicidad",
    "anuncio",
    "anuncios",
    "kommentare",
    "teilen",
    "werbung",
    "anzeige",
    "iklan",
    "komentar",
    "terkait",
    "bagikan",
    "rekomendasi",
    "reklama",
    "commentaires",
    "partage",
    "pub",
    "publicite",
];

/// Segments that mark furniture unless the same name also marks the article
/// (`social-media-embed`, `social-links`).
const WEAK_NEGATIVE: &[&str] = &[
    "social",
    "socials",
    "keywords",
    "tools",
    "utility",
    "popular",
    "trending",
    "banner",
    "ticker",
    "print",
    "sticky",
    "partner",
    "partners",
    "modal",
    "popup",
    "rating",
    "follow",
    "topics",
    "skip",
    "masthead",
    "survey",
    "feedback",
    "disclaimer",
    "copyright",
    "screen",
    "visually",
    "sr",
    "sronly",
    "pagination",
    "pager",
    "signup",
    "login",
    "paywall",
    "tooltip",
    "prev",
    "notification",
    "previous",
    "nextprev",
    "like",
    "likes",
    "slider",
    "slideshow",
    "carousel",
    "gallery",
    "lightbox",
    "thumbnail",
    "thumbs",
    "image",
    "img",
    "photo",
    "photos",
    "picture",
];

/// Segments that make a name a state flag rather than a role.
const STATE_PREFIXES: &[&str] = &[
    "has", "with", "no", "without", "enable", "enabled", "disable", "disabled", "show", "is",
];

/// Whole class names of hidden elements (`hidden-xs` is visible elsewhere, so not segments).
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "d-none",
    "invisible",
    "visually-hidden",
    "sr-only",
    "screen-reader-text",
    "offscreen",
];

/// Segments of comment sections: these are never mistaken for the article, however long.
const COMMENTS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "replies",
    "respond",
];

/// Segments that mark the article itself; they protect a name from the negative list.
const POSITIVE: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "post",
    "story",
    "text",
    "main",
    "prose",
    "blog",
    "hentry",
    "column",
    "embed",
];

/// ARIA roles of furniture.
const NEGATIVE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
    "tooltip",
];

/// Elements that are furniture whatever their size.
const FURNITURE_TAGS: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "figure",
    "figcaption",
    "form",
    "label",
    "dialog",
    "menu",
    "map",
    "fieldset",
    "legend",
    "area",
    "img",
    "picture",
    "source",
    "track",
    "address",
];

/// Splits a class or id into lower-case segments at `-`, `_`, spaces and camelCase humps.
fn segments(name: &str) -> impl Iterator<Item = String> + '_ {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c == '-' || c == '_' || c.is_whitespace() || c == ':' || c == '.' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter()
}

/// Whether one class or id token names furniture (-1), the article (+1), or neither (0).
pub(super) fn token_weight(token: &str) -> i32 {
    let (mut strong, mut weak, mut pos) = (false, false, false);
    for seg in segments(token) {
        let seg = seg.trim_end_matches(|c: char| c.is_ascii_digit());
        if STATE_PREFIXES.contains(&seg) {
            // `has-image`, `with-sidebar`, `no-comments`: a flag about the page, not a role.
            return 0;
        }
        if STRONG_NEGATIVE.contains(&seg) {
            strong = true;
        } else if WEAK_NEGATIVE.contains(&seg) {
            weak = true;
        } else if POSITIVE.contains(&seg) {
            pos = true;
        }
    }
    if strong || (weak && !pos) {
        -1
    } else if pos && !weak {
        1
    } else {
        0
    }
}

/// The sum of the token weights of an element's class and id.
pub(super) fn class_weight(dom: &Dom, idx: usize) -> i32 {
    let node = &dom.nodes[idx];
    let mut w = 0;
    let mut any_pos = false;
    let mut any_neg = false;
    for attr in ["class", "id"] {
        if let Some(v) = node.attr(attr) {
            for token in v.split_whitespace() {
                match token_weight(token) {
                    1 => any_pos = true,
                    -1 => any_neg = true,
                    _ => {}
                }
            }
        }
    }
    if any_neg && !any_pos {
        w -= 25;
    }
    if any_pos && !any_neg {
        w += 25;
    }
    if node
        .attr("itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        w += 50;
    }
    w
}

/// Per-node raw facts used to decide removal, computed before any removal.
pub(super) struct Raw {
    /// The subtree holds a long `<article>` or `itemprop=articleBody`.
    pub holds_main: Vec<bool>,
    /// Count of `<p>` and `<br>` elements in the subtree.
    pub paragraphs: Vec<u32>,
    /// Characters of all text in the subtree, and of the text inside links.
    pub chars: Vec<usize>,
    pub link_chars: Vec<usize>,
    /// The subtree holds an `<img>` or `<picture>`.
    pub images: Vec<bool>,
}

pub(super) fn raw_facts(dom: &Dom) -> Raw {
    let n = dom.nodes.len();
    let mut holds_main = vec![false; n];
    let mut paragraphs = vec![0u32; n];
    let mut chars = vec![0usize; n];
    let mut link_chars = vec![0usize; n];
    let mut images = vec![false; n];
    for i in (0..n).rev() {
        let node = &dom.nodes[i];
        if let Some(t) = node.text() {
            chars[i] = text_len(t);
        }
        if node.tag() == Some("a") {
            link_chars[i] = chars[i];
        }
        if let Some(tag) = node.tag() {
            // Teaser cards are `<article>`s too: only one with real unlinked text counts.
            let long_article = tag == "article" && chars[i] >= 500 && 2 * link_chars[i] < chars[i];
            if long_article
                || node
                    .attr("itemprop")
                    .is_some_and(|p| p.contains("articleBody"))
            {
                holds_main[i] = true;
            }
            // Bodies written as text broken by `<br>` count their breaks as paragraphs.
            if tag == "p" || tag == "br" {
                paragraphs[i] += 1;
            }
            if tag == "img" || tag == "picture" {
                images[i] = true;
            }
        }
        if let Some(p) = node.parent {
            holds_main[p] |= holds_main[i];
            paragraphs[p] += paragraphs[i];
            chars[p] += chars[i];
            link_chars[p] += link_chars[i];
            images[p] |= images[i];
        }
    }
    Raw {
        holds_main,
        paragraphs,
        chars,
        link_chars,
        images,
    }
}

/// Marks every node that is furniture or inside furniture.
pub(super) fn removed(dom: &Dom, raw: &Raw) -> Vec<bool> {
    let n = dom.nodes.len();
    let mut removed = vec![false; n];
    // Inside the article's own text: an `<aside>` there is a pull quote, not a sidebar.
    let mut in_body = vec![false; n];
    for i in 0..n {
        let node = &dom.nodes[i];
        if node.parent.is_some_and(|p| removed[p]) {
            removed[i] = true;
            continue;
        }
        let parent_in_body = node.parent.is_some_and(|p| in_body[p]);
        let Some(tag) = node.tag() else { continue };
        in_body[i] = parent_in_body || is_body_container(node);
        removed[i] = if tag == "aside" && parent_in_body {
            raw.link_chars[i] * 2 > raw.chars[i] || class_weight(dom, i) < 0
        } else {
            is_furniture(dom, raw, i, tag)
        };
    }
    mark_captions(dom, raw, &mut removed);
    removed
}

/// A short unpunctuated line right after a block that is only an image is that image's
/// caption, whatever its markup (`<div style="text-align:center"><em>Name</em></div>`).
fn mark_captions(dom: &Dom, raw: &Raw, removed: &mut [bool]) {
    let image_only = |i: usize| raw.chars[i] == 0 && raw.images[i];
    for parent in 0..dom.nodes.len() {
        let children = &dom.nodes[parent].children;
        let mut after_image = false;
        for &c in children {
            let node = &dom.nodes[c];
            match node.tag() {
                None if node.text().is_some_and(|t| t.trim().is_empty()) => continue,
                Some(tag) if !matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "br") => {
                    if after_image && !removed[c] && is_caption_like(dom, raw, c) {
                        for d in dom.descendants(c) {
                            removed[d] = true;
                        }
                    }
                    after_image = image_only(c);
                }
                _ => after_image = false,
            }
        }
    }
}

fn is_caption_like(dom: &Dom, raw: &Raw, i: usize) -> bool {
    if raw.chars[i] == 0 || raw.chars[i] > 80 || raw.paragraphs[i] > 1 || raw.link_chars[i] > 0 {
        return false;
    }
    let mut text = String::new();
    for d in dom.descendants(i) {
        if let Some(t) = dom.nodes[d].text() {
            text.push_str(t);
        }
    }
    !text
        .trim_end()
        .ends_with(['.', '!', '?', ':', '。', '！', '？', '：', '؟'])
}

/// An element that holds the article's text itself (not its header or sidebar).
fn is_body_container(node: &super::dom::Node) -> bool {
    node.attr("itemprop")
        .is_some_and(|p| p.contains("articleBody"))
        || ["class", "id"].iter().any(|a| {
            node.attr(a).is_some_and(|v| {
                v.split_whitespace().any(|t| {
                    let segs: Vec<String> = segments(t).collect();
                    segs.windows(2).any(|w| {
                        matches!(w[0].as_str(), "article" | "entry" | "post" | "story")
                            && matches!(w[1].as_str(), "body" | "content" | "text")
                    })
                })
            })
        })
}

fn is_furniture(dom: &Dom, raw: &Raw, i: usize, tag: &str) -> bool {
    let node = &dom.nodes[i];
    if matches!(tag, "html" | "body") {
        return false;
    }
    // A long run of unlinked paragraphs is the article whatever its wrapper says: a sidebar
    // name (`content-with-sidebar`), or hidden while a saved page had a consent dialog open.
    let looks_like_article = raw.chars[i] >= 700
        && (raw.link_chars[i] as f64) < 0.4 * raw.chars[i] as f64
        && raw.paragraphs[i] >= 3;
    let protected = raw.holds_main[i];
    if is_hidden(node) {
        // Menus and dialogs are links or a line or two; hidden prose is the page itself.
        let hidden_prose = raw.chars[i] >= 250
            && (raw.link_chars[i] as f64) < 0.3 * raw.chars[i] as f64
            && raw.paragraphs[i] >= 2;
        return !(hidden_prose || protected);
    }
    if FURNITURE_TAGS.contains(&tag) {
        // Some sites wrap the whole page in a `<form>` (ASP.NET) or the article in `<figure>`.
        return !(protected || (tag == "form" && looks_like_article));
    }
    if tag == "header" && !protected && raw.paragraphs[i] < 3 {
        return true;
    }
    if tag == "h1" && dom.first_h1 == Some(i) {
        // The headline: it goes to the title, not the text.
        return true;
    }
    if !protected
        && node
            .attr("role")
            .is_some_and(|r| NEGATIVE_ROLES.contains(&r.trim()))
    {
        return true;
    }
    if matches!(tag, "main" | "article") || protected {
        return false;
    }
    if class_weight(dom, i) >= 0 {
        return false;
    }
    // Only comment sections look like an article and are not.
    !looks_like_article || names_comments(node)
}

fn is_hidden(node: &super::dom::Node) -> bool {
    if node.attr("hidden").is_some() || node.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = node.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    node.attr("class")
        .is_some_and(|c| c.split_whitespace().any(|t| HIDDEN_CLASSES.contains(&t)))
}

fn names_comments(node: &super::dom::Node) -> bool {
    ["class", "id"].iter().any(|a| {
        node.attr(a).is_some_and(|v| {
            v.split_whitespace()
                .any(|t| segments(t).any(|s| COMMENTS.contains(&s.as_str())))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_judged_by_segment() {
        assert_eq!(token_weight("relatedPosts"), -1);
        assert_eq!(token_weight("social-share__bar"), -1);
        assert_eq!(token_weight("commentary"), 0);
        assert_eq!(token_weight("article-body"), 1);
        assert_eq!(token_weight("article-comments"), -1);
        assert_eq!(token_weight("header"), 0);
        assert_eq!(token_weight("ad-slot2"), -1);
        assert_eq!(token_weight("shadow"), 0);
        assert_eq!(token_weight("social-media-embed"), 0);
        assert_eq!(token_weight("entry-meta"), -1);
        assert_eq!(token_weight("mv-create-has-image"), 0);
    }
}
