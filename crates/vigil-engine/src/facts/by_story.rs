//! A story's facts side by side: grouped by kind and `subject_key`, with disagreements
//! between sources flagged ("7,000 detained" in one report, "6,700 detained" in another on
//! the same day) — what monitors compare first. Mentions of people, organisations and places
//! group by their entity, so "لوكاشينكو", "卢卡申科" and "Lukashenko" are one group.

use std::collections::BTreeMap;

use serde::Serialize;
use vigil_facts::{Approx, Detail, Fact, Kind};

/// One kind of fact about one subject across a story's documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactGroup {
    pub story: String,
    pub kind: Kind,
    /// The facts' `subject_key`; for a mention linked to an entity, the entity id (`ent_…`),
    /// which is the same in every language and script where the name keys are not.
    pub subject_key: Option<String>,
    pub values: Vec<GroupValue>,
    /// Two documents state values that cannot both be true, on the same day or on days not
    /// known (see [`disagree`]).
    pub disagree: bool,
}

/// One document's statement within a [`FactGroup`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupValue {
    pub doc: String,
    /// The number (or, for a vote, `for`), as in the fact.
    pub value: Option<f64>,
    /// The document's date (`YYYY-MM-DD`), the day the value was reported.
    pub date: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The whole fact, for the kind's own fields (approx, ranges, tallies, currency).
    #[serde(skip)]
    pub fact: Fact,
}

/// Groups `facts` (each with its document's date) of story `story`. Ordinal quantities ("the
/// 46th session") are ranks, not counts; they are grouped apart from counts of the same thing.
///
/// `one_happening` is true for an event: its documents report one happening, so a value whose
/// day is unknown is compared with every other; a storyline spans weeks, so only values of
/// the same known day are.
pub fn by_story(
    story: &str,
    one_happening: bool,
    facts: Vec<(Fact, Option<String>)>,
) -> Vec<FactGroup> {
    let mut groups: BTreeMap<(Kind, Option<String>, String), Vec<GroupValue>> = BTreeMap::new();
    for (fact, date) in facts {
        let key = (fact.kind(), group_subject(&fact), variant(&fact));
        groups.entry(key).or_default().push(GroupValue {
            doc: fact.doc.clone(),
            value: fact.value.or(match &fact.detail {
                Detail::Vote(v) => v.in_favour.map(f64::from),
                _ => None,
            }),
            date: date.map(|d| d.chars().take(10).collect()),
            text: fact.text.clone(),
            start: fact.start,
            end: fact.end,
            fact,
        });
    }
    groups
        .into_iter()
        .map(|((kind, subject_key, _), values)| FactGroup {
            story: story.to_string(),
            kind,
            subject_key,
            disagree: disagree(&values, one_happening),
            values,
        })
        .collect()
}

/// What the facts of a group are about: the entity of a linked mention, else the fact's
/// `subject_key`.
fn group_subject(fact: &Fact) -> Option<String> {
    match &fact.detail {
        Detail::Person(m) | Detail::Organization(m) | Detail::Place(m) if m.entity.is_some() => {
            m.entity.clone()
        }
        _ => fact.subject_key.clone(),
    }
}

/// What else must match for two facts to speak of the same quantity: the unit, ordinal or
/// count, the currency.
fn variant(fact: &Fact) -> String {
    let unit = fact.unit.map(|u| format!("{u:?}")).unwrap_or_default();
    match &fact.detail {
        Detail::Quantity(q) if q.ordinal => format!("{unit}/ordinal"),
        Detail::Money(m) => format!("{unit}/{}", m.currency.as_deref().unwrap_or("")),
        _ => unit,
    }
}

/// Whether two documents state values of one subject that cannot both be true, on the same
/// day (or on days not known: within one event that is the same happening). A document that
/// itself states several different values for the subject ("3,200 detained" and "2,850
/// detentions" both keyed `detained`) is not compared: the key is too coarse to tell its
/// figures apart. Subjects without a key, or keyed only by what they are, are never
/// compared ([`says_what_happened`]).
fn disagree(values: &[GroupValue], one_happening: bool) -> bool {
    let unambiguous: Vec<&GroupValue> = values
        .iter()
        .filter(|v| {
            values
                .iter()
                .filter(|w| w.doc == v.doc)
                .all(|w| !contradict(&v.fact, &w.fact))
        })
        .collect();
    unambiguous.iter().enumerate().any(|(i, a)| {
        unambiguous[i + 1..].iter().any(|b| {
            a.doc != b.doc
                && a.fact
                    .subject_key
                    .as_deref()
                    .is_some_and(says_what_happened)
                && same_day(&a.date, &b.date, one_happening)
                && contradict(&a.fact, &b.fact)
        })
    })
}

/// Whether a key names one tally that two sources can get wrong (`detained`, `killed`, a
/// vote) rather than only a kind of thing: "1,800 people" and "25,000 people", "40
/// buildings" (collapsed) and "1,150 buildings" (inspected), two distances or two people's
/// ages are different things, not a disagreement.
fn says_what_happened(key: &str) -> bool {
    !matches!(
        key,
        "person" | "building" | "distance" | "duration" | "age" | "occurrence" | "item"
    )
}

fn same_day(a: &Option<String>, b: &Option<String>, one_happening: bool) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => one_happening,
    }
}

fn contradict(a: &Fact, b: &Fact) -> bool {
    match (&a.detail, &b.detail) {
        (Detail::Vote(x), Detail::Vote(y)) => {
            let differ =
                |p: Option<u32>, q: Option<u32>| matches!((p, q), (Some(p), Some(q)) if p != q);
            differ(x.in_favour, y.in_favour)
                || differ(x.against, y.against)
                || differ(x.abstain, y.abstain)
        }
        (Detail::Date(x), Detail::Date(y)) => match (&x.date, &y.date) {
            // Dates of one subject are never keyed today; compare only what both state.
            (Some(p), Some(q)) => !p.starts_with(q.as_str()) && !q.starts_with(p.as_str()),
            _ => false,
        },
        _ => match (interval(a), interval(b)) {
            (Some((lo1, hi1)), Some((lo2, hi2))) => hi1 < lo2 || hi2 < lo1,
            _ => false,
        },
    }
}

/// The values a stated number allows: exact is a point, "about" ±10%, "more than" everything
/// above, a range its bounds. Vague amounts ("thousands") allow anything.
fn interval(f: &Fact) -> Option<(f64, f64)> {
    let v = f.value?;
    let (value_max, approx) = match &f.detail {
        Detail::Quantity(q) => (q.value_max, q.approx),
        Detail::Percent(r) => (r.value_max, r.approx),
        Detail::Money(m) => (m.value_max, m.approx),
        _ => (None, None),
    };
    let hi = value_max.unwrap_or(v);
    Some(match approx {
        None => (v, hi),
        Some(Approx::About) => (v * 0.9, hi * 1.1),
        Some(Approx::Gt | Approx::Ge) => (v, f64::INFINITY),
        Some(Approx::Lt | Approx::Le) => (f64::NEG_INFINITY, hi),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_facts::{Quantity, Unit};

    fn detained(doc: &str, text: &str, value: f64, approx: Option<Approx>) -> Fact {
        let mut f = Fact::new(
            Detail::Quantity(Quantity {
                approx,
                ..Quantity::default()
            }),
            text,
            0,
            text.len(),
        );
        f.doc = doc.to_string();
        f.value = Some(value);
        f.unit = Some(Unit::Person);
        f.subject_key = Some("detained".to_string());
        f
    }

    #[test]
    fn same_day_different_counts_disagree_across_languages() {
        let day = Some("2020-08-14".to_string());
        let groups = by_story(
            "ev_1",
            true,
            vec![
                (
                    detained("doc_a", "7,000 detained", 7000.0, None),
                    day.clone(),
                ),
                (detained("doc_b", "6700 معتقل", 6700.0, None), day.clone()),
            ],
        );
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].values.len(), 2);
        assert!(groups[0].disagree);
        assert_eq!(groups[0].subject_key.as_deref(), Some("detained"));
    }

    #[test]
    fn one_entity_named_in_three_scripts_is_one_group() {
        let person = |doc: &str, text: &str, key: &str, entity: Option<&str>| {
            let mut f = Fact::new(
                Detail::Person(vigil_facts::Mention {
                    entity: entity.map(str::to_string),
                    confidence: Some(0.9),
                }),
                text,
                0,
                text.len(),
            );
            f.doc = doc.to_string();
            f.subject_key = Some(key.to_string());
            (f, None)
        };
        let groups = by_story(
            "sl_1",
            false,
            vec![
                person("doc_a", "لوكاشينكو", "name:lukashinku", Some("ent_1")),
                person("doc_b", "卢卡申科", "name:lukashenke", Some("ent_1")),
                person("doc_c", "Lukashenko", "name:lukashenko", Some("ent_1")),
                person("doc_c", "Latushko", "name:latushko", None),
            ],
        );
        assert_eq!(groups.len(), 2);
        let lukashenko = groups.iter().find(|g| g.values.len() == 3).unwrap();
        assert_eq!(lukashenko.subject_key.as_deref(), Some("ent_1"));
        let unlinked = groups.iter().find(|g| g.values.len() == 1).unwrap();
        assert_eq!(unlinked.subject_key.as_deref(), Some("name:latushko"));
    }

    #[test]
    fn approximations_and_other_days_do_not_disagree() {
        let day = Some("2020-08-14".to_string());
        let about = by_story(
            "ev_1",
            true,
            vec![
                (
                    detained("doc_a", "约7000名被拘留者", 7000.0, Some(Approx::About)),
                    day.clone(),
                ),
                (
                    detained("doc_b", "6,700 detained", 6700.0, None),
                    day.clone(),
                ),
                (
                    detained(
                        "doc_c",
                        "more than 6,000 detained",
                        6000.0,
                        Some(Approx::Gt),
                    ),
                    day,
                ),
            ],
        );
        assert!(!about[0].disagree);
        let later = by_story(
            "ev_1",
            true,
            vec![
                (
                    detained("doc_a", "7,000 detained", 7000.0, None),
                    Some("2020-08-14".into()),
                ),
                (
                    detained("doc_b", "6,700 detained", 6700.0, None),
                    Some("2020-08-12".into()),
                ),
            ],
        );
        assert!(!later[0].disagree, "counts grow from day to day");
        let mixed = by_story(
            "ev_1",
            true,
            vec![
                (detained("doc_a", "3,200 detained", 3200.0, None), None),
                (detained("doc_a", "2,850 arrests", 2850.0, None), None),
                (detained("doc_b", "2.850 detenciones", 2850.0, None), None),
            ],
        );
        assert!(
            !mixed[0].disagree,
            "a document with two figures for one key is not compared"
        );
        let undated = by_story(
            "ev_1",
            true,
            vec![
                (detained("doc_a", "3,200 detained", 3200.0, None), None),
                (
                    detained("doc_b", "2.850 detenidos", 2850.0, None),
                    Some("2025-03-12".into()),
                ),
            ],
        );
        assert!(
            undated[0].disagree,
            "within one event an unknown day is the same happening"
        );
    }

    #[test]
    fn counts_of_a_kind_of_thing_do_not_disagree() {
        let buildings = |doc: &str, text: &str, value: f64| {
            let mut f = detained(doc, text, value, None);
            f.unit = Some(Unit::Item);
            f.subject_key = Some("building".to_string());
            (f, None)
        };
        let groups = by_story(
            "ev_1",
            true,
            vec![
                buildings("doc_a", "40 buildings collapsed", 40.0),
                buildings("doc_b", "inspected 1,150 buildings", 1150.0),
            ],
        );
        assert_eq!(groups.len(), 1);
        assert!(!groups[0].disagree);
    }
}
