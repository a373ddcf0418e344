//! Kill `vigil ingest` at random moments, many times: the store must verify after every kill,
//! and a final run must finish the job with every report stored exactly once.
//!
//! Text only (`--no-vectors`): this is about the store's transactions, and embedding 600 reports
//! on every run would only make it slow (a kill between a batch and its vectors is covered by
//! `reindex`, tested in `embed.rs`).

use std::time::{Duration, Instant};

use crate::util::Env;

const SENTENCES: [&str; 6] = [
    "Police detained {n} protesters in Minsk on Sunday, the Interior Ministry said.",
    "Полиция задержала {n} протестующих в Минске в воскресенье.",
    "اعتقلت الشرطة {n} متظاهرا في مينسك يوم الأحد.",
    "警方周日在明斯克拘留了{n}名抗议者。",
    "ตำรวจควบคุมตัวผู้ประท้วง {n} คนในกรุงมินสค์เมื่อวันอาทิตย์",
    "La police a interpellé {n} manifestants dimanche à Minsk.",
];

/// A small deterministic generator, so a failing run can be replayed from its printed seed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn killed_ingest_leaves_a_consistent_store_and_a_rerun_finishes() {
    let env = Env::new();
    let n_files = 600;
    for i in 0..n_files {
        let s = SENTENCES[i % SENTENCES.len()].replace("{n}", &(100 + i).to_string());
        let body = format!("{s}\n\n{}\n", s.repeat(8));
        env.write(&format!("corpus/{:04}-report.txt", i), body);
    }
    let corpus = env.path("corpus");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("crash test seed {seed}");
    let mut rng = Lcg(seed);

    // Calibrate: how long does a full run take here? Kills land anywhere inside it.
    let probe = Env::new();
    let t = Instant::now();
    probe.ok(&["ingest", "--no-vectors", corpus.to_str().unwrap()]);
    let full_run_ms = (t.elapsed().as_millis() as u64).max(50);

    let mut kills = 0;
    for _ in 0..20 {
        // Stored reports are skipped on the next run, so aim the kill inside the work left.
        let stored = if env.data_dir().join("vigil.db").exists() {
            env.json_lines(&["docs", "--json"]).len()
        } else {
            0
        };
        let left_ms = full_run_ms * (n_files - stored) as u64 / n_files as u64;
        let mut child = env
            .cmd()
            .args(["ingest", "--no-vectors", corpus.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.next() % (left_ms + 20)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        if env.data_dir().join("vigil.db").exists() {
            let out = env.run(&["log", "--verify"]);
            assert!(
                out.status.success(),
                "store inconsistent after a kill (seed {seed}): {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert!(
        kills >= 5,
        "only {kills} runs were killed mid-way (seed {seed})"
    );

    env.ok(&["ingest", "--no-vectors", corpus.to_str().unwrap()]);
    let docs = env.json_lines(&["docs", "--json"]);
    assert_eq!(
        docs.len(),
        n_files,
        "every report stored exactly once (seed {seed})"
    );
    let mut sources: Vec<_> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    sources.dedup();
    assert_eq!(sources.len(), n_files);
    let log = env.json_lines(&["log", "--json"]);
    assert_eq!(log.len(), n_files, "one audit entry per stored report");
    assert!(env.run(&["log", "--verify"]).status.success());
}
