//! Japanese date words. The Chinese table already reads the words both write alike (昨日,
//! 今日, 今年, 去年); these are Japan's own.

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "ja",
    own_script: true,
    spaced: false,
    capitals: false,
    phrases: &[
        ("一昨日", Day(-2)),
        ("おととい", Day(-2)),
        ("昨日", Day(-1)),
        ("明日", Day(1)),
        ("先週", Week(-1)),
        ("先月", Month(-1)),
        ("昨年", Year(-1)),
    ],
    weekdays: &[
        ("月曜日", Mon),
        ("火曜日", Tue),
        ("水曜日", Wed),
        ("木曜日", Thu),
        ("金曜日", Fri),
        ("土曜日", Sat),
        ("日曜日", Sun),
    ],
    frames: &[
        ("", "{d}", Latest),
        ("", "先週{d}", InWeek(-1)),
        ("", "今週{d}", InWeek(0)),
        ("", "来週{d}", InWeek(1)),
    ],
    days_ago: &["{n}日前"],
    month_after_word: &[],
    year_after_word: &[],
    year_noun_before: &[],
    year_noun_after: &[],
    buddhist_era: false,
    not_after: &[],
    not_before_prefix: &[],
    // "毎月曜日", "毎週月曜日": every Monday.
    not_after_chars: "毎",
    weekday_names: &["毎週"],
};
