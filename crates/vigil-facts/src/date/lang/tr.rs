//! Turkish date words. "Pazar" is also a market and "cuma" the Friday prayer, so a weekday
//! needs "günü" (day) after it or a word that places it.

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "tr",
    own_script: false,
    spaced: true,
    capitals: false,
    phrases: &[
        ("dün", Day(-1)),
        ("evvelsi gün", Day(-2)),
        ("bugün", Day(0)),
        ("yarın", Day(1)),
        ("geçen hafta", Week(-1)),
        ("geçen ay", Month(-1)),
        ("geçen yıl", Year(-1)),
        ("geçen sene", Year(-1)),
        ("bu yıl", Year(0)),
    ],
    weekdays: &[
        ("pazartesi", Mon),
        ("salı", Tue),
        ("çarşamba", Wed),
        ("perşembe", Thu),
        ("cuma", Fri),
        ("cumartesi", Sat),
        ("pazar", Sun),
    ],
    frames: &[
        ("", "{d} günü", Latest),
        ("", "geçen {d}", Previous),
        ("", "önümüzdeki {d}", Next),
        ("", "gelecek {d}", Next),
    ],
    days_ago: &["{n} gün önce"],
    month_after_word: &[],
    year_after_word: &[],
    year_noun_before: &[],
    year_noun_after: &["yılında", "yılından", "yılına", "yılındaki", "yılı"],
    buddhist_era: false,
    not_after: &[],
    not_before_prefix: &[],
    not_after_chars: "",
    weekday_names: &["her"],
};
