//! `vigil facts`: what the stored reports state, each with its passage; with `--story`, the
//! story's facts grouped by subject with disagreements between sources flagged.

use std::io::Write;

use anyhow::bail;
use vigil_engine::facts::GroupValue;
use vigil_engine::facts::by_story;
use vigil_engine::store::{SqliteStore, Store};
use vigil_facts::{Detail, Fact, Kind};

use super::{Status, get_document};
use crate::output::{Table, clip, json_line};

pub fn run(
    store: &SqliteStore,
    doc: Option<&str>,
    story: Option<&str>,
    kind: Option<&str>,
    json: bool,
) -> anyhow::Result<Status> {
    let kind = match kind {
        None => None,
        Some(k) => match Kind::parse(k) {
            Some(k) => Some(k),
            None => bail!(
                "unknown fact kind {k:?}; kinds are {}",
                Kind::ALL.map(Kind::as_str).join(", ")
            ),
        },
    };
    if let Some(doc) = doc {
        get_document(store, doc)?;
    }
    match story {
        Some(story) => story_facts(store, story, doc, kind, json),
        None => list(&store.facts(doc, kind)?, json),
    }
}

fn list(facts: &[Fact], json: bool) -> anyhow::Result<Status> {
    let mut out = std::io::stdout().lock();
    if json {
        for f in facts {
            json_line(&mut out, &serde_json::to_value(f)?)?;
        }
    } else {
        let mut table = Table::new(vec!["DOC", "KIND", "VALUE", "KEY", "TEXT", "AT"]);
        for f in facts {
            table.row(vec![
                clip(&f.doc, 12),
                f.kind().as_str().to_string(),
                clip(&shown_value(f), 24),
                clip(f.subject_key.as_deref().unwrap_or("-"), 20),
                clip(&f.text.replace('\n', " "), 48),
                format!("{}..{}", f.start, f.end),
            ]);
        }
        table.print(&mut out)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}

/// A fact's value as a reader wants it in a table: the number with its unit or approximation,
/// the tally, the date, or the entity.
fn shown_value(f: &Fact) -> String {
    let number = |v: Option<f64>| v.map_or("-".to_string(), |v| v.to_string());
    match &f.detail {
        Detail::Vote(v) => format!(
            "{}-{}-{}",
            v.in_favour.map_or("?".into(), |n| n.to_string()),
            v.against.map_or("?".into(), |n| n.to_string()),
            v.abstain.map_or("?".into(), |n| n.to_string())
        ),
        Detail::Date(d) => d.date.clone().unwrap_or_else(|| "unresolved".into()),
        Detail::Person(m) | Detail::Organization(m) | Detail::Place(m) => {
            m.entity.clone().unwrap_or_else(|| "-".into())
        }
        Detail::Money(m) => format!(
            "{} {}",
            number(f.value),
            m.currency.as_deref().unwrap_or("")
        ),
        _ => {
            let unit = f
                .unit
                .map(|u| {
                    format!(
                        " {}",
                        serde_json::to_value(u)
                            .unwrap_or_default()
                            .as_str()
                            .unwrap_or("")
                    )
                })
                .unwrap_or_default();
            format!("{}{unit}", number(f.value))
        }
    }
}

/// A group's values for its table row: each stated value; for a mention group (whose key is
/// already the entity) the distinct names the sources write, in every script.
fn shown_values(values: &[GroupValue]) -> Vec<String> {
    let mention = values.first().is_some_and(|v| {
        matches!(
            v.fact.detail,
            Detail::Person(_) | Detail::Organization(_) | Detail::Place(_)
        )
    });
    if !mention {
        // A date the document's own date could not resolve ("on Monday" in an undated
        // report) says more as its words than as "unresolved".
        return values
            .iter()
            .map(|v| match &v.fact.detail {
                Detail::Date(d) if d.date.is_none() => format!("{} (no date)", one_line(&v.text)),
                _ => shown_value(&v.fact),
            })
            .collect();
    }
    let mut names: Vec<String> = Vec::new();
    for v in values {
        let name = one_line(&v.text);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// `text` with every run of white space (line breaks included) as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The facts of a story's documents (or of one of them), grouped by kind and subject.
fn story_facts(
    store: &SqliteStore,
    story: &str,
    doc: Option<&str>,
    kind: Option<Kind>,
    json: bool,
) -> anyhow::Result<Status> {
    let Some(summary) = store.story(story)? else {
        bail!("no story with id {story}");
    };
    let mut facts = Vec::new();
    for id in summary
        .docs
        .iter()
        .filter(|d| doc.is_none_or(|doc| doc == *d))
    {
        let date = store.get(id)?.and_then(|d| d.published);
        for fact in store.facts(Some(id), kind)? {
            facts.push((fact, date.clone()));
        }
    }
    let groups = by_story(
        &summary.id,
        summary.level == vigil_engine::stories::Level::Event,
        facts,
    );
    let mut out = std::io::stdout().lock();
    if json {
        for g in &groups {
            json_line(&mut out, &serde_json::to_value(g)?)?;
        }
    } else {
        let mut table = Table::new(vec!["KIND", "KEY", "DOCS", "VALUES", "DISAGREE"]);
        for g in &groups {
            let docs: std::collections::BTreeSet<&str> =
                g.values.iter().map(|v| v.doc.as_str()).collect();
            let values = shown_values(&g.values);
            table.row(vec![
                g.kind.as_str().to_string(),
                clip(g.subject_key.as_deref().unwrap_or("-"), 24),
                docs.len().to_string(),
                clip(&values.join("; "), 60),
                if g.disagree { "yes".into() } else { "".into() },
            ]);
        }
        table.print(&mut out)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}
