//! `vigil entities`: the people, organisations and places the reports name, one row per
//! real-world entity across languages and scripts, most mentioned first.

use std::collections::BTreeMap;
use std::io::Write;

use vigil_engine::store::{SqliteStore, Store};

use super::Status;
use crate::output::{Table, clip, json_line};

pub fn run(store: &SqliteStore, json: bool) -> anyhow::Result<Status> {
    let mut rows = store.entities()?;
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    let mut out = std::io::stdout().lock();
    let mut table = Table::new(vec!["ENTITY", "KIND", "MENTIONS", "KEY", "NAMES"]);
    for row in &rows {
        let record: serde_json::Value = serde_json::from_str(&row.record)?;
        let key = record["gazetteer_key"].as_str();
        // The linker keeps every spelling per language, first seen first; one per language
        // is the entity's name there: the gazetteer's usual name for a place or body it
        // knows (not a reader's "للأمم المتحدة", "for the UN", or a dateline's "GENEVA"),
        // else the first spelling seen.
        let names: BTreeMap<String, String> = record["names"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(lang, names)| {
                let usual = key.and_then(|k| vigil_text::gazetteer::name(k, lang));
                let first = names.as_array()?.first()?.as_str()?;
                Some((lang.clone(), usual.unwrap_or(first).to_string()))
            })
            .collect();
        if json {
            json_line(
                &mut out,
                &serde_json::json!({
                    "entity": row.id, "kind": row.kind.as_str(), "names": names,
                    "mentions": row.mentions, "key": key,
                }),
            )?;
        } else {
            let shown: Vec<String> = names.iter().map(|(l, n)| format!("{l}:{n}")).collect();
            table.row(vec![
                row.id.clone(),
                row.kind.as_str().to_string(),
                row.mentions.to_string(),
                key.unwrap_or("-").to_string(),
                clip(&shown.join(" "), 70),
            ]);
        }
    }
    if !json {
        table.print(&mut out)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}
