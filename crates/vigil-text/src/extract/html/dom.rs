//! A flat, pre-order arena copy of the parsed page: the extraction passes walk it by index, so
//! nothing recurses, and subtrees that never hold text (scripts, styles, SVG) are left out.

use super::depth;
use super::sink::{self, Kind, RawNode};

/// Deeper elements are flattened into their ancestor at this depth, as browsers' tree builders
/// do; the walks are iterative anyway, this only bounds the work pathological pages cause.
const MAX_DEPTH: usize = 512;

/// Elements whose content is never page text. Scripts are kept only for JSON-LD.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "title", "iframe", "object", "embed",
    "canvas", "video", "audio", "select", "textarea", "button", "input", "option", "link", "meta",
];

/// Attributes the extraction looks at; the rest are not copied.
const KEPT_ATTRS: &[&str] = &[
    "id",
    "class",
    "role",
    "itemprop",
    "hidden",
    "style",
    "aria-hidden",
    "datetime",
    "rel",
    "lang",
    "type",
    "alt",
];

#[derive(Debug)]
pub(super) enum Data {
    Root,
    Element {
        tag: Box<str>,
        attrs: Vec<(Box<str>, Box<str>)>,
    },
    Text(String),
}

#[derive(Debug)]
pub(super) struct Node {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub depth: usize,
    pub data: Data,
}

impl Node {
    pub fn tag(&self) -> Option<&str> {
        match &self.data {
            Data::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        match &self.data {
            Data::Element { attrs, .. } => {
                attrs.iter().find(|(k, _)| &**k == name).map(|(_, v)| &**v)
            }
            _ => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match &self.data {
            Data::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// The page's head-level facts collected while copying, and the body arena.
#[derive(Debug, Default)]
pub(super) struct Head {
    pub title: Option<String>,
    /// `(name or property, content)` of every `<meta>`, names lower-cased.
    pub metas: Vec<(String, String)>,
    pub json_ld: Vec<String>,
    pub lang: Option<String>,
}

pub(super) struct Dom {
    pub nodes: Vec<Node>,
    pub head: Head,
    /// The first `<h1>` of the body, normally the headline.
    pub first_h1: Option<usize>,
}

impl Dom {
    pub fn parse(html: &str) -> Dom {
        let raw = sink::parse(&depth::cap_nesting(html));
        let mut nodes = vec![Node {
            parent: None,
            children: Vec::new(),
            depth: 0,
            data: Data::Root,
        }];
        let mut head = Head::default();
        // (raw node, arena parent it attaches to, leaving?): an explicit stack, no recursion.
        let mut stack: Vec<(usize, usize)> = raw
            .first()
            .map(|d| d.children.iter().rev().map(|&c| (c, 0)).collect())
            .unwrap_or_default();
        while let Some((r, parent)) = stack.pop() {
            let Some(node) = raw.get(r) else { continue };
            match &node.kind {
                Kind::Element { name, attrs, .. } => {
                    let tag: &str = &name.local;
                    let attr = |k: &str| {
                        attrs
                            .iter()
                            .find(|a| &*a.name.local == k)
                            .map(|a| &*a.value)
                    };
                    collect_head(&raw, r, tag, &attr, &mut head);
                    if DROPPED.contains(&tag) {
                        continue;
                    }
                    let depth = nodes[parent].depth + 1;
                    // Too deep: the children attach to the ancestor at the cap instead.
                    let here = if depth > MAX_DEPTH {
                        parent
                    } else {
                        let kept = attrs
                            .iter()
                            .filter(|a| KEPT_ATTRS.contains(&&*a.name.local))
                            .map(|a| (Box::from(&*a.name.local), Box::from(&*a.value)))
                            .collect();
                        let idx = nodes.len();
                        nodes.push(Node {
                            parent: Some(parent),
                            children: Vec::new(),
                            depth,
                            data: Data::Element {
                                tag: Box::from(tag),
                                attrs: kept,
                            },
                        });
                        nodes[parent].children.push(idx);
                        idx
                    };
                    stack.extend(node.children.iter().rev().map(|&c| (c, here)));
                }
                Kind::Text(t) => {
                    // Adjacent text nodes (split by a flattened or dropped element) are merged.
                    if let Some(&last) = nodes[parent].children.last()
                        && let Data::Text(prev) = &mut nodes[last].data
                    {
                        prev.push_str(t);
                        continue;
                    }
                    let idx = nodes.len();
                    let depth = nodes[parent].depth + 1;
                    nodes.push(Node {
                        parent: Some(parent),
                        children: Vec::new(),
                        depth,
                        data: Data::Text(t.to_string()),
                    });
                    nodes[parent].children.push(idx);
                }
                Kind::Document | Kind::Other => {}
            }
        }
        let first_h1 = nodes.iter().position(|n| n.tag() == Some("h1"));
        Dom {
            nodes,
            head,
            first_h1,
        }
    }

    /// Pre-order indices of the subtree rooted at `root` (including it).
    pub fn descendants(&self, root: usize) -> impl Iterator<Item = usize> + '_ {
        let mut stack = vec![root];
        std::iter::from_fn(move || {
            let next = stack.pop()?;
            if let Some(node) = self.nodes.get(next) {
                stack.extend(node.children.iter().rev());
            }
            Some(next)
        })
    }

    pub fn ancestors(&self, idx: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = self.nodes.get(idx).and_then(|n| n.parent);
        std::iter::from_fn(move || {
            let here = cur?;
            cur = self.nodes.get(here).and_then(|n| n.parent);
            Some(here)
        })
    }
}

fn collect_head<'a>(
    raw: &[RawNode],
    r: usize,
    tag: &str,
    attr: &dyn Fn(&str) -> Option<&'a str>,
    head: &mut Head,
) {
    match tag {
        "html" if head.lang.is_none() => {
            head.lang = attr("lang").map(str::to_string);
        }
        "title" => {
            // Not the `<title>` of an inline SVG drawing.
            let in_head = raw
                .get(r)
                .and_then(|n| n.parent)
                .and_then(|p| raw.get(p))
                .is_some_and(
                    |p| matches!(&p.kind, Kind::Element { name, .. } if &*name.local == "head"),
                );
            if head.title.is_none() && in_head {
                head.title = Some(raw_text(raw, r));
            }
        }
        "meta" => {
            // One tag may name its value several ways (`property` and `itemprop="a b"`).
            if let Some(content) = attr("content") {
                let keys = ["property", "name", "itemprop", "http-equiv"]
                    .into_iter()
                    .filter_map(attr)
                    .flat_map(str::split_whitespace);
                for key in keys {
                    head.metas
                        .push((key.to_ascii_lowercase(), content.to_string()));
                }
            }
        }
        "script" => {
            let is_ld =
                attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            if is_ld {
                head.json_ld.push(raw_text(raw, r));
            }
        }
        _ => {}
    }
}

/// All text under a raw node, in document order.
fn raw_text(raw: &[RawNode], root: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        let Some(node) = raw.get(i) else { continue };
        if let Kind::Text(t) = &node.kind {
            out.push_str(t);
        }
        stack.extend(node.children.iter().rev());
    }
    out
}
