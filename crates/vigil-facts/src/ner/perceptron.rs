//! The averaged structured perceptron over BIO tags: first-order transitions, Viterbi
//! decoding that never puts `I-X` after anything but `B-X` or `I-X`, and training that
//! updates towards the gold sequence whenever the decoded one differs.
//!
//! Averaging (the mean of the weights after every sentence of every epoch) is what makes the
//! perceptron generalise about as well as a CRF; it is computed with the usual trick of
//! accumulating each update times the step it happened at.

use std::collections::HashMap;

use super::features::Features;

/// The BIO tags a model predicts; tag 0 is `O`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TagSet {
    names: Vec<String>,
    /// For each tag, its entity type index (in `types`) and whether it is `I-`.
    parsed: Vec<Option<(usize, bool)>>,
    types: Vec<String>,
}

impl TagSet {
    /// `O`, then `B-T` and `I-T` for each type.
    pub(crate) fn new<S: AsRef<str>>(types: &[S]) -> TagSet {
        let mut names = vec!["O".to_string()];
        for t in types {
            names.push(format!("B-{}", t.as_ref()));
            names.push(format!("I-{}", t.as_ref()));
        }
        TagSet::from_names(names).expect("well-formed tags")
    }

    /// From tag names as a model file lists them; `None` unless `O` comes first and every
    /// other tag is `B-` or `I-` of a type.
    pub(crate) fn from_names(names: Vec<String>) -> Option<TagSet> {
        if names.first().map(String::as_str) != Some("O") || names.len() > MAX_TAGS {
            return None;
        }
        let mut types: Vec<String> = Vec::new();
        let mut parsed = vec![None];
        for name in &names[1..] {
            let (prefix, kind) = name.split_once('-')?;
            let inside = match prefix {
                "B" => false,
                "I" => true,
                _ => return None,
            };
            let t = match types.iter().position(|t| t == kind) {
                Some(t) => t,
                None => {
                    types.push(kind.to_string());
                    types.len() - 1
                }
            };
            parsed.push(Some((t, inside)));
        }
        Some(TagSet {
            names,
            parsed,
            types,
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    pub(crate) fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The entity type of tag `t` and whether it continues an entity.
    pub(crate) fn kind(&self, t: usize) -> Option<(&str, bool)> {
        self.parsed[t].map(|(k, inside)| (self.types[k].as_str(), inside))
    }

    /// Whether tag `cur` may follow `prev` (`None`: the sentence start).
    pub(crate) fn allowed(&self, prev: Option<usize>, cur: usize) -> bool {
        match self.parsed[cur] {
            Some((kind, true)) => prev
                .and_then(|p| self.parsed[p])
                .is_some_and(|(k, _)| k == kind),
            _ => true,
        }
    }
}

/// At most this many tags (the model file stores a tag mask in 16 bits).
pub(crate) const MAX_TAGS: usize = 16;

/// The best tag sequence for `n` tokens with `t` tags. `emission(i, out)` fills token `i`'s
/// score per tag; `transition[(p * t) + c]` scores tag `c` after `p`, and row `t` (the last)
/// scores `c` at the start.
pub(crate) fn viterbi(
    tags: &TagSet,
    n: usize,
    mut emission: impl FnMut(usize, &mut [f32]),
    transition: &[f32],
) -> Vec<usize> {
    let t = tags.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![0f32; t];
    let mut next = vec![0f32; t];
    let mut emit = vec![0f32; t];
    let mut back = vec![0u8; n * t];
    emission(0, &mut emit);
    for c in 0..t {
        score[c] = if tags.allowed(None, c) {
            emit[c] + transition[t * t + c]
        } else {
            f32::NEG_INFINITY
        };
    }
    for i in 1..n {
        emission(i, &mut emit);
        for c in 0..t {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..t {
                if score[p] == f32::NEG_INFINITY || !tags.allowed(Some(p), c) {
                    continue;
                }
                let s = score[p] + transition[p * t + c];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            next[c] = best + emit[c];
            back[i * t + c] = arg as u8;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut last = 0;
    for c in 1..t {
        if score[c] > score[last] {
            last = c;
        }
    }
    let mut path = vec![0; n];
    path[n - 1] = last;
    for i in (1..n).rev() {
        path[i - 1] = back[i * t + path[i]] as usize;
    }
    path
}

/// One training sentence: each token's feature rows (indices into the trainer's weights),
/// its dense features (`width` floats per token, none when the trainer has no dense part)
/// and its gold tag.
struct Example {
    rows: Vec<Vec<u32>>,
    dense: Vec<f32>,
    gold: Vec<usize>,
}

/// The averaged weights: per feature hash, per tag; the transitions; the dense weights
/// (`width` per tag, tag after tag).
pub(crate) struct Averaged {
    pub(crate) features: Vec<(u32, Vec<f32>)>,
    pub(crate) transition: Vec<f32>,
    pub(crate) dense: Vec<f32>,
}

impl Averaged {
    /// The mean of several runs' weights over the same sentences (so the same features in
    /// the same rows): an ensemble of perceptrons trained in different orders, which tags
    /// as one model and depends less on the order of any one run.
    pub(crate) fn mean(runs: Vec<Averaged>) -> Averaged {
        let n = runs.len().max(1) as f32;
        let mut runs = runs.into_iter();
        let Some(mut total) = runs.next() else {
            return Averaged {
                features: Vec::new(),
                transition: Vec::new(),
                dense: Vec::new(),
            };
        };
        let add = |into: &mut [f32], from: &[f32]| {
            into.iter_mut().zip(from).for_each(|(a, b)| *a += b);
        };
        for run in runs {
            for ((key, into), (other, from)) in total.features.iter_mut().zip(&run.features) {
                debug_assert_eq!(key, other);
                add(into, from);
            }
            add(&mut total.transition, &run.transition);
            add(&mut total.dense, &run.dense);
        }
        let scale = |v: &mut [f32]| v.iter_mut().for_each(|x| *x /= n);
        total.features.iter_mut().for_each(|(_, w)| scale(w));
        scale(&mut total.transition);
        scale(&mut total.dense);
        total
    }
}

/// `Σ w·v` for each tag: the dense part of a token's emission scores.
pub(crate) fn dense_scores(weights: &[f32], v: &[f32], out: &mut [f32]) {
    if v.is_empty() {
        return;
    }
    for (o, w) in out.iter_mut().zip(weights.chunks_exact(v.len())) {
        *o += dot(w, v);
    }
}

/// A dot product in eight independent lanes, which the compiler turns into SIMD (a plain
/// sum must keep its order and stays scalar).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            lanes[l] += x[l] * y[l];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// Weights being trained, and their averages.
pub(crate) struct Trainer {
    tags: TagSet,
    /// Feature hash → row of `t` weights.
    index: HashMap<u32, u32>,
    keys: Vec<u32>,
    weights: Vec<f32>,
    /// Sum of each update times the step at which it was made.
    stamped: Vec<f32>,
    transition: Vec<f32>,
    transition_stamped: Vec<f32>,
    /// Dense features per token, and their weights (`width` per tag) with stamps.
    width: usize,
    dense: Vec<f32>,
    dense_stamped: Vec<f32>,
    step: f32,
    examples: Vec<Example>,
}

impl Trainer {
    /// A trainer for `tags` whose tokens carry `width` dense features (0: none).
    pub(crate) fn new(tags: TagSet, width: usize) -> Trainer {
        let t = tags.len();
        Trainer {
            tags,
            index: HashMap::new(),
            keys: Vec::new(),
            weights: Vec::new(),
            stamped: Vec::new(),
            transition: vec![0.0; (t + 1) * t],
            transition_stamped: vec![0.0; (t + 1) * t],
            width,
            dense: vec![0.0; t * width],
            dense_stamped: vec![0.0; t * width],
            step: 1.0,
            examples: Vec::new(),
        }
    }

    /// Adds a training sentence: its sparse features, its dense features (`width` per
    /// token) and gold tags.
    pub(crate) fn add(&mut self, features: &Features, dense: Vec<f32>, gold: Vec<usize>) {
        debug_assert_eq!(dense.len(), features.len() * self.width);
        let t = self.tags.len();
        let mut rows = Vec::with_capacity(features.len());
        for i in 0..features.len() {
            let mut token_rows = Vec::with_capacity(features.token(i).len());
            for &key in features.token(i) {
                let next = self.keys.len() as u32;
                let row = *self.index.entry(key).or_insert(next);
                if row == next {
                    self.keys.push(key);
                    self.weights.extend(std::iter::repeat_n(0.0, t));
                    self.stamped.extend(std::iter::repeat_n(0.0, t));
                }
                token_rows.push(row);
            }
            rows.push(token_rows);
        }
        self.examples.push(Example { rows, dense, gold });
    }

    /// Forgets what was learnt and keeps the sentences, for another run in another order.
    pub(crate) fn reset(&mut self) {
        for w in [
            &mut self.weights,
            &mut self.stamped,
            &mut self.transition,
            &mut self.transition_stamped,
            &mut self.dense,
            &mut self.dense_stamped,
        ] {
            w.fill(0.0);
        }
        self.step = 1.0;
    }

    /// Runs `epochs` passes over the sentences in an order shuffled by `seed`; `progress` is
    /// called after each epoch with its number and the share of sentences decoded wrong.
    pub(crate) fn train(&mut self, epochs: usize, seed: u64, mut progress: impl FnMut(usize, f64)) {
        let mut order: Vec<usize> = (0..self.examples.len()).collect();
        let mut rng = SplitMix(seed);
        for epoch in 0..epochs {
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let mut wrong = 0;
            for &e in &order {
                if self.learn(e) {
                    wrong += 1;
                }
                self.step += 1.0;
            }
            progress(epoch + 1, wrong as f64 / order.len().max(1) as f64);
        }
    }

    /// Decodes example `e` and updates towards its gold tags; whether it was wrong.
    fn learn(&mut self, e: usize) -> bool {
        let t = self.tags.len();
        let example = &self.examples[e];
        let weights = &self.weights;
        let width = self.width;
        let dense = &self.dense;
        let predicted = viterbi(
            &self.tags,
            example.rows.len(),
            |i, out| {
                out.fill(0.0);
                for &row in &example.rows[i] {
                    let w = &weights[row as usize * t..row as usize * t + t];
                    for (o, w) in out.iter_mut().zip(w) {
                        *o += w;
                    }
                }
                dense_scores(dense, &example.dense[i * width..(i + 1) * width], out);
            },
            &self.transition,
        );
        if predicted == example.gold {
            return false;
        }
        let step = self.step;
        let gold = example.gold.clone();
        let rows = &self.examples[e].rows;
        let v = &self.examples[e].dense;
        let width = self.width;
        for i in 0..gold.len() {
            let (g, p) = (gold[i], predicted[i]);
            let prev = |tags: &[usize]| if i == 0 { t } else { tags[i - 1] };
            let (gp, pp) = (prev(&gold), prev(&predicted));
            if g != p {
                for &row in &rows[i] {
                    let base = row as usize * t;
                    self.weights[base + g] += 1.0;
                    self.stamped[base + g] += step;
                    self.weights[base + p] -= 1.0;
                    self.stamped[base + p] -= step;
                }
                let v = &v[i * width..(i + 1) * width];
                for (tag, sign) in [(g, 1.0), (p, -1.0)] {
                    let w = &mut self.dense[tag * width..(tag + 1) * width];
                    let s = &mut self.dense_stamped[tag * width..(tag + 1) * width];
                    for ((w, s), x) in w.iter_mut().zip(s.iter_mut()).zip(v) {
                        *w += sign * x;
                        *s += sign * step * x;
                    }
                }
            }
            if g != p || gp != pp {
                self.transition[gp * t + g] += 1.0;
                self.transition_stamped[gp * t + g] += step;
                self.transition[pp * t + p] -= 1.0;
                self.transition_stamped[pp * t + p] -= step;
            }
        }
        true
    }

    /// The averaged weights.
    pub(crate) fn averaged(&self) -> Averaged {
        let t = self.tags.len();
        let avg = |w: f32, s: f32| w - s / self.step;
        let features = self
            .keys
            .iter()
            .enumerate()
            .map(|(row, &key)| {
                let w = (0..t)
                    .map(|c| avg(self.weights[row * t + c], self.stamped[row * t + c]))
                    .collect();
                (key, w)
            })
            .collect();
        let transition = self
            .transition
            .iter()
            .zip(&self.transition_stamped)
            .map(|(&w, &s)| avg(w, s))
            .collect();
        let dense = self
            .dense
            .iter()
            .zip(&self.dense_stamped)
            .map(|(&w, &s)| avg(w, s))
            .collect();
        Averaged {
            features,
            transition,
            dense,
        }
    }

    pub(crate) fn tags(&self) -> &TagSet {
        &self.tags
    }
}

/// A small deterministic generator for the shuffles (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_average_weight_by_weight() {
        let run = |w: f32| Averaged {
            features: vec![(7, vec![w, -w]), (9, vec![0.0, 2.0 * w])],
            transition: vec![w; 3],
            dense: vec![w],
        };
        let mean = Averaged::mean(vec![run(1.0), run(3.0)]);
        assert_eq!(
            mean.features,
            vec![(7, vec![2.0, -2.0]), (9, vec![0.0, 4.0])]
        );
        assert_eq!(mean.transition, vec![2.0; 3]);
        assert_eq!(mean.dense, vec![2.0]);
        assert!(Averaged::mean(Vec::new()).features.is_empty());
    }

    fn tags() -> TagSet {
        TagSet::new(&["PER", "LOC"])
    }

    #[test]
    fn tag_set_forbids_inside_without_begin() {
        let tags = tags();
        assert_eq!(tags.names(), ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]);
        assert!(!tags.allowed(None, 2));
        assert!(tags.allowed(None, 1));
        assert!(tags.allowed(Some(1), 2));
        assert!(tags.allowed(Some(2), 2));
        assert!(!tags.allowed(Some(3), 2), "I-PER after B-LOC");
        assert!(!tags.allowed(Some(0), 4), "I-LOC after O");
        assert_eq!(tags.kind(4), Some(("LOC", true)));
        assert_eq!(tags.kind(0), None);
        assert!(TagSet::from_names(vec!["B-PER".into()]).is_none());
        assert!(TagSet::from_names(vec!["O".into(), "X-PER".into()]).is_none());
    }

    #[test]
    fn viterbi_never_emits_a_bare_inside_tag() {
        let tags = tags();
        let t = tags.len();
        let transition = vec![0.0; (t + 1) * t];
        // Emissions alone favour I-PER at every token; the path must open with B-PER.
        let path = viterbi(
            &tags,
            3,
            |_, out| {
                out.copy_from_slice(&[0.0, 1.0, 5.0, 0.0, 0.0]);
            },
            &transition,
        );
        assert_eq!(path, [1, 2, 2]);
        // After O, I-LOC is impossible, so the best is B-LOC even if I-LOC scores higher.
        let path = viterbi(
            &tags,
            2,
            |i, out| {
                let row = if i == 0 {
                    [9.0, 0.0, 0.0, 0.0, 0.0]
                } else {
                    [0.0, 0.0, 0.0, 1.0, 9.0]
                };
                out.copy_from_slice(&row);
            },
            &transition,
        );
        assert_eq!(path, [0, 3]);
        assert!(viterbi(&tags, 0, |_, _| {}, &transition).is_empty());
    }

    #[test]
    fn viterbi_uses_transitions() {
        let tags = tags();
        let t = tags.len();
        let mut transition = vec![0.0; (t + 1) * t];
        // B-PER strongly prefers to be followed by I-PER.
        transition[t + 2] = 10.0;
        let path = viterbi(
            &tags,
            2,
            |i, out| {
                let row = if i == 0 {
                    [0.0, 2.0, 0.0, 0.0, 0.0]
                } else {
                    [3.0, 0.0, 0.0, 0.0, 0.0]
                };
                out.copy_from_slice(&row);
            },
            &transition,
        );
        assert_eq!(path, [1, 2]);
    }

    #[test]
    fn perceptron_learns_from_dense_features_alone() {
        // Every token has the same sparse feature; only its vector says person or not.
        let tags = tags();
        let sentence = |n: usize| {
            let mut f = Features::with_capacity(n);
            for _ in 0..n {
                f.flag(0);
                f.next_token();
            }
            f
        };
        let (person, other) = ([1.0, 0.2], [-0.3, 1.0]);
        let mut trainer = Trainer::new(tags.clone(), 2);
        trainer.add(&sentence(2), [other, person].concat(), vec![0, 1]);
        trainer.add(&sentence(3), [person, other, other].concat(), vec![1, 0, 0]);
        trainer.train(10, 3, |_, _| {});
        let Averaged {
            transition, dense, ..
        } = trainer.averaged();
        let test = [other, other, person];
        let path = viterbi(
            &tags,
            3,
            |i, out| {
                out.fill(0.0);
                dense_scores(&dense, &test[i], out);
            },
            &transition,
        );
        assert_eq!(path, [0, 0, 1]);
    }

    #[test]
    fn perceptron_learns_a_separable_toy_task() {
        // Token "x" after "mr" is a person; "x" elsewhere and "mr" are not.
        let tags = tags();
        let sentence = |words: &[&str]| {
            let mut f = Features::with_capacity(words.len());
            for (i, w) in words.iter().enumerate() {
                f.add(0, &[w]);
                f.add(1, &[if i > 0 { words[i - 1] } else { "<s>" }]);
                f.next_token();
            }
            f
        };
        let mut trainer = Trainer::new(tags.clone(), 0);
        trainer.add(&sentence(&["mr", "x", "y"]), vec![], vec![0, 1, 2]);
        trainer.add(&sentence(&["x", "went"]), vec![], vec![0, 0]);
        trainer.add(&sentence(&["at", "x"]), vec![], vec![0, 3]);
        trainer.train(10, 7, |_, _| {});
        let Averaged {
            features,
            transition,
            ..
        } = trainer.averaged();
        let weights: HashMap<u32, Vec<f32>> = features.into_iter().collect();
        let test = sentence(&["mr", "x", "y"]);
        let path = viterbi(
            &tags,
            test.len(),
            |i, out| {
                out.fill(0.0);
                for key in test.token(i) {
                    for (o, w) in out.iter_mut().zip(&weights[key]) {
                        *o += w;
                    }
                }
            },
            &transition,
        );
        assert_eq!(path, [0, 1, 2]);
    }
}
