//! The same-event score: features of a document pair (vector cosines, lexical overlap, shared
//! names and numbers, title similarity, date distance — each optional), combined by a fitted
//! model, and the online assignment of arriving documents to clusters.

pub mod features;
pub mod model;
pub mod online;
pub mod pairs;
pub mod profile;
pub mod regroup;
pub mod vectors;

pub use features::{FEATURE_NAMES, Features, Idf, feature_set_hash, features};
pub use model::{ModelError, SameEventModel};
pub use online::{Decision, Events, Linkage, Neighbor, Rule, decide};
pub use profile::{Actors, DocVectors, Profile};
pub use vectors::{CachedEncoder, Encoder, cosine};
