//! Synthetic document vectors with planted events and topics, shaped like e5's: every pair of
//! e5 passage vectors has a cosine of about 0.7 (its cosines are squeezed into 0.7–1.0), reports
//! on one topic about 0.8, reports on one event about 0.9.
//!
//! A report's vector is `√a·O + √b·T + √c·E + √d·N`, normalised, with O one offset shared by
//! all, T its topic's direction, E its event's and N its own noise: random unit vectors in 384
//! dimensions are nearly orthogonal (cosine ±0.05), so the expected cosine of two reports is
//! `a` when unrelated, `a+b` on one topic and `a+b+c` on one event. Every direction is drawn
//! from a generator seeded by (seed, what, id), so nothing is kept in memory and any vector can
//! be made again.

/// e5-small's dimensions.
pub const DIMS: usize = 384;

/// Shares of the squared norm: offset, topic, event, noise (expected cosines 0.7/0.8/0.9).
const OFFSET: f32 = 0.7;
const TOPIC: f32 = 0.1;
const EVENT: f32 = 0.1;
const NOISE: f32 = 0.1;

/// Events per topic on average.
const EVENTS_PER_TOPIC: u64 = 10;

const OFFSET_ID: u64 = 0;
const TOPIC_ID: u64 = 1;
const EVENT_ID: u64 = 2;
const DOC_ID: u64 = 3;
const PICK_ID: u64 = 4;

/// A world of `events` planted events in `events / 10` topics.
#[derive(Debug, Clone)]
pub struct Planted {
    seed: u64,
    events: u64,
    topics: u64,
    offset: Vec<f32>,
}

/// SplitMix64: a small, good, seedable generator.
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [-1, 1).
    fn symmetric(&mut self) -> f32 {
        (self.unit() * 2.0 - 1.0) as f32
    }
}

fn stream(seed: u64, what: u64, id: u64) -> SplitMix {
    let mut s = SplitMix::new(seed ^ what.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let salt = s.next_u64();
    SplitMix::new(salt ^ id.wrapping_mul(0xA076_1D64_78BD_642F))
}

/// A random direction of unit length (uniform components, then normalised: close enough to
/// isotropic for cosine structure in 384 dimensions).
fn direction(seed: u64, what: u64, id: u64) -> Vec<f32> {
    let mut r = stream(seed, what, id);
    let mut v: Vec<f32> = (0..DIMS).map(|_| r.symmetric()).collect();
    normalise(&mut v);
    v
}

pub fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

impl Planted {
    pub fn new(seed: u64, events: u64) -> Planted {
        let events = events.max(1);
        Planted {
            seed,
            events,
            topics: events.div_ceil(EVENTS_PER_TOPIC),
            offset: direction(seed, OFFSET_ID, 0),
        }
    }

    /// Number of planted events in the store (ids `0..events`; later ids are fresh events).
    pub fn events(&self) -> u64 {
        self.events
    }

    /// The topic of an event, stored or fresh.
    pub fn topic_of(&self, event: u64) -> u64 {
        stream(self.seed, TOPIC_ID, event).next_u64() % self.topics
    }

    /// A stored event for the `i`-th draw, skewed as news is: the probability of event `x`
    /// falls as `1/√x`, so at a million reports over 100,000 events the largest holds about
    /// 3,000 reports and the median about 7.
    pub fn pick_event(&self, i: u64) -> u64 {
        let u = stream(self.seed, PICK_ID, i).unit();
        ((u * u * self.events as f64) as u64).min(self.events - 1)
    }

    /// The unit vector of report `doc` on `event`.
    pub fn vector(&self, event: u64, doc: u64) -> Vec<f32> {
        let topic = direction(self.seed, TOPIC_ID, self.topic_of(event));
        let centre = direction(self.seed, EVENT_ID, event);
        let noise = direction(self.seed, DOC_ID, doc);
        let mut v: Vec<f32> = (0..DIMS)
            .map(|i| {
                OFFSET.sqrt() * self.offset[i]
                    + TOPIC.sqrt() * topic[i]
                    + EVENT.sqrt() * centre[i]
                    + NOISE.sqrt() * noise[i]
            })
            .collect();
        normalise(&mut v);
        v
    }
}

pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb).max(f32::MIN_POSITIVE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosines_look_like_e5() {
        let p = Planted::new(7, 1000);
        let a = p.vector(3, 0);
        let same_event = p.vector(3, 1);
        // An event on the same topic as event 3, and one on another topic.
        let same_topic = (0..1000)
            .find(|&e| e != 3 && p.topic_of(e) == p.topic_of(3))
            .unwrap();
        let other = (0..1000).find(|&e| p.topic_of(e) != p.topic_of(3)).unwrap();
        let c_event = cosine(&a, &same_event);
        let c_topic = cosine(&a, &p.vector(same_topic, 2));
        let c_other = cosine(&a, &p.vector(other, 3));
        assert!((c_event - 0.9).abs() < 0.03, "{c_event}");
        assert!((c_topic - 0.8).abs() < 0.03, "{c_topic}");
        assert!((c_other - 0.7).abs() < 0.03, "{c_other}");
        assert_eq!(a, p.vector(3, 0), "vectors are made again identically");
    }
}
