//! Spanish date words.

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "es",
    own_script: false,
    spaced: true,
    capitals: false,
    phrases: &[
        ("ayer", Day(-1)),
        ("anteayer", Day(-2)),
        ("antes de ayer", Day(-2)),
        ("hoy", Day(0)),
        // "mañana" is also the morning ("esta mañana", "La Nueva Mañana"): left out.
        ("la semana pasada", Week(-1)),
        ("el mes pasado", Month(-1)),
        ("el año pasado", Year(-1)),
        ("este año", Year(0)),
    ],
    weekdays: &[
        ("lunes", Mon),
        ("martes", Tue),
        ("miércoles", Wed),
        ("jueves", Thu),
        ("viernes", Fri),
        ("sábado", Sat),
        ("domingo", Sun),
    ],
    // "Domingo" is also a name: a weekday needs its article.
    frames: &[
        ("el ", "{d}", Latest),
        ("el ", "{d} pasado", Previous),
        ("el ", "pasado {d}", Previous),
        ("el ", "próximo {d}", Next),
        ("el ", "{d} próximo", Next),
    ],
    days_ago: &["hace {n} días"],
    month_after_word: &[
        "en",
        "desde",
        "hasta",
        "principios de",
        "finales de",
        "mediados de",
        "durante",
    ],
    year_after_word: &["en", "desde", "hasta", "durante"],
    year_noun_before: &["el año", "año"],
    year_noun_after: &[],
    buddhist_era: false,
    not_after: &[],
    // "hoy por hoy", "hoy en día": nowadays.
    not_before_prefix: &[("hoy", &["por hoy", "en día", "en dia"])],
    not_after_chars: "",
    weekday_names: &["cada", "todos"],
};
