//! Finding the article container: text-density and link-density scoring of blocks, the best
//! container and the siblings that continue it, with JSON-LD `articleBody` as a guide.
//!
//! Lengths count characters (CJK ideographs and kana twice, as one carries about as much as a
//! short word), never whitespace-separated words, so Chinese and Thai pages are not penalised.

use std::collections::HashSet;

use super::boilerplate::class_weight;
use super::dom::Dom;

/// Elements that start a new block of text when rendered.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "header",
    "footer",
    "aside",
    "nav",
    "form",
    "hr",
    "address",
    "center",
    "details",
    "summary",
    "caption",
    "body",
    "html",
    "fieldset",
    "hgroup",
    "menu",
    "dialog",
];

pub(super) fn is_block(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag)
}

/// The weight of one character in length measures.
pub(super) fn char_weight(c: char) -> usize {
    if c.is_whitespace() {
        0
    } else if is_wide(c) {
        2
    } else {
        1
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF)
}

pub(super) fn text_len(s: &str) -> usize {
    s.chars().map(char_weight).sum()
}

fn commas(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(c, ',' | '，' | '、' | '،' | '؛' | ';'))
        .count()
}

/// Per-node measures over the non-removed part of each subtree.
pub(super) struct Stats {
    pub chars: Vec<usize>,
    pub link_chars: Vec<usize>,
    /// Number of `<a>` elements.
    pub links: Vec<usize>,
    /// Characters of text reached without crossing a block element: the node's own paragraph.
    pub inline_chars: Vec<usize>,
    pub inline_commas: Vec<usize>,
}

impl Stats {
    pub fn link_density(&self, i: usize) -> f64 {
        if self.chars[i] == 0 {
            0.0
        } else {
            self.link_chars[i] as f64 / self.chars[i] as f64
        }
    }
}

pub(super) fn stats(dom: &Dom, removed: &[bool]) -> Stats {
    let n = dom.nodes.len();
    let mut s = Stats {
        chars: vec![0; n],
        link_chars: vec![0; n],
        links: vec![0; n],
        inline_chars: vec![0; n],
        inline_commas: vec![0; n],
    };
    for i in (0..n).rev() {
        if removed[i] {
            continue;
        }
        let node = &dom.nodes[i];
        if let Some(t) = node.text() {
            let len = text_len(t);
            let c = commas(t);
            s.chars[i] = len;
            s.inline_chars[i] = len;
            s.inline_commas[i] = c;
        }
        if node.tag() == Some("a") {
            s.link_chars[i] = s.chars[i];
            s.links[i] += 1;
        }
        let Some(p) = node.parent else { continue };
        s.links[p] += s.links[i];
        s.chars[p] += s.chars[i];
        s.link_chars[p] += s.link_chars[i];
        let inline = node.tag().is_none_or(|t| !is_block(t));
        if inline {
            s.inline_chars[p] += s.inline_chars[i];
            s.inline_commas[p] += s.inline_commas[i];
        }
    }
    s
}

/// The chosen article: the container and which of its parent's children belong to it.
pub(super) struct Choice {
    /// Roots of the subtrees to render, in document order.
    pub roots: Vec<usize>,
}

/// Shortest own text that makes an element a paragraph for scoring.
const MIN_PARAGRAPH: usize = 25;

pub(super) fn choose(dom: &Dom, removed: &[bool], st: &Stats) -> Option<Choice> {
    let n = dom.nodes.len();
    let mut score = vec![0f64; n];
    let mut scored = vec![false; n];
    for (i, &gone) in removed.iter().enumerate() {
        if gone || st.inline_chars[i] < MIN_PARAGRAPH {
            continue;
        }
        let Some(tag) = dom.nodes[i].tag() else {
            continue;
        };
        if !is_block(tag) || matches!(tag, "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt") {
            continue;
        }
        let own = 1.0 + st.inline_commas[i] as f64 + (st.inline_chars[i] as f64 / 100.0).min(3.0);
        for (level, anc) in std::iter::once(i)
            .chain(dom.ancestors(i))
            .skip(1)
            .take(5)
            .enumerate()
        {
            if dom.nodes[anc].tag().is_none() {
                break;
            }
            if !scored[anc] {
                scored[anc] = true;
                score[anc] = initial_score(dom, anc);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[anc] += own / divider;
        }
    }
    let mut candidates: Vec<usize> = (0..n).filter(|&i| scored[i]).collect();
    for &c in &candidates {
        score[c] *= 1.0 - st.link_density(c);
    }
    candidates.sort_by(|a, b| score[*b].total_cmp(&score[*a]));
    let mut top = *candidates.first()?;
    let top_score = score[top];

    // Several near-best candidates under one ancestor: the article is that ancestor.
    let alternatives: Vec<usize> = candidates
        .iter()
        .skip(1)
        .take(5)
        .copied()
        .filter(|&c| score[c] >= 0.75 * top_score)
        .collect();
    if alternatives.len() >= 3 {
        for anc in dom.ancestors(top) {
            if dom.nodes[anc].tag().is_none() || matches!(dom.nodes[anc].tag(), Some("body")) {
                break;
            }
            let holding = alternatives
                .iter()
                .filter(|&&a| dom.ancestors(a).any(|x| x == anc))
                .count();
            if holding >= 3 {
                top = anc;
                break;
            }
        }
    }
    // Climb while the parent scores better, then while it adds nothing.
    let mut last = score[top];
    let threshold = last / 3.0;
    let mut cur = dom.nodes[top].parent;
    while let Some(p) = cur {
        if matches!(dom.nodes[p].tag(), None | Some("body") | Some("html")) {
            break;
        }
        if scored[p] {
            if score[p] < threshold {
                break;
            }
            if score[p] > last {
                top = p;
                break;
            }
            last = score[p];
        }
        cur = dom.nodes[p].parent;
    }
    while let Some(p) = dom.nodes[top].parent {
        if matches!(dom.nodes[p].tag(), None | Some("body") | Some("html")) {
            break;
        }
        if st.chars[p] > st.chars[top] {
            break;
        }
        top = p;
    }
    Some(Choice {
        roots: with_siblings(dom, removed, st, &score, top),
    })
}

fn initial_score(dom: &Dom, i: usize) -> f64 {
    let base = match dom.nodes[i].tag().unwrap_or("") {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    base + class_weight(dom, i) as f64
}

/// The top candidate plus those of its siblings that look like more of the same article.
fn with_siblings(dom: &Dom, removed: &[bool], st: &Stats, score: &[f64], top: usize) -> Vec<usize> {
    let Some(parent) = dom.nodes[top].parent else {
        return vec![top];
    };
    let threshold = (score[top] * 0.2).max(10.0);
    let top_class = dom.nodes[top].attr("class");
    let mut roots = Vec::new();
    for &s in &dom.nodes[parent].children {
        if s == top {
            roots.push(s);
            continue;
        }
        if removed[s] || st.chars[s] == 0 {
            continue;
        }
        let bonus = if top_class.is_some() && dom.nodes[s].attr("class") == top_class {
            score[top] * 0.2
        } else {
            0.0
        };
        if score[s] + bonus >= threshold && score[s] > 0.0 {
            roots.push(s);
            continue;
        }
        let paragraph_like = dom.nodes[s].tag() == Some("p")
            || (st.inline_chars[s] * 10 >= st.chars[s] * 9 && dom.nodes[s].tag() == Some("div"));
        if paragraph_like {
            let ld = st.link_density(s);
            let len = st.chars[s];
            let ends_sentence = sibling_text(dom, s)
                .trim_end()
                .ends_with(['.', '。', '!', '?']);
            if (len > 80 && ld < 0.25) || (len > 0 && ld == 0.0 && ends_sentence) {
                roots.push(s);
            }
        }
    }
    roots
}

fn sibling_text(dom: &Dom, i: usize) -> String {
    let mut out = String::new();
    for d in dom.descendants(i) {
        if let Some(t) = dom.nodes[d].text() {
            out.push_str(t);
        }
    }
    out
}

/// Tokens as the benchmark and most readers see words: runs of letters, digits and `_`.
pub(super) fn word_tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
}

/// How much of each text node the JSON-LD `articleBody` also holds, as matched characters.
pub(super) struct BodyGuide {
    pub matched: Vec<f64>,
    pub body_chars: usize,
}

/// Marks text nodes whose word pairs appear in `articleBody`, summed up the tree.
pub(super) fn body_guide(dom: &Dom, removed: &[bool], body: &str) -> BodyGuide {
    let tokens: Vec<&str> = word_tokens(body).collect();
    let unigrams: HashSet<&str> = tokens.iter().copied().collect();
    let bigrams: HashSet<(&str, &str)> = tokens.windows(2).map(|w| (w[0], w[1])).collect();
    let n = dom.nodes.len();
    let mut matched = vec![0f64; n];
    for i in (0..n).rev() {
        if removed[i] {
            continue;
        }
        if let Some(t) = dom.nodes[i].text() {
            let toks: Vec<&str> = word_tokens(t).collect();
            let hits = match toks.len() {
                0 => 0,
                1 => usize::from(unigrams.contains(toks[0])),
                len => (0..len)
                    .filter(|&k| {
                        (k > 0 && bigrams.contains(&(toks[k - 1], toks[k])))
                            || (k + 1 < len && bigrams.contains(&(toks[k], toks[k + 1])))
                    })
                    .count(),
            };
            if hits > 0 {
                matched[i] = text_len(t) as f64 * hits as f64 / toks.len() as f64;
            }
        }
        if let Some(p) = dom.nodes[i].parent {
            matched[p] += matched[i];
        }
    }
    BodyGuide {
        matched,
        body_chars: text_len(body),
    }
}

/// The element whose text best agrees with `articleBody` (F1 over matched characters), with
/// its precision, when the agreement is good enough to trust.
pub(super) fn guided_choice(dom: &Dom, st: &Stats, guide: &BodyGuide) -> Option<(usize, f64)> {
    if guide.body_chars < 200 {
        return None;
    }
    let mut best: Option<(usize, f64, f64)> = None;
    for i in 0..dom.nodes.len() {
        if dom.nodes[i].tag().is_none() || st.chars[i] == 0 {
            continue;
        }
        let m = guide.matched[i];
        let precision = m / st.chars[i] as f64;
        let recall = (m / guide.body_chars as f64).min(1.0);
        if precision + recall == 0.0 {
            continue;
        }
        let f1 = 2.0 * precision * recall / (precision + recall);
        if best.is_none_or(|(_, b, _)| f1 > b) {
            best = Some((i, f1, precision));
        }
    }
    best.filter(|(_, f1, _)| *f1 >= 0.6).map(|(i, _, p)| (i, p))
}
