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
