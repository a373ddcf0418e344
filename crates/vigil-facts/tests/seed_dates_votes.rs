//! The five seed reports (`../shared/seeds`, or `VIGIL_SHARED_DIR`): the resolution's tally
//! and every stated date, with short passages. Skips, with a message, when the seeds are
//! absent. No seed text is copied here: facts are checked by value and byte range.

use std::path::PathBuf;

use chrono::NaiveDate;
use vigil_facts::{DateFields, Detail, Document, Fact, Kind, Vote, extract};

fn seed(prefix: &str) -> Option<String> {
    let root = std::env::var_os("VIGIL_SHARED_DIR").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
        PathBuf::from,
    );
    let dir = root.join("seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent (needs ../shared)", dir.display());
        return None;
    };
    let path = entries.flatten().map(|e| e.path()).find(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
    })?;
    std::fs::read_to_string(path).ok()
}

/// The date and vote facts of a seed, its date inferred as ingest infers it.
fn facts(text: &str, date: Option<NaiveDate>) -> Vec<Fact> {
    let date = date.or_else(|| {
        vigil_text::dates::infer_date(text)
            .and_then(|(d, _)| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
    });
    let doc = Document {
        text,
        lang: vigil_text::language::detect(text).map(|d| d.lang),
        date,
        ..Document::default()
    };
    let facts: Vec<Fact> = extract(&doc)
        .into_iter()
        .filter(|f| matches!(f.kind(), Kind::Date | Kind::Vote))
        .collect();
    for f in &facts {
        assert_eq!(f.text, text[f.start..f.end]);
        assert!(f.text.chars().count() <= 60, "passage too long: {f:?}");
    }
    facts
}

fn dates(facts: &[Fact]) -> Vec<(Option<&str>, bool)> {
    facts
        .iter()
        .filter_map(|f| match &f.detail {
            Detail::Date(DateFields { date, relative }) => Some((date.as_deref(), *relative)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_resolution_tally_of_seed_001() {
    let Some(text) = seed("001") else { return };
    let found = facts(&text, None);
    let votes: Vec<&Fact> = found.iter().filter(|f| f.kind() == Kind::Vote).collect();
    assert_eq!(votes.len(), 1, "{votes:?}");
    let Detail::Vote(Vote {
        in_favour,
        against,
        abstain,
        body,
    }) = &votes[0].detail
    else {
        unreachable!()
    };
    assert_eq!(
        (*in_favour, *against, *abstain),
        (Some(23), Some(2), Some(22))
    );
    assert_eq!((votes[0].start, votes[0].end), (393, 486));
    // The Human Rights Council, named in the sentence before the tally.
    let body = body.as_deref().expect("a body");
    assert!(text[..votes[0].start].contains(body));
    assert_eq!(
        vigil_text::gazetteer::keys(body)
            .into_iter()
            .collect::<Vec<_>>(),
        vec!["org:unhrc".to_string()]
    );
    assert_eq!(
        dates(&found),
        vec![
            (None, true),
            (Some("2020"), false),
            (Some("2020-08-09"), false),
            (Some("2020"), false),
            (None, true),
        ]
    );
}

#[test]
fn the_letter_dates_of_seed_003() {
    let Some(text) = seed("003") else { return };
    let found = facts(&text, None);
    assert_eq!(
        dates(&found),
        [
            "2020-09-14",
            "2020-09-04",
            "2020-09-14",
            "2020-09-04",
            "2020-09-04"
        ]
        .map(|d| (Some(d), false))
    );
}

#[test]
fn year_less_and_relative_dates_of_seeds_000_and_004() {
    let Some(ar) = seed("000") else { return };
    let Some(en) = seed("004") else { return };
    // Neither report states its own date: year-less days and weekdays stay unresolved, but
    // the English one's copyright line gives its "Aug. 9" a year.
    assert_eq!(dates(&facts(&ar, None)), vec![(None, true); 3]);
    let en_facts = facts(&en, None);
    let en_dates = dates(&en_facts);
    assert_eq!(en_dates.len(), 7);
    assert!(en_dates.contains(&(Some("2020-08-09"), true)));
    assert_eq!(en_dates.iter().filter(|d| **d == (None, true)).count(), 6);
    // With the report's date known (a Friday), everything resolves.
    let friday = NaiveDate::from_ymd_opt(2020, 9, 18);
    assert_eq!(
        dates(&facts(&ar, friday)),
        vec![
            (Some("2020-09-18"), true),
            (Some("2020-08-09"), true),
            (Some("2020-08-27"), true),
        ]
    );
    let monday = NaiveDate::from_ymd_opt(2020, 9, 14);
    let en_facts = facts(&en, monday);
    let en_dates = dates(&en_facts);
    assert_eq!(en_dates[0], (Some("2020-09-14"), true));
    assert_eq!(en_dates[1], (Some("2020-09-13"), true));
    assert_eq!(en_dates[2], (Some("2020-08-09"), true));
}

#[test]
fn no_dates_or_votes_in_seed_002() {
    let Some(text) = seed("002") else { return };
    assert_eq!(facts(&text, None), vec![]);
}
