//! What a page says about itself: JSON-LD, `<meta>` tags, `<h1>`, `<title>`, `<time>`.
//!
//! Structured data is preferred (publishers fill it for search engines, so it is usually the
//! cleanest), then Open Graph and other meta tags, then the visible markup.

use serde_json::Value;

use super::dom::Dom;

/// The article object found in the page's JSON-LD, if any.
#[derive(Debug, Default)]
pub(super) struct LdArticle {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub body: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct Metadata {
    pub title: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
    /// JSON-LD `articleBody`: a strong hint of where the article is in the page.
    pub article_body: Option<String>,
    /// The address the page gives for itself (`og:url`).
    pub url: Option<String>,
}

pub(super) fn read(dom: &Dom) -> Metadata {
    let ld = json_ld_article(&dom.head.json_ld);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|key| {
            dom.head
                .metas
                .iter()
                .find(|(k, v)| k == key && !v.trim().is_empty())
                .map(|(_, v)| collapse(v))
        })
    };
    let site_name = meta(&["og:site_name", "application-name"]);
    let title = ld
        .headline
        .clone()
        .or_else(|| meta(&["og:title", "twitter:title"]))
        .or_else(|| {
            // A first `<h1>` that the `<title>` does not repeat is a logo, not the headline.
            let h1 = first_text_of(dom, "h1")?;
            let confirmed = dom
                .head
                .title
                .as_deref()
                .is_none_or(|t| collapse(t).to_lowercase().contains(&h1.to_lowercase()));
            confirmed.then_some(h1)
        })
        .or_else(|| dom.head.title.as_deref().map(collapse))
        .map(|t| strip_site_suffix(&t, site_name.as_deref()))
        .filter(|t| !t.is_empty());
    // In order of trust; the first one written as an ISO date wins, else the first at all.
    let published_candidates = [
        ld.published.clone(),
        meta(&[
            "article:published_time",
            "article:published",
            "og:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "date",
        ]),
        first_time(dom),
    ];
    let published = published_candidates
        .iter()
        .flatten()
        .filter(|d| !is_placeholder_date(d))
        .find(|d| is_iso_date(d))
        .or_else(|| {
            published_candidates
                .iter()
                .flatten()
                .find(|d| !is_placeholder_date(d))
        })
        .cloned();
    let author = ld
        .author
        .clone()
        .or_else(|| {
            meta(&[
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
                "byl",
            ])
        })
        .filter(|a| !a.starts_with("http"))
        .map(|a| strip_by(&a));
    let lang = dom
        .head
        .lang
        .as_deref()
        .and_then(primary_subtag)
        .or_else(|| {
            meta(&["content-language", "og:locale", "dc.language", "language"])
                .as_deref()
                .and_then(primary_subtag)
        });
    Metadata {
        title,
        published,
        author,
        lang,
        article_body: ld.body,
        url: meta(&["og:url", "twitter:url"]).filter(|u| u.starts_with("http")),
    }
}

/// CMS defaults such as `0001-01-01T00:00:00Z`: an ISO date before the web.
fn is_placeholder_date(s: &str) -> bool {
    is_iso_date(s) && s.trim()[..4] < *"1990"
}

/// Starts like `2019-11-19`.
fn is_iso_date(s: &str) -> bool {
    let b = s.trim().as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// `"pt-BR"` → `"pt"`; rejects values that are not language tags.
fn primary_subtag(lang: &str) -> Option<String> {
    let primary = lang.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    ok.then_some(primary)
}

/// Collapses runs of whitespace to single spaces and trims.
pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// JSON-LD strings are raw script text, so publishers' HTML escaping (`&#8216;`, `&amp;`) and
/// stray tags survive in them: this reads such a string as HTML text.
fn unescape(s: &str) -> String {
    if !s.contains(['&', '<']) {
        return s.to_string();
    }
    let dom = Dom::parse(s);
    dom.nodes.iter().filter_map(|n| n.text()).collect()
}

/// Drops a "By " in front of an author's name.
fn strip_by(name: &str) -> String {
    let trimmed = name.trim();
    for prefix in ["by:", "by ", "por ", "von ", "par "] {
        if trimmed.len() > prefix.len()
            && trimmed.is_char_boundary(prefix.len())
            && trimmed[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            return trimmed[prefix.len()..].trim().to_string();
        }
    }
    trimmed.to_string()
}

/// Drops a trailing (or leading) " | Site" part: a segment equal to the site name, or a short
/// segment beside a much longer one.
fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    const SEPS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "];
    let mut title = title.trim().to_string();
    for _ in 0..3 {
        let Some((sep_at, sep)) = SEPS
            .iter()
            .filter_map(|s| title.rfind(s).map(|i| (i, *s)))
            .max_by_key(|(i, _)| *i)
        else {
            break;
        };
        let (head, tail) = (&title[..sep_at], &title[sep_at + sep.len()..]);
        let is_site = site_name.is_some_and(|s| s.trim().eq_ignore_ascii_case(tail.trim()));
        let short_tail =
            tail.chars().count() <= 30 && head.chars().count() >= 2 * tail.chars().count();
        if is_site || short_tail {
            title = head.trim().to_string();
        } else {
            break;
        }
    }
    title
}

fn first_text_of(dom: &Dom, tag: &str) -> Option<String> {
    let idx = (0..dom.nodes.len()).find(|&i| dom.nodes[i].tag() == Some(tag))?;
    let mut out = String::new();
    for d in dom.descendants(idx) {
        if let Some(t) = dom.nodes[d].text() {
            out.push_str(t);
            out.push(' ');
        }
    }
    let text = collapse(&out);
    (!text.is_empty()).then_some(text)
}

fn first_time(dom: &Dom) -> Option<String> {
    dom.nodes.iter().find_map(|n| {
        (n.tag() == Some("time"))
            .then(|| n.attr("datetime"))
            .flatten()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string)
    })
}

/// Finds the first Article-like object in the JSON-LD blocks (plain, arrays, `@graph`).
fn json_ld_article(blocks: &[String]) -> LdArticle {
    let mut out = LdArticle::default();
    for block in blocks {
        let Some(value) = parse_lenient(block) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    if map.get("@type").is_some_and(is_article_type) {
                        fill(&mut out, map);
                    }
                    if let Some(main) = map.get("mainEntity") {
                        stack.push(main);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Parses a JSON-LD block, repairing what publishers commonly get wrong: raw line breaks
/// inside strings, HTML comment or CDATA wrappers, trailing commas.
fn parse_lenient(block: &str) -> Option<Value> {
    let trimmed = block.trim();
    if let Ok(v) = serde_json::from_str(trimmed) {
        return Some(v);
    }
    let mut text = trimmed.to_string();
    for wrapper in ["<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"] {
        text = text.replace(wrapper, "");
    }
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // A comma followed only by whitespace before a closing bracket goes.
    let chars: Vec<char> = text.chars().collect();
    let text: String = chars
        .iter()
        .enumerate()
        .filter(|&(k, &c)| {
            c != ','
                || !matches!(
                    chars[k + 1..].iter().find(|n| !n.is_whitespace()),
                    Some('}' | ']')
                )
        })
        .map(|(_, &c)| c)
        .collect();
    serde_json::from_str(text.trim()).ok()
}

fn is_article_type(t: &Value) -> bool {
    let one = |s: &str| {
        let s = s.rsplit('/').next().unwrap_or(s);
        s.ends_with("Article")
            || s.ends_with("Posting")
            || matches!(
                s,
                "Report" | "ReportageNews" | "WebPage" | "LiveBlogPosting"
            )
    };
    match t {
        Value::String(s) => one(s),
        Value::Array(items) => items.iter().any(|i| i.as_str().is_some_and(one)),
        _ => false,
    }
}

fn fill(out: &mut LdArticle, map: &serde_json::Map<String, Value>) {
    let text = |key: &str| {
        map.get(key)
            .and_then(Value::as_str)
            .map(|s| collapse(&unescape(s)))
            .filter(|s| !s.is_empty())
    };
    let is_page = map.get("@type").and_then(Value::as_str) == Some("WebPage");
    if !is_page && out.headline.is_none() {
        out.headline = text("headline").or_else(|| text("name"));
    }
    if out.published.is_none() {
        out.published = text("datePublished").or_else(|| text("dateCreated"));
    }
    if out.author.is_none() {
        out.author = map.get("author").and_then(author_names);
    }
    if out.body.is_none() {
        out.body = map
            .get("articleBody")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(unescape);
    }
}

fn author_names(v: &Value) -> Option<String> {
    let name = |v: &Value| match v {
        Value::String(s) => Some(collapse(&unescape(s))),
        Value::Object(m) => m
            .get("name")
            .and_then(Value::as_str)
            .map(|s| collapse(&unescape(s))),
        _ => None,
    };
    let names: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(name).collect(),
        other => name(other).into_iter().collect(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix_is_stripped_only_when_short() {
        assert_eq!(
            strip_site_suffix("Floods displace thousands in Sindh | Dawn", None),
            "Floods displace thousands in Sindh"
        );
        assert_eq!(
            strip_site_suffix("Наводнение в Якутии - Новости - Медиа", Some("Медиа")),
            "Наводнение в Якутии"
        );
        assert_eq!(strip_site_suffix("Left - Right", None), "Left - Right");
    }

    #[test]
    fn json_ld_strings_are_unescaped() {
        let blocks = vec![
            r#"{"@type":"BlogPosting","headline":"&#8216;Light&#8217; festival &amp; more","author":"By Regan"}"#
                .to_string(),
        ];
        let ld = json_ld_article(&blocks);
        assert_eq!(ld.headline.as_deref(), Some("‘Light’ festival & more"));
        assert_eq!(strip_by(ld.author.as_deref().unwrap_or("")), "Regan");
    }

    #[test]
    fn broken_json_ld_is_repaired() {
        let block = "<!--\n{\"@type\": \"NewsArticle\", \"headline\": \"Two\nlines\",\n \"datePublished\": \"2020-01-02\",}\n-->";
        let ld = json_ld_article(&[block.to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("Two lines"));
        assert_eq!(ld.published.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn dates_prefer_iso_and_skip_placeholders() {
        assert!(is_iso_date("2019-11-19T10:00:00Z"));
        assert!(!is_iso_date("19 Nov 2019 07:09 GMT"));
        assert!(is_placeholder_date("0001-01-01T00:00:00Z"));
        assert!(!is_placeholder_date("2019-11-19"));
    }

    #[test]
    fn language_tag_keeps_primary_subtag() {
        assert_eq!(primary_subtag("pt-BR").as_deref(), Some("pt"));
        assert_eq!(primary_subtag("AR").as_deref(), Some("ar"));
        assert_eq!(primary_subtag("{{lang}}"), None);
    }
}
