//! `vigil bench stories`: online story assignment against a large synthetic store.
//!
//! A store of N reports with planted events ([`super::planted`]) is put into the vector index
//! (timed as the build), every report already in its planted event. Then Q new reports arrive
//! one at a time and an [`Assigner`] places each (search, decide, insert: timed per report, as
//! ingest would run it). The report gives the latency distribution, the index's memory and the
//! process's peak RSS, the index's recall against exact search, and how many new reports
//! landed in their planted event.
//!
//! The assignment step is a trait; the stand-ins score pairs by cosine where ingest runs the
//! same-event model: [`RegroupAssigner`] runs ingest's regroup rule (its units, caps and
//! clustering, [`crate::similarity::regroup`]), [`CosineAssigner`] the older join-or-start
//! rule.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::planted::{DIMS, Planted, SplitMix};
use crate::Result;
use crate::ann::AnnIndex;
use crate::similarity::online::{Decision, Linkage, Neighbor, Rule, decide};
use crate::similarity::regroup;

/// Which event each document is in, and each event's size: the bookkeeping an assigner
/// keeps beside the index.
#[derive(Debug, Clone, Default)]
pub struct Events {
    event_of: HashMap<u64, u64>,
    sizes: HashMap<u64, u64>,
    /// Members of each event, kept only once a report has moved or [`Events::members`] has
    /// been asked (the join-or-start rule never needs them).
    members: HashMap<u64, Vec<u64>>,
    track_members: bool,
    next_id: u64,
}

impl Events {
    /// No events yet; new events get ids from `first_id` on.
    pub fn new(first_id: u64) -> Events {
        Events {
            next_id: first_id,
            ..Events::default()
        }
    }

    pub fn event_of(&self, doc: u64) -> Option<u64> {
        self.event_of.get(&doc).copied()
    }

    pub fn size(&self, event: u64) -> u64 {
        self.sizes.get(&event).copied().unwrap_or(0)
    }

    /// Number of events with at least one document.
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// Keeps each event's members from now on (for rules that regroup them).
    pub fn track_members(&mut self) {
        if !self.track_members {
            self.track_members = true;
            for (&doc, &event) in &self.event_of {
                self.members.entry(event).or_default().push(doc);
            }
            self.members.values_mut().for_each(|m| m.sort_unstable());
        }
    }

    /// The members of `event`, in ascending order ([`Events::track_members`] first).
    pub fn members(&self, event: u64) -> &[u64] {
        self.members.get(&event).map_or(&[], Vec::as_slice)
    }

    /// Puts `doc` in `event` (moving it if it was in another).
    pub fn join(&mut self, doc: u64, event: u64) {
        if let Some(old) = self.event_of.insert(doc, event) {
            if old == event {
                return;
            }
            if let Some(n) = self.sizes.get_mut(&old) {
                *n -= 1;
                if *n == 0 {
                    self.sizes.remove(&old);
                }
            }
            if self.track_members
                && let Some(m) = self.members.get_mut(&old)
            {
                m.retain(|d| *d != doc);
                if m.is_empty() {
                    self.members.remove(&old);
                }
            }
        }
        *self.sizes.entry(event).or_insert(0) += 1;
        if self.track_members {
            let m = self.members.entry(event).or_default();
            if let Err(at) = m.binary_search(&doc) {
                m.insert(at, doc);
            }
        }
        self.next_id = self.next_id.max(event + 1);
    }

    /// Starts a new event with `doc` in it; returns its id.
    pub fn start(&mut self, doc: u64) -> u64 {
        let event = self.next_id;
        self.join(doc, event);
        event
    }
}

/// What an assigner did with one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignment {
    Joined(u64),
    Started(u64),
}

impl Assignment {
    pub fn event(self) -> u64 {
        match self {
            Assignment::Joined(e) | Assignment::Started(e) => e,
        }
    }
}

/// The per-report step of online story assignment: find candidates in `index`, decide, record
/// the decision in `events`, and insert the report's vector under `doc`. `vectors` gives any
/// stored report's vector (the store's vector table, for rules that score members).
pub trait Assigner {
    /// Called once before the timed assignments, with the store's events.
    fn prepare(&mut self, _events: &mut Events) {}

    fn assign(
        &mut self,
        index: &mut AnnIndex,
        events: &mut Events,
        vectors: &dyn Fn(u64) -> Vec<f32>,
        doc: u64,
        vector: &[f32],
    ) -> Result<Assignment>;
}

/// The assignment step without the text side: the `k` nearest stored reports, scored by their
/// cosine (where ingest scores each with the same-event model), go through the real decision
/// ([`decide`]; best-member link, as the planted events' cosines call for) against
/// `threshold`.
#[derive(Debug, Clone, Copy)]
pub struct CosineAssigner {
    pub k: usize,
    pub threshold: f32,
}

impl Assigner for CosineAssigner {
    fn assign(
        &mut self,
        index: &mut AnnIndex,
        events: &mut Events,
        _vectors: &dyn Fn(u64) -> Vec<f32>,
        doc: u64,
        vector: &[f32],
    ) -> Result<Assignment> {
        let neighbours: Vec<Neighbor> = index
            .search(vector, self.k)?
            .into_iter()
            .filter_map(|(neighbour, sim)| {
                Some(Neighbor {
                    doc: neighbour as usize,
                    event: events.event_of(neighbour)?,
                    score: sim,
                })
            })
            .collect();
        let rule = Rule {
            linkage: Linkage::Max,
            threshold: self.threshold,
            merge_threshold: None,
        };
        let size = |event: u64| events.size(event) as usize;
        let assignment = match decide(&neighbours, &size, &rule) {
            Decision::Join(event) | Decision::Merge { into: event, .. } => {
                events.join(doc, event);
                Assignment::Joined(event)
            }
            Decision::New => Assignment::Started(events.start(doc)),
        };
        index.add(doc, vector)?;
        Ok(assignment)
    }
}

/// The regroup rule without the text side (ingest's rule: `stories::assign`): the arrival
/// and every member of its `k` nearest reports' events are regrouped by average linkage
/// over cosines ([`regroup`]: the same units, caps and clustering), the group holding an
/// event's earliest member keeping its id. Ingest caches its pair scores, which cost a
/// feature computation each; a cosine costs less than a cache lookup, so none is kept here.
#[derive(Debug, Clone, Default)]
pub struct RegroupAssigner {
    pub k: usize,
    pub threshold: f32,
}

impl RegroupAssigner {
    pub fn new(k: usize, threshold: f32) -> RegroupAssigner {
        RegroupAssigner { k, threshold }
    }
}

impl Assigner for RegroupAssigner {
    fn prepare(&mut self, events: &mut Events) {
        events.track_members();
    }

    fn assign(
        &mut self,
        index: &mut AnnIndex,
        events: &mut Events,
        vectors: &dyn Fn(u64) -> Vec<f32>,
        doc: u64,
        vector: &[f32],
    ) -> Result<Assignment> {
        events.track_members();
        let found: Vec<(i64, u64, f32)> = index
            .search(vector, self.k)?
            .into_iter()
            .filter_map(|(n, sim)| Some((n as i64, events.event_of(n)?, sim)))
            .collect();
        // Event ids count up, so a smaller one is older.
        let touched = regroup::touched(
            &found,
            |&e| e as i64,
            |&e| events.members(e).iter().map(|&m| m as i64).collect(),
        );
        let units = regroup::units(doc as i64, touched, self.threshold);
        // Each report's unit vector, loaded once.
        let mut loaded: HashMap<i64, Vec<f32>> = HashMap::new();
        for d in units.iter().flat_map(|u| &u.docs) {
            let mut v = if *d == doc as i64 {
                vector.to_vec()
            } else {
                vectors(*d as u64)
            };
            super::planted::normalise(&mut v);
            loaded.insert(*d, v);
        }
        let groups = regroup::group(&units, self.threshold, &mut |x, y| {
            Ok::<f32, crate::Error>(vigil_model::encoder::dot(&loaded[&x], &loaded[&y]))
        })?;
        // Anchors: a settled unit, or a report that is its event's earliest member.
        let mut placed = None;
        for group in groups {
            let mut anchored: Vec<u64> = group
                .iter()
                .filter_map(|&u| {
                    let unit = &units[u];
                    let e = unit.event?;
                    let earliest = events.members(e).first().copied();
                    (unit.settled || earliest == Some(unit.docs[0] as u64)).then_some(e)
                })
                .collect();
            anchored.sort_unstable();
            anchored.dedup();
            let free: Vec<u64> = group
                .iter()
                .filter(|&&u| !units[u].settled)
                .map(|&u| units[u].docs[0] as u64)
                .collect();
            let (target, started) = match anchored.split_first() {
                Some((&oldest, others)) => {
                    for &other in others {
                        for m in events.members(other).to_vec() {
                            events.join(m, oldest);
                        }
                    }
                    (oldest, false)
                }
                None => {
                    let earliest = free.iter().copied().min().unwrap_or(doc);
                    (events.start(earliest), earliest == doc)
                }
            };
            for d in free {
                events.join(d, target);
            }
            if group.iter().any(|&u| units[u].event.is_none()) {
                placed = Some(if started {
                    Assignment::Started(target)
                } else {
                    Assignment::Joined(target)
                });
            }
        }
        index.add(doc, vector)?;
        placed.ok_or_else(|| crate::Error::Corrupt("regroup lost the arriving report".into()))
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct StoriesConfig {
    /// Reports in the store before the timed assignments.
    pub docs: u64,
    /// New reports assigned one at a time.
    pub queries: u64,
    /// Neighbours fetched per report (also the K of recall@K).
    pub k: usize,
    pub seed: u64,
    /// Threads inserting the store (1 = the order-deterministic single-threaded build).
    pub build_threads: usize,
    /// Queries whose recall@K is measured against exact search.
    pub recall_sample: usize,
    /// Share of new reports on events the store has not seen (in groups of about three).
    pub fresh_share: f64,
    /// Candidates kept while searching (the index's recall/latency knob).
    pub expansion_search: usize,
    /// Where to keep the store's index between runs: loaded when present (the build is then
    /// not measured), else built and saved there. The new reports are never saved.
    pub index_file: Option<std::path::PathBuf>,
}

impl Default for StoriesConfig {
    fn default() -> Self {
        StoriesConfig {
            docs: 1_000_000,
            queries: 10_000,
            k: 32,
            seed: 1,
            build_threads: 1,
            recall_sample: 200,
            fresh_share: 0.1,
            expansion_search: crate::ann::DEFAULT_EXPANSION_SEARCH,
            index_file: None,
        }
    }
}

/// Latency of one assignment, in milliseconds.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Latency {
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
    pub mean: f64,
}

/// What the benchmark measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoriesBench {
    pub docs: u64,
    pub queries: u64,
    pub k: usize,
    pub dims: usize,
    pub events_planted: u64,
    pub build_threads: usize,
    /// False when the store's index was loaded from `index_file` (build figures are then null).
    pub built: bool,
    pub build_seconds: Option<f64>,
    pub build_docs_per_s: Option<f64>,
    pub expansion_search: usize,
    pub assign_ms: Latency,
    pub index_mb: f64,
    /// Peak resident memory of the whole process (Linux `VmHWM`).
    pub peak_rss_mb: Option<f64>,
    pub recall_at_k: f64,
    pub recall_sample: usize,
    /// Share of new reports placed in their planted event (for a report on an unseen event:
    /// the first starts an event, the later ones join it).
    pub assigned_to_planted: f64,
    pub events_started: u64,
}

/// Peak resident set size of this process in bytes, from `/proc/self/status`.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

/// Store reports are built in chunks of this many, with a progress message after each.
const BUILD_CHUNK: u64 = 100_000;

/// Runs the benchmark; `progress` receives one line now and then (for stderr).
pub fn stories(
    config: &StoriesConfig,
    assigner: &mut dyn Assigner,
    progress: &mut dyn FnMut(&str),
) -> Result<StoriesBench> {
    let events_planted = (config.docs / 10).max(1);
    let planted = Planted::new(config.seed, events_planted);
    let mut events = Events::new(events_planted);
    let loaded = match &config.index_file {
        Some(path) if path.exists() => {
            let index = AnnIndex::open(path, DIMS)?;
            if index.len() as u64 != config.docs {
                return Err(crate::Error::User(format!(
                    "{} holds {} reports, not {}",
                    path.display(),
                    index.len(),
                    config.docs
                )));
            }
            Some(index)
        }
        _ => None,
    };
    let built = loaded.is_none();
    let mut index = match loaded {
        Some(index) => index,
        None => AnnIndex::new(DIMS)?,
    };

    // The store: report i is on planted event pick_event(i), already assigned to it.
    let started = Instant::now();
    let mut done = if built { 0 } else { config.docs };
    for i in 0..done {
        events.join(i, planted.pick_event(i));
    }
    while done < config.docs {
        let n = BUILD_CHUNK.min(config.docs - done);
        let first = done;
        if config.build_threads <= 1 {
            for i in first..first + n {
                index.add(i, &planted.vector(planted.pick_event(i), i))?;
            }
        } else {
            index.extend_parallel(n as usize, config.build_threads, |j| {
                let i = first + j as u64;
                (i, planted.vector(planted.pick_event(i), i))
            })?;
        }
        for i in first..first + n {
            events.join(i, planted.pick_event(i));
        }
        done += n;
        let s = started.elapsed().as_secs_f64();
        progress(&format!(
            "built {done} of {} ({:.0} docs/s, {:.0} MB)",
            config.docs,
            done as f64 / s,
            index.memory_bytes() as f64 / 1e6
        ));
    }
    let build_seconds = started.elapsed().as_secs_f64();
    if built && let Some(path) = &config.index_file {
        index.save(path)?;
    }
    index.set_expansion_search(config.expansion_search);

    assigner.prepare(&mut events);
    // New reports, one at a time.
    let fresh_events = ((config.queries as f64 * config.fresh_share / 3.0).ceil() as u64).max(1);
    let mut pick = SplitMix::new(config.seed ^ 0x5EED);
    let mut fresh_to_assigned: HashMap<u64, u64> = HashMap::new();
    let mut latencies = Vec::with_capacity(config.queries as usize);
    // The new reports' vectors (a store report's is regenerated from its planted event).
    let mut query_vectors: HashMap<u64, Vec<f32>> = HashMap::new();
    let mut correct = 0u64;
    let mut events_started = 0u64;
    for j in 0..config.queries {
        let doc = config.docs + j;
        let fresh = pick.unit() < config.fresh_share;
        let truth = if fresh {
            events_planted + pick.next_u64() % fresh_events
        } else {
            planted.pick_event(doc)
        };
        let vector = planted.vector(truth, doc);
        let stored = |d: u64| match query_vectors.get(&d) {
            Some(v) => v.clone(),
            None => planted.vector(planted.pick_event(d), d),
        };
        let t = Instant::now();
        let assignment = assigner.assign(&mut index, &mut events, &stored, doc, &vector)?;
        latencies.push(t.elapsed());
        query_vectors.insert(doc, vector);
        if let Assignment::Started(_) = assignment {
            events_started += 1;
        }
        let right = if !fresh {
            assignment.event() == truth
        } else {
            match (fresh_to_assigned.get(&truth), assignment) {
                (Some(&e), a) => a.event() == e,
                (None, Assignment::Started(e)) => {
                    fresh_to_assigned.insert(truth, e);
                    true
                }
                (None, Assignment::Joined(_)) => false,
            }
        };
        correct += u64::from(right);
        if (j + 1) % 2000 == 0 {
            progress(&format!("assigned {} of {}", j + 1, config.queries));
        }
    }

    // Recall of the graph against exact search, on reports not in the index.
    let mut found = 0usize;
    let mut expected = 0usize;
    for s in 0..config.recall_sample as u64 {
        let doc = config.docs + config.queries + s;
        let query = planted.vector(planted.pick_event(doc), doc);
        let exact = index.search_exact(&query, config.k)?;
        let approx = index.search(&query, config.k)?;
        expected += exact.len();
        found += approx
            .iter()
            .filter(|(key, _)| exact.iter().any(|(e, _)| e == key))
            .count();
    }

    latencies.sort();
    let mean = latencies.iter().map(Duration::as_secs_f64).sum::<f64>()
        / latencies.len().max(1) as f64
        * 1e3;
    Ok(StoriesBench {
        docs: config.docs,
        queries: config.queries,
        k: config.k,
        dims: DIMS,
        events_planted,
        build_threads: config.build_threads.max(1),
        built,
        build_seconds: built.then_some(build_seconds),
        build_docs_per_s: built.then(|| config.docs as f64 / build_seconds.max(1e-9)),
        expansion_search: index.expansion_search(),
        assign_ms: Latency {
            p50: percentile(&latencies, 0.50),
            p90: percentile(&latencies, 0.90),
            p99: percentile(&latencies, 0.99),
            max: percentile(&latencies, 1.0),
            mean,
        },
        index_mb: index.memory_bytes() as f64 / 1e6,
        peak_rss_mb: peak_rss_bytes().map(|b| b as f64 / 1e6),
        recall_at_k: if expected == 0 {
            1.0
        } else {
            found as f64 / expected as f64
        },
        recall_sample: config.recall_sample,
        assigned_to_planted: correct as f64 / config.queries.max(1) as f64,
        events_started,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_run_assigns_most_reports_to_their_planted_event() {
        let config = StoriesConfig {
            docs: 5000,
            queries: 300,
            k: 16,
            seed: 3,
            recall_sample: 20,
            ..StoriesConfig::default()
        };
        let mut assigner = CosineAssigner {
            k: 16,
            threshold: 0.85,
        };
        let r = stories(&config, &mut assigner, &mut |_| {}).unwrap();
        assert!(r.assigned_to_planted > 0.9, "{r:?}");
        assert!(r.recall_at_k > 0.9, "{r:?}");
        assert!(r.events_started > 0, "{r:?}");
        assert!(r.assign_ms.p50 <= r.assign_ms.p99 && r.assign_ms.p99 <= r.assign_ms.max);
    }

    #[test]
    fn regroup_stand_in_assigns_most_reports_to_their_planted_event() {
        let config = StoriesConfig {
            docs: 5000,
            queries: 300,
            k: 16,
            seed: 3,
            recall_sample: 20,
            ..StoriesConfig::default()
        };
        let mut assigner = RegroupAssigner::new(16, 0.85);
        let r = stories(&config, &mut assigner, &mut |_| {}).unwrap();
        assert!(r.assigned_to_planted > 0.9, "{r:?}");
        assert!(r.events_started > 0, "{r:?}");
    }

    #[test]
    fn moved_members_follow_their_event() {
        let mut e = Events::new(10);
        e.join(1, 3);
        e.join(2, 3);
        e.track_members();
        e.join(2, 4);
        assert_eq!(e.members(3), [1]);
        assert_eq!(e.members(4), [2]);
        assert_eq!((e.size(3), e.size(4)), (1, 1));
        e.join(1, 4);
        assert_eq!(e.members(4), [1, 2]);
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn events_bookkeeping() {
        let mut e = Events::new(10);
        e.join(1, 3);
        e.join(2, 3);
        assert_eq!(e.start(5), 10);
        assert_eq!(e.size(3), 2);
        assert_eq!(e.event_of(5), Some(10));
        assert_eq!(e.len(), 2);
    }
}
