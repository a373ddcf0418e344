//! Credit lines: copyright notices ("© 2020 The Canadian Press", "(c) Reuters", "Copyright 2021
//! AFP", "جميع الحقوق محفوظة", "版权所有"), wire bylines ("Reporting by …; Editing by …") and
//! stand-alone photo credits ("(AP Photo/Sergei Grits)", "Фото: ТАСС").
//!
//! They say who owns or wrote the report, not what happened, so they leave the body; the
//! copyright notice (else the byline) is kept as the report's `credit`. Photo credits are not
//! the report's credit and are only removed. Only whole short lines are taken: a sentence that
//! mentions copyright stays.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{self, fold};
use super::{Input, Rule, from_body};
use crate::{Removal, RemovalReason};

pub(crate) struct Credit;

/// A credit is a short line; longer lines are prose.
const MAX_CREDIT_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Copyright,
    Byline,
    Photo,
}

/// Phrases that make a line a copyright notice wherever they stand in it.
const RIGHTS_RESERVED: &[&str] = &[
    "all rights reserved",
    "جميع الحقوق محفوظة",
    "كل الحقوق محفوظة",
    "جميع حقوق النشر محفوظة",
    "版权所有",
    "版權所有",
    "все права защищены",
    "tous droits réservés",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "tüm hakları saklıdır",
    "สงวนลิขสิทธิ์",
    "無断転載",
    "저작권자",
    "सर्वाधिकार सुरक्षित",
];

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\))?\s*(?:\d{4}|©))").expect("valid regex")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:\(?(?:additional )?(?:reporting|writing|editing|compiled|written|edited) by)\s+\p{Lu}",
    )
    .expect("valid regex")
});

static PHOTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\(?(?:(?:ap|afp|reuters|epa|xinhua|tass|getty images|anadolu)\s*(?:photo)?\s*/|(?:photo|photos|фото|صورة|الصورة|图片来源|图片|圖片|ภาพ|ที่มาภาพ)\s*[:：])",
    )
    .expect("valid regex")
});

impl Rule for Credit {
    fn find(&self, input: &Input<'_>) -> Vec<Removal> {
        let body = input.body();
        let t = body.text.as_str();
        let found: Vec<_> = text::lines(t)
            .into_iter()
            .filter(|line| kind(line.content(t)).is_some())
            .map(|line| {
                (
                    line.start,
                    (line.end + 1).min(t.len()),
                    RemovalReason::Credit,
                )
            })
            .collect();
        from_body(&body, found)
    }
}

fn kind(line: &str) -> Option<Kind> {
    let chars = line.chars().count();
    if !(2..=MAX_CREDIT_CHARS).contains(&chars) {
        return None;
    }
    let key = fold(line);
    // The byline pattern needs the capital of the name, so it sees the line as written.
    if COPYRIGHT.is_match(&key) || RIGHTS_RESERVED.iter().any(|p| key.contains(p)) {
        Some(Kind::Copyright)
    } else if BYLINE.is_match(line) {
        Some(Kind::Byline)
    } else if PHOTO.is_match(&key) {
        Some(Kind::Photo)
    } else {
        None
    }
}

/// The report's credit among the removed credit lines: the last copyright notice (the
/// page's footer, after any photo's "© Agency"), else the first byline.
pub(crate) fn credit_of(text: &str, removed: &[Removal]) -> Option<String> {
    let lines = removed
        .iter()
        .filter(|r| r.reason == RemovalReason::Credit)
        .flat_map(|r| text[r.start..r.end].lines())
        .map(str::trim);
    let mut copyright = None;
    let mut byline = None;
    for line in lines {
        match kind(line) {
            Some(Kind::Copyright) => copyright = Some(line),
            Some(Kind::Byline) if byline.is_none() => byline = Some(line),
            _ => {}
        }
    }
    copyright.or(byline).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::super::tests::body_after;
    use super::*;

    #[test]
    fn copyright_notices_in_many_languages() {
        for line in [
            "© 2020 The Canadian Press",
            "(c) Reuters",
            "Copyright 2021 AFP",
            "Copyright © 2020 BBC. All rights reserved.",
            "جميع الحقوق محفوظة لموقع الأخبار 2020",
            "版权所有 © 新华网",
            "© РИА Новости, 2020",
            "สงวนลิขสิทธิ์ © 2563 ข่าวสด",
            "Tous droits réservés.",
        ] {
            assert_eq!(kind(line), Some(Kind::Copyright), "{line}");
        }
    }

    #[test]
    fn bylines_and_photo_credits() {
        assert_eq!(
            kind("(Reporting by Andrei Makhovsky; Editing by Alison Williams)"),
            Some(Kind::Byline)
        );
        assert_eq!(kind("(AP Photo/Sergei Grits)"), Some(Kind::Photo));
        assert_eq!(kind("Фото: ТАСС"), Some(Kind::Photo));
        assert_eq!(kind("صورة: رويترز"), Some(Kind::Photo));
    }

    #[test]
    fn prose_about_copyright_stays() {
        assert_eq!(
            kind("Copyright law in Belarus was changed last year."),
            None
        );
        assert_eq!(
            kind("Reporting by state media was limited, she said."),
            None
        );
        assert_eq!(kind("قال إن جميع الأطراف ملتزمة."), None);
        assert_eq!(kind("他说版权问题不在讨论范围内，会议将继续。"), None);
    }

    #[test]
    fn credit_is_recorded_and_removed() {
        let text = "Putin met Lukashenko in Sochi.\n© 2020 The Canadian Press";
        let cleaned = super::super::clean(text, None, &[]);
        assert_eq!(cleaned.credit.as_deref(), Some("© 2020 The Canadian Press"));
        assert_eq!(
            body_after(&Credit, text, None),
            "Putin met Lukashenko in Sochi.\n"
        );
        let text = "Reuters photo below.\n(AP Photo/Sergei Grits)\nProtests went on.\n(Reporting by Andrei Makhovsky)";
        let cleaned = super::super::clean(text, None, &[]);
        assert_eq!(
            cleaned.credit.as_deref(),
            Some("(Reporting by Andrei Makhovsky)")
        );
        let text = "Crowds in Minsk.\n© Reuters\nPolice moved in.\n© 2020 The Canadian Press";
        let cleaned = super::super::clean(text, None, &[]);
        assert_eq!(cleaned.credit.as_deref(), Some("© 2020 The Canadian Press"));
    }
}
