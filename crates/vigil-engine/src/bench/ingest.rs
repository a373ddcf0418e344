//! `vigil bench ingest`: throughput of the whole ingest path without vectors, on one core.
//!
//! Records are read into memory first so that disk reads are not measured; then each is
//! processed (extract → clean → language → dates → fingerprint) and stored in a fresh store
//! exactly as `vigil ingest` does, single-threaded. Segmentation, which the search index will
//! run at ingest, is timed separately.

use std::time::{Duration, Instant};

use vigil_text::input::{Format, Record};

use crate::document::NewDocument;
use crate::store::{SqliteStore, Store};
use crate::{Result, pipeline};

/// One row of the printed table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub stage: &'static str,
    /// Wall-clock seconds.
    pub seconds: f64,
    pub docs_per_s: f64,
    pub mb_per_s: f64,
    /// Seconds this thread spent on a CPU (Linux), and docs/s per CPU-second: what one core
    /// does, even when other processes share the machine. `None` where the OS does not say.
    pub cpu_seconds: Option<f64>,
    pub docs_per_cpu_s: Option<f64>,
}

/// Nanoseconds the calling thread has run on a CPU, from `/proc/thread-self/schedstat`.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Wall and CPU time of a stage.
#[derive(Clone, Copy)]
struct Took {
    wall: Duration,
    cpu_ns: Option<u64>,
}

impl Took {
    fn measure<T>(f: impl FnOnce() -> T) -> (T, Took) {
        let cpu0 = thread_cpu_ns();
        let t = Instant::now();
        let out = f();
        let wall = t.elapsed();
        let cpu_ns = match (cpu0, thread_cpu_ns()) {
            (Some(a), Some(b)) => Some(b.saturating_sub(a)),
            _ => None,
        };
        (out, Took { wall, cpu_ns })
    }

    fn plus(self, other: Took) -> Took {
        Took {
            wall: self.wall + other.wall,
            cpu_ns: self.cpu_ns.zip(other.cpu_ns).map(|(a, b)| a + b),
        }
    }
}

/// What the benchmark measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IngestBench {
    pub docs: usize,
    pub failed: usize,
    pub bytes: usize,
    pub rows: Vec<Row>,
    /// Fact extraction's and entity linking's share of the ingest total's wall time (target:
    /// under 0.2 of the ingest without them, i.e. a share under 1/6).
    pub facts_share: f64,
}

/// Sentences in several languages and scripts, written for this benchmark, from which
/// synthetic ~4 KB reports are assembled.
const SENTENCES: &[&str] = &[
    "The council adopted the resolution by 23 votes to 2, with 22 abstentions, after an urgent debate on Friday.",
    "Police detained more than 7,000 people in the week after the election, rights groups said.",
    "Le Conseil a demandé aux autorités de libérer sans condition toutes les personnes détenues arbitrairement.",
    "Die Regierung kündigte an, die Sanktionen gegen führende Beamte auszuweiten, sollte die Gewalt andauern.",
    "Las protestas reunieron a unas 150.000 personas en la capital, según los organizadores de la marcha.",
    "Власти заявили, что задержанные будут освобождены после проверки документов в районных отделах.",
    "اعتمد المجلس القرار بأغلبية 23 صوتا مقابل صوتين وامتناع 22 دولة عن التصويت في ختام الجلسة العاجلة.",
    "安全理事会成员呼吁立即停止暴力，并无条件释放所有被拘留的和平示威者和记者。",
    "สหประชาชาติเรียกร้องให้ทางการปล่อยตัวผู้ที่ถูกควบคุมตัวทุกคนและสอบสวนข้อกล่าวหาเรื่องการทรมาน",
    "Rzecznik ministerstwa poinformował, że śledztwo w sprawie zatrzymań potrwa co najmniej kilka tygodni.",
    "Bakanlık, gözaltına alınanların çoğunun ertesi gün serbest bırakıldığını açıkladı.",
    "国連の特別報告者は、拘束された人々への拷問の訴えについて独立した調査を求めた。",
];

/// Synthetic reports of about `size` bytes, each in one language (as real reports are).
pub fn synthetic(n: usize, size: usize) -> Vec<Record> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let lang_sentence = SENTENCES[i % SENTENCES.len()];
            let mut text = format!("Report {i}\n\n");
            while text.len() < size {
                // Mostly the report's own language, with a varying number so every report
                // differs, and a paragraph break now and then.
                text.push_str(lang_sentence);
                text.push_str(&format!(" ({})", next() % 10_000));
                text.push_str(if next() % 4 == 0 { "\n\n" } else { " " });
            }
            Record::new(format!("bench/{i:06}.txt"), text.into_bytes(), Format::Text)
        })
        .collect()
}

fn row(stage: &'static str, took: Took, docs: usize, bytes: usize) -> Row {
    let s = took.wall.as_secs_f64().max(1e-9);
    let cpu = took.cpu_ns.map(|ns| (ns as f64 / 1e9).max(1e-9));
    Row {
        stage,
        seconds: s,
        docs_per_s: docs as f64 / s,
        mb_per_s: bytes as f64 / s / 1e6,
        cpu_seconds: cpu,
        docs_per_cpu_s: cpu.map(|c| docs as f64 / c),
    }
}

/// Runs the benchmark over `records` into a fresh store at `db`.
pub fn ingest(records: &[Record], db: &std::path::Path) -> Result<IngestBench> {
    let bytes: usize = records.iter().map(|r| r.raw.len()).sum();
    let mut store = SqliteStore::open(db)?;

    // Load the language model and segmenter dictionaries outside the timed stages, as a
    // long-running ingest has them loaded.
    let _ = vigil_text::language::detect("warm up");
    let _ = vigil_text::segment::segment("warm up 热身 อุ่นเครื่อง");
    // The fact extractors' tables, gazetteer and regexes load on first use too.
    let _ = crate::facts::extract(SENTENCES.join(" ").as_str(), None, None, &[], &[]);

    let ((docs, failed), process) = Took::measure(|| {
        let mut docs: Vec<NewDocument> = Vec::with_capacity(records.len());
        let mut failed = 0;
        for r in records {
            match pipeline::process(r) {
                Ok(d) => docs.push(d),
                Err(_) => failed += 1,
            }
        }
        (docs, failed)
    });

    let (stored, store_time) = Took::measure(|| -> Result<()> {
        for chunk in docs.chunks(64) {
            store.put_batch(chunk)?;
        }
        Ok(())
    });
    stored?;
    // Ingest links each batch's mentions to entities before assigning it; one pass here.
    let (linked, link_time) = Took::measure(|| crate::facts::link_pending(&mut store, &[]));
    linked?;
    let store_time = store_time.plus(link_time);

    let (n_tokens, segment) = Took::measure(|| {
        docs.iter()
            .map(|d| {
                let body = vigil_text::clean::Body::new(&d.text, &d.removed);
                vigil_text::segment::segment(&body.text).len()
            })
            .sum::<usize>()
    });
    std::hint::black_box(n_tokens);

    // Facts are extracted inside `process`; timed again alone here to show their share.
    let (n_facts, facts) = Took::measure(|| {
        docs.iter()
            .map(|d| {
                crate::facts::extract(
                    &d.text,
                    d.lang.as_deref(),
                    d.published.as_deref(),
                    &d.paragraphs,
                    &d.removed,
                )
                .len()
            })
            .sum::<usize>()
    });
    std::hint::black_box(n_facts);

    let n = docs.len();
    let total = process.plus(store_time);
    Ok(IngestBench {
        facts_share: (facts.wall + link_time.wall).as_secs_f64()
            / total.wall.as_secs_f64().max(1e-9),
        docs: n,
        failed,
        bytes,
        rows: vec![
            row("process (extract → fingerprint)", process, n, bytes),
            row(
                "store (SQLite WAL, 64 per commit) + entity links",
                store_time,
                n,
                bytes,
            ),
            row("  of which entity links", link_time, n, bytes),
            row("ingest total", total, n, bytes),
            row("  of which facts (timed alone)", facts, n, bytes),
            row("segment (for the search index)", segment, n, bytes),
            row(
                "ingest + segment",
                process.plus(store_time).plus(segment),
                n,
                bytes,
            ),
        ],
    })
}
