//! `vigil show ID`: one document in full.

use std::io::Write;

use vigil_engine::store::{SqliteStore, Store};

use super::{Status, get_document};
use crate::output::json_line;

pub fn run(store: &SqliteStore, id: &str, json: bool) -> anyhow::Result<Status> {
    let doc = get_document(store, id)?;
    let body = doc.body();
    let versions = store.versions(&doc.source)?;
    let mut out = std::io::stdout().lock();
    if json {
        let facts = store.facts(Some(&doc.id), None)?;
        let removed: Vec<_> = doc
            .removed
            .iter()
            .map(|r| serde_json::json!({"start": r.start, "end": r.end, "reason": r.reason.as_str()}))
            .collect();
        json_line(
            &mut out,
            &serde_json::json!({
                "id": doc.id, "source": doc.source, "url": doc.url, "title": doc.title,
                "lang": doc.lang, "published": doc.published,
                "published_inferred": doc.published_inferred, "sha256": doc.sha256,
                "content_id": doc.content_id, "credit": doc.credit, "text": doc.text,
                "body": body.text, "removed": removed, "paragraphs": doc.paragraphs,
                // Filled by the copies issue; null until then.
                "facts": facts, "story": doc.story, "storyline": doc.storyline,
                "copy_of": doc.copy_of, "copy_kind": doc.copy_kind, "copy": null,
                "versions": versions,
                "author": doc.author, "format": doc.format, "encoding": doc.encoding,
                "ingested_at": doc.ingested_at, "previous_version": doc.previous_version,
            }),
        )?;
    } else {
        let field = |out: &mut dyn Write, name: &str, v: Option<&str>| {
            writeln!(out, "{name:<10} {}", v.unwrap_or("-"))
        };
        field(&mut out, "id", Some(&doc.id))?;
        field(&mut out, "title", doc.title.as_deref())?;
        field(&mut out, "source", Some(&doc.source))?;
        field(&mut out, "url", doc.url.as_deref())?;
        field(&mut out, "lang", doc.lang.as_deref())?;
        let published = doc.published.as_ref().map(|p| {
            if doc.published_inferred {
                format!("{p} (inferred from the text)")
            } else {
                p.clone()
            }
        });
        field(&mut out, "published", published.as_deref())?;
        field(&mut out, "author", doc.author.as_deref())?;
        field(&mut out, "credit", doc.credit.as_deref())?;
        field(
            &mut out,
            "format",
            Some(&format!(
                "{} ({})",
                doc.format,
                doc.encoding.as_deref().unwrap_or("-")
            )),
        )?;
        field(&mut out, "sha256", Some(&doc.sha256))?;
        if versions.len() > 1 {
            field(&mut out, "versions", Some(&versions.join(" ")))?;
        }
        let mut reasons = std::collections::BTreeMap::<&str, usize>::new();
        for r in &doc.removed {
            *reasons.entry(r.reason.as_str()).or_default() += 1;
        }
        let removed: Vec<String> = reasons.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        field(
            &mut out,
            "removed",
            Some(&removed.join(", "))
                .filter(|s| !s.is_empty())
                .map(|s| s.as_str()),
        )?;
        writeln!(out)?;
        writeln!(out, "{}", body.text.trim_end())?;
    }
    out.flush()?;
    Ok(Status::Ok)
}
