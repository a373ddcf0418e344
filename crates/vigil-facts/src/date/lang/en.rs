//! English date words.

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "en",
    own_script: false,
    spaced: true,
    capitals: true,
    phrases: &[
        ("yesterday", Day(-1)),
        ("the day before yesterday", Day(-2)),
        ("today", Day(0)),
        ("tomorrow", Day(1)),
        ("last week", Week(-1)),
        ("last month", Month(-1)),
        ("last year", Year(-1)),
        ("this year", Year(0)),
    ],
    weekdays: &[
        ("monday", Mon),
        ("tuesday", Tue),
        ("wednesday", Wed),
        ("thursday", Thu),
        ("friday", Fri),
        ("saturday", Sat),
        ("sunday", Sun),
    ],
    frames: &[
        ("", "{d}", Latest),
        ("", "last {d}", Previous),
        ("", "next {d}", Next),
    ],
    days_ago: &["{n} days ago", "{n} day ago"],
    month_after_word: &[
        "in", "since", "until", "by", "early", "late", "mid-", "mid", "during", "through",
    ],
    year_after_word: &[
        "in", "since", "until", "till", "during", "early", "late", "mid-", "mid", "through",
    ],
    year_noun_before: &["the year", "year"],
    year_noun_after: &[],
    buddhist_era: false,
    not_after: &[("today", &["usa", "russia"])],
    not_before_prefix: &[],
    not_after_chars: "",
    weekday_names: &[
        "black", "cyber", "good", "bloody", "super", "ash", "holy", "palm", "maundy", "easter",
        "every", "each",
    ],
};
