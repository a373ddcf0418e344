//! The body: the canonical text with the removed ranges taken out, and the map back.

use crate::Removal;

/// The body text and, for each of its pieces, where the piece starts in the canonical text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub text: String,
    /// `(body_offset, text_offset)` at the start of each kept piece, ascending.
    pieces: Vec<(usize, usize)>,
}

impl Body {
    /// Builds the body of `text` given sorted, non-overlapping `removed` ranges.
    pub fn new(text: &str, removed: &[Removal]) -> Body {
        let mut body = String::with_capacity(text.len());
        let mut pieces = Vec::new();
        let mut at = 0;
        for r in removed {
            if r.start > at {
                pieces.push((body.len(), at));
                body.push_str(&text[at..r.start]);
            }
            at = at.max(r.end);
        }
        if at < text.len() {
            pieces.push((body.len(), at));
            body.push_str(&text[at..]);
        }
        Body { text: body, pieces }
    }

    /// The canonical-text offset of body offset `pos`. A position at the end of a piece maps to
    /// the end of that piece in the text (so ranges never swallow the removed text after them).
    pub fn to_text(&self, pos: usize) -> usize {
        let i = match self.pieces.binary_search_by(|&(b, _)| b.cmp(&pos)) {
            Ok(i) => i,
            Err(0) => return pos,
            Err(i) => i - 1,
        };
        let (b, t) = self.pieces[i];
        t + (pos - b)
    }

    /// The body offset of canonical-text offset `pos`, when `pos` lies in (or at the end of) a
    /// kept piece; `None` inside removed text.
    pub fn from_text(&self, pos: usize) -> Option<usize> {
        let i = match self.pieces.binary_search_by(|&(_, t)| t.cmp(&pos)) {
            Ok(i) => i,
            Err(0) => return None,
            Err(i) => i - 1,
        };
        let (b, t) = self.pieces[i];
        let piece_end = self
            .pieces
            .get(i + 1)
            .map_or(self.text.len(), |&(nb, _)| nb);
        let offset = b + (pos - t);
        (offset <= piece_end).then_some(offset)
    }

    /// The text ranges holding the body bytes `start..end`: one per kept piece the range
    /// touches, so removed text between pieces is never included.
    pub(crate) fn text_segments(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if start >= end {
            return out;
        }
        let first = match self.pieces.binary_search_by(|&(b, _)| b.cmp(&start)) {
            Ok(i) => i,
            Err(0) => return out,
            Err(i) => i - 1,
        };
        for (i, &(b, t)) in self.pieces.iter().enumerate().skip(first) {
            if b >= end {
                break;
            }
            let piece_end = self
                .pieces
                .get(i + 1)
                .map_or(self.text.len(), |&(nb, _)| nb);
            let s = start.max(b);
            let e = end.min(piece_end);
            if s < e {
                out.push((t + (s - b), t + (e - b)));
            }
        }
        out
    }

    /// Maps a body range to a text range: the start maps forward, the end backward, so the
    /// range covers exactly the original bytes of the body range (plus removed bytes inside it).
    pub fn range_to_text(&self, start: usize, end: usize) -> (usize, usize) {
        if start == end {
            let p = self.to_text(start);
            return (p, p);
        }
        (self.to_text(start), self.to_text(end - 1) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RemovalReason;

    #[test]
    fn maps_body_offsets_back_to_text() {
        let text = "Nav | Home\nБеларусь: протесты\nAdvertisement\nпродолжаются.";
        let nav = Removal::new(0, 11, RemovalReason::Navigation);
        let ad_start = text.find("Advertisement").unwrap();
        let ad = Removal::new(
            ad_start,
            ad_start + "Advertisement\n".len(),
            RemovalReason::Advertisement,
        );
        let body = Body::new(text, &[nav, ad]);
        assert_eq!(body.text, "Беларусь: протесты\nпродолжаются.");
        let word = body.text.find("продолжаются").unwrap();
        let (s, e) = body.range_to_text(word, word + "продолжаются".len());
        assert_eq!(&text[s..e], "продолжаются");
        let (s, e) = body.range_to_text(0, body.text.len());
        assert_eq!(s, 11);
        assert_eq!(e, text.len());
        assert_eq!(body.from_text(s), Some(0));
        assert_eq!(body.from_text(text.len()), Some(body.text.len()));
        assert_eq!(body.from_text(ad_start + 1), None, "inside removed text");
        let t = text.find("продолжаются").unwrap();
        assert_eq!(body.from_text(t), Some(word));
    }

    #[test]
    fn body_ranges_split_at_removed_text() {
        let text = "白俄罗\n\n斯局势 Minsk";
        let brk = Removal::new(9, 11, RemovalReason::LineBreak);
        let body = Body::new(text, std::slice::from_ref(&brk));
        assert_eq!(body.text, "白俄罗斯局势 Minsk");
        // "罗斯" spans the removed break: two text ranges, neither covering it.
        let start = body.text.find("罗").unwrap_or_default();
        let segments = body.text_segments(start, start + "罗斯".len());
        assert_eq!(segments, vec![(6, 9), (11, 14)]);
        assert_eq!(body.text_segments(0, 0), vec![]);
        assert_eq!(
            body.text_segments(body.text.len() - 5, body.text.len() + 4),
            vec![(text.len() - 5, text.len())]
        );
    }
}
