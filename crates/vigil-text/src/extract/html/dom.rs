//! A flat, pre-order arena copy of the parsed page: the extraction passes walk it by index, so
//! nothing recurses, and subtrees that never hold text (scripts, styles, SVG) are left out.

use scraper::Html;
use scraper::node::Node as ParsedNode;

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
        let parsed = Html::parse_document(html);
        let mut nodes = vec![Node {
            parent: None,
            children: Vec::new(),
            depth: 0,
            data: Data::Root,
        }];
        let mut head = Head::default();
        // Arena index each open parsed node maps to; `None` when it was flattened or dropped.
        let mut stack: Vec<Option<usize>> = Vec::new();
        let mut current = 0usize;
        let mut skipping = 0usize;
        for edge in parsed.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node_ref) => match node_ref.value() {
                    ParsedNode::Element(el) => {
                        let name = el.name();
                        collect_head(name, el, node_ref, &mut head);
                        if skipping > 0 {
                            skipping += 1;
                            stack.push(None);
                            continue;
                        }
                        if DROPPED.contains(&name) {
                            skipping = 1;
                            stack.push(None);
                            continue;
                        }
                        let depth = nodes[current].depth + 1;
                        if depth > MAX_DEPTH {
                            stack.push(None);
                            continue;
                        }
                        let attrs = el
                            .attrs()
                            .filter(|(k, _)| KEPT_ATTRS.contains(k))
                            .map(|(k, v)| (Box::from(k), Box::from(v)))
                            .collect();
                        let idx = nodes.len();
                        nodes.push(Node {
                            parent: Some(current),
                            children: Vec::new(),
                            depth,
                            data: Data::Element {
                                tag: Box::from(name),
                                attrs,
                            },
                        });
                        nodes[current].children.push(idx);
                        stack.push(Some(current));
                        current = idx;
                    }
                    ParsedNode::Text(t) if skipping == 0 => {
                        // Adjacent text nodes (split by a flattened element) are merged.
                        if let Some(&last) = nodes[current].children.last()
                            && let Data::Text(prev) = &mut nodes[last].data
                        {
                            prev.push_str(t);
                            continue;
                        }
                        let idx = nodes.len();
                        let depth = nodes[current].depth + 1;
                        nodes.push(Node {
                            parent: Some(current),
                            children: Vec::new(),
                            depth,
                            data: Data::Text(t.to_string()),
                        });
                        nodes[current].children.push(idx);
                    }
                    _ => {}
                },
                ego_tree::iter::Edge::Close(node_ref) => {
                    if node_ref.value().is_element() {
                        match stack.pop() {
                            Some(Some(parent)) => current = parent,
                            Some(None) => skipping = skipping.saturating_sub(1),
                            None => {}
                        }
                    }
                }
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

fn collect_head(
    name: &str,
    el: &scraper::node::Element,
    node_ref: ego_tree::NodeRef<'_, ParsedNode>,
    head: &mut Head,
) {
    match name {
        "html" if head.lang.is_none() => {
            head.lang = el.attr("lang").map(str::to_string);
        }
        "title" => {
            // Not the `<title>` of an inline SVG drawing.
            let in_head = node_ref
                .parent()
                .and_then(|p| p.value().as_element().map(|e| e.name() == "head"))
                .unwrap_or(false);
            if head.title.is_none() && in_head {
                head.title = Some(node_text(node_ref));
            }
        }
        "meta" => {
            let key = el
                .attr("property")
                .or_else(|| el.attr("name"))
                .or_else(|| el.attr("itemprop"));
            if let (Some(key), Some(content)) = (key, el.attr("content")) {
                head.metas
                    .push((key.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
        "script" => {
            let is_ld = el
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            if is_ld {
                head.json_ld.push(node_text(node_ref));
            }
        }
        _ => {}
    }
}

fn node_text(node_ref: ego_tree::NodeRef<'_, ParsedNode>) -> String {
    let mut out = String::new();
    for d in node_ref.descendants() {
        if let ParsedNode::Text(t) = d.value() {
            out.push_str(t);
        }
    }
    out
}
