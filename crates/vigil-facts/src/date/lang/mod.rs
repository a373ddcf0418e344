//! The date words of each language the date extractor reads, one file per language.

mod ar;
mod de;
mod en;
mod es;
mod fr;
mod ja;
mod pt;
mod ru;
mod th;
mod tr;
mod zh;

use super::table::Lang;

pub(crate) static LANGS: &[&Lang] = &[
    &ar::LANG,
    &de::LANG,
    &en::LANG,
    &es::LANG,
    &fr::LANG,
    &ja::LANG,
    &pt::LANG,
    &ru::LANG,
    &th::LANG,
    &tr::LANG,
    &zh::LANG,
];
