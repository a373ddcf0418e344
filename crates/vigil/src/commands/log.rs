//! `vigil log`: the audit log, and `--verify` of its hash chain.

use std::io::Write;

use vigil_engine::store::{SqliteStore, Store};

use super::Status;
use crate::output::{Table, json_line};

pub fn run(store: &SqliteStore, verify: bool, json: bool) -> anyhow::Result<Status> {
    let mut out = std::io::stdout().lock();
    if verify {
        return match store.verify()? {
            Ok(n) => {
                if json {
                    json_line(
                        &mut out,
                        &serde_json::json!({"ok": true, "entries": n, "broken": null}),
                    )?;
                } else {
                    writeln!(out, "audit log intact: {n} entries verified")?;
                }
                Ok(Status::Ok)
            }
            Err(broken) => {
                if json {
                    json_line(
                        &mut out,
                        &serde_json::json!({"ok": false, "entries": null,
                            "broken": {"seq": broken.seq, "problem": broken.problem}}),
                    )?;
                }
                eprintln!(
                    "vigil: audit log broken at entry {}: {}",
                    broken.seq, broken.problem
                );
                Ok(Status::Failed)
            }
        };
    }
    let entries = store.log()?;
    if json {
        for e in &entries {
            let detail: serde_json::Value = serde_json::from_str(&e.detail)
                .unwrap_or(serde_json::Value::String(e.detail.clone()));
            json_line(
                &mut out,
                &serde_json::json!({"seq": e.seq, "at": e.at, "action": e.action,
                    "subject": e.subject, "detail": detail, "prev_hash": e.prev_hash, "hash": e.hash}),
            )?;
        }
    } else {
        let mut table = Table::new(vec!["SEQ", "AT", "ACTION", "SUBJECT", "HASH"]);
        for e in &entries {
            table.row(vec![
                e.seq.to_string(),
                e.at.clone(),
                e.action.clone(),
                e.subject.clone(),
                e.hash[..16].to_string(),
            ]);
        }
        table.print(&mut out)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}
