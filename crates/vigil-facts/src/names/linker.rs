//! The entity table: one id per real-world person, organisation or place, across documents,
//! languages and scripts, grown one document at a time in ingest order.
//!
//! Gazetteer mentions need no judgement: their key *is* the entity, and the id is a hash of
//! the key, the same everywhere. Other names link by how alike their romanisations sound
//! ([`name_similarity`]) plus context: a name that sounds nearly the same links on its own; one
//! that sounds only fairly alike links when the document shares the entity's event or several
//! of the places and bodies it has been seen with. A lone short word ("Kim", "Li") never links
//! on sound alone. Nothing else matching well enough, the name becomes a new entity.
//!
//! The table is plain data (serde) with no storage of its own: the engine persists it and
//! calls [`EntityTable::link_document`] at ingest, in document order. Same documents in the
//! same order, same ids.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::blocks::{Block, BlockIndex, blocks, shares_enough};
use super::meaning::{Meaning, TRANSLATION_THRESHOLD};
use super::romanize;
use super::romanize::is_han;
use super::similarity::{NameKey, name_similarity, part_similarity};
use crate::Kind;

/// A name that sounds at least this alike links without any help from context.
pub const LINK_THRESHOLD: f32 = 0.76;
/// How much agreeing context (same event, shared places and bodies) adds to the similarity.
pub const CONTEXT_WEIGHT: f32 = 0.12;
/// Within one document a surname alone joins the full name it shortens at this similarity.
const SAME_DOCUMENT_THRESHOLD: f32 = 0.8;
/// Places and bodies shared with an entity's past documents for full context agreement.
const SHARED_FOR_FULL_CONTEXT: f32 = 3.0;
/// A lone word with at most this many consonants is too common to link on sound alone.
const AMBIGUOUS_CONSONANTS: usize = 2;

/// An entity named beside more entities than this (the UN, a superpower) says too little
/// about a report's context to find translations by, and would make the search slow.
const MAX_CONTEXT_FANOUT: usize = 2_000;

/// Names kept per entity and language, and romanised forms kept per entity.
const NAMES_KEPT: usize = 8;

/// One entity: what it is, what it has been called, and what it has been seen with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `ent_` and 16 hex digits.
    pub id: String,
    pub kind: Kind,
    /// For places and UN bodies: the gazetteer key (`country:BY`, `org:unhrc`).
    pub gazetteer_key: Option<String>,
    /// Names as written, by language (ISO 639-1, `und` when unknown), first seen first.
    pub names: BTreeMap<String, Vec<String>>,
    /// The distinct romanisations of those names, which new names are compared against.
    pub romanized: Vec<String>,
    /// How many mentions have been linked to it.
    pub mentions: u64,
    /// Ids of the entities named in the same documents, with how many documents.
    pub cooccurring: BTreeMap<String, u32>,
    /// Events (stories) of the documents that name it.
    pub events: BTreeSet<String>,
    /// The vector of its first name that came with one (organisations and places): what a
    /// translation of that name is compared with ([`super::meaning`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<Meaning>,
}

impl Entity {
    /// An entity not yet named or seen with anything.
    fn new(id: String, kind: Kind, gazetteer_key: Option<String>) -> Entity {
        Entity {
            id,
            kind,
            gazetteer_key,
            names: BTreeMap::new(),
            romanized: Vec::new(),
            mentions: 0,
            cooccurring: BTreeMap::new(),
            events: BTreeSet::new(),
            meaning: None,
        }
    }
}

/// One mention of a document, as the linker needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionInput<'a> {
    pub kind: Kind,
    /// The name as written.
    pub name: &'a str,
    pub lang: Option<&'a str>,
    /// The gazetteer key, for gazetteer mentions.
    pub gazetteer_key: Option<&'a str>,
    /// The name's vector from a multilingual sentence encoder, for names that may be
    /// translated rather than transliterated (organisations, places); see [`super::meaning`].
    pub vector: Option<&'a [f32]>,
}

/// What else is known about the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocContext<'a> {
    /// The document's event or story id, if known.
    pub event: Option<&'a str>,
    /// Gazetteer keys the document mentions (those among its mentions are added anyway).
    pub gazetteer_keys: Vec<&'a str>,
}

/// Which entity a mention is, and how sure the linker is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub entity: String,
    pub confidence: f32,
}

/// Every entity seen so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EntityTable {
    entities: Vec<Entity>,
    /// Derived from `entities` (rebuilt by [`EntityTable::reindex`]): position by id, the
    /// sound keys of each entity's romanised names, and the blocking index per kind.
    #[serde(skip)]
    by_id: HashMap<String, usize>,
    #[serde(skip)]
    keys: Vec<Vec<BlockedKey>>,
    #[serde(skip)]
    blocks: HashMap<Kind, BlockIndex>,
}

/// A romanised name of an entity, ready to compare and to block.
#[derive(Debug, Clone)]
struct BlockedKey {
    key: NameKey,
    blocks: Vec<Block>,
}

impl BlockedKey {
    fn new(key: NameKey) -> BlockedKey {
        BlockedKey {
            blocks: blocks(&key),
            key,
        }
    }
}

/// A name as an entity lists it: the mention's text with its line breaks and runs of spaces
/// (a PDF's or a web page's layout, "瓦连钦·斯特凡\n\n诺维奇") made one space, or none
/// between two Han characters, which are written without spaces.
fn as_written(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.trim().chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && !(out.chars().next_back().is_some_and(is_han) && is_han(c)) {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// The id of the entity a gazetteer key names: the same key gives the same id everywhere.
pub fn gazetteer_entity_id(key: &str) -> String {
    short_id(key)
}

fn short_id(seed: &str) -> String {
    let hash = blake3::hash(seed.as_bytes());
    format!("ent_{}", &hash.to_hex()[..16])
}

/// Mentions of one document that the document itself says are one entity.
struct Cluster {
    kind: Kind,
    members: Vec<usize>,
    keys: Vec<NameKey>,
    /// The first member's name vector, if any came with one.
    meaning: Option<Meaning>,
}

impl EntityTable {
    pub fn new() -> EntityTable {
        EntityTable::default()
    }

    /// A table of entities kept from earlier runs (the engine stores them one row each).
    pub fn from_entities(entities: Vec<Entity>) -> EntityTable {
        let mut table = EntityTable {
            entities,
            ..EntityTable::default()
        };
        table.reindex();
        table
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        match self.by_id.get(id) {
            Some(&i) => self.entities.get(i),
            None => self.entities.iter().find(|e| e.id == id),
        }
    }

    /// Links every mention of one document, in the order given, creating entities for names
    /// nothing matches; returns one link per mention.
    pub fn link_document(&mut self, mentions: &[MentionInput], context: &DocContext) -> Vec<Link> {
        self.reindex();
        let mut links: Vec<Option<Link>> = vec![None; mentions.len()];
        let mut context_ids: BTreeSet<String> = context
            .gazetteer_keys
            .iter()
            .map(|k| gazetteer_entity_id(k))
            .collect();
        for (i, mention) in mentions.iter().enumerate() {
            if let Some(key) = mention.gazetteer_key {
                let at = self.gazetteer_entity(key, mention.kind);
                context_ids.insert(self.entities[at].id.clone());
                links[i] = Some(Link {
                    entity: self.entities[at].id.clone(),
                    confidence: 1.0,
                });
            }
        }
        let clusters = clusters(mentions);
        let by_sound: Vec<Option<(usize, f32)>> = clusters
            .iter()
            .map(|c| self.by_sound(c, &context_ids, context.event))
            .collect();
        // The entities the document's other names sound like are context for the names that
        // may be translations, and are not theirs to take: a report that names the Interior
        // Ministry and the Foreign Ministry names two bodies.
        let mut taken: BTreeSet<usize> = BTreeSet::new();
        for &(at, score) in by_sound.iter().flatten() {
            if score >= LINK_THRESHOLD {
                context_ids.insert(self.entities[at].id.clone());
                taken.insert(at);
            }
        }
        for (cluster, sound) in clusters.iter().zip(by_sound) {
            let (at, confidence) = match sound {
                Some((at, score)) if score >= LINK_THRESHOLD => (at, score.min(1.0)),
                _ => match self.translation(cluster, &context_ids, context.event, &taken) {
                    Some(found) => found,
                    None => self.create(cluster, sound.map_or(0.0, |(_, s)| s)),
                },
            };
            taken.insert(at);
            for &i in &cluster.members {
                links[i] = Some(Link {
                    entity: self.entities[at].id.clone(),
                    confidence,
                });
            }
        }
        let links: Vec<Link> = links
            .into_iter()
            .map(|l| l.unwrap_or_else(unlinked))
            .collect();
        self.record(mentions, &links, context.event);
        links
    }

    /// Rebuilds what is derived from the entities, when they came from elsewhere (serde).
    fn reindex(&mut self) {
        if self.by_id.len() == self.entities.len() && self.keys.len() == self.entities.len() {
            return;
        }
        self.by_id.clear();
        self.keys.clear();
        self.blocks.clear();
        for at in 0..self.entities.len() {
            self.by_id.insert(self.entities[at].id.clone(), at);
            self.keys.push(Vec::new());
            for latin in self.entities[at].romanized.clone() {
                self.add_key(at, &latin);
            }
        }
    }

    fn push(&mut self, entity: Entity) -> usize {
        self.by_id.insert(entity.id.clone(), self.entities.len());
        self.entities.push(entity);
        self.keys.push(Vec::new());
        self.entities.len() - 1
    }

    /// Makes a romanised name of entity `at` comparable and findable.
    fn add_key(&mut self, at: usize, latin: &str) {
        let key = BlockedKey::new(NameKey::of_romanized(latin));
        let kind = self.entities[at].kind;
        self.blocks.entry(kind).or_default().insert(at, &key.key);
        self.keys[at].push(key);
    }

    fn gazetteer_entity(&mut self, key: &str, kind: Kind) -> usize {
        let id = gazetteer_entity_id(key);
        match self.by_id.get(&id) {
            Some(&at) => at,
            None => self.push(Entity::new(id, kind, Some(key.to_string()))),
        }
    }

    /// The existing entity whose names sound most like the cluster's (with the context's
    /// support), and that score; linked when it reaches [`LINK_THRESHOLD`].
    fn by_sound(
        &self,
        cluster: &Cluster,
        context_ids: &BTreeSet<String>,
        event: Option<&str>,
    ) -> Option<(usize, f32)> {
        let ambiguous = cluster
            .keys
            .iter()
            .all(|k| k.words.len() == 1 && k.longest_word_consonants() <= AMBIGUOUS_CONSONANTS);
        let mut best: Option<(usize, f32)> = None;
        // The cluster's fullest names speak for it: "محمد" beside "محمد فرحات" in one report
        // is Mohammed Farhat, not every Mohammed the table knows.
        let fullest = cluster
            .keys
            .iter()
            .map(|k| k.words.len())
            .max()
            .unwrap_or(0);
        let keys: Vec<NameKey> = cluster
            .keys
            .iter()
            .filter(|k| k.words.len() == fullest)
            .cloned()
            .collect();
        let cluster_blocks: Vec<Vec<Block>> = keys.iter().map(blocks).collect();
        let candidates = self
            .blocks
            .get(&cluster.kind)
            .map(|index| index.candidates(&keys))
            .unwrap_or_default();
        for at in candidates {
            let entity = &self.entities[at];
            if entity.kind != cluster.kind || entity.gazetteer_key.is_some() {
                continue;
            }
            // Only names sharing a block can sound alike enough to matter.
            let sound = self.keys[at]
                .iter()
                .flat_map(|ek| {
                    keys.iter()
                        .zip(&cluster_blocks)
                        .filter(|(_, cb)| shares_enough(cb, &ek.blocks))
                        .map(move |(ck, _)| name_similarity(ck, &ek.key))
                })
                .fold(0.0_f32, f32::max);
            let agreement = context_agreement(entity, context_ids, event);
            // A short lone name needs context to link, unless it is a place written the
            // same way: two people called "Ali" are common, two towns called "غزة" are not.
            let same_place = cluster.kind == Kind::Place && sound >= 1.0;
            if ambiguous && agreement == 0.0 && !same_place {
                continue;
            }
            let score = sound + CONTEXT_WEIGHT * agreement;
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((at, score));
            }
        }
        best
    }

    /// A new entity for a cluster nothing matched; sure it is new in proportion to how far
    /// the nearest other entity (`nearest`, its score) is.
    fn create(&mut self, cluster: &Cluster, nearest: f32) -> (usize, f32) {
        let first = cluster.keys.first().map(|k| k.words.len()).unwrap_or(0);
        let seed = format!("{}:{first}:{}", cluster.kind.as_str(), self.entities.len());
        let at = self.push(Entity::new(short_id(&seed), cluster.kind, None));
        (at, (1.0 - nearest / 2.0).clamp(0.5, 1.0))
    }

    /// The entity whose name `cluster`'s name translates ([`super::meaning`]): among the
    /// entities of its kind named beside what this document names (or in its event), not
    /// already taken by another name of the document, the one whose vector is closest, if
    /// it is at least [`TRANSLATION_THRESHOLD`]; with that cosine as the confidence.
    fn translation(
        &self,
        cluster: &Cluster,
        context_ids: &BTreeSet<String>,
        event: Option<&str>,
        taken: &BTreeSet<usize>,
    ) -> Option<(usize, f32)> {
        if !matches!(cluster.kind, Kind::Organization | Kind::Place) {
            return None;
        }
        let meaning = cluster.meaning.as_ref()?;
        let beside_context = context_ids
            .iter()
            .filter_map(|id| self.by_id.get(id))
            .map(|&at| &self.entities[at].cooccurring)
            .filter(|beside| beside.len() <= MAX_CONTEXT_FANOUT)
            .flat_map(|beside| beside.keys())
            .filter_map(|id| self.by_id.get(id).copied());
        let in_event = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| event.is_some_and(|ev| e.events.contains(ev)))
            .map(|(at, _)| at);
        let candidates: BTreeSet<usize> = beside_context.chain(in_event).collect();
        candidates
            .into_iter()
            .filter(|at| !taken.contains(at))
            .filter_map(|at| {
                let e = &self.entities[at];
                let usable = e.kind == cluster.kind && e.gazetteer_key.is_none();
                let cosine = meaning.cosine(e.meaning.as_ref().filter(|_| usable)?);
                (cosine >= TRANSLATION_THRESHOLD).then_some((at, cosine))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// Adds the document's names, counts, event and co-occurrences to its entities.
    fn record(&mut self, mentions: &[MentionInput], links: &[Link], event: Option<&str>) {
        let ids: BTreeSet<&str> = links.iter().map(|l| l.entity.as_str()).collect();
        let ids: Vec<String> = ids.into_iter().map(str::to_string).collect();
        // An entity's keys are its fullest names in this document and the last words of them
        // (surnames, which later reports use alone): a lone given name ("محمد") kept as a key
        // would later match every name that starts with it.
        let words = |m: &MentionInput| m.name.split_whitespace().count();
        let mut fullest: BTreeMap<&str, usize> = BTreeMap::new();
        for (mention, link) in mentions.iter().zip(links) {
            let most = fullest.entry(link.entity.as_str()).or_default();
            *most = (*most).max(words(mention));
        }
        let surnames: BTreeSet<(&str, &str)> = mentions
            .iter()
            .zip(links)
            .filter(|(m, l)| words(m) > 1 && words(m) == fullest[l.entity.as_str()])
            .filter_map(|(m, l)| Some((l.entity.as_str(), m.name.split_whitespace().last()?)))
            .collect();
        let keyed = |m: &MentionInput, l: &Link| {
            words(m) == fullest[l.entity.as_str()]
                || surnames.contains(&(l.entity.as_str(), m.name.trim()))
        };
        for (mention, link) in mentions.iter().zip(links) {
            let Some(&at) = self.by_id.get(&link.entity) else {
                continue;
            };
            let entity = &mut self.entities[at];
            entity.mentions += 1;
            let names = entity
                .names
                .entry(mention.lang.unwrap_or("und").to_string())
                .or_default();
            let written = as_written(mention.name);
            if !names.contains(&written) && names.len() < NAMES_KEPT {
                names.push(written);
            }
            if entity.meaning.is_none() && mention.gazetteer_key.is_none() {
                entity.meaning = mention.vector.and_then(Meaning::of);
            }
            if mention.gazetteer_key.is_none() && keyed(mention, link) {
                let latin = romanize(mention.name);
                if !latin.is_empty()
                    && !entity.romanized.contains(&latin)
                    && entity.romanized.len() < NAMES_KEPT * 2
                {
                    entity.romanized.push(latin.clone());
                    self.add_key(at, &latin);
                }
            }
        }
        for id in &ids {
            let Some(&at) = self.by_id.get(id) else {
                continue;
            };
            let entity = &mut self.entities[at];
            if let Some(event) = event {
                entity.events.insert(event.to_string());
            }
            for other in ids.iter().filter(|o| *o != id) {
                *entity.cooccurring.entry(other.clone()).or_default() += 1;
            }
        }
    }
}

fn unlinked() -> Link {
    Link {
        entity: String::new(),
        confidence: 0.0,
    }
}

/// 0–1: the same event counts fully; otherwise shared places and bodies, up to three.
fn context_agreement(entity: &Entity, context_ids: &BTreeSet<String>, event: Option<&str>) -> f32 {
    if event.is_some_and(|e| entity.events.contains(e)) {
        return 1.0;
    }
    let shared = context_ids
        .iter()
        .filter(|id| entity.cooccurring.contains_key(*id))
        .count();
    (shared as f32 / SHARED_FOR_FULL_CONTEXT).min(1.0)
}

/// Groups a document's name mentions: the same name, or a surname alone and the full name
/// it shortens. Fuller names go first so that "Lukashenko" finds "Alexander Lukashenko".
fn clusters(mentions: &[MentionInput]) -> Vec<Cluster> {
    let mut order: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].gazetteer_key.is_none())
        .collect();
    let keys: Vec<NameKey> = mentions
        .iter()
        .map(|m| NameKey::of_romanized(&romanize(m.name)))
        .collect();
    order.retain(|&i| !keys[i].is_empty());
    order.sort_by_key(|&i| (std::cmp::Reverse(keys[i].words.len()), i));
    let mut clusters: Vec<Cluster> = Vec::new();
    let key_blocks: Vec<Vec<Block>> = keys.iter().map(blocks).collect();
    for i in order {
        // The same name again joins its cluster without comparing sounds.
        let same = clusters
            .iter()
            .position(|c| c.kind == mentions[i].kind && c.keys.contains(&keys[i]));
        let joins = same.or_else(|| {
            clusters.iter().position(|c| {
                c.kind == mentions[i].kind
                    && c.keys.iter().any(|k| {
                        shares_enough(&blocks(k), &key_blocks[i])
                            && (name_similarity(k, &keys[i]) >= SAME_DOCUMENT_THRESHOLD
                                || part_similarity(&keys[i], k) >= SAME_DOCUMENT_THRESHOLD)
                    })
            })
        });
        match joins {
            Some(c) => {
                clusters[c].members.push(i);
                if !clusters[c].keys.contains(&keys[i]) {
                    clusters[c].keys.push(keys[i].clone());
                }
            }
            None => clusters.push(Cluster {
                kind: mentions[i].kind,
                members: vec![i],
                keys: vec![keys[i].clone()],
                meaning: None,
            }),
        }
    }
    for cluster in &mut clusters {
        cluster.meaning = cluster
            .members
            .iter()
            .find_map(|&i| mentions[i].vector.and_then(Meaning::of));
    }
    // Resolve in document order, so that ids do not depend on name lengths.
    clusters.sort_by_key(|c| c.members.iter().min().copied());
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person<'a>(name: &'a str, lang: &'a str) -> MentionInput<'a> {
        MentionInput {
            kind: Kind::Person,
            name,
            lang: Some(lang),
            gazetteer_key: None,
            vector: None,
        }
    }

    fn place<'a>(name: &'a str, key: &'a str) -> MentionInput<'a> {
        MentionInput {
            kind: Kind::Place,
            name,
            lang: None,
            gazetteer_key: Some(key),
            vector: None,
        }
    }

    /// Links one document and returns its first mention's entity id.
    fn link(table: &mut EntityTable, mentions: &[MentionInput], event: Option<&str>) -> String {
        let context = DocContext {
            event,
            gazetteer_keys: Vec::new(),
        };
        table.link_document(mentions, &context)[0].entity.clone()
    }

    /// An organisation with a name vector, beside a gazetteer place.
    fn body<'a>(name: &'a str, lang: &'a str, vector: &'a [f32]) -> MentionInput<'a> {
        MentionInput {
            kind: Kind::Organization,
            name,
            lang: Some(lang),
            gazetteer_key: None,
            vector: Some(vector),
        }
    }

    #[test]
    fn a_translated_name_links_only_beside_shared_context_and_close_vectors() {
        // Vectors as a multilingual encoder gives them: translations close, other bodies not.
        let movement = [0.9_f32, 0.3, 0.1, 0.0];
        let movimiento = [0.85_f32, 0.35, 0.15, 0.05];
        let ministry = [0.5_f32, 0.1, 0.8, 0.2];
        let geneva = place("Ginebra", "city:2660646");
        let mut table = EntityTable::new();
        let links = |table: &mut EntityTable, mentions: &[MentionInput]| {
            let ids: Vec<String> = table
                .link_document(mentions, &DocContext::default())
                .into_iter()
                .map(|l| l.entity)
                .collect();
            ids
        };
        let en = links(
            &mut table,
            &[
                body("Civic Renewal Movement", "en", &movement),
                geneva.clone(),
            ],
        )[0]
        .clone();
        // Named beside the same place: the translation joins it.
        let es = links(
            &mut table,
            &[
                body("Movimiento de Renovación Cívica", "es", &movimiento),
                geneva.clone(),
            ],
        );
        assert_eq!(es[0], en);
        // A close vector with nothing else in common is another movement.
        let elsewhere = links(&mut table, &[body("Frente Cívico", "es", &movimiento)]);
        assert_ne!(elsewhere[0], en);
        // A different body beside the same place stays apart; and of two names in one
        // report, only one can be the movement.
        let other = links(
            &mut table,
            &[
                body("Ministerio del Interior", "es", &ministry),
                body("Movimiento Renovador", "es", &movimiento),
                body("Renovación", "es", &movimiento),
                geneva,
            ],
        );
        assert_ne!(other[0], en);
        assert_eq!(other[1], en);
        assert_ne!(other[2], en);
    }

    #[test]
    fn one_person_in_four_scripts_has_one_id() {
        let mut table = EntityTable::new();
        let english = link(
            &mut table,
            &[
                person("Volodymyr Zelensky", "en"),
                place("Kyiv", "city:703448"),
            ],
            None,
        );
        let arabic = link(&mut table, &[person("فولوديمير زيلينسكي", "ar")], None);
        let russian = link(&mut table, &[person("Зеленский", "ru")], None);
        let chinese = link(
            &mut table,
            &[person("泽连斯基", "zh"), place("基辅", "city:703448")],
            None,
        );
        assert!(english.starts_with("ent_"));
        assert_eq!([&arabic, &russian, &chinese], [&english; 3]);
        let entity = table.get(&english).unwrap();
        assert_eq!(entity.mentions, 4);
        assert_eq!(entity.names["ar"], ["فولوديمير زيلينسكي"]);
        assert!(
            entity
                .cooccurring
                .contains_key(&gazetteer_entity_id("city:703448"))
        );
    }

    #[test]
    fn a_lone_given_name_does_not_join_every_name_that_starts_with_it() {
        let mut table = EntityTable::new();
        // One report names Mohammed Farhat, then calls him "Mohammed".
        let farhat = link(
            &mut table,
            &[person("محمد فرحات", "ar"), person("محمد", "ar")],
            None,
        );
        let fouad = link(&mut table, &[person("محمد فؤاد", "ar")], None);
        let hany = link(&mut table, &[person("محمد هاني غنيم", "ar")], None);
        assert_ne!(farhat, fouad);
        assert_ne!(fouad, hany);
        assert_eq!(table.len(), 3);
        // A one-syllable family name written first still sounds like its full name; a
        // given name alone does not.
        assert!(crate::names::similarity("Kim", "Kim Jong-un") >= LINK_THRESHOLD);
        assert!(crate::names::similarity("Muhammad", "Muhammad Fouad") < LINK_THRESHOLD);
    }

    #[test]
    fn a_short_place_name_written_the_same_links_without_context() {
        let unkeyed_place = |name| MentionInput {
            kind: Kind::Place,
            name,
            lang: Some("ar"),
            gazetteer_key: None,
            vector: None,
        };
        let mut table = EntityTable::new();
        let a = link(&mut table, &[unkeyed_place("غزة")], None);
        let b = link(&mut table, &[unkeyed_place("غزة")], None);
        assert_eq!(a, b);
        // Two people with one short name and nothing else in common stay two.
        let ali = link(&mut table, &[person("Ali", "en")], None);
        assert_ne!(link(&mut table, &[person("Ali", "en")], None), ali);
    }

    #[test]
    fn similar_names_of_different_people_get_different_ids() {
        let mut table = EntityTable::new();
        let un = link(&mut table, &[person("Kim Jong-un", "en")], None);
        let il = link(&mut table, &[person("Ким Чен Ир", "ru")], None);
        let salman = link(&mut table, &[person("Mohammed bin Salman", "en")], None);
        let zayed = link(&mut table, &[person("محمد بن زايد", "ar")], None);
        let latushko = link(&mut table, &[person("Latushko", "en")], None);
        let lukashenko = link(&mut table, &[person("Лукашенко", "ru")], None);
        assert_ne!(un, il);
        assert_ne!(salman, zayed);
        assert_ne!(latushko, lukashenko);
        assert_eq!(table.len(), 6);
    }

    #[test]
    fn a_fairly_similar_name_links_only_with_shared_context() {
        // "亨利·基辛格" (heng-li ji-xin-ge) sounds fairly, not very, like Henry Kissinger.
        let latin = "Henry Kissinger";
        let chinese = "亨利·基辛格";
        let sound = crate::names::similarity(latin, chinese);
        assert!(
            sound < LINK_THRESHOLD && sound + CONTEXT_WEIGHT >= LINK_THRESHOLD,
            "{sound}"
        );

        let mut alone = EntityTable::new();
        let a = link(&mut alone, &[person(latin, "en")], None);
        let b = link(&mut alone, &[person(chinese, "zh")], None);
        assert_ne!(a, b);

        let mut same_event = EntityTable::new();
        let a = link(&mut same_event, &[person(latin, "en")], Some("story-1"));
        let b = link(&mut same_event, &[person(chinese, "zh")], Some("story-1"));
        assert_eq!(a, b);

        let mut shared_places = EntityTable::new();
        let places = [
            ("country:US", "United States"),
            ("country:CN", "China"),
            ("country:VN", "Vietnam"),
        ];
        let mut doc: Vec<MentionInput> = vec![person(latin, "en")];
        doc.extend(places.iter().map(|(k, n)| place(n, k)));
        let a = link(&mut shared_places, &doc, None);
        doc[0] = person(chinese, "zh");
        let b = link(&mut shared_places, &doc, None);
        assert_eq!(a, b);
    }

    #[test]
    fn a_lone_short_name_needs_context() {
        let mut table = EntityTable::new();
        let first = link(&mut table, &[person("Kim", "en")], None);
        let second = link(&mut table, &[person("Ким", "ru")], None);
        assert_ne!(first, second);
        let third = link(&mut table, &[person("Kim", "en")], Some("e"));
        let fourth = link(&mut table, &[person("Ким", "ru")], Some("e"));
        assert_eq!(third, fourth);
    }

    #[test]
    fn a_surname_joins_the_full_name_in_its_document() {
        let mut table = EntityTable::new();
        let doc = [person("Sanna Marin", "en"), person("Marin", "en")];
        let links = table.link_document(&doc, &DocContext::default());
        assert_eq!(links[0].entity, links[1].entity);
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn names_are_listed_without_the_layout_breaking_them() {
        assert_eq!(as_written("瓦连钦·斯特凡\n\n诺维奇"), "瓦连钦·斯特凡诺维奇");
        assert_eq!(as_written(" Pavel \n Latushko "), "Pavel Latushko");
        assert_eq!(
            as_written("سفياتلانا\n تسيخانوسكايا"),
            "سفياتلانا تسيخانوسكايا"
        );
        assert_eq!(as_written("联合国 Human Rights"), "联合国 Human Rights");
    }

    #[test]
    fn gazetteer_ids_come_from_the_key_alone() {
        let mut a = EntityTable::new();
        let mut b = EntityTable::new();
        link(&mut b, &[person("Someone Else", "en")], None);
        let in_a = link(&mut a, &[place("Minsk", "city:625144")], None);
        let in_b = link(&mut b, &[place("Мінск", "city:625144")], None);
        assert_eq!(in_a, in_b);
        assert_eq!(in_a, gazetteer_entity_id("city:625144"));
        assert_ne!(in_a, gazetteer_entity_id("country:BY"));
    }

    #[test]
    fn a_reloaded_table_links_as_the_original_would() {
        let docs: [&[MentionInput]; 3] = [
            &[person("Alexei Navalny", "en")],
            &[person("Алексей Навальный", "ru")],
            &[person("阿列克谢·纳瓦利内", "zh")],
        ];
        let mut kept = EntityTable::new();
        let mut reloaded = EntityTable::new();
        for doc in docs {
            let json = serde_json::to_string(&reloaded).unwrap();
            reloaded = serde_json::from_str(&json).unwrap();
            assert_eq!(
                kept.link_document(doc, &DocContext::default()),
                reloaded.link_document(doc, &DocContext::default())
            );
        }
        assert_eq!(kept.entities(), reloaded.entities());
        assert_eq!(kept.len(), 1);
    }
}
