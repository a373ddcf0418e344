//! Labelled NER data and its scoring, shared by the training example and `vigil eval ner`:
//! reading BIO files (one `token TAG` or `token<TAB>TAG` per line, a blank line between
//! sentences), turning tag sequences into entity spans, and the CoNLL score (an entity counts
//! only when its exact token span and type match, micro-averaged over types).

use crate::scoring::{f1, ratio};
use std::collections::BTreeMap;

/// One labelled sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    /// `O`, `B-TYPE` or `I-TYPE`, one per token.
    pub tags: Vec<String>,
}

/// A line that is neither blank nor a token followed by its tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based.
    pub line: usize,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: expected a token and a BIO tag", self.line)
    }
}

impl std::error::Error for BadLine {}

/// The sentences of a BIO file. The tag is the last whitespace-separated field, the token all
/// before it.
pub fn read_bio(text: &str) -> Result<Vec<Sentence>, BadLine> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.tokens.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        let line = line.trim_end();
        let Some(at) = line.rfind(char::is_whitespace) else {
            return Err(BadLine { line: i + 1 });
        };
        let (token, tag) = (line[..at].trim(), line[at..].trim());
        let valid_tag = tag == "O" || tag.starts_with("B-") || tag.starts_with("I-");
        if token.is_empty() || !valid_tag {
            return Err(BadLine { line: i + 1 });
        }
        current.tokens.push(token.to_string());
        current.tags.push(tag.to_string());
    }
    if !current.tokens.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// An entity over tokens `start..end` (exclusive) of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TokenSpan {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

/// The entities a tag sequence marks, as conlleval reads them: `I-X` continues an entity of
/// type X and otherwise starts one (after `O` or an entity of another type).
pub fn spans<S: AsRef<str>>(tags: &[S]) -> Vec<TokenSpan> {
    let mut out: Vec<TokenSpan> = Vec::new();
    let mut open = false;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) if p == "B" || p == "I" => (p, k),
            _ => {
                open = false;
                continue;
            }
        };
        let continues = prefix == "I" && open && out.last().is_some_and(|s| s.kind == kind);
        if continues {
            if let Some(last) = out.last_mut() {
                last.end = i + 1;
            }
        } else {
            out.push(TokenSpan {
                start: i,
                end: i + 1,
                kind: kind.to_string(),
            });
        }
        open = true;
    }
    out
}

/// Counts of one type (or all): entities found and right, found, and in the gold data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    fn add(&mut self, other: &Counts) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

/// The CoNLL score over many sentences, per entity type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Score {
    pub per_type: BTreeMap<String, Counts>,
}

impl Score {
    /// Adds one sentence's gold and predicted entities.
    pub fn add(&mut self, gold: &[TokenSpan], predicted: &[TokenSpan]) {
        for g in gold {
            self.per_type.entry(g.kind.clone()).or_default().gold += 1;
        }
        for p in predicted {
            let counts = self.per_type.entry(p.kind.clone()).or_default();
            counts.predicted += 1;
            if gold.contains(p) {
                counts.correct += 1;
            }
        }
    }

    /// Micro-average over every type.
    pub fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.per_type.values() {
            all.add(c);
        }
        all
    }
}

/// The index of the first held-out sentence when the last `1/parts` of the words are held out
/// (CAMeL Lab's sequential split of ANERcorp: the sentences holding the first 5/6 of the words
/// are for training).
pub fn word_share_cut(sentences: &[Sentence], parts: usize) -> usize {
    let total: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    let train_words = total - total / parts.max(1);
    let mut seen = 0;
    for (i, s) in sentences.iter().enumerate() {
        if seen >= train_words {
            return i;
        }
        seen += s.tokens.len();
    }
    sentences.len()
}

/// Maps entities found as byte ranges in `tokens` joined by `sep` back to token spans: an
/// entity covers every token it overlaps.
pub fn byte_spans_to_tokens(
    tokens: &[String],
    sep: &str,
    found: &[(usize, usize, String)],
) -> Vec<TokenSpan> {
    let mut starts = Vec::with_capacity(tokens.len());
    let mut at = 0;
    for t in tokens {
        starts.push((at, at + t.len()));
        at += t.len() + sep.len();
    }
    let mut out: Vec<TokenSpan> = Vec::new();
    for (start, end, kind) in found {
        let first = starts.iter().position(|&(s, e)| s < *end && *start < e);
        let last = starts.iter().rposition(|&(s, e)| s < *end && *start < e);
        if let (Some(first), Some(last)) = (first, last) {
            // Two found names inside one token become one entity.
            if out.last().is_some_and(|p| p.end > first) {
                continue;
            }
            out.push(TokenSpan {
                start: first,
                end: last + 1,
                kind: kind.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: &str) -> TokenSpan {
        TokenSpan {
            start,
            end,
            kind: kind.to_string(),
        }
    }

    #[test]
    fn reads_space_and_tab_separated_files() {
        let text = "زار B-PERS\nالوزير O\n\n北\tB-LOC\n京\tI-LOC\n\n\n";
        let s = read_bio(text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["زار", "الوزير"]);
        assert_eq!(s[1].tags, ["B-LOC", "I-LOC"]);
        assert_eq!(read_bio("word\n"), Err(BadLine { line: 1 }));
        assert_eq!(read_bio("a O\nb X-LOC\n"), Err(BadLine { line: 2 }));
    }

    #[test]
    fn spans_follow_conlleval() {
        let tags = [
            "B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-ORG",
        ];
        assert_eq!(
            spans(&tags),
            [
                span(0, 2, "PER"),
                span(3, 5, "LOC"),
                span(5, 6, "LOC"),
                span(6, 7, "ORG"),
                span(7, 8, "ORG"),
            ]
        );
        assert!(spans::<&str>(&[]).is_empty());
    }

    #[test]
    fn scores_exact_span_and_type_only() {
        let mut score = Score::default();
        let gold = [span(0, 2, "PER"), span(3, 4, "LOC"), span(5, 6, "ORG")];
        // One right, one with the wrong extent, one with the wrong type, one spurious.
        let predicted = [
            span(0, 2, "PER"),
            span(3, 5, "LOC"),
            span(5, 6, "LOC"),
            span(7, 8, "PER"),
        ];
        score.add(&gold, &predicted);
        let all = score.overall();
        assert_eq!((all.correct, all.predicted, all.gold), (1, 4, 3));
        assert!((all.precision() - 0.25).abs() < 1e-9);
        assert!((all.recall() - 1.0 / 3.0).abs() < 1e-9);
        assert!((all.f1() - 2.0 / 7.0).abs() < 1e-9);
        assert_eq!(score.per_type["PER"].f1(), 2.0 / 3.0);
        assert_eq!(score.per_type["ORG"].f1(), 0.0);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn word_share_cut_holds_out_the_last_words() {
        let sentence = |n: usize| Sentence {
            tokens: vec!["w".to_string(); n],
            tags: vec!["O".to_string(); n],
        };
        // 12 words; the first 10 (5/6) are for training: sentences 0..3 hold 10.
        let data = [
            sentence(4),
            sentence(4),
            sentence(2),
            sentence(1),
            sentence(1),
        ];
        assert_eq!(word_share_cut(&data, 6), 3);
        assert_eq!(word_share_cut(&[], 6), 0);
    }

    #[test]
    fn byte_spans_map_to_the_tokens_they_overlap() {
        let tokens: Vec<String> = ["زار", "محمد", "علي", "(د"].map(String::from).into();
        // "زار محمد علي (د": محمد is bytes 7..15, علي 16..22, د 24..26.
        let found = [(7, 22, "PERS".to_string()), (24, 26, "ORG".to_string())];
        assert_eq!(
            byte_spans_to_tokens(&tokens, " ", &found),
            [span(1, 3, "PERS"), span(3, 4, "ORG")]
        );
        let chars: Vec<String> = ["北", "京", "市"].map(String::from).into();
        let found = [(0, 6, "LOC".to_string())];
        assert_eq!(
            byte_spans_to_tokens(&chars, "", &found),
            [span(0, 2, "LOC")]
        );
    }
}
