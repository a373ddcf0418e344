//! Names across scripts: romanisation to Latin, a sound-based similarity, and the entity
//! table that gives one id to one person, organisation or place in every language.

mod blocks;
pub mod eval;
mod linker;
pub mod meaning;
mod romanize;
mod similarity;

pub use linker::{
    CONTEXT_WEIGHT, DocContext, Entity, EntityTable, LINK_THRESHOLD, Link, MentionInput,
    gazetteer_entity_id,
};
pub use romanize::romanize;
pub use similarity::{NameKey, name_similarity};

/// The language-independent key of a name outside the gazetteer: `name:` and its
/// romanisation ("name:lukashenko" for "Лукашенко"). Spellings that romanise differently get
/// different keys; the entity table is what joins them.
pub fn name_key(name: &str) -> String {
    format!("name:{}", romanize(name))
}

/// How alike two names are, 0–1, whatever their scripts.
pub fn similarity(a: &str, b: &str) -> f32 {
    name_similarity(
        &NameKey::of_romanized(&romanize(a)),
        &NameKey::of_romanized(&romanize(b)),
    )
}
