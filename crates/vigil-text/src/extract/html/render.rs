//! Turning the chosen subtrees into text: one paragraph per block, `\n` for `<br>`, whitespace
//! collapsed, with a last cleaning of furniture that sits inside the article container.

use std::collections::HashSet;

use super::dom::Dom;
use super::scoring::{BodyGuide, Stats, is_block, text_len};

/// What the renderer needs besides the tree.
pub(super) struct Context<'a> {
    pub dom: &'a Dom,
    pub removed: &'a [bool],
    pub stats: &'a Stats,
    /// When set, blocks that share almost nothing with `articleBody` are dropped.
    pub guide: Option<&'a BodyGuide>,
    pub title: Option<&'a str>,
}

struct Paragraph {
    text: String,
    chars: usize,
    link_chars: usize,
    links: usize,
    matched: f64,
    heading: bool,
    list_item: bool,
}

/// Characters, linked characters and links of one `<br>`-separated line.
#[derive(Default, Clone, Copy)]
struct LineStat {
    chars: usize,
    link_chars: usize,
    links: usize,
}

#[derive(Default)]
struct Buffer {
    text: String,
    chars: usize,
    link_chars: usize,
    links: usize,
    matched: f64,
    heading: bool,
    list_item: bool,
    /// One entry per `<br>`-separated line (text newlines in `<pre>` do not start one).
    lines: Vec<LineStat>,
    in_pre: bool,
}

impl Buffer {
    fn add_text(&mut self, len: usize, linked: bool) {
        self.chars += len;
        if self.lines.is_empty() {
            self.lines.push(LineStat::default());
        }
        if let Some(line) = self.lines.last_mut() {
            line.chars += len;
            if linked {
                line.link_chars += len;
            }
        }
        if linked {
            self.link_chars += len;
        }
    }

    fn add_link(&mut self) {
        self.links += 1;
        if self.lines.is_empty() {
            self.lines.push(LineStat::default());
        }
        if let Some(line) = self.lines.last_mut() {
            line.links += 1;
        }
    }

    fn line_break(&mut self) {
        self.text.push('\n');
        if self.lines.is_empty() {
            self.lines.push(LineStat::default());
        }
        self.lines.push(LineStat::default());
    }

    fn flush(&mut self, out: &mut Vec<Paragraph>) {
        let raw_lines: Vec<&str> = self.text.split('\n').collect();
        let by_line = !self.in_pre && raw_lines.len() > 1 && raw_lines.len() == self.lines.len();
        if !by_line {
            let all = LineStat {
                chars: self.chars,
                link_chars: self.link_chars,
                links: self.links,
            };
            let lines: Vec<String> = raw_lines.iter().map(|l| collapse(l)).collect();
            self.push(out, lines, all);
        } else {
            // A blank line (`<br><br>`) ends a paragraph; an all-link line ("Story [VIDEO]")
            // is a teaser.
            let mut group = Vec::new();
            let mut stat = LineStat::default();
            for (line, &line_stat) in raw_lines.iter().zip(&self.lines) {
                let text = collapse(line);
                if text.is_empty() {
                    if line_stat.chars == 0 {
                        self.push(out, std::mem::take(&mut group), stat);
                        stat = LineStat::default();
                    }
                    continue;
                }
                let teaser =
                    line_stat.chars > 0 && line_stat.link_chars * 10 >= line_stat.chars * 7;
                if teaser {
                    continue;
                }
                group.push(text);
                stat.chars += line_stat.chars;
                stat.link_chars += line_stat.link_chars;
                stat.links += line_stat.links;
            }
            self.push(out, group, stat);
        }
        *self = Buffer::default();
    }

    fn push(&self, out: &mut Vec<Paragraph>, lines: Vec<String>, stat: LineStat) {
        let lines: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            return;
        }
        let share = if self.chars == 0 {
            0.0
        } else {
            stat.chars as f64 / self.chars as f64
        };
        out.push(Paragraph {
            text: lines.join("\n"),
            chars: stat.chars,
            link_chars: stat.link_chars,
            links: stat.links,
            matched: self.matched * share,
            heading: self.heading,
            list_item: self.list_item,
        });
    }
}

pub(super) fn render(ctx: &Context<'_>, roots: &[usize]) -> String {
    let mut paragraphs = Vec::new();
    for &root in roots {
        walk(ctx, root, &mut paragraphs);
    }
    let title_norm = ctx.title.map(normalise);
    // A block that repeats an image's alt text is that image's caption.
    let alts: HashSet<String> = ctx
        .dom
        .nodes
        .iter()
        .filter(|n| n.tag() == Some("img"))
        .filter_map(|n| n.attr("alt"))
        .map(normalise)
        .filter(|a| a.chars().count() >= 12)
        .collect();
    let mut kept = Vec::new();
    // After a "More stories" heading, the list items that follow are the teasers it announces.
    let mut in_teasers = false;
    for p in paragraphs {
        if in_teasers && p.list_item {
            continue;
        }
        in_teasers = super::phrases::is_teaser_heading(&p.text, p.chars);
        let caption = p.chars < 300 && alts.contains(&normalise(&p.text));
        if !in_teasers && !caption && keep(ctx, &p, title_norm.as_deref()) {
            kept.push(p.text);
        }
    }
    kept.join("\n\n")
}

fn walk(ctx: &Context<'_>, root: usize, out: &mut Vec<Paragraph>) {
    let dom = ctx.dom;
    let mut buf = Buffer::default();
    let mut in_link = 0usize;
    let mut in_pre = 0usize;
    // (node, leaving)
    let mut stack = vec![(root, false)];
    while let Some((i, leaving)) = stack.pop() {
        let node = &dom.nodes[i];
        if let Some(t) = node.text() {
            if in_pre > 0 {
                buf.text.push_str(t);
            } else {
                buf.text
                    .extend(t.chars().map(|c| if c.is_whitespace() { ' ' } else { c }));
            }
            // A spelled-out address is a reference the author gives, not navigation.
            let spelled_url = {
                let t = t.trim_start();
                t.starts_with("http") || t.starts_with("www.")
            };
            buf.add_text(text_len(t), in_link > 0 && !spelled_url);
            if let Some(g) = ctx.guide {
                buf.matched += g.matched[i];
            }
            continue;
        }
        let Some(tag) = node.tag() else {
            stack.extend(node.children.iter().rev().map(|&c| (c, false)));
            continue;
        };
        if leaving {
            match tag {
                "a" => in_link = in_link.saturating_sub(1),
                "pre" => in_pre = in_pre.saturating_sub(1),
                _ => {}
            }
            if is_block(tag) {
                buf.flush(out);
            }
            continue;
        }
        if ctx.removed[i] || (i != root && drop_inside(ctx, i, tag)) {
            continue;
        }
        match tag {
            "br" => {
                buf.line_break();
                continue;
            }
            "a" => {
                in_link += 1;
                buf.add_link();
            }
            "pre" => in_pre += 1,
            _ => {}
        }
        if is_block(tag) {
            buf.flush(out);
            buf.in_pre = in_pre > 0;
            buf.heading = matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            buf.list_item = tag == "li";
        }
        stack.push((i, true));
        stack.extend(node.children.iter().rev().map(|&c| (c, false)));
    }
    buf.flush(out);
}

/// Furniture inside the container that class names did not give away: link lists.
fn drop_inside(ctx: &Context<'_>, i: usize, tag: &str) -> bool {
    let st = ctx.stats;
    if st.chars[i] == 0 {
        return false;
    }
    let ld = st.link_density(i);
    match tag {
        "ul" | "ol" | "dl" | "div" | "section" | "table" => ld > 0.5,
        // A cluster of links inside a sentence: a hover card or an inline teaser list.
        // (Only the innermost such span: the outer one also holds the linked name.)
        "span" => {
            let cluster = |k: usize| {
                dom_tag(ctx, k) == Some("span") && st.link_density(k) > 0.8 && st.links[k] >= 3
            };
            cluster(i) && !ctx.dom.nodes[i].children.iter().any(|&c| cluster(c))
        }
        _ => false,
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dom_tag<'a>(ctx: &Context<'a>, i: usize) -> Option<&'a str> {
    ctx.dom.nodes[i].tag()
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn keep(ctx: &Context<'_>, p: &Paragraph, title: Option<&str>) -> bool {
    // Link lines ("Read more: …") but not sentences that link a few names.
    let unlinked = p.chars.saturating_sub(p.link_chars);
    let link_line = (unlinked * 5 < p.chars && (p.links <= 2 || p.chars < 100))
        || (2 * unlinked < p.chars && unlinked < 12);
    if p.chars > 0 && link_line {
        return false;
    }
    if ctx.guide.is_some() && p.chars > 0 && p.matched / (p.chars as f64) < 0.25 {
        return false;
    }
    if super::phrases::is_furniture_text(&p.text, p.chars) {
        return false;
    }
    if p.chars < 200 {
        let n = normalise(&p.text);
        if title.is_some_and(|t| !n.is_empty() && n == t) {
            return false;
        }
        if p.heading && n.is_empty() {
            return false;
        }
    }
    true
}
