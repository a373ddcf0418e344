//! `vigil docs`: every document in ingest order.

use std::io::Write;

use vigil_engine::store::{SqliteStore, Store};

use super::Status;
use crate::output::{Table, clip, json_line, or_dash};

pub fn run(store: &SqliteStore, json: bool) -> anyhow::Result<Status> {
    let docs = store.documents()?;
    let mut out = std::io::stdout().lock();
    if json {
        for d in &docs {
            json_line(
                &mut out,
                &serde_json::json!({
                    "id": d.id, "source": d.source, "title": d.title, "lang": d.lang,
                    "published": d.published, "published_inferred": d.published_inferred,
                    "story": d.story, "storyline": d.storyline,
                    "copy_of": d.copy_of, "copy_kind": d.copy_kind,
                }),
            )?;
        }
    } else {
        let mut table = Table::new(vec!["ID", "LANG", "PUBLISHED", "STORY", "TITLE", "SOURCE"]);
        for d in &docs {
            // The day is what a reader scans for; `show` has the full date-time.
            let day = d.published.as_deref().map(|p| p.get(..10).unwrap_or(p));
            let published = match (day, d.published_inferred) {
                (Some(p), true) => format!("{p}~"),
                (Some(p), false) => p.to_string(),
                (None, _) => "-".to_string(),
            };
            table.row(vec![
                d.id.clone(),
                or_dash(d.lang.as_deref()),
                published,
                or_dash(d.story.as_deref()),
                clip(d.title.as_deref().unwrap_or("-"), 48),
                clip(&d.source, 40),
            ]);
        }
        table.print(&mut out)?;
        if docs.iter().any(|d| d.published_inferred) {
            writeln!(out, "(~ = date inferred from the text)")?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
