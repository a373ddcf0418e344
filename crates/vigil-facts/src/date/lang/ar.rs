//! Arabic date words. A bare weekday name is also a common word ("الاثنين" is "the two"), so
//! weekdays need a frame: "يوم الاثنين", "الاثنين الماضي", "اليوم الجمعة".

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "ar",
    own_script: true,
    spaced: true,
    capital_weekdays: false,
    phrases: &[
        ("أمس", Day(-1)),
        ("امس", Day(-1)),
        ("الأمس", Day(-1)),
        ("البارحة", Day(-1)),
        ("أمس الأول", Day(-2)),
        ("قبل يومين", Day(-2)),
        ("منذ يومين", Day(-2)),
        ("اليوم", Day(0)),
        ("غدا", Day(1)),
        ("غداً", Day(1)),
        ("الأسبوع الماضي", Week(-1)),
        ("الاسبوع الماضي", Week(-1)),
        ("الشهر الماضي", Month(-1)),
        ("العام الماضي", Year(-1)),
        ("السنة الماضية", Year(-1)),
        ("العام الجاري", Year(0)),
        ("العام الجارى", Year(0)),
        ("العام الحالي", Year(0)),
        ("هذا العام", Year(0)),
    ],
    weekdays: &[
        ("الاثنين", Mon),
        ("الإثنين", Mon),
        ("الثلاثاء", Tue),
        ("الأربعاء", Wed),
        ("الاربعاء", Wed),
        ("الخميس", Thu),
        ("الجمعة", Fri),
        ("السبت", Sat),
        ("الأحد", Sun),
        ("الاحد", Sun),
    ],
    frames: &[
        ("", "يوم {d}", Latest),
        ("", "{d} الماضي", Previous),
        ("", "يوم {d} الماضي", Previous),
        ("", "{d} المقبل", Next),
        ("", "{d} القادم", Next),
        ("", "يوم {d} المقبل", Next),
        ("", "اليوم {d}", Days(0)),
        ("", "أمس {d}", Days(-1)),
        ("", "امس {d}", Days(-1)),
    ],
    days_ago: &[
        "قبل {n} أيام",
        "منذ {n} أيام",
        "قبل {n} ايام",
        "منذ {n} ايام",
    ],
    year_after_word: &["في", "فى", "منذ", "حتى"],
    year_noun_before: &["العام", "عام", "سنة"],
    year_noun_after: &["م"],
    buddhist_era: false,
    not_after: &[("اليوم", &["ذلك", "نفس", "ذات", "هذا"])],
    // "اليوم الدولي" is the International Day, "اليوم التالي" the next day.
    not_before_prefix: &[("اليوم", &["ال", "نفس", "ذاته"])],
    not_after_chars: "",
    weekday_names: &[],
};
