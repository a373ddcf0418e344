//! Vectors through the CLI: `vigil embed` streaming, `vigil similar`, vectors stored at ingest,
//! ingest without a model and `vigil reindex`. Needs the e5 model (see `util::model_path`).

use std::io::Write;
use std::process::Stdio;

use crate::util::{Env, model_path, samples};

/// Runs `vigil embed ARGS` with `input` on stdin; returns (exit code, stdout lines, stderr).
fn embed(env: &Env, args: &[&str], input: &str) -> (i32, Vec<serde_json::Value>, String) {
    let mut child = env
        .cmd()
        .arg("embed")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vigil embed");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    // Write from another thread: output comes back while input is still going in.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect();
    (
        out.status.code().unwrap_or(-1),
        lines,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn vector(v: &serde_json::Value) -> Vec<f32> {
    v["vector"]
        .as_array()
        .unwrap_or_else(|| panic!("no vector in {v}"))
        .iter()
        .map(|x| x.as_f64().unwrap() as f32)
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

const TEXTS: &[&str] = &[
    "Flood warning issued for the river valley after days of heavy rain.",
    "台风“海葵”在福建沿海登陆，数万人被紧急转移。",
    "اعتمد مجلس حقوق الإنسان قرارا بشأن فالدوريا بأغلبية 23 صوتا.",
    "ฝนตกหนักทำให้เกิดน้ำท่วมฉับพลันในจังหวัดเชียงใหม่",
    "Землетрясение магнитудой 6,1 произошло у побережья Порту-Калву.",
    "Le Conseil des droits de l'homme a adopté une résolution sur la Valdoria.",
];

#[test]
fn embed_writes_one_line_per_input_in_order_and_names_bad_lines() {
    let Some(_) = model_path() else { return };
    let env = Env::new();
    // 150 lines: several batches; JSON objects and plain lines mixed; two malformed lines.
    let mut input = String::new();
    let mut expected = Vec::new();
    for i in 0..150 {
        let text = TEXTS[i % TEXTS.len()];
        match i {
            40 => {
                input.push_str("{\"text\": 42}\n");
                expected.push(None);
            }
            97 => {
                input.push_str("{\"text\": \"unterminated\n");
                expected.push(None);
            }
            _ if i % 2 == 0 => {
                input.push_str(&format!("{}\n", serde_json::json!({"text": text, "n": i})));
                expected.push(Some(i % TEXTS.len()));
            }
            _ => {
                input.push_str(&format!("{text}\n"));
                expected.push(Some(i % TEXTS.len()));
            }
        }
    }
    let (code, lines, stderr) = embed(&env, &["--json"], &input);
    assert_eq!(code, 1, "malformed lines make the exit status 1: {stderr}");
    assert_eq!(lines.len(), 150, "one output line per input line");
    assert!(stderr.contains("line 41:"), "{stderr}");
    assert!(stderr.contains("line 98:"), "{stderr}");

    // Each text's vector alone, as reference for its positions in the stream.
    let single: String = TEXTS.iter().map(|t| format!("{t}\n")).collect();
    let (code, alone, _) = embed(&env, &[], &single);
    assert_eq!(code, 0);
    let alone: Vec<Vec<f32>> = alone.iter().map(vector).collect();
    for (i, (line, want)) in lines.iter().zip(&expected).enumerate() {
        match want {
            None => {
                assert!(line["vector"].is_null(), "line {}: {line}", i + 1);
                assert!(
                    line["error"]
                        .as_str()
                        .unwrap()
                        .starts_with(&format!("line {}:", i + 1))
                );
            }
            Some(t) => {
                let v = vector(line);
                assert_eq!(v.len(), 384);
                let c = cosine(&v, &alone[*t]);
                assert!(c > 0.9999, "line {} is not its text's vector ({c})", i + 1);
                // ...and not another text's.
                let other = cosine(&v, &alone[(t + 1) % TEXTS.len()]);
                assert!(other < 0.97, "line {}: texts are indistinguishable", i + 1);
            }
        }
    }
}

#[test]
fn query_and_passage_prefixes_differ() {
    let Some(_) = model_path() else { return };
    let env = Env::new();
    let (_, passage, _) = embed(&env, &[], "flooding in the valley\n");
    let (_, query, _) = embed(&env, &["--query"], "flooding in the valley\n");
    let c = cosine(&vector(&passage[0]), &vector(&query[0]));
    assert!(
        c < 0.999 && c > 0.8,
        "query: and passage: prefixes give close but distinct vectors ({c})"
    );
}

#[test]
fn use_model_embeds_without_prefixes() {
    if crate::util::use_dir().is_none() {
        return;
    }
    let env = Env::new();
    let input = "Flooding in the valley\nالفيضانات في الوادي\n股市今天上涨\n";
    let (code, lines, stderr) = embed(&env, &["--model", "use"], input);
    assert_eq!(code, 0, "{stderr}");
    let v: Vec<Vec<f32>> = lines.iter().map(vector).collect();
    assert_eq!(v.len(), 3);
    assert!(v.iter().all(|x| x.len() == 512));
    let (_, query, _) = embed(
        &env,
        &["--model", "use", "--query"],
        "Flooding in the valley\n",
    );
    assert!(
        cosine(&v[0], &vector(&query[0])) > 0.9999,
        "USE has no query prefix"
    );
    assert!(
        cosine(&v[0], &v[1]) > cosine(&v[0], &v[2]),
        "the same news in Arabic is closer than unrelated Chinese"
    );
}

fn similar(env: &Env, a: &str, b: &str) -> f32 {
    let dir = samples();
    let out = env.ok(&[
        "similar",
        dir.join(a).to_str().unwrap(),
        dir.join(b).to_str().unwrap(),
    ]);
    out.trim().parse().unwrap_or_else(|e| panic!("{out}: {e}"))
}

const EN_VALDORIA: &str = "01-en-unhrc-adopts-valdoria-resolution.txt";
const AR_VALDORIA: &str = "03-ar-majlis-huquq-valdoria-cp1256.txt";
const JA_QUAKE: &str = "13-ja-porto-calvo-jishin.txt";
const EN_QUAKE: &str = "14-en-porto-calvo-quake-kills-14.txt";

#[test]
fn ingest_stores_one_vector_per_document_and_similar_ranks_the_same_event_higher() {
    let Some(_) = model_path() else { return };
    let env = Env::new();
    let out = env
        .cmd()
        .args(["ingest", samples().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("pending"), "{stderr}");
    let docs = env.json_lines(&["docs", "--json"]);
    let db = rusqlite::Connection::open(env.data_dir().join("vigil.db")).unwrap();
    let (n, dims, model): (i64, i64, String) = db
        .query_row(
            "SELECT count(*), min(dim), min(model) FROM vectors WHERE model = 'e5/doc'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(n as usize, docs.len());
    assert_eq!(dims, 384);
    assert!(model.contains("e5"), "{model}");
    env.ok(&["log", "--verify"]);

    // Same event across languages and scripts beats another event in the same language.
    let other = similar(&env, EN_VALDORIA, EN_QUAKE);
    let ja = similar(&env, EN_QUAKE, JA_QUAKE);
    let ar = similar(&env, EN_VALDORIA, AR_VALDORIA);
    assert!(
        ja > other + 0.02,
        "en/ja quake {ja} vs en valdoria/quake {other}"
    );
    assert!(
        ar > other + 0.02,
        "en/ar valdoria {ar} vs en valdoria/quake {other}"
    );

    // `similar` embeds exactly what ingest stored.
    let stored = |source_suffix: &str| -> Vec<f32> {
        let bytes: Vec<u8> = db
            .query_row(
                "SELECT v.vector FROM vectors v JOIN documents d ON d.id = v.doc_id
                 WHERE d.source LIKE '%' || ?1 AND v.model = 'e5/doc'",
                [source_suffix],
                |r| r.get(0),
            )
            .unwrap();
        bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
            .collect()
    };
    let from_store = cosine(&stored(EN_QUAKE), &stored(JA_QUAKE));
    assert!(
        (from_store - ja).abs() < 1e-3,
        "store {from_store} vs similar {ja}"
    );
}

#[test]
fn ingest_without_a_model_warns_once_and_reindex_fills_the_vectors_later() {
    let Some(model) = model_path() else { return };
    let env = Env::new();
    let missing = env.path("nowhere/e5.bin");
    let out = env
        .cmd()
        .env("VIGIL_MODEL_PATH", &missing)
        .args(["ingest", samples().to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("vectors pending").count(), 1, "{stderr}");
    assert!(stderr.contains("vigil reindex"), "{stderr}");
    let docs = env.json_lines(&["docs", "--json"]);
    assert!(docs.len() >= 16, "documents are stored without a model");
    let count = || -> i64 {
        rusqlite::Connection::open(env.data_dir().join("vigil.db"))
            .unwrap()
            .query_row(
                "SELECT count(*) FROM vectors WHERE model = 'e5/doc'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(count(), 0);

    let out = env
        .cmd()
        .env("VIGIL_MODEL_PATH", &model)
        .args(["reindex"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{} vectors computed", docs.len())
    );
    assert_eq!(count() as usize, docs.len());
    let docs = env.json_lines(&["docs", "--json"]);
    assert!(
        docs.iter()
            .all(|d| d["story"].is_string() && d["storyline"].is_string()),
        "reindex assigns stories too"
    );
    env.ok(&["log", "--verify"]);
    assert_eq!(env.ok(&["reindex"]).trim(), "0 vectors computed");
}

#[test]
fn text_only_ingest_stores_no_vectors_and_model_fetch_reports_the_pinned_file() {
    let Some(model) = model_path() else { return };
    let env = Env::new();
    let out = env
        .cmd()
        .env("VIGIL_MODEL_PATH", env.path("nowhere.bin"))
        .args(["ingest", "--no-vectors", samples().to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("pending"),
        "--no-vectors never looks for a model: {stderr}"
    );

    let fetched = env.ok(&["model", "fetch"]);
    assert!(fetched.starts_with(model.to_str().unwrap()), "{fetched}");
    assert!(
        fetched.contains("1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"),
        "{fetched}"
    );
    let out = env
        .cmd()
        .env("VIGIL_MODEL_PATH", env.path("nowhere.bin"))
        .args(["model", "fetch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("VIGIL_MODEL_PATH"));
}
