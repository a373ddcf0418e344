//! The online assigner: one new document at a time, against its nearest stored neighbours.
//!
//! State kept in memory (loaded from the store when the assigner opens): the event of every
//! assigned document, the members and storyline of every event, the document frequencies the
//! lexical features weigh terms by, a bounded cache of neighbour profiles (a miss rebuilds
//! the profile from the stored text and vectors, exactly as it was computed at ingest), and a
//! bounded cache of pair scores (a regroup rereads the pairs of the events it touches; a pair
//! keeps the score it got first, with the document frequencies of that moment, which
//! `eval clusters`' replay reproduces).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;

use super::index::NeighborIndex;
use super::{Level, Merge, Split, StoryOp, StoryRow, StoryUpdate};
use crate::Result;
use crate::similarity::online::{self, Decision, Linkage, Neighbor};
use crate::similarity::regroup;
use crate::similarity::{Idf, Profile, SameEventModel, features};
use crate::store::Store;

/// Neighbours fetched from each encoder's index per new document.
pub const NEIGHBOURS: usize = 32;
/// Same-storyline score (the storyline model: language-independent signals fitted on SemEval's
/// graded pairs, 1 = surely the same story) a new event's report needs with a neighbour to join
/// that neighbour's storyline, besides being about a place in common ([`shares_a_place`]) and
/// close in time. Looser than the event rule: a storyline spans several happenings told in
/// several languages, and reports in two languages score low (zero-shot e5-small and USE agree
/// less across languages than within one). Chosen on the seeds ingested after 56 unrelated
/// SemEval reports in seven languages: the seeds link through pairs scoring 0.10 to 0.79; with
/// any shared place, one unrelated report (on Germany's budget, which seed 000 names in
/// passing) scored 0.102 against a seed; with lead places in common, no unrelated report is a
/// candidate at all.
pub const STORYLINE_SCORE: f32 = 0.1;
/// Largest date gap between a new event's report and a neighbour for the storyline link,
/// when both dates are known: a situation that went quiet for longer is a new storyline.
pub const STORYLINE_DAYS: i64 = 60;
/// Profiles kept for neighbour scoring; beyond it the oldest entries are dropped.
const PROFILE_CACHE: usize = 50_000;
/// Pair scores remembered between arrivals (a regroup rereads the pairs of the events it
/// touches): two generations of up to this many each.
const PAIR_CACHE: usize = 1_000_000;

/// Where [`Assigner::place`] put a document, and which stories it changed besides.
struct Placed {
    event: String,
    storyline: String,
    /// Stories whose members moved (regroup only): their central report is recomputed.
    changed: Vec<String>,
}

/// Same-event scores of document pairs, by sequence numbers, kept in two generations: when
/// the current one is full it becomes the previous one, so memory stays bounded and recent
/// pairs stay found.
#[derive(Default)]
struct PairScores {
    current: HashMap<(i64, i64), f32>,
    previous: HashMap<(i64, i64), f32>,
}

impl PairScores {
    fn key(a: i64, b: i64) -> (i64, i64) {
        (a.max(b), a.min(b))
    }

    fn get(&self, a: i64, b: i64) -> Option<f32> {
        let key = Self::key(a, b);
        self.current
            .get(&key)
            .or_else(|| self.previous.get(&key))
            .copied()
    }

    fn insert(&mut self, a: i64, b: i64, score: f32) {
        if self.current.len() >= PAIR_CACHE {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(Self::key(a, b), score);
    }
}

/// A stored document ready to be assigned: its sequence number, id and profile (with the
/// vectors of every encoder the feature set reads).
#[derive(Debug, Clone)]
pub struct NewDoc {
    pub seq: i64,
    pub id: String,
    pub profile: Profile,
}

/// The name under which a part of an encoder's vectors is stored (`e5/doc`, `use/title`).
pub fn vector_name(encoder: &str, part: &str) -> String {
    format!("{encoder}/{part}")
}

/// The vector every document must have to be assigned: the one story centroids are made of.
/// Each encoder's index holds that encoder's `<encoder>/doc` vectors; candidates are the
/// union of their nearest neighbours (e5 ranks same-language reports well, USE ranks across
/// languages better: seeds in four languages sit at e5 cosines no higher than unrelated news).
pub const INDEX_VECTOR: &str = "e5/doc";

/// A story being tracked: its row, its members and the running sum of their index vectors.
#[derive(Debug, Clone)]
struct Tracked {
    row: StoryRow,
    members: Vec<i64>,
    /// Sum of the members' index vectors (their centroid, unnormalised); filled lazily.
    sum: Option<Vec<f32>>,
    /// The member closest to the centroid, and its cosine to it.
    central: Option<(i64, f32)>,
}

pub struct Assigner {
    model: Option<&'static SameEventModel>,
    /// Encoder names whose vectors profiles carry, as `'static` keys of `Profile::vectors`.
    encoders: Vec<&'static str>,
    /// One index per encoder, over its `<encoder>/doc` vectors.
    indexes: Vec<(&'static str, Box<dyn NeighborIndex>)>,
    idf: Idf,
    profiles: HashMap<i64, Arc<Profile>>,
    profile_order: std::collections::VecDeque<i64>,
    /// Event id of each assigned document.
    event_of: HashMap<i64, String>,
    /// Document id of each assigned document (for merge records and central titles).
    doc_ids: HashMap<i64, String>,
    stories: HashMap<String, Tracked>,
    /// Live event ids by founding sequence number (the event keys `decide` sees).
    event_by_founded: BTreeMap<i64, String>,
    pair_scores: PairScores,
    /// How long placing each document took (candidates, scores, the decision or regroup),
    /// in milliseconds, in arrival order: `eval clusters` reports its distribution.
    place_ms: Vec<f64>,
}

/// Name of the persisted document frequencies in the store's metadata.
const IDF_META: &str = "stories.idf";

impl Assigner {
    /// Opens the assigner over `store` with one index per encoder (the encoders whose
    /// vectors the features read): loads the stories, the document frequencies (rebuilt from
    /// the stored documents when missing or stale), and catches each index up with every
    /// assigned document it lacks.
    pub fn open(
        store: &dyn Store,
        indexes: Vec<(&'static str, Box<dyn NeighborIndex>)>,
    ) -> Result<Assigner> {
        let mut assigner = Assigner {
            model: SameEventModel::bundled().ok(),
            encoders: indexes.iter().map(|(name, _)| *name).collect(),
            indexes,
            idf: Idf::default(),
            profiles: HashMap::new(),
            profile_order: Default::default(),
            event_of: HashMap::new(),
            doc_ids: HashMap::new(),
            stories: HashMap::new(),
            event_by_founded: BTreeMap::new(),
            pair_scores: PairScores::default(),
            place_ms: Vec::new(),
        };
        let state = store.story_state()?;
        for row in state.stories {
            assigner.track(row);
        }
        for (seq, doc, event) in &state.assigned {
            let event = assigner.resolve(event);
            let storyline = assigner.storyline_of(&event);
            for id in [Some(event.clone()), storyline].into_iter().flatten() {
                if let Some(t) = assigner.stories.get_mut(&id) {
                    t.members.push(*seq);
                }
            }
            assigner.event_of.insert(*seq, event);
            assigner.doc_ids.insert(*seq, doc.clone());
        }
        assigner.idf = match store.meta(IDF_META)? {
            Some(bytes) => Idf::from_bytes(&bytes).filter(|idf| idf.n() == state.assigned.len()),
            None => None,
        }
        .unwrap_or_default();
        if assigner.idf.n() != state.assigned.len() {
            assigner.idf = Idf::default();
            for (seq, _, _) in &state.assigned {
                let profile = assigner.profile(store, *seq)?;
                assigner.idf.add(&profile);
            }
        }
        for (name, index) in &mut assigner.indexes {
            let vector_name = vector_name(name, "doc");
            for (seq, doc, _) in &state.assigned {
                if !index.contains(*seq as u64)
                    && let Some(v) = store.vectors(doc, &vector_name)?
                    && let Some(v) = v.first()
                {
                    index.add(*seq as u64, v)?;
                }
            }
        }
        Ok(assigner)
    }

    /// Assigns `docs` (already stored, in arrival order) and writes the changes in one
    /// transaction. Documents without an index vector are left unassigned.
    pub fn assign(&mut self, store: &mut dyn Store, docs: Vec<NewDoc>) -> Result<()> {
        let mut update = StoryUpdate::default();
        let mut touched = Vec::new();
        for doc in docs {
            if self.event_of.contains_key(&doc.seq) {
                continue;
            }
            let Some(vector) = index_vector(&doc.profile) else {
                continue;
            };
            self.idf.add(&doc.profile);
            let NewDoc { seq, id, profile } = doc;
            let profile = Arc::new(profile);
            let started = std::time::Instant::now();
            let placed = self.place(store, seq, &id, &profile, &vector, &mut update)?;
            self.place_ms.push(started.elapsed().as_secs_f64() * 1e3);
            let (event, storyline) = (placed.event, placed.storyline);
            update.ops.push(StoryOp::Assign {
                doc: id.clone(),
                event: event.clone(),
                storyline: storyline.clone(),
            });
            for (name, index) in &mut self.indexes {
                if let Some(v) = profile.vectors.get(name).filter(|v| !v.doc.is_empty()) {
                    index.add(seq as u64, &v.doc)?;
                }
            }
            self.event_of.insert(seq, event.clone());
            self.doc_ids.insert(seq, id);
            for story in [&event, &storyline] {
                self.join(store, story, seq, &vector)?;
                touched.push(story.clone());
            }
            self.remember(seq, profile);
            // Stories whose members a regroup moved: their centroid and central report are
            // recomputed from the members (the arrival's join above assumed them current).
            for story in placed.changed {
                let story = self.resolve(&story);
                self.recompute_central(store, &story)?;
                touched.push(story);
            }
        }
        touched.sort();
        touched.dedup();
        for id in touched {
            let id = self.resolve(&id);
            if let Some((seq, _)) = self.stories.get(&id).and_then(|t| t.central)
                && let Some(doc) = self.doc_ids.get(&seq)
            {
                update.central.push((id, doc.clone()));
            }
        }
        store.put_stories(&update)
    }

    /// Persists what is cheaper to keep than to rebuild: the document frequencies and the
    /// index file.
    pub fn save(&mut self, store: &mut dyn Store) -> Result<()> {
        store.put_meta(IDF_META, &self.idf.to_bytes())?;
        self.indexes
            .iter_mut()
            .try_for_each(|(_, index)| index.save())
    }

    /// Milliseconds each document placed by this assigner took, in arrival order.
    pub fn place_ms(&self) -> &[f64] {
        &self.place_ms
    }

    /// Number of documents assigned so far.
    pub fn n_assigned(&self) -> usize {
        self.event_of.len()
    }

    /// Decides the event and storyline of one document, recording creations, merges and (under
    /// the regroup rule) splits and moves.
    fn place(
        &mut self,
        store: &dyn Store,
        seq: i64,
        id: &str,
        profile: &Arc<Profile>,
        vector: &[f32],
        update: &mut StoryUpdate,
    ) -> Result<Placed> {
        // (neighbour, its live event, same-event score) of every candidate found.
        let mut found: Vec<(i64, String, f32)> = Vec::new();
        let mut storyline_candidates: Vec<(f32, String)> = Vec::new();
        for other_seq in self.candidates(profile)? {
            let Some(event) = self.event_of.get(&other_seq).cloned() else {
                continue;
            };
            let event = self.resolve(&event);
            let other = self.profile(store, other_seq)?;
            let f = features(profile, &other, &self.idf);
            let event_score = self.pair_score(&f, vector, &other);
            self.pair_scores.insert(seq, other_seq, event_score);
            let storyline_score = match self.model {
                Some(m) => m.storyline_score(&f),
                None => event_score,
            };
            let close_in_time = match (profile.date, other.date) {
                (Some(a), Some(b)) => days_apart(a, b) <= STORYLINE_DAYS,
                _ => true,
            };
            if storyline_score >= STORYLINE_SCORE
                && shares_a_place(profile, &other)
                && close_in_time
                && let Some(sl) = self.storyline_of(&event)
            {
                storyline_candidates.push((storyline_score, sl));
            }
            found.push((other_seq, event, event_score));
        }
        let rule = crate::similarity::model::assignment_rule(self.model);
        if rule.linkage == Linkage::Regroup {
            return self.regroup(
                store,
                seq,
                id,
                profile,
                &found,
                storyline_candidates,
                &rule,
                update,
            );
        }
        let neighbours: Vec<Neighbor> = found
            .iter()
            .map(|(other_seq, event, score)| Neighbor {
                doc: *other_seq as usize,
                event: self
                    .stories
                    .get(event)
                    .map_or(*other_seq, |t| t.row.founded) as u64,
                score: *score,
            })
            .collect();
        let sizes = |founded: u64| -> usize {
            self.event_by_founded
                .get(&(founded as i64))
                .and_then(|id| self.stories.get(id))
                .map_or(0, |t| t.members.len())
        };
        let decision = online::decide(&neighbours, &sizes, &rule);
        let event_id = |founded: u64, this: &Assigner| -> Option<String> {
            this.event_by_founded.get(&(founded as i64)).cloned()
        };
        let (event, storyline) = match decision {
            Decision::Join(founded) => {
                let event = event_id(founded, self).ok_or_else(|| missing(founded))?;
                let storyline = self.storyline_of(&event).ok_or_else(|| missing(founded))?;
                (event, storyline)
            }
            Decision::Merge { into, absorbed } => {
                let event = event_id(into, self).ok_or_else(|| missing(into))?;
                for founded in absorbed {
                    let from = event_id(founded, self).ok_or_else(|| missing(founded))?;
                    self.merge(store, Level::Event, &from, &event, id, update)?;
                }
                let storyline = self.storyline_of(&event).ok_or_else(|| missing(into))?;
                (event, storyline)
            }
            Decision::New => self.start_event(seq, id, storyline_candidates, update),
        };
        Ok(Placed {
            event,
            storyline,
            changed: Vec::new(),
        })
    }

    /// A new event founded by document `seq`, in the storyline of its best storyline
    /// candidate, else in a new storyline of its own.
    fn start_event(
        &mut self,
        seq: i64,
        id: &str,
        mut storyline_candidates: Vec<(f32, String)>,
        update: &mut StoryUpdate,
    ) -> (String, String) {
        storyline_candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let storyline = match storyline_candidates.first() {
            Some((_, sl)) => self.resolve(sl),
            None => {
                let row = StoryRow {
                    id: Level::Storyline.id_for(id),
                    level: Level::Storyline,
                    founded: seq,
                    storyline: None,
                    merged_into: None,
                };
                self.track(row.clone());
                update.ops.push(StoryOp::Create(row));
                Level::Storyline.id_for(id)
            }
        };
        let row = StoryRow {
            id: Level::Event.id_for(id),
            level: Level::Event,
            founded: seq,
            storyline: Some(storyline.clone()),
            merged_into: None,
        };
        let event = row.id.clone();
        self.track(row.clone());
        update.ops.push(StoryOp::Create(row));
        (event, storyline)
    }

    /// Same-event score of a pair whose features are `f`: the model's, else the cosine of
    /// the index vectors (`va`, and `b`'s).
    fn pair_score(&self, f: &crate::similarity::Features, va: &[f32], b: &Profile) -> f32 {
        match self.model {
            Some(m) => m.event_score(f),
            None => index_vector(b).map_or(0.0, |vb| crate::vectors::cosine(va, &vb)),
        }
    }

    /// Same-event score of two assigned (or arriving) documents, from the cache or computed
    /// with the current document frequencies, the later document first as at ingest.
    fn stored_pair_score(
        &mut self,
        store: &dyn Store,
        (a, pa): (i64, Option<&Arc<Profile>>),
        (b, pb): (i64, Option<&Arc<Profile>>),
    ) -> Result<f32> {
        if let Some(s) = self.pair_scores.get(a, b) {
            return Ok(s);
        }
        let pa = match pa {
            Some(p) => p.clone(),
            None => self.profile(store, a)?,
        };
        let pb = match pb {
            Some(p) => p.clone(),
            None => self.profile(store, b)?,
        };
        let (newer, older) = if a > b { (&pa, &pb) } else { (&pb, &pa) };
        let f = features(newer, older, &self.idf);
        let score = index_vector(newer).map_or(0.0, |v| self.pair_score(&f, &v, older));
        self.pair_scores.insert(a, b, score);
        Ok(score)
    }

    /// The regroup rule: the arrival, every member of the events its neighbours are in
    /// (a settled event, larger than [`regroup::MAX_EVENT`], as one unit weighed by the
    /// members found near the arrival) are grouped afresh by average linkage at the rule's
    /// threshold ([`crate::similarity::regroup`]). Each group takes the id of the oldest event
    /// whose founder (or settled unit) it holds, the others merging into it; a group holding
    /// no founder is split off under the id its earliest report founds (an event that
    /// report founded before and that was merged away lives again). Reports whose event
    /// changes are reassigned; splits go to the audit log.
    #[allow(clippy::too_many_arguments)]
    fn regroup(
        &mut self,
        store: &dyn Store,
        seq: i64,
        id: &str,
        profile: &Arc<Profile>,
        found: &[(i64, String, f32)],
        storyline_candidates: Vec<(f32, String)>,
        rule: &online::Rule,
        update: &mut StoryUpdate,
    ) -> Result<Placed> {
        let founded =
            |this: &Assigner, e: &str| this.stories.get(e).map_or(i64::MAX, |t| t.row.founded);
        let touched = regroup::touched(
            found,
            |e| founded(self, e),
            |e| {
                self.stories
                    .get(e)
                    .map(|t| t.members.clone())
                    .unwrap_or_default()
            },
        );
        let units = regroup::units(seq, touched, rule.threshold);
        let groups = regroup::group(&units, rule.threshold, &mut |x, y| {
            let px = (x == seq).then_some(profile);
            let py = (y == seq).then_some(profile);
            self.stored_pair_score(store, (x, px), (y, py))
        })?;

        // The report each free event is anchored by: its founder (its earliest member if the
        // founder is somehow gone).
        let anchor_of = |this: &Assigner, event: &str| -> Option<i64> {
            let t = this.stories.get(event)?;
            if t.members.contains(&t.row.founded) {
                Some(t.row.founded)
            } else {
                t.members.iter().copied().min()
            }
        };
        let mut anchors: HashMap<i64, String> = HashMap::new();
        for u in units.iter().filter(|u| !u.settled) {
            if let Some(event) = &u.event
                && anchor_of(self, event) == Some(u.docs[0])
            {
                anchors.insert(u.docs[0], event.clone());
            }
        }
        let mut changed: BTreeSet<String> = BTreeSet::new();
        let mut placed: Option<(String, String)> = None;
        for group in groups {
            let mut anchored: Vec<String> = group
                .iter()
                .filter_map(|&u| match (&units[u].event, units[u].settled) {
                    (Some(e), true) => Some(e.clone()),
                    (Some(_), false) => anchors.get(&units[u].docs[0]).cloned(),
                    _ => None,
                })
                .collect();
            anchored.sort_by_key(|e| (founded(self, e), e.clone()));
            anchored.dedup();
            let free: Vec<i64> = group
                .iter()
                .filter(|&&u| !units[u].settled)
                .map(|&u| units[u].docs[0])
                .collect();
            let target = match anchored.split_first() {
                Some((oldest, others)) => {
                    for other in others {
                        self.merge(store, Level::Event, other, oldest, id, update)?;
                        changed.insert(oldest.clone());
                    }
                    oldest.clone()
                }
                None => {
                    let earliest = free.iter().copied().min().unwrap_or(seq);
                    if earliest == seq {
                        // The arrival alone (it is the latest report): a new event.
                        let started =
                            self.start_event(seq, id, storyline_candidates.clone(), update);
                        placed = Some(started);
                        continue;
                    }
                    self.split_off(earliest, id, update, &mut changed)?
                }
            };
            for doc in free {
                if doc == seq {
                    let storyline = self
                        .storyline_of(&target)
                        .ok_or_else(|| missing_id(&target))?;
                    placed = Some((target.clone(), storyline));
                    continue;
                }
                let current = self.event_of.get(&doc).map(|e| self.resolve(e));
                if let Some(current) = current.filter(|c| *c != target) {
                    self.move_doc(doc, &current, &target, update, &mut changed)?;
                }
            }
        }
        let (event, storyline) = placed.ok_or_else(|| {
            crate::Error::Corrupt(format!(
                "regrouping left document seq {seq} without an event"
            ))
        })?;
        Ok(Placed {
            event,
            storyline,
            changed: changed.into_iter().collect(),
        })
    }

    /// A new event for the reports a regroup set apart, founded by the earliest of them,
    /// `founder`, in the storyline of the event it came from; recorded as a split.
    fn split_off(
        &mut self,
        founder: i64,
        by: &str,
        update: &mut StoryUpdate,
        changed: &mut BTreeSet<String>,
    ) -> Result<String> {
        let from = self
            .event_of
            .get(&founder)
            .map(|e| self.resolve(e))
            .ok_or_else(|| missing(founder as u64))?;
        let storyline = self.storyline_of(&from).ok_or_else(|| missing_id(&from))?;
        let founder_id = self
            .doc_ids
            .get(&founder)
            .cloned()
            .ok_or_else(|| missing(founder as u64))?;
        let row = StoryRow {
            id: Level::Event.id_for(&founder_id),
            level: Level::Event,
            founded: founder,
            storyline: Some(storyline),
            merged_into: None,
        };
        let into = row.id.clone();
        self.track(row.clone());
        update.ops.push(StoryOp::Create(row));
        update.ops.push(StoryOp::Split(Split {
            from: from.clone(),
            into: into.clone(),
            by: by.to_string(),
        }));
        changed.insert(from);
        changed.insert(into.clone());
        Ok(into)
    }

    /// Moves an assigned report from event `from` to event `to` (and between their
    /// storylines), in memory and by an assignment in `update`.
    fn move_doc(
        &mut self,
        doc: i64,
        from: &str,
        to: &str,
        update: &mut StoryUpdate,
        changed: &mut BTreeSet<String>,
    ) -> Result<()> {
        let from_storyline = self.storyline_of(from);
        let to_storyline = self.storyline_of(to).ok_or_else(|| missing_id(to))?;
        let mut moves = vec![(from.to_string(), to.to_string())];
        if let Some(fs) = from_storyline.filter(|fs| *fs != to_storyline) {
            moves.push((fs, to_storyline.clone()));
        }
        for (a, b) in moves {
            if let Some(t) = self.stories.get_mut(&a) {
                t.members.retain(|m| *m != doc);
                (t.sum, t.central) = (None, None);
            }
            if let Some(t) = self.stories.get_mut(&b) {
                if let Err(at) = t.members.binary_search(&doc) {
                    t.members.insert(at, doc);
                }
                (t.sum, t.central) = (None, None);
            }
            changed.insert(a);
            changed.insert(b);
        }
        self.event_of.insert(doc, to.to_string());
        let doc_id = self
            .doc_ids
            .get(&doc)
            .cloned()
            .ok_or_else(|| missing(doc as u64))?;
        update.ops.push(StoryOp::Assign {
            doc: doc_id,
            event: to.to_string(),
            storyline: to_storyline,
        });
        Ok(())
    }

    /// Recomputes a story's centroid and central report from its members.
    fn recompute_central(&mut self, store: &dyn Store, id: &str) -> Result<()> {
        if let Some(t) = self.stories.get_mut(id) {
            (t.sum, t.central) = (None, None);
        }
        self.ensure_sum(store, id)?;
        let Some(t) = self.stories.get(id) else {
            return Ok(());
        };
        let (members, Some(sum)) = (t.members.clone(), t.sum.clone()) else {
            return Ok(());
        };
        let mut central: Option<(i64, f32)> = None;
        for seq in members {
            if let Some(v) = self.index_vector_of(store, seq)? {
                let cos = crate::vectors::cosine(&v, &sum);
                if central.is_none_or(|(_, c)| cos > c) {
                    central = Some((seq, cos));
                }
            }
        }
        if let Some(t) = self.stories.get_mut(id) {
            t.central = central;
        }
        Ok(())
    }

    /// The union of every index's nearest neighbours, by sequence number (ascending, so the
    /// order never depends on which index found a document first).
    fn candidates(&self, profile: &Profile) -> Result<BTreeSet<i64>> {
        let mut found = BTreeSet::new();
        for (name, index) in &self.indexes {
            if let Some(v) = profile.vectors.get(name).filter(|v| !v.doc.is_empty()) {
                found.extend(
                    index
                        .search(&v.doc, NEIGHBOURS)?
                        .into_iter()
                        .map(|(key, _)| key as i64),
                );
            }
        }
        Ok(found)
    }

    /// Starts tracking a story (new, or loaded from the store; merged ones only redirect).
    fn track(&mut self, row: StoryRow) {
        if row.level == Level::Event && row.merged_into.is_none() {
            self.event_by_founded.insert(row.founded, row.id.clone());
        }
        self.stories.insert(
            row.id.clone(),
            Tracked {
                row,
                members: Vec::new(),
                sum: None,
                central: None,
            },
        );
    }

    /// Merges story `from` into `into` (both live, same level); the older survives whatever
    /// the caller asked, so ids only ever redirect to older ones. Merging two events whose
    /// storylines differ merges the storylines too.
    fn merge(
        &mut self,
        store: &dyn Store,
        level: Level,
        from: &str,
        into: &str,
        by: &str,
        update: &mut StoryUpdate,
    ) -> Result<()> {
        let (from, into) = (self.resolve(from), self.resolve(into));
        if from == into {
            return Ok(());
        }
        let founded = |id: &str| self.stories.get(id).map_or(i64::MAX, |t| t.row.founded);
        let (from, into) = if founded(&from) < founded(&into) {
            (into, from)
        } else {
            (from, into)
        };
        let Some(mut gone) = self.stories.remove(&from) else {
            return Err(missing_id(&from));
        };
        gone.row.merged_into = Some(into.clone());
        if level == Level::Event {
            self.event_by_founded.remove(&gone.row.founded);
            for seq in &gone.members {
                self.event_of.insert(*seq, into.clone());
            }
        } else {
            for t in self.stories.values_mut() {
                if t.row.storyline.as_deref() == Some(from.as_str()) {
                    t.row.storyline = Some(into.clone());
                }
            }
        }
        let (members, sum) = (std::mem::take(&mut gone.members), gone.sum.take());
        let from_storyline = gone.row.storyline.clone();
        self.stories.insert(from.clone(), gone);
        self.ensure_sum(store, &into)?;
        if let Some(t) = self.stories.get_mut(&into) {
            t.members.extend(members);
            t.members.sort_unstable();
            match (&mut t.sum, sum) {
                (Some(total), Some(more)) => total.iter_mut().zip(&more).for_each(|(a, b)| *a += b),
                // The absorbed sum was never loaded: reload the whole on next use.
                _ => t.sum = None,
            }
            t.central = None;
        }
        update.ops.push(StoryOp::Merge(Merge {
            level,
            from: from.clone(),
            into: into.clone(),
            by: by.to_string(),
        }));
        if level == Level::Event {
            let into_storyline = self.storyline_of(&into);
            if let (Some(a), Some(b)) = (from_storyline, into_storyline)
                && a != b
            {
                self.merge(store, Level::Storyline, &a, &b, by, update)?;
            }
        }
        Ok(())
    }

    /// Adds a member to a story's centroid and keeps its central report current.
    fn join(&mut self, store: &dyn Store, id: &str, seq: i64, vector: &[f32]) -> Result<()> {
        let id = self.resolve(id);
        self.ensure_sum(store, &id)?;
        let Some(t) = self.stories.get_mut(&id) else {
            return Err(missing_id(&id));
        };
        if !t.members.contains(&seq) {
            t.members.push(seq);
        }
        let sum = t.sum.get_or_insert_with(|| vec![0.0; vector.len()]);
        sum.iter_mut().zip(vector).for_each(|(a, b)| *a += b);
        let sum = sum.clone();
        let cos = crate::vectors::cosine(vector, &sum);
        // The central report is kept incrementally: the newcomer takes over when it is
        // closer to the new centroid than the current one is (recomputed when unknown).
        let current = match t.central {
            Some((c, _)) if c != seq => {
                let v = self.index_vector_of(store, c)?;
                v.map(|v| (c, crate::vectors::cosine(&v, &sum)))
            }
            _ => None,
        };
        let t = self.stories.get_mut(&id).ok_or_else(|| missing_id(&id))?;
        t.central = match current {
            Some((c, c_cos)) if c_cos >= cos => Some((c, c_cos)),
            _ => Some((seq, cos)),
        };
        Ok(())
    }

    /// Loads the centroid sum of a story from its members' stored vectors when not known.
    fn ensure_sum(&mut self, store: &dyn Store, id: &str) -> Result<()> {
        let Some(t) = self.stories.get(id) else {
            return Ok(());
        };
        if t.sum.is_some() || t.members.is_empty() {
            return Ok(());
        }
        let members = t.members.clone();
        let mut sum: Option<Vec<f32>> = None;
        for seq in members {
            if let Some(v) = self.index_vector_of(store, seq)? {
                let s = sum.get_or_insert_with(|| vec![0.0; v.len()]);
                s.iter_mut().zip(&v).for_each(|(a, b)| *a += b);
            }
        }
        if let Some(t) = self.stories.get_mut(id) {
            t.sum = sum;
        }
        Ok(())
    }

    fn index_vector_of(&mut self, store: &dyn Store, seq: i64) -> Result<Option<Vec<f32>>> {
        if let Some(p) = self.profiles.get(&seq) {
            return Ok(index_vector(p));
        }
        let Some(id) = self.doc_ids.get(&seq) else {
            return Ok(None);
        };
        Ok(store
            .vectors(id, INDEX_VECTOR)?
            .and_then(|v| v.into_iter().next()))
    }

    /// The live id a story id stands for (following merges).
    fn resolve(&self, id: &str) -> String {
        let mut id = id.to_string();
        // Redirect chains only point to older stories, so they end.
        while let Some(next) = self
            .stories
            .get(&id)
            .and_then(|t| t.row.merged_into.clone())
        {
            id = next;
        }
        id
    }

    fn storyline_of(&self, event: &str) -> Option<String> {
        let event = self.resolve(event);
        let storyline = self.stories.get(&event)?.row.storyline.clone()?;
        Some(self.resolve(&storyline))
    }

    /// The profile of an assigned document: cached, or rebuilt from the store.
    fn profile(&mut self, store: &dyn Store, seq: i64) -> Result<Arc<Profile>> {
        if let Some(p) = self.profiles.get(&seq) {
            return Ok(p.clone());
        }
        let doc = store
            .doc_at(seq)?
            .ok_or_else(|| crate::Error::Corrupt(format!("no document with seq {seq}")))?;
        let profile = crate::vectors::stored_profile(
            store,
            &self.encoders,
            &crate::vectors::DocText::of(&doc),
        )?;
        let profile = Arc::new(profile);
        self.remember(seq, profile.clone());
        Ok(profile)
    }

    fn remember(&mut self, seq: i64, profile: Arc<Profile>) {
        if self.profiles.insert(seq, profile).is_none() {
            self.profile_order.push_back(seq);
        }
        while self.profiles.len() > PROFILE_CACHE {
            match self.profile_order.pop_front() {
                Some(old) => {
                    self.profiles.remove(&old);
                }
                None => break,
            }
        }
    }
}

/// Whether two reports are about a place in common: one of the places each names most
/// ([`Profile::lead_places`]). A country named in passing does not count (a report on
/// Germany's budget and one on Belarus that lists Germany among the Security Council's
/// members), nor do organisations: the UN and its bodies are named by nearly every report
/// Vigil's users follow, whatever the story.
fn shares_a_place(a: &Profile, b: &Profile) -> bool {
    a.lead_places.intersection(&b.lead_places).next().is_some()
}

/// The vector a profile is indexed by.
fn index_vector(profile: &Profile) -> Option<Vec<f32>> {
    let (encoder, part) = INDEX_VECTOR.split_once('/')?;
    debug_assert_eq!(part, "doc");
    let v = &profile.vectors.get(encoder)?.doc;
    (!v.is_empty()).then(|| v.clone())
}

/// The day of an ISO 8601 date or date-time.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn days_apart(a: NaiveDate, b: NaiveDate) -> i64 {
    (a - b).num_days().abs()
}

fn missing(founded: u64) -> crate::Error {
    crate::Error::Corrupt(format!("no live event founded by document seq {founded}"))
}

fn missing_id(id: &str) -> crate::Error {
    crate::Error::Corrupt(format!("story {id} is not tracked"))
}
