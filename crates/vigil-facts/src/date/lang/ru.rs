//! Russian date words (weekdays in the accusative, as "в понедельник" puts them).

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "ru",
    own_script: true,
    spaced: true,
    capitals: false,
    phrases: &[
        ("вчера", Day(-1)),
        ("позавчера", Day(-2)),
        ("сегодня", Day(0)),
        ("завтра", Day(1)),
        ("на прошлой неделе", Week(-1)),
        ("в прошлом месяце", Month(-1)),
        ("в прошлом году", Year(-1)),
        ("в этом году", Year(0)),
    ],
    weekdays: &[
        ("понедельник", Mon),
        ("вторник", Tue),
        ("среду", Wed),
        ("четверг", Thu),
        ("пятницу", Fri),
        ("субботу", Sat),
        ("воскресенье", Sun),
    ],
    frames: &[
        ("в ", "{d}", Latest),
        ("во ", "{d}", Latest),
        ("в ", "прошлый {d}", Previous),
        ("в ", "прошлую {d}", Previous),
        ("в ", "прошлое {d}", Previous),
        ("в ", "следующий {d}", Next),
        ("в ", "следующую {d}", Next),
        ("в ", "следующее {d}", Next),
    ],
    days_ago: &["{n} дня назад", "{n} дней назад", "{n} день назад"],
    // "с 2000 человек" is "with 2000 people", "до 2000" "up to 2000": only "в" cues a year.
    month_after_word: &["в", "с", "до", "конце", "начале", "середине"],
    year_after_word: &["в"],
    year_noun_before: &[],
    year_noun_after: &["году", "года", "год", "г."],
    buddhist_era: false,
    not_after: &[],
    not_before_prefix: &[],
    not_after_chars: "",
    weekday_names: &["каждый", "каждую", "каждое"],
};
