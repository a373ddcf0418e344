//! Online assignment of an arriving document to an event, decided from what ingest can see: its
//! K nearest earlier documents (by vector cosine, from the ANN index), each with its same-event
//! score and the event it belongs to. [`decide`] is pure and deterministic; the caller applies
//! the [`Decision`] to its store ([`Events`] is the in-memory version the eval uses).
//!
//! Under these rules nothing already assigned moves except through a merge decided at an
//! arrival; the regroup rule ([`Linkage::Regroup`]) also moves earlier reports, and is run by
//! the assigner itself.

use std::collections::BTreeMap;

/// One earlier document found near the arriving one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbor {
    pub doc: usize,
    /// Its event. Event keys increase with creation order, so a smaller key is an older event.
    pub event: u64,
    /// Same-event score of the pair (arriving document, this one), in 0..1.
    pub score: f32,
}

/// What the arriving document does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Join(u64),
    /// Starts an event of its own.
    New,
    /// It matches several events clearly: they become one under the oldest key, `into`, which
    /// it joins; the `absorbed` ones (ascending) redirect there.
    Merge {
        into: u64,
        absorbed: Vec<u64>,
    },
}

/// How the neighbours found in one event combine into the document's score for that event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Linkage {
    /// The best-matching member: one close report is enough.
    Max,
    /// The scores of the members found, summed over the event's size (members the search did
    /// not find count as 0): average link over the whole event when K covers it.
    MeanOverSize,
    /// The arriving report and every member of the events its neighbours are in are
    /// regrouped by average linkage ([`super::regroup`]), so an arrival may also split an
    /// event or move earlier reports. The assigner runs it (`stories::assign`); [`decide`],
    /// which sees only the neighbours' scores, reads it as [`Linkage::MeanOverSize`], the
    /// one-step rule closest to it.
    Regroup,
}

/// The assignment rule, fitted with the event model (`weights.json` `events`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub linkage: Linkage,
    /// Linkage an event needs for the document to join it.
    pub threshold: f32,
    /// Linkage each of several events needs for the document to merge them; `None`: never.
    pub merge_threshold: Option<f32>,
}

/// The decision for a document with these `neighbors` (any order; ideally the K nearest
/// earlier documents), given each event's current size. Ties go to the older event.
pub fn decide(neighbors: &[Neighbor], event_size: &dyn Fn(u64) -> usize, rule: &Rule) -> Decision {
    let mut found: BTreeMap<u64, Vec<f32>> = BTreeMap::new();
    for n in neighbors {
        found.entry(n.event).or_default().push(n.score);
    }
    let linked: Vec<(u64, f32)> = found
        .into_iter()
        .map(|(event, scores)| (event, linkage(rule.linkage, &scores, event_size(event))))
        .collect();
    // Ascending keys: a strictly higher score is needed to displace an older event.
    let best = linked.iter().filter(|(_, s)| *s >= rule.threshold).fold(
        None,
        |best: Option<(u64, f32)>, &(e, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((e, s)),
        },
    );
    let Some((best, _)) = best else {
        return Decision::New;
    };
    let Some(merge_at) = rule.merge_threshold else {
        return Decision::Join(best);
    };
    let mut clear: Vec<u64> = linked
        .iter()
        .filter(|(e, s)| *e == best || *s >= merge_at.max(rule.threshold))
        .map(|(e, _)| *e)
        .collect();
    if clear.len() < 2 || !clear.contains(&best) {
        return Decision::Join(best);
    }
    let into = clear.remove(0);
    Decision::Merge {
        into,
        absorbed: clear,
    }
}

fn linkage(kind: Linkage, scores: &[f32], size: usize) -> f32 {
    match kind {
        Linkage::Max => scores.iter().copied().fold(0.0, f32::max),
        Linkage::MeanOverSize | Linkage::Regroup => {
            scores.iter().sum::<f32>() / size.max(scores.len()).max(1) as f32
        }
    }
}

/// Events held in memory: the document → event map a [`Decision`] updates. Keys count up
/// from 0 in creation order.
#[derive(Debug, Clone, Default)]
pub struct Events {
    assignment: Vec<u64>,
    members: BTreeMap<u64, Vec<usize>>,
    next: u64,
}

impl Events {
    /// Applies the decision for the next document (arrival index `self.len()`); returns its
    /// event.
    pub fn apply(&mut self, decision: &Decision) -> u64 {
        let event = match decision {
            Decision::Join(e) => *e,
            Decision::New => {
                self.next += 1;
                self.next - 1
            }
            Decision::Merge { into, absorbed } => {
                for e in absorbed {
                    for doc in self.members.remove(e).unwrap_or_default() {
                        self.assignment[doc] = *into;
                        self.members.entry(*into).or_default().push(doc);
                    }
                }
                *into
            }
        };
        self.members
            .entry(event)
            .or_default()
            .push(self.assignment.len());
        self.assignment.push(event);
        event
    }

    pub fn event_of(&self, doc: usize) -> u64 {
        self.assignment[doc]
    }

    pub fn size(&self, event: u64) -> usize {
        self.members.get(&event).map_or(0, Vec::len)
    }

    /// Event of each document, by arrival index.
    pub fn assignment(&self) -> &[u64] {
        &self.assignment
    }

    pub fn len(&self) -> usize {
        self.assignment.len()
    }

    pub fn is_empty(&self) -> bool {
        self.assignment.is_empty()
    }

    pub fn n_events(&self) -> usize {
        self.members.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(doc: usize, event: u64, score: f32) -> Neighbor {
        Neighbor { doc, event, score }
    }

    const MAX: Rule = Rule {
        linkage: Linkage::Max,
        threshold: 0.5,
        merge_threshold: None,
    };

    #[test]
    fn joins_the_best_event_or_starts_one() {
        let size = |_| 3;
        assert_eq!(decide(&[], &size, &MAX), Decision::New);
        assert_eq!(decide(&[n(0, 0, 0.4)], &size, &MAX), Decision::New);
        let found = [n(0, 0, 0.6), n(1, 1, 0.9), n(2, 1, 0.1)];
        assert_eq!(decide(&found, &size, &MAX), Decision::Join(1));
        // Equal scores: the older event.
        let tie = [n(5, 2, 0.7), n(3, 1, 0.7)];
        assert_eq!(decide(&tie, &size, &MAX), Decision::Join(1));
    }

    #[test]
    fn mean_over_size_counts_members_not_found() {
        let rule = Rule {
            linkage: Linkage::MeanOverSize,
            ..MAX
        };
        let found = [n(0, 0, 0.9), n(1, 0, 0.9)];
        assert_eq!(decide(&found, &|_| 2, &rule), Decision::Join(0));
        // Two strong members of an event of five: 1.8 / 5 is below 0.5.
        assert_eq!(decide(&found, &|_| 5, &rule), Decision::New);
    }

    #[test]
    fn a_bridging_report_merges_into_the_oldest() {
        let rule = Rule {
            merge_threshold: Some(0.8),
            ..MAX
        };
        let found = [n(0, 4, 0.95), n(1, 2, 0.85), n(2, 7, 0.6)];
        let merge = Decision::Merge {
            into: 2,
            absorbed: vec![4],
        };
        assert_eq!(decide(&found, &|_| 1, &rule), merge);
        let mut events = Events::default();
        for _ in 0..3 {
            events.apply(&Decision::New);
        }
        assert_eq!(events.apply(&Decision::Join(2)), 2);
        let merged = Decision::Merge {
            into: 0,
            absorbed: vec![2],
        };
        assert_eq!(events.apply(&merged), 0);
        assert_eq!(events.assignment(), &[0, 1, 0, 0, 0]);
        assert_eq!(
            (events.size(0), events.size(2), events.n_events()),
            (4, 0, 2)
        );
    }
}
