//! Stories through the real ingest path, with an encoder that stands in for a multilingual
//! model: it places each text on the axis of the event its names belong to, in any script.

use std::collections::{BTreeMap, BTreeSet};

use vigil_text::input::Limits;

use super::*;
use crate::document::PutOutcome;
use crate::ingest::{Input, Observer, ingest_with};
use crate::store::{SqliteStore, Store};
use crate::vectors::{Derive, Encoder};

/// Names of each event in the scripts the fixtures use: a text's vector points at the
/// events it names (several names: in between).
const EVENT_NAMES: &[&[&str]] = &[
    &["Valdoria", "瓦尔多里亚", "فالدوريا", "Вальдория"],
    &["Serin", "塞林", "เซริน", "سيرين"],
    &["Porto Calvo", "波尔图卡尔沃", "بورتو كالفو"],
];

/// Stands in for one of the two encoders Vigil runs (`e5`, `use`), both multilingual.
struct Topical(&'static str);

impl Encoder for Topical {
    fn name(&self) -> &'static str {
        self.0
    }

    fn encode(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts
            .iter()
            .map(|t| {
                let mut v: Vec<f32> = EVENT_NAMES
                    .iter()
                    .map(|names| names.iter().filter(|n| t.contains(*n)).count() as f32)
                    .collect();
                v.push(0.05);
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                v.iter().map(|x| x / norm).collect()
            })
            .collect()
    }
}

struct Quiet;
impl Observer for Quiet {
    fn stored(&mut self, _: &str, _: &PutOutcome) {}
    fn failed(&mut self, input: &str, problem: &str) {
        panic!("{input}: {problem}");
    }
}

/// Reports in four languages on three events (written for this test).
const REPORTS: &[(&str, &str)] = &[
    (
        "01-en.txt",
        "The Human Rights Council adopted a resolution on Valdoria on Friday by 23 votes to 2, with 22 abstentions.",
    ),
    (
        "02-zh.txt",
        "人权理事会星期五以23票赞成、2票反对、22票弃权通过了关于瓦尔多里亚的决议。",
    ),
    (
        "03-ar.txt",
        "اعتمد مجلس حقوق الإنسان يوم الجمعة قرارا بشأن فالدوريا بأغلبية 23 صوتا مقابل صوتين وامتناع 22.",
    ),
    (
        "04-en.txt",
        "Police in Serin detained hundreds of marchers on Sunday as tens of thousands rallied.",
    ),
    (
        "05-th.txt",
        "ตำรวจในเซรินควบคุมตัวผู้ชุมนุมหลายร้อยคนเมื่อวันอาทิตย์ ขณะที่ประชาชนหลายหมื่นคนเดินขบวน",
    ),
    (
        "06-en.txt",
        "A magnitude 6.4 earthquake struck Porto Calvo on Tuesday, killing at least 14 people.",
    ),
    (
        "07-ar.txt",
        "ضرب زلزال بقوة 6.4 درجات مدينة بورتو كالفو يوم الثلاثاء وقتل 14 شخصا على الأقل.",
    ),
];

fn write_corpus(dir: &std::path::Path, reports: &[(&str, &str)]) {
    for (name, text) in reports {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn ingest(store: &mut SqliteStore, path: &std::path::Path) -> crate::ingest::Summary {
    let (e5, universal) = (Topical("e5"), Topical("use"));
    let mut assigner = Assigner::open(
        store,
        vec![
            ("e5", Box::new(ExactIndex::new())),
            ("use", Box::new(ExactIndex::new())),
        ],
    )
    .unwrap();
    let derive = Derive {
        encoders: vec![&e5, &universal],
        stories: Some(&mut assigner),
        cache_dir: None,
    };
    ingest_with(
        store,
        &[Input::Path(path.to_path_buf())],
        Limits::default(),
        &mut Quiet,
        Some(derive),
    )
    .unwrap()
}

/// File name → (event, storyline) of every stored document.
fn stories_by_file(store: &SqliteStore) -> BTreeMap<String, (String, String)> {
    store
        .documents()
        .unwrap()
        .into_iter()
        .map(|d| {
            let name = d.source.rsplit('/').next().unwrap().to_string();
            (name, (d.story.unwrap(), d.storyline.unwrap()))
        })
        .collect()
}

fn groups(by_file: &BTreeMap<String, (String, String)>) -> BTreeSet<Vec<String>> {
    let mut g: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (file, (event, _)) in by_file {
        g.entry(event).or_default().push(file.clone());
    }
    g.into_values().collect()
}

#[test]
fn reports_on_one_event_share_it_across_languages() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path(), REPORTS);
    let mut store = SqliteStore::in_memory().unwrap();
    let summary = ingest(&mut store, dir.path());
    // Every mention is linked once, before its report is assigned, and counted.
    let linked = store
        .facts(None, None)
        .unwrap()
        .iter()
        .filter(|f| match &f.detail {
            vigil_facts::Detail::Person(m)
            | vigil_facts::Detail::Organization(m)
            | vigil_facts::Detail::Place(m) => m.entity.is_some(),
            _ => false,
        })
        .count();
    assert!(linked > 0);
    assert_eq!(summary.entity_links, linked as u64);
    let by_file = stories_by_file(&store);
    let expected: BTreeSet<Vec<String>> = [
        vec!["01-en.txt", "02-zh.txt", "03-ar.txt"],
        vec!["04-en.txt", "05-th.txt"],
        vec!["06-en.txt", "07-ar.txt"],
    ]
    .into_iter()
    .map(|g| g.into_iter().map(String::from).collect())
    .collect();
    assert_eq!(groups(&by_file), expected);
    // Ids say their kind and derive from the founding report.
    let (event, storyline) = &by_file["01-en.txt"];
    let founder = &store.documents().unwrap()[0].id;
    assert_eq!(event, &Level::Event.id_for(founder));
    assert!(storyline.starts_with("sl_"));

    let events = store.stories(Level::Event).unwrap();
    assert_eq!(events.len(), 3);
    let vote = &events[0];
    assert_eq!(vote.n_docs, 3);
    assert_eq!(vote.langs.len(), 3, "{:?}", vote.langs);
    assert!(vote.title.as_deref().unwrap().len() > 10);
    assert_eq!(vote.events, None);
    // A storyline lists its events; every event is in exactly one.
    let storylines = store.stories(Level::Storyline).unwrap();
    let mut seen: Vec<&String> = storylines
        .iter()
        .flat_map(|s| s.events.as_ref().unwrap())
        .collect();
    seen.sort();
    assert_eq!(seen.len(), 3);
    seen.dedup();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        store.story(event).unwrap().unwrap().docs,
        vote.docs,
        "an id finds its story"
    );
}

#[test]
fn arriving_in_two_runs_gives_the_same_stories_as_one() {
    let whole = tempfile::tempdir().unwrap();
    write_corpus(whole.path(), REPORTS);
    let mut one = SqliteStore::in_memory().unwrap();
    ingest(&mut one, whole.path());

    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write_corpus(first.path(), &REPORTS[..4]);
    write_corpus(second.path(), &REPORTS[4..]);
    let db = tempfile::tempdir().unwrap();
    let path = db.path().join("vigil.db");
    {
        let mut s = SqliteStore::open(&path).unwrap();
        ingest(&mut s, first.path());
    }
    // A new process: the assigner reloads stories and frequencies, and rebuilds its index.
    let mut two = SqliteStore::open(&path).unwrap();
    ingest(&mut two, second.path());
    assert_eq!(
        groups(&stories_by_file(&one)),
        groups(&stories_by_file(&two))
    );
    // Re-ingesting changes nothing.
    let before = stories_by_file(&two);
    ingest(&mut two, second.path());
    assert_eq!(before, stories_by_file(&two));
    assert!(two.verify().unwrap().is_ok());
}

/// A store holding the two Serin reports, one event.
fn two_serin_reports() -> SqliteStore {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path(), &REPORTS[3..5]);
    let mut store = SqliteStore::in_memory().unwrap();
    ingest(&mut store, dir.path());
    store
}

/// The audit chain holds, and a new assigner over the store finds both reports assigned.
/// The audit log's entries of one action, in order.
fn logged(store: &SqliteStore, action: &str) -> Vec<crate::audit::Entry> {
    let entries = store.log().unwrap().into_iter();
    entries.filter(|e| e.action == action).collect()
}

fn assert_consistent_and_reopens(store: &SqliteStore) {
    assert!(store.verify().unwrap().is_ok());
    let assigner = Assigner::open(store, vec![("e5", Box::new(ExactIndex::new()))]).unwrap();
    assert_eq!(assigner.n_assigned(), 2);
}

#[test]
fn a_merge_redirects_the_younger_story_and_is_logged() {
    let mut store = two_serin_reports();
    // The two Serin reports are one event; start a second event and storyline by hand for
    // the second report, then merge them back as a bridging report would.
    let docs = store.documents().unwrap();
    let (a, b) = (&docs[0], &docs[1]);
    let (old_event, old_line) = (a.story.clone().unwrap(), a.storyline.clone().unwrap());
    let row = |level: Level| StoryRow {
        id: level.id_for(&b.id),
        level,
        founded: b.seq,
        storyline: (level == Level::Event).then(|| Level::Storyline.id_for(&b.id)),
        merged_into: None,
    };
    let (young_event, young_line) = (row(Level::Event).id, row(Level::Storyline).id);
    store
        .put_stories(&StoryUpdate {
            ops: vec![
                StoryOp::Create(row(Level::Storyline)),
                StoryOp::Create(row(Level::Event)),
                StoryOp::Assign {
                    doc: b.id.clone(),
                    event: young_event.clone(),
                    storyline: young_line.clone(),
                },
            ],
            central: vec![],
        })
        .unwrap();
    assert_eq!(store.stories(Level::Event).unwrap().len(), 2);
    let merge = |level, from: &str, into: &str| {
        StoryOp::Merge(Merge {
            level,
            from: from.to_string(),
            into: into.to_string(),
            by: a.id.clone(),
        })
    };
    store
        .put_stories(&StoryUpdate {
            ops: vec![
                merge(Level::Event, &young_event, &old_event),
                merge(Level::Storyline, &young_line, &old_line),
            ],
            central: vec![],
        })
        .unwrap();
    let events = store.stories(Level::Event).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].id, old_event);
    assert_eq!(events[0].docs, [a.id.clone(), b.id.clone()]);
    // The younger id redirects to the survivor.
    assert_eq!(store.story(&young_event).unwrap().unwrap().id, old_event);
    assert_eq!(store.story(&young_line).unwrap().unwrap().id, old_line);
    assert_eq!(store.story("ev_unknown").unwrap(), None);
    let merges = logged(&store, "merge");
    assert_eq!(merges.len(), 2);
    assert_eq!(merges[0].subject, young_event);
    assert!(
        merges[0].detail.contains(&old_event),
        "{}",
        merges[0].detail
    );
    // A new assigner over the merged store sees one event.
    assert_consistent_and_reopens(&store);
}

#[test]
fn a_split_revives_the_founders_id_and_is_logged() {
    let mut store = two_serin_reports();
    let docs = store.documents().unwrap();
    let (a, b) = (&docs[0], &docs[1]);
    let (event, line) = (a.story.clone().unwrap(), a.storyline.clone().unwrap());
    // The second report once founded an event that was merged into the first's.
    let young = StoryRow {
        id: Level::Event.id_for(&b.id),
        level: Level::Event,
        founded: b.seq,
        storyline: Some(line.clone()),
        merged_into: Some(event.clone()),
    };
    store
        .put_stories(&StoryUpdate {
            ops: vec![StoryOp::Create(young.clone())],
            central: vec![],
        })
        .unwrap();
    assert_eq!(store.story(&young.id).unwrap().unwrap().id, event);
    // A regroup sets it apart again: its id lives again, and the move is an assignment.
    let revived = StoryRow {
        merged_into: None,
        ..young.clone()
    };
    store
        .put_stories(&StoryUpdate {
            ops: vec![
                StoryOp::Create(revived),
                StoryOp::Split(Split {
                    from: event.clone(),
                    into: young.id.clone(),
                    by: a.id.clone(),
                }),
                StoryOp::Assign {
                    doc: b.id.clone(),
                    event: young.id.clone(),
                    storyline: line.clone(),
                },
            ],
            central: vec![],
        })
        .unwrap();
    let events = store.stories(Level::Event).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        store.story(&young.id).unwrap().unwrap().docs,
        vec![b.id.clone()]
    );
    assert_eq!(
        store.story(&event).unwrap().unwrap().docs,
        vec![a.id.clone()]
    );
    let splits = logged(&store, "split");
    assert_eq!(splits.len(), 1);
    assert_eq!(splits[0].subject, event);
    assert!(splits[0].detail.contains(&young.id), "{}", splits[0].detail);
    assert_consistent_and_reopens(&store);
}

#[test]
fn every_arrival_order_gives_the_same_events() {
    let mut seen = BTreeSet::new();
    // Folders are read in sorted path order: prefixes set the arrival order.
    for order in [
        [0, 1, 2, 3, 4, 5, 6],
        [6, 5, 4, 3, 2, 1, 0],
        [3, 0, 6, 1, 5, 2, 4],
    ] {
        let dir = tempfile::tempdir().unwrap();
        let named: Vec<(String, &str)> = order
            .iter()
            .enumerate()
            .map(|(at, &k)| (format!("{at}-{}", REPORTS[k].0), REPORTS[k].1))
            .collect();
        let reports: Vec<(&str, &str)> = named.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        write_corpus(dir.path(), &reports);
        let mut store = SqliteStore::in_memory().unwrap();
        ingest(&mut store, dir.path());
        let by_file: BTreeMap<String, (String, String)> = stories_by_file(&store)
            .into_iter()
            .map(|(name, s)| (name.split_once('-').unwrap().1.to_string(), s))
            .collect();
        seen.insert(groups(&by_file));
    }
    assert_eq!(seen.len(), 1, "{seen:#?}");
}
