//! Online assignment: documents arrive one at a time and each joins the existing cluster it
//! matches best (average link above a threshold) or starts a new one. Nothing already assigned
//! moves, so the result depends only on arrival order. Candidates are every earlier document
//! here; the ingest path narrows them with an ANN index first.

/// Clusters built so far, by arrival index.
#[derive(Debug, Clone, Default)]
pub struct OnlineClusters {
    /// Members of each cluster, in arrival order.
    members: Vec<Vec<usize>>,
    /// Cluster of each document, by arrival index.
    assignment: Vec<usize>,
    threshold: f32,
}

impl OnlineClusters {
    pub fn new(threshold: f32) -> Self {
        OnlineClusters {
            threshold,
            ..Self::default()
        }
    }

    /// Assigns the next document, given its similarity to each earlier one; returns its
    /// cluster. Ties go to the older cluster.
    pub fn assign(&mut self, similarity: impl Fn(usize) -> f32) -> usize {
        let mut best: Option<(usize, f32)> = None;
        for (cluster, members) in self.members.iter().enumerate() {
            let mean = members.iter().map(|&m| similarity(m)).sum::<f32>() / members.len() as f32;
            if mean >= self.threshold && best.is_none_or(|(_, b)| mean > b) {
                best = Some((cluster, mean));
            }
        }
        let doc = self.assignment.len();
        let cluster = match best {
            Some((cluster, _)) => cluster,
            None => {
                self.members.push(Vec::new());
                self.members.len() - 1
            }
        };
        if let Some(members) = self.members.get_mut(cluster) {
            members.push(doc);
        }
        self.assignment.push(cluster);
        cluster
    }

    /// Cluster of each document, by arrival index.
    pub fn assignment(&self) -> &[usize] {
        &self.assignment
    }

    pub fn n_clusters(&self) -> usize {
        self.members.len()
    }
}

/// One earlier document the index found near an arriving one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbor {
    pub doc: usize,
    /// The neighbour's event, as a key that grows with the event's age.
    pub event: u64,
    /// Same-event score of the arriving document and this neighbour.
    pub score: f32,
}

/// What to do with an arriving document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Join(u64),
    New,
    /// Join `into` and merge `absorbed` into it (the oldest key survives).
    Merge {
        into: u64,
        absorbed: Vec<u64>,
    },
}

/// Joins the event whose found members match best on average, when that reaches
/// `threshold`; else starts an event.
pub fn decide(
    neighbors: &[Neighbor],
    _event_size: &dyn Fn(u64) -> usize,
    threshold: f32,
) -> Decision {
    let mut by_event: std::collections::BTreeMap<u64, (f32, usize)> = Default::default();
    for n in neighbors {
        let e = by_event.entry(n.event).or_default();
        e.0 += n.score;
        e.1 += 1;
    }
    let best = by_event
        .iter()
        .map(|(&event, &(sum, n))| (event, sum / n as f32))
        .filter(|&(_, mean)| mean >= threshold)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    match best {
        Some((event, _)) => Decision::Join(event),
        None => Decision::New,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_best_cluster_or_starts_one() {
        // Two groups on a line: 0.0, 0.1, 5.0, 5.2, 0.05.
        let points = [0.0f32, 0.1, 5.0, 5.2, 0.05];
        let mut c = OnlineClusters::new(0.5);
        for p in &points {
            c.assign(|j| 1.0 - (p - points[j]).abs().min(1.0));
        }
        assert_eq!(c.assignment(), &[0, 0, 1, 1, 0]);
        assert_eq!(c.n_clusters(), 2);
    }
}
