//! Portuguese date words (Brazil and Portugal).

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "pt",
    own_script: false,
    spaced: true,
    capitals: false,
    phrases: &[
        ("ontem", Day(-1)),
        ("anteontem", Day(-2)),
        ("hoje", Day(0)),
        // "amanhã" is only tomorrow; the morning is "manhã".
        ("amanhã", Day(1)),
        ("semana passada", Week(-1)),
        ("mês passado", Month(-1)),
        ("ano passado", Year(-1)),
        ("este ano", Year(0)),
        ("neste ano", Year(0)),
    ],
    weekdays: &[
        ("segunda-feira", Mon),
        ("terça-feira", Tue),
        ("quarta-feira", Wed),
        ("quinta-feira", Thu),
        ("sexta-feira", Fri),
        ("sábado", Sat),
        ("domingo", Sun),
    ],
    // "Domingo" is also a name, and "segunda" alone "second": a weekday needs its article.
    frames: &[
        ("no ", "{d}", Latest),
        ("na ", "{d}", Latest),
        ("neste ", "{d}", Latest),
        ("nesta ", "{d}", Latest),
        ("no ", "{d} passado", Previous),
        ("na ", "{d} passada", Previous),
        ("no ", "último {d}", Previous),
        ("na ", "última {d}", Previous),
        ("no ", "próximo {d}", Next),
        ("na ", "próxima {d}", Next),
    ],
    days_ago: &["há {n} dias"],
    month_after_word: &[
        "em",
        "desde",
        "até",
        "início de",
        "fim de",
        "final de",
        "meados de",
        "durante",
    ],
    year_after_word: &["em", "desde", "até", "durante"],
    year_noun_before: &["o ano", "ano"],
    year_noun_after: &[],
    buddhist_era: false,
    not_after: &[],
    // "hoje em dia": nowadays.
    not_before_prefix: &[("hoje", &["em dia"])],
    not_after_chars: "",
    weekday_names: &["todo", "toda", "todos os", "todas as", "cada"],
};
