//! French date words.

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "fr",
    own_script: false,
    spaced: true,
    capitals: false,
    phrases: &[
        ("hier", Day(-1)),
        ("avant-hier", Day(-2)),
        ("aujourd'hui", Day(0)),
        ("aujourd’hui", Day(0)),
        ("demain", Day(1)),
        ("la semaine dernière", Week(-1)),
        ("le mois dernier", Month(-1)),
        ("l'an dernier", Year(-1)),
        ("l’an dernier", Year(-1)),
        ("l'année dernière", Year(-1)),
        ("l’année dernière", Year(-1)),
        ("cette année", Year(0)),
    ],
    weekdays: &[
        ("lundi", Mon),
        ("mardi", Tue),
        ("mercredi", Wed),
        ("jeudi", Thu),
        ("vendredi", Fri),
        ("samedi", Sat),
        ("dimanche", Sun),
    ],
    frames: &[
        ("", "{d}", Latest),
        ("", "{d} dernier", Previous),
        ("", "{d} prochain", Next),
    ],
    days_ago: &["il y a {n} jours"],
    month_after_word: &[
        "en",
        "depuis",
        "début",
        "fin",
        "mi-",
        "courant",
        "jusqu'en",
        "jusqu’en",
        "dès",
    ],
    year_after_word: &[
        "en",
        "depuis",
        "début",
        "fin",
        "courant",
        "jusqu'en",
        "jusqu’en",
    ],
    year_noun_before: &["l'année", "l’année", "année"],
    year_noun_after: &[],
    buddhist_era: false,
    not_after: &[],
    not_before_prefix: &[],
    not_after_chars: "",
    weekday_names: &["mardi gras", "chaque", "tous"],
};
