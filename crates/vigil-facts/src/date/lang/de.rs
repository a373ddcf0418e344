//! German date words. Every noun is capitalised in German, so capitals say nothing about
//! whether a word is a date ("Mai" is always the month).

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "de",
    own_script: false,
    spaced: true,
    capitals: false,
    phrases: &[
        ("gestern", Day(-1)),
        ("vorgestern", Day(-2)),
        ("heute", Day(0)),
        ("morgen", Day(1)),
        ("übermorgen", Day(2)),
        ("letzte woche", Week(-1)),
        ("vergangene woche", Week(-1)),
        ("vergangenen woche", Week(-1)),
        ("letzten monat", Month(-1)),
        ("vergangenen monat", Month(-1)),
        ("letztes jahr", Year(-1)),
        ("vergangenes jahr", Year(-1)),
        ("vergangenen jahr", Year(-1)),
        ("letzten jahr", Year(-1)),
        ("vorjahr", Year(-1)),
        ("dieses jahr", Year(0)),
        ("diesem jahr", Year(0)),
    ],
    weekdays: &[
        ("montag", Mon),
        ("dienstag", Tue),
        ("mittwoch", Wed),
        ("donnerstag", Thu),
        ("freitag", Fri),
        ("samstag", Sat),
        ("sonnabend", Sat),
        ("sonntag", Sun),
    ],
    frames: &[
        ("", "{d}", Latest),
        ("", "vergangenen {d}", Previous),
        ("", "letzten {d}", Previous),
        ("", "kommenden {d}", Next),
        ("", "nächsten {d}", Next),
    ],
    days_ago: &["vor {n} tagen"],
    month_after_word: &["im", "seit", "bis", "anfang", "ende", "mitte", "ab"],
    year_after_word: &["im jahr", "seit", "bis", "anfang", "ende", "mitte", "ab"],
    year_noun_before: &[],
    year_noun_after: &[],
    buddhist_era: false,
    // "heute Morgen" is this morning (today), not tomorrow; "am Morgen" the morning.
    not_after: &[(
        "morgen",
        &["heute", "gestern", "am", "jeden", "den", "guten", "einem"],
    )],
    not_before_prefix: &[],
    not_after_chars: "",
    weekday_names: &["jeden", "jedem", "immer"],
};
