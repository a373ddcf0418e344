//! The tree html5ever builds into: a plain vector of nodes addressed by index.
//!
//! html5ever implements the WHATWG tree construction (foster parenting, the adoption agency,
//! implied tags), so malformed pages come out as a browser would build them. Only what the
//! extraction reads is kept: elements with their attributes, and text.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::sync::LazyLock;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, ParseOpts, QualName};

pub(super) enum Kind {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        /// The separate fragment holding a `<template>`'s content.
        template: Option<usize>,
    },
    Text(StrTendril),
    /// Comments, processing instructions: kept in place, never read.
    Other,
}

pub(super) struct RawNode {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub kind: Kind,
}

/// Parses a whole document; node 0 is the document.
pub(super) fn parse(html: &str) -> Vec<RawNode> {
    let sink = Sink {
        nodes: RefCell::new(vec![RawNode {
            parent: None,
            children: Vec::new(),
            kind: Kind::Document,
        }]),
    };
    html5ever::parse_document(sink, ParseOpts::default()).one(html)
}

/// The name of a handle that is not an element (html5ever never asks for one).
static UNNAMED: LazyLock<QualName> =
    LazyLock::new(|| QualName::new(None, html5ever::ns!(), html5ever::local_name!("")));

struct Sink {
    nodes: RefCell<Vec<RawNode>>,
}

impl Sink {
    fn push(&self, kind: Kind) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(RawNode {
            parent: None,
            children: Vec::new(),
            kind,
        });
        nodes.len() - 1
    }

    fn detach(nodes: &mut [RawNode], target: usize) {
        let Some(parent) = nodes.get(target).and_then(|n| n.parent) else {
            return;
        };
        if let Some(p) = nodes.get_mut(parent) {
            // Moved nodes are most often the last children of their parent.
            if let Some(k) = p.children.iter().rposition(|&c| c == target) {
                p.children.remove(k);
            }
        }
        if let Some(t) = nodes.get_mut(target) {
            t.parent = None;
        }
    }

    /// Inserts `child` among `parent`'s children, before `before` (a child of `parent`) or at
    /// the end, merging text into a text neighbour as the DOM does.
    fn insert(&self, parent: usize, before: Option<usize>, child: NodeOrText<usize>) {
        let mut nodes = self.nodes.borrow_mut();
        if let NodeOrText::AppendNode(node) = &child {
            Self::detach(&mut nodes, *node);
        }
        let Some(siblings) = nodes.get(parent).map(|p| &p.children) else {
            return;
        };
        let at = before
            // From the end: foster parenting inserts before a table that is usually the last child.
            .and_then(|b| siblings.iter().rposition(|&c| c == b))
            .unwrap_or(siblings.len());
        let previous = at.checked_sub(1).and_then(|k| siblings.get(k)).copied();
        let idx = match child {
            NodeOrText::AppendText(text) => {
                if let Some(prev) = previous
                    && let Some(RawNode {
                        kind: Kind::Text(t),
                        ..
                    }) = nodes.get_mut(prev)
                {
                    t.push_tendril(&text);
                    return;
                }
                nodes.push(RawNode {
                    parent: None,
                    children: Vec::new(),
                    kind: Kind::Text(text),
                });
                nodes.len() - 1
            }
            NodeOrText::AppendNode(node) => node,
        };
        if let Some(n) = nodes.get_mut(idx) {
            n.parent = Some(parent);
        }
        if let Some(p) = nodes.get_mut(parent) {
            p.children.insert(at, idx);
        }
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Vec<RawNode>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Vec<RawNode> {
        self.nodes.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| match nodes.get(*target) {
            Some(RawNode {
                kind: Kind::Element { name, .. },
                ..
            }) => name,
            _ => &UNNAMED,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let template = flags.template.then(|| self.push(Kind::Document));
        self.push(Kind::Element {
            name,
            attrs,
            template,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.push(Kind::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.push(Kind::Other)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insert(*parent, None, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        let has_parent = self
            .nodes
            .borrow()
            .get(*element)
            .is_some_and(|n| n.parent.is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
    }

    fn get_template_contents(&self, target: &usize) -> usize {
        match self.nodes.borrow().get(*target) {
            Some(RawNode {
                kind: Kind::Element {
                    template: Some(t), ..
                },
                ..
            }) => *t,
            _ => *target,
        }
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let parent = self.nodes.borrow().get(*sibling).and_then(|s| s.parent);
        if let Some(parent) = parent {
            self.insert(parent, Some(*sibling), new_node);
        }
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(RawNode {
            kind: Kind::Element { attrs: have, .. },
            ..
        }) = nodes.get_mut(*target)
        {
            for attr in attrs {
                if !have.iter().any(|a| a.name == attr.name) {
                    have.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let Some(children) = nodes
            .get_mut(*node)
            .map(|n| std::mem::take(&mut n.children))
        else {
            return;
        };
        for &c in &children {
            if let Some(n) = nodes.get_mut(c) {
                n.parent = Some(*new_parent);
            }
        }
        if let Some(p) = nodes.get_mut(*new_parent) {
            p.children.extend(children);
        }
    }
}
