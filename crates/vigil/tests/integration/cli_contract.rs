//! The command-line contract of DESIGN.md: JSON Lines with every field present, stdout for
//! results only, exit statuses, idempotent re-ingest, the audit log.

use crate::util::{Env, assert_offsets_valid};

const DOC_FIELDS: [&str; 10] = [
    "id",
    "source",
    "title",
    "lang",
    "published",
    "published_inferred",
    "story",
    "storyline",
    "copy_of",
    "copy_kind",
];
const SHOW_FIELDS: [&str; 22] = [
    "id",
    "source",
    "url",
    "title",
    "lang",
    "published",
    "published_inferred",
    "sha256",
    "content_id",
    "credit",
    "text",
    "body",
    "removed",
    "paragraphs",
    "facts",
    "story",
    "storyline",
    "copy_of",
    "copy_kind",
    "copy",
    "versions",
    "author",
];

fn small_corpus(env: &Env) -> std::path::PathBuf {
    env.write(
        "corpus/01-ru.txt",
        "Власти Беларуси задержали более 7000 человек после выборов 9 августа. \
         Правозащитники сообщают о жестоком обращении с задержанными в Минске.\n",
    );
    env.write(
        "corpus/02-fr.txt",
        "Le Conseil des droits de l'homme de l'ONU a adopté vendredi une résolution sur le \
         Bélarus par 23 voix contre 2, avec 22 abstentions.\n",
    );
    env.write(
        "corpus/03-es.txt",
        "Miles de personas se manifestaron el domingo en Minsk para exigir la dimisión del \
         presidente, según los organizadores de la protesta.\n",
    );
    env.path("corpus")
}

#[test]
fn docs_and_show_print_every_field() {
    let env = Env::new();
    let corpus = small_corpus(&env);
    env.ok(&["ingest", corpus.to_str().unwrap()]);
    let docs = env.json_lines(&["docs", "--json"]);
    assert_eq!(docs.len(), 3);
    // Folders are read in sorted path order, and listings are in ingest order.
    let langs: Vec<_> = docs
        .iter()
        .map(|d| d["lang"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(langs, ["ru", "fr", "es"]);
    for d in &docs {
        for f in DOC_FIELDS {
            assert!(d.get(f).is_some(), "docs --json lacks {f}: {d}");
        }
    }
    let shown = env.show(docs[1]["id"].as_str().unwrap());
    for f in SHOW_FIELDS {
        assert!(shown.get(f).is_some(), "show --json lacks {f}");
    }
    assert_offsets_valid(&shown);
    assert!(shown["body"].as_str().unwrap().contains("23 voix contre 2"));
    assert_eq!(shown["versions"].as_array().unwrap().len(), 1);
}

#[test]
fn reingest_changes_nothing_and_log_verifies() {
    let env = Env::new();
    let corpus = small_corpus(&env);
    env.ok(&["ingest", corpus.to_str().unwrap()]);
    let log1 = env.json_lines(&["log", "--json"]);
    let docs1 = env.ok(&["docs", "--json"]);
    let out = env.run(&["ingest", corpus.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 added"));
    assert_eq!(env.ok(&["docs", "--json"]), docs1);
    assert_eq!(env.json_lines(&["log", "--json"]), log1);
    assert_eq!(log1.len(), 3);
    let verify = env.json_lines(&["log", "--verify", "--json"]);
    assert_eq!(verify[0]["ok"], true);
}

#[test]
fn log_verify_fails_after_an_entry_is_edited() {
    let env = Env::new();
    let corpus = small_corpus(&env);
    env.ok(&["ingest", corpus.to_str().unwrap()]);
    let db = env.data_dir().join("vigil.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 2",
        [],
    )
    .unwrap();
    drop(conn);
    let out = env.run(&["log", "--verify"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("entry 2"), "{err}");
}

#[test]
fn same_source_with_new_bytes_is_a_new_version() {
    let env = Env::new();
    let f = env.write(
        "report.txt",
        "Minsk, 14 September. Police detained 774 people on Sunday.\n",
    );
    env.ok(&["ingest", f.to_str().unwrap()]);
    env.write(
        "report.txt",
        "Minsk, 14 September. Police detained 774 people on Sunday, the Interior Ministry said.\n",
    );
    env.ok(&["ingest", f.to_str().unwrap()]);
    let docs = env.json_lines(&["docs", "--json"]);
    assert_eq!(docs.len(), 2, "the old version is kept");
    let newest = env.show(docs[1]["id"].as_str().unwrap());
    assert_eq!(newest["versions"].as_array().unwrap().len(), 2);
    assert_eq!(newest["previous_version"], docs[0]["id"]);
}

#[test]
fn stdin_json_lines_use_source_then_url_then_line() {
    let env = Env::new();
    let input = concat!(
        r#"{"text": "La ONU pidió a Bielorrusia liberar a todos los detenidos.", "source": "agencia-1"}"#,
        "\n",
        r#"{"html": "<html><body><article><h1>Titre</h1><p>Le Conseil a adopté la résolution par 23 voix contre 2, avec 22 abstentions, après un débat urgent.</p></article></body></html>", "url": "https://example.org/fr/1", "title": "Le Conseil adopte une résolution"}"#,
        "\n",
        r#"{"text": "Протестующие вышли на улицы Минска в воскресенье.", "published": "2020-09-13"}"#,
        "\n",
    );
    let mut child = env
        .cmd()
        .args(["ingest", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = env.json_lines(&["docs", "--json"]);
    let sources: Vec<_> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["agencia-1", "https://example.org/fr/1", "-:3"]);
    assert_eq!(docs[1]["title"], "Le Conseil adopte une résolution");
    assert_eq!(docs[2]["published"], "2020-09-13");
    assert_eq!(docs[2]["published_inferred"], false);
}

#[test]
fn stdout_carries_only_results() {
    let env = Env::new();
    let corpus = small_corpus(&env);
    let out = env.run(&["ingest", corpus.to_str().unwrap()]);
    assert!(
        out.stdout.is_empty(),
        "ingest without --json prints nothing on stdout"
    );
    assert!(!out.stderr.is_empty());
}

#[test]
fn unknown_id_is_a_clear_error() {
    let env = Env::new();
    let corpus = small_corpus(&env);
    env.ok(&["ingest", corpus.to_str().unwrap()]);
    let out = env.run(&["show", "doc_00000000000000000000"]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "vigil: no document with id doc_00000000000000000000"
    );
}
