//! Thai date words; years are usually Buddhist-era ("พ.ศ. 2563" is 2020).

use chrono::Weekday::*;

use super::super::table::{Lang, Meaning::*, Which::*};

pub(crate) static LANG: Lang = Lang {
    code: "th",
    own_script: true,
    spaced: false,
    capitals: false,
    phrases: &[
        ("เมื่อวาน", Day(-1)),
        ("เมื่อวานนี้", Day(-1)),
        ("วานนี้", Day(-1)),
        ("เมื่อวานซืน", Day(-2)),
        ("วันนี้", Day(0)),
        ("พรุ่งนี้", Day(1)),
        ("สัปดาห์ที่แล้ว", Week(-1)),
        ("สัปดาห์ที่ผ่านมา", Week(-1)),
        ("อาทิตย์ที่แล้ว", Week(-1)),
        ("เดือนที่แล้ว", Month(-1)),
        ("ปีที่แล้ว", Year(-1)),
        ("ปีนี้", Year(0)),
    ],
    weekdays: &[
        ("วันจันทร์", Mon),
        ("วันอังคาร", Tue),
        ("วันพุธ", Wed),
        ("วันพฤหัสบดี", Thu),
        ("วันพฤหัส", Thu),
        ("วันศุกร์", Fri),
        ("วันเสาร์", Sat),
        ("วันอาทิตย์", Sun),
    ],
    frames: &[
        ("", "{d}", Latest),
        ("", "{d}ที่แล้ว", Previous),
        ("", "{d}ที่ผ่านมา", Previous),
        ("", "{d}หน้า", Next),
    ],
    days_ago: &["{n} วันที่แล้ว", "{n}วันที่แล้ว", "{n} วันก่อน", "{n}วันก่อน"],
    month_after_word: &["เดือน"],
    year_after_word: &["ใน", "เมื่อ"],
    year_noun_before: &["ปี พ.ศ.", "ปี ค.ศ.", "พ.ศ.", "ค.ศ.", "ปี"],
    year_noun_after: &[],
    buddhist_era: true,
    not_after: &[],
    not_before_prefix: &[],
    not_after_chars: "0123456789๐๑๒๓๔๕๖๗๘๙",
    weekday_names: &[],
};
