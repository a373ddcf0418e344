//! `vigil tokens ID`: the words of a document's body with offsets into its text.

use std::io::Write;

use vigil_engine::store::SqliteStore;

use super::{Status, get_document};
use crate::output::{Table, json_line};

pub fn run(store: &SqliteStore, id: &str, json: bool) -> anyhow::Result<Status> {
    let doc = get_document(store, id)?;
    let words = vigil_engine::pipeline::words(&doc);
    let mut out = std::io::stdout().lock();
    if json {
        for w in &words {
            json_line(
                &mut out,
                &serde_json::json!({"start": w.start, "end": w.end, "text": w.text, "script": w.script}),
            )?;
        }
    } else {
        let mut table = Table::new(vec!["START", "END", "SCRIPT", "TEXT"]);
        for w in &words {
            table.row(vec![
                w.start.to_string(),
                w.end.to_string(),
                w.script.to_string(),
                w.text.clone(),
            ]);
        }
        table.print(&mut out)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}
