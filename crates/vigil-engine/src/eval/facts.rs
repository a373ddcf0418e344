//! `vigil eval facts FILE`: fact extraction scored against hand-annotated sentences
//! (`eval/facts.jsonl`, described in `eval/facts.md`).
//!
//! Each line is `{"id","lang","doc_date","text","facts"}`, the facts in the record
//! `vigil facts --json` prints. Every sentence goes through [`vigil_facts::extract`] with its
//! language and date; predicted and expected facts are then paired one-to-one per sentence.
//! A pair needs the same kind, overlapping byte ranges and the kind's key fields equal
//! ([`same_key`]); how the subject, the hedge, a range's end and the like were read is scored
//! apart, as attribute accuracies over the pairs, so a right number with a wrong key is not
//! also a miss.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use vigil_facts::{Detail, Document, Fact, Kind};

use super::EvalError;

/// One annotated sentence.
#[derive(Debug, Clone, Deserialize)]
pub struct Sentence {
    pub id: String,
    pub lang: String,
    /// The report's date, against which relative and year-less dates resolve.
    pub doc_date: Option<NaiveDate>,
    pub text: String,
    /// Every fact a careful reader finds in `text`.
    pub facts: Vec<Fact>,
}

/// Precision, recall and F1 of one slice (a kind, a language, everything).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    /// 0 when nothing was predicted.
    pub precision: f64,
    /// 0 when nothing was expected.
    pub recall: f64,
    pub f1: f64,
    pub n_expected: usize,
    pub n_predicted: usize,
    pub n_matched: usize,
}

impl Score {
    fn add(&mut self, expected: usize, predicted: usize, matched: usize) {
        self.n_expected += expected;
        self.n_predicted += predicted;
        self.n_matched += matched;
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        self.precision = ratio(self.n_matched, self.n_predicted);
        self.recall = ratio(self.n_matched, self.n_expected);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

/// How often a paired prediction read one attribute as the annotator did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// `None` when no pair had the attribute to compare.
    pub accuracy: Option<f64>,
    pub n: usize,
    pub n_correct: usize,
}

impl Accuracy {
    fn add(&mut self, correct: bool) {
        self.n += 1;
        self.n_correct += usize::from(correct);
        self.accuracy = Some(self.n_correct as f64 / self.n as f64);
    }
}

/// The report of `vigil eval facts`.
#[derive(Debug, Clone, Serialize)]
pub struct FactsReport {
    pub n_sentences: usize,
    pub n_expected: usize,
    pub n_predicted: usize,
    /// Micro-averaged over every kind.
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Every kind, present in the file or not.
    pub per_kind: BTreeMap<String, Score>,
    /// Micro-averaged over the kinds, per sentence language.
    pub per_lang: BTreeMap<String, Score>,
    /// Share of pairs whose predicted range is exactly the annotated one (`None` without pairs).
    pub span_exact: Option<f64>,
    /// Over the pairs: `subject_key` (where the annotator gave one), `approx`, `value_max`,
    /// `magnitude`, `ordinal`, `relative`.
    pub attributes: BTreeMap<String, Accuracy>,
    /// Predicted facts whose `text` is not the sentence's text at `start..end`.
    pub offsets_violations: usize,
}

/// Why a fact is listed by `--errors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Expected and not predicted.
    Miss,
    /// Predicted and not expected.
    FalseAlarm,
    /// Predicted with a `text` that is not the sentence at its range.
    BadOffsets,
    /// Paired with the expected fact, but some of its attributes (`fields`) differ.
    Attribute,
}

/// One line of `--errors`: the sentence, what went wrong, and the fact.
#[derive(Debug, Clone, Serialize)]
pub struct FactError {
    pub id: String,
    pub lang: String,
    pub error: ErrorKind,
    #[serde(flatten)]
    pub fact: Fact,
    /// For a miss: an unpaired prediction of the same kind over the same passage, whose key
    /// fields differ (what the extractor read instead); for an attribute error, the paired
    /// prediction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub got: Option<Fact>,
    /// For an attribute error: the attributes that differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<&'static str>,
}

/// The report and every miss and false alarm behind it.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub report: FactsReport,
    pub errors: Vec<FactError>,
}

/// Reads and checks the annotated set, then scores [`vigil_facts::extract`] on it.
pub fn evaluate(path: &Path) -> Result<Evaluation, EvalError> {
    let sentences = read_set(path)?;
    Ok(score(&sentences, |s| {
        vigil_facts::extract(&Document {
            text: &s.text,
            lang: Some(&s.lang),
            date: s.doc_date,
            ..Document::default()
        })
    }))
}

/// Reads the annotated set and refuses it unless ids are unique and every expected fact's
/// `text` is exactly the sentence at `start..end` (kinds, units and `approx` values are checked
/// by parsing them).
pub fn read_set(path: &Path) -> Result<Vec<Sentence>, EvalError> {
    let sentences: Vec<Sentence> = super::read_jsonl(path)?;
    let invalid = |id: &str, message: String| EvalError::Invalid {
        path: path.to_path_buf(),
        id: id.to_string(),
        message,
    };
    let mut ids = HashSet::new();
    for s in &sentences {
        if !ids.insert(s.id.as_str()) {
            return Err(invalid(&s.id, "duplicate id".into()));
        }
        for f in &s.facts {
            if !offsets_ok(&s.text, f) {
                return Err(invalid(
                    &s.id,
                    format!("{:?} is not the text at {}..{}", f.text, f.start, f.end),
                ));
            }
        }
    }
    Ok(sentences)
}

/// Scores the facts `predict` gives for each sentence against the annotated ones.
pub fn score(
    sentences: &[Sentence],
    mut predict: impl FnMut(&Sentence) -> Vec<Fact>,
) -> Evaluation {
    let mut per_kind: BTreeMap<String, Score> = Kind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), Score::default()))
        .collect();
    let mut per_lang: BTreeMap<String, Score> = BTreeMap::new();
    let mut overall = Score::default();
    let mut attributes: BTreeMap<String, Accuracy> = BTreeMap::new();
    let (mut pairs, mut exact, mut offsets_violations) = (0usize, 0usize, 0usize);
    let mut errors = Vec::new();
    for s in sentences {
        let predicted = predict(s);
        let error = |error, fact: &Fact, got: Option<Fact>| FactError {
            id: s.id.clone(),
            lang: s.lang.clone(),
            error,
            fact: fact.clone(),
            got,
            fields: Vec::new(),
        };
        for p in predicted.iter().filter(|p| !offsets_ok(&s.text, p)) {
            offsets_violations += 1;
            errors.push(error(ErrorKind::BadOffsets, p, None));
        }
        let matched = match_facts(&predicted, &s.facts);
        for &(p, e) in &matched {
            let (p, e) = (&predicted[p], &s.facts[e]);
            pairs += 1;
            exact += usize::from(p.start == e.start && p.end == e.end);
            let mut wrong = Vec::new();
            for (name, correct) in attribute_agreement(p, e) {
                attributes.entry(name.to_string()).or_default().add(correct);
                if !correct {
                    wrong.push(name);
                }
            }
            if !wrong.is_empty() {
                errors.push(FactError {
                    fields: wrong,
                    ..error(ErrorKind::Attribute, e, Some(p.clone()))
                });
            }
        }
        let paired_p: HashSet<usize> = matched.iter().map(|m| m.0).collect();
        let paired_e: HashSet<usize> = matched.iter().map(|m| m.1).collect();
        for (_, e) in s
            .facts
            .iter()
            .enumerate()
            .filter(|(i, _)| !paired_e.contains(i))
        {
            let got = predicted
                .iter()
                .enumerate()
                .find(|(j, p)| !paired_p.contains(j) && p.kind() == e.kind() && overlaps(p, e))
                .map(|(_, p)| p.clone());
            errors.push(error(ErrorKind::Miss, e, got));
        }
        for (_, p) in predicted
            .iter()
            .enumerate()
            .filter(|(j, _)| !paired_p.contains(j))
        {
            errors.push(error(ErrorKind::FalseAlarm, p, None));
        }
        for kind in Kind::ALL {
            let count = |facts: &[Fact]| facts.iter().filter(|f| f.kind() == kind).count();
            let hits = matched
                .iter()
                .filter(|&&(_, e)| s.facts[e].kind() == kind)
                .count();
            let (n_e, n_p) = (count(&s.facts), count(&predicted));
            per_kind
                .get_mut(kind.as_str())
                .expect("every kind has a row")
                .add(n_e, n_p, hits);
        }
        let (n_e, n_p, hits) = (s.facts.len(), predicted.len(), matched.len());
        per_lang
            .entry(s.lang.clone())
            .or_default()
            .add(n_e, n_p, hits);
        overall.add(n_e, n_p, hits);
    }
    Evaluation {
        report: FactsReport {
            n_sentences: sentences.len(),
            n_expected: overall.n_expected,
            n_predicted: overall.n_predicted,
            precision: overall.precision,
            recall: overall.recall,
            f1: overall.f1,
            per_kind,
            per_lang,
            span_exact: (pairs > 0).then(|| exact as f64 / pairs as f64),
            attributes,
            offsets_violations,
        },
        errors,
    }
}

/// Pairs predicted with expected facts (indices), one-to-one: among the candidate pairs (same
/// kind, overlapping ranges, equal key fields), exact ranges first, then the largest overlap,
/// then document order.
pub fn match_facts(predicted: &[Fact], expected: &[Fact]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(bool, usize, usize, usize)> = Vec::new();
    for (p, pf) in predicted.iter().enumerate() {
        for (e, ef) in expected.iter().enumerate() {
            if pf.kind() == ef.kind() && overlaps(pf, ef) && same_key(pf, ef) {
                let exact = pf.start == ef.start && pf.end == ef.end;
                let shared = pf.end.min(ef.end) - pf.start.max(ef.start);
                candidates.push((exact, shared, p, e));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    let (mut used_p, mut used_e) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for (_, _, p, e) in candidates {
        if !used_p.contains(&p) && !used_e.contains(&e) {
            used_p.insert(p);
            used_e.insert(e);
            pairs.push((p, e));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Whether two facts' byte ranges share at least one byte.
fn overlaps(a: &Fact, b: &Fact) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether `fact.text` is the sentence's text at its range.
fn offsets_ok(text: &str, fact: &Fact) -> bool {
    fact.start <= fact.end && text.get(fact.start..fact.end) == Some(fact.text.as_str())
}

/// Relative tolerance on values: "1.2 million" read as 1_200_000.0001 is still right.
const VALUE_TOLERANCE: f64 = 1e-6;

fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= VALUE_TOLERANCE * a.abs().max(b.abs()).max(1.0),
        _ => false,
    }
}

/// The fields that make a fact the same fact: the value (and the unit, for a count), the
/// currency, the tally, the date. Mentions need only the kind and the overlap.
fn same_key(p: &Fact, e: &Fact) -> bool {
    match (&p.detail, &e.detail) {
        (Detail::Quantity(_), Detail::Quantity(_)) => {
            same_number(p.value, e.value) && p.unit == e.unit
        }
        (Detail::Percent(_), Detail::Percent(_)) => same_number(p.value, e.value),
        (Detail::Money(pm), Detail::Money(em)) => {
            same_number(p.value, e.value)
                && match (&pm.currency, &em.currency) {
                    (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                    (a, b) => a == b,
                }
        }
        (Detail::Vote(pv), Detail::Vote(ev)) => {
            (pv.in_favour, pv.against, pv.abstain) == (ev.in_favour, ev.against, ev.abstain)
        }
        (Detail::Date(pd), Detail::Date(ed)) => pd.date == ed.date,
        (Detail::Person(_), Detail::Person(_))
        | (Detail::Organization(_), Detail::Organization(_))
        | (Detail::Place(_), Detail::Place(_)) => true,
        _ => false,
    }
}

/// For a pair, each attribute scored apart from the key and whether the prediction has it
/// right. `subject_key` is scored only where the annotator gave one.
fn attribute_agreement(p: &Fact, e: &Fact) -> Vec<(&'static str, bool)> {
    let mut out = Vec::new();
    if e.subject_key.is_some() {
        out.push(("subject_key", p.subject_key == e.subject_key));
    }
    match (&p.detail, &e.detail) {
        (Detail::Quantity(pq), Detail::Quantity(eq)) => {
            out.push(("approx", pq.approx == eq.approx));
            out.push(("value_max", same_number(pq.value_max, eq.value_max)));
            out.push(("magnitude", same_number(pq.magnitude, eq.magnitude)));
            out.push(("ordinal", pq.ordinal == eq.ordinal));
        }
        (Detail::Percent(pr), Detail::Percent(er)) => {
            out.push(("approx", pr.approx == er.approx));
            out.push(("value_max", same_number(pr.value_max, er.value_max)));
        }
        (Detail::Money(pm), Detail::Money(em)) => {
            out.push(("approx", pm.approx == em.approx));
            out.push(("value_max", same_number(pm.value_max, em.value_max)));
        }
        (Detail::Date(pd), Detail::Date(ed)) => out.push(("relative", pd.relative == ed.relative)),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_facts::{Approx, DateFields, Mention, Money, Quantity, Unit, Vote};

    const TEXT: &str = "Police detained more than 7,000 people on 9 August; Minsk paid $1 billion.";

    fn at(detail: Detail, passage: &str) -> Fact {
        let start = TEXT.find(passage).expect("passage in TEXT");
        Fact::new(detail, TEXT, start, start + passage.len())
    }

    fn count(passage: &str, value: f64, key: &str) -> Fact {
        let mut f = at(
            Detail::Quantity(Quantity {
                approx: Some(Approx::Gt),
                ..Quantity::default()
            }),
            passage,
        );
        f.value = Some(value);
        f.unit = Some(Unit::Person);
        f.subject_key = Some(key.to_string());
        f
    }

    fn date(passage: &str, iso: &str) -> Fact {
        at(
            Detail::Date(DateFields {
                date: Some(iso.into()),
                relative: true,
            }),
            passage,
        )
    }

    fn money(passage: &str, value: f64, currency: &str) -> Fact {
        let mut f = at(
            Detail::Money(Money {
                currency: Some(currency.into()),
                ..Money::default()
            }),
            passage,
        );
        f.value = Some(value);
        f
    }

    fn place(passage: &str) -> Fact {
        at(Detail::Place(Mention::default()), passage)
    }

    fn sentence(facts: Vec<Fact>) -> Sentence {
        Sentence {
            id: "s1".into(),
            lang: "en".into(),
            doc_date: None,
            text: TEXT.into(),
            facts,
        }
    }

    #[test]
    fn pairs_overlapping_facts_of_equal_key_and_scores_the_subject_apart() {
        let expected = vec![
            count("more than 7,000 people", 7000.0, "detained"),
            date("9 August", "2020-08-09"),
        ];
        // A shorter passage and another subject key still find the count; the date is wrong.
        let predicted = vec![
            count("7,000 people", 7000.0, "arrested"),
            date("9 August", "2021-08-09"),
        ];
        let ev = score(&[sentence(expected)], |_| predicted.clone());
        let r = &ev.report;
        assert_eq!((r.n_expected, r.n_predicted), (2, 2));
        assert_eq!(r.precision, 0.5);
        assert_eq!(r.recall, 0.5);
        assert_eq!(r.per_kind["quantity"].n_matched, 1);
        assert_eq!(r.per_kind["date"].n_matched, 0);
        assert_eq!(r.span_exact, Some(0.0));
        assert_eq!(r.attributes["subject_key"].accuracy, Some(0.0));
        assert_eq!(r.attributes["approx"].accuracy, Some(1.0));
        let kinds: Vec<ErrorKind> = ev.errors.iter().map(|e| e.error).collect();
        assert_eq!(
            kinds,
            [ErrorKind::Attribute, ErrorKind::Miss, ErrorKind::FalseAlarm]
        );
        assert_eq!(ev.errors[0].fields, ["subject_key"]);
        let paired = ev.errors[0]
            .got
            .as_ref()
            .expect("the paired count is shown");
        assert_eq!(paired.subject_key.as_deref(), Some("arrested"));
        let got = ev.errors[1].got.as_ref().expect("the wrong date is shown");
        assert_eq!(got.text, "9 August");
    }

    #[test]
    fn one_prediction_pairs_with_one_expected_fact() {
        let expected = vec![place("Minsk"), place("Minsk")];
        let predicted = vec![place("Minsk")];
        assert_eq!(match_facts(&predicted, &expected).len(), 1);
        let ev = score(&[sentence(expected)], |_| predicted.clone());
        assert_eq!(ev.report.recall, 0.5);
        assert_eq!(ev.report.precision, 1.0);
        assert_eq!(ev.report.span_exact, Some(1.0));
    }

    #[test]
    fn exact_ranges_win_over_larger_overlaps() {
        let expected = vec![place("Minsk"), place("Minsk paid")];
        let predicted = vec![place("Minsk paid")];
        assert_eq!(match_facts(&predicted, &expected), [(0, 1)]);
    }

    #[test]
    fn kind_value_unit_and_currency_must_agree() {
        let pairs = |p: Fact, e: &Fact| match_facts(&[p], std::slice::from_ref(e)).len();
        let m = money("$1 billion", 1e9, "USD");
        assert_eq!(pairs(m.clone(), &m), 1);
        assert_eq!(pairs(money("$1 billion", 1e9 * (1.0 + 1e-9), "usd"), &m), 1);
        assert_eq!(pairs(money("$1 billion", 1e6, "USD"), &m), 0);
        assert_eq!(pairs(money("$1 billion", 1e9, "EUR"), &m), 0);
        let right = count("more than 7,000 people", 7000.0, "detained");
        let mut wrong_unit = right.clone();
        wrong_unit.unit = Some(Unit::Item);
        assert_eq!(pairs(wrong_unit, &right), 0);
        assert_eq!(pairs(place("7,000 people"), &right), 0);
        // Ranges that share no byte do not pair ("Police" ends before the space).
        assert_eq!(pairs(place("Police"), &place("detained")), 0);
        assert_eq!(pairs(place("Police detained"), &place("detained")), 1);
    }
    #[test]
    fn votes_pair_on_the_whole_tally() {
        let text = "adopted by 23 votes to 2, with 22 abstentions";
        let vote = |f, a, ab| {
            Fact::new(
                Detail::Vote(Vote {
                    in_favour: Some(f),
                    against: Some(a),
                    abstain: ab,
                    body: None,
                }),
                text,
                11,
                text.len(),
            )
        };
        assert_eq!(
            match_facts(&[vote(23, 2, Some(22))], &[vote(23, 2, Some(22))]).len(),
            1
        );
        assert!(match_facts(&[vote(23, 2, None)], &[vote(23, 2, Some(22))]).is_empty());
    }

    #[test]
    fn counts_predictions_whose_text_is_not_at_their_range() {
        let mut bad = place("Minsk");
        bad.start += 1;
        bad.end += 1;
        let mut outside = place("Minsk");
        outside.end = TEXT.len() + 4;
        let ev = score(&[sentence(vec![place("Minsk")])], |_| {
            vec![bad.clone(), outside.clone()]
        });
        assert_eq!(ev.report.offsets_violations, 2);
        assert!(ev.errors.iter().any(|e| e.error == ErrorKind::BadOffsets));
    }

    #[test]
    fn nothing_predicted_scores_zero_not_nan() {
        let ev = score(&[sentence(vec![place("Minsk")])], |_| Vec::new());
        assert_eq!(
            (ev.report.precision, ev.report.recall, ev.report.f1),
            (0.0, 0.0, 0.0)
        );
        assert_eq!(ev.report.span_exact, None);
        assert_eq!(ev.report.per_lang["en"].n_expected, 1);
        assert_eq!(ev.report.per_kind.len(), Kind::ALL.len());
    }

    /// The repository's own set: big and varied enough, and every annotation well formed.
    #[test]
    fn the_annotated_set_is_well_formed() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../eval/facts.jsonl"
        ));
        let set = read_set(path).expect("eval/facts.jsonl reads and its offsets hold");
        assert!(set.len() >= 200, "{} sentences", set.len());
        let langs: HashSet<&str> = set.iter().map(|s| s.lang.as_str()).collect();
        assert!(langs.len() >= 6, "{langs:?}");
        for s in &set {
            for f in &s.facts {
                let at = format!("{} {:?}", s.id, f.text);
                assert!(
                    !f.text.is_empty() && f.text.trim() == f.text,
                    "{at}: untrimmed passage"
                );
                match &f.detail {
                    Detail::Quantity(q) => {
                        assert!(f.unit.is_some(), "{at}: a count needs its unit");
                        assert!(f.value.is_some() || q.magnitude.is_some(), "{at}: no value");
                        if let (Some(v), Some(max)) = (f.value, q.value_max) {
                            assert!(v < max, "{at}: empty range");
                        }
                    }
                    Detail::Percent(_) => assert_eq!(f.unit, Some(Unit::Percent), "{at}"),
                    Detail::Money(m) => {
                        let c = m.currency.as_deref().unwrap_or_default();
                        assert!(
                            c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()),
                            "{at}"
                        );
                        assert!(f.value.is_some(), "{at}: no sum");
                    }
                    Detail::Vote(v) => assert!(v.in_favour.is_some(), "{at}: no tally"),
                    Detail::Date(d) => {
                        let resolvable = !d.relative || s.doc_date.is_some();
                        assert_eq!(d.date.is_some(), resolvable, "{at}: date vs doc_date");
                        if let Some(iso) = &d.date {
                            let full = match iso.len() {
                                4 => format!("{iso}-01-01"),
                                7 => format!("{iso}-01"),
                                _ => iso.clone(),
                            };
                            assert!(NaiveDate::parse_from_str(&full, "%Y-%m-%d").is_ok(), "{at}");
                        }
                    }
                    Detail::Person(_) | Detail::Organization(_) | Detail::Place(_) => {}
                }
            }
        }
    }

    /// The annotations, offered as predictions, score 1 everywhere: every expected fact can be
    /// paired, even where a sentence states the same thing twice.
    #[test]
    fn the_annotated_set_scores_perfectly_against_itself() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../eval/facts.jsonl"
        ));
        let set = read_set(path).unwrap();
        let ev = score(&set, |s| s.facts.clone());
        let r = &ev.report;
        assert_eq!((r.precision, r.recall, r.span_exact), (1.0, 1.0, Some(1.0)));
        assert!(ev.errors.is_empty());
        assert!(r.attributes.values().all(|a| a.accuracy == Some(1.0)));
        // Shifting each prediction's key value makes every numeric fact a miss.
        let shifted = score(&set, |s| {
            s.facts
                .iter()
                .cloned()
                .map(|mut f| {
                    f.value = f.value.map(|v| v * 10.0);
                    f
                })
                .collect()
        });
        let numeric = |k: &str| shifted.report.per_kind[k].n_matched;
        assert_eq!(numeric("money") + numeric("percent"), 0);
    }

    #[test]
    fn refuses_a_set_whose_offsets_do_not_hold() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.jsonl");
        let line = r#"{"id":"x","lang":"en","doc_date":null,"text":"In Minsk.","facts":[{"kind":"place","text":"Minsk","start":0,"end":5,"value":null,"unit":null,"subject_key":null}]}"#;
        std::fs::write(&path, line).unwrap();
        assert!(matches!(read_set(&path), Err(EvalError::Invalid { .. })));
        std::fs::write(
            &path,
            line.replace(r#""start":0,"end":5"#, r#""start":3,"end":8"#),
        )
        .unwrap();
        assert_eq!(read_set(&path).unwrap()[0].facts.len(), 1);
    }
}
