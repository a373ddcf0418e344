//! Hard line breaks inside sentences and words, as PDF text layers and wrapped plain text have
//! them: the body re-flows the lines of a paragraph into one.
//!
//! A document is re-flowed only when it looks wrapped: many lines end near one typical width
//! and most of those end mid-sentence (web text, one paragraph per line, does not). Two lines
//! are then joined unless something says a paragraph ends between them: more blank lines than
//! the document puts between wrapped lines, a first line clearly shorter than the typical
//! width (a paragraph's last line, a heading, a signature), a next line that is indented
//! (a new paragraph; unreliable at a page break, where only the punctuation decides) or that
//! starts a list item.
//!
//! At a join nothing is left between characters of scripts written without spaces (Chinese,
//! Japanese, Thai, Lao, Khmer, Burmese) or their punctuation; between words of other scripts
//! exactly one whitespace character stays; a word hyphenated across the break loses its
//! hyphen ("interna-\ntional" → "international").

use std::sync::LazyLock;

use regex::Regex;

use super::text::{self, Class, Line, class, ends_sentence, width};
use super::{Input, Rule, from_body};
use crate::{Removal, RemovalReason};

pub(crate) struct LineBreaks;

/// A line ending at or beyond this share of the typical width is "full": the text went on.
const FULL: f64 = 0.75;
/// The typical width is this percentile of line ends (robust to a few over-long lines).
const TYPICAL_PERCENTILE: usize = 80;
/// Wrapped text has lines of a page or a terminal; wider "lines" are paragraphs of web text.
const MAX_WRAP_WIDTH: usize = 160;
const MIN_WRAP_WIDTH: usize = 16;
const MIN_LINES: usize = 4;

static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[•●○▪■◦▸►‣⁃*·\-–—]\s|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5}|[一二三四五六七八九十]{1,3}|[٠-٩]{1,3})[.)、）](?:\s|$)|（[一二三四五六七八九十\d]{1,3}）)",
    )
    .expect("valid regex")
});

/// What the document's layout looks like, measured once.
struct Layout {
    /// Typical width of a full line, in display columns.
    width: usize,
    /// Line breaks between two wrapped lines of one paragraph (1, or 2 when every line is
    /// followed by a blank one).
    normal_breaks: usize,
    /// The usual indentation of a line, in characters.
    indent: usize,
}

impl Rule for LineBreaks {
    fn find(&self, input: &Input<'_>) -> Vec<Removal> {
        let body = input.body();
        let t = body.text.as_str();
        let lines = text::content_lines(t);
        let Some(layout) = layout(t, &lines) else {
            return Vec::new();
        };
        let furniture: Vec<&Removal> = input
            .removed
            .iter()
            .filter(|r| r.reason == RemovalReason::PageFurniture)
            .collect();
        let mut found = Vec::new();
        for pair in lines.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let gap = &t[a.content_end..b.content_start];
            let breaks = gap.matches('\n').count();
            let (gs, ge) = body.range_to_text(a.content_end, b.content_start);
            // Removals are sorted and disjoint, so their ends are sorted too.
            let first_after = furniture.partition_point(|r| r.end <= gs);
            let furniture_between = furniture.get(first_after).is_some_and(|r| r.start < ge);
            let page_break = breaks < layout.normal_breaks || furniture_between;
            if breaks > layout.normal_breaks || !continues(t, a, b, &layout, page_break) {
                continue;
            }
            join(t, a, b, &mut found);
        }
        from_body(&body, found)
    }
}

/// The typical width of the text's lines when they look hard-wrapped (a PDF text layer,
/// wrapped plain text), in display columns.
pub(crate) fn wrap_width(t: &str, lines: &[Line]) -> Option<usize> {
    layout(t, lines).map(|l| l.width)
}

/// Whether `line` reaches the wrap width: in wrapped text, such a line is running text.
pub(crate) fn is_full_line(t: &str, line: &Line, width: usize) -> bool {
    is_full(end_column(t, line), width)
}

/// Measures the layout, or `None` when the text does not look hard-wrapped.
fn layout(t: &str, lines: &[Line]) -> Option<Layout> {
    if lines.len() < MIN_LINES {
        return None;
    }
    let mut ends: Vec<usize> = lines.iter().map(|l| end_column(t, l)).collect();
    ends.sort_unstable();
    let width = ends[(ends.len() * TYPICAL_PERCENTILE / 100).min(ends.len() - 1)];
    if !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width) {
        return None;
    }
    let full: Vec<&Line> = lines
        .iter()
        .filter(|l| is_full(end_column(t, l), width))
        .collect();
    let open = full.iter().filter(|l| !ends_sentence(l.content(t))).count();
    // Wrapped text fills its lines to one width: many end within a tenth of it.
    let tight = ends
        .iter()
        .filter(|&&e| e * 10 >= width * 9 && e * 10 <= width * 11)
        .count();
    // Wrapped: at least 40% of lines are full and as many end tight at the width, and most
    // full lines stop mid-sentence.
    if full.len() * 10 < lines.len() * 4
        || tight * 10 < lines.len() * 4
        || open * 2 < full.len()
        || !lower_case_continues(t, lines)
    {
        return None;
    }
    let mut by_breaks = [0usize; 3];
    let mut by_indent = std::collections::HashMap::<usize, usize>::new();
    for pair in lines.windows(2) {
        let n = t[pair[0].content_end..pair[1].content_start]
            .matches('\n')
            .count();
        if let Some(slot) = by_breaks.get_mut(n) {
            *slot += 1;
        }
    }
    for l in lines {
        *by_indent.entry(l.indent(t)).or_default() += 1;
    }
    let normal_breaks = if by_breaks[2] > by_breaks[1] { 2 } else { 1 };
    let indent = by_indent
        .into_iter()
        .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))
        .map_or(0, |(i, _)| i);
    Some(Layout {
        width,
        normal_breaks,
        indent,
    })
}

/// In scripts with case, wrapped prose goes on in lower case after a line that stops
/// mid-sentence; a list of headlines or names starts every line with a capital.
fn lower_case_continues(t: &str, lines: &[Line]) -> bool {
    let (mut cased, mut lower) = (0, 0);
    for pair in lines.windows(2) {
        if ends_sentence(pair[0].content(t)) {
            continue;
        }
        match pair[1].content(t).chars().next() {
            Some(c) if c.is_lowercase() => {
                cased += 1;
                lower += 1;
            }
            Some(c) if c.is_uppercase() => cased += 1,
            _ => {}
        }
    }
    cased < 3 || lower * 10 >= cased * 3
}

fn end_column(t: &str, l: &Line) -> usize {
    width(&t[l.start..l.content_end])
}

fn is_full(end: usize, width: usize) -> bool {
    end as f64 >= FULL * width as f64
}

/// Whether line `b` continues the paragraph of line `a`.
fn continues(t: &str, a: &Line, b: &Line, layout: &Layout, page_break: bool) -> bool {
    let a_text = a.content(t);
    let b_text = b.content(t);
    if LIST_ITEM.is_match(b_text) || !is_full(end_column(t, a), layout.width) {
        return false;
    }
    if b.indent(t) > layout.indent {
        // An indented line starts a paragraph, except at a page break, where the indentation
        // is the page's and a sentence cut in two still goes on.
        return page_break && !ends_sentence(a_text);
    }
    true
}

/// Removes the break between `a` and `b`, leaving one whitespace character between words of
/// spaced scripts, nothing within unspaced scripts, nothing inside a hyphenated word.
fn join(t: &str, a: &Line, b: &Line, found: &mut Vec<(usize, usize, RemovalReason)>) {
    let a_text = a.content(t);
    let b_text = b.content(t);
    let (Some(last), Some(first)) = (a_text.chars().next_back(), b_text.chars().next()) else {
        return;
    };
    let (start, end) = (a.content_end, b.content_start);
    let before_hyphen = a_text[..a_text.len() - last.len_utf8()].chars().next_back();
    if matches!(last, '-' | '\u{ad}')
        && before_hyphen.is_some_and(|c| c.is_lowercase())
        && first.is_lowercase()
    {
        found.push((start - last.len_utf8(), end, RemovalReason::LineBreak));
        return;
    }
    let (l, r) = (class(last), class(first));
    let unspaced =
        (l == Class::NoSpace && r != Class::Spaced) || (r == Class::NoSpace && l != Class::Spaced);
    if unspaced {
        found.push((start, end, RemovalReason::LineBreak));
        return;
    }
    // Keep one whitespace character: a space if the gap has one, else its first line break.
    let gap = &t[start..end];
    let keep = gap
        .find(' ')
        .or_else(|| gap.find('\n'))
        .map_or(start, |i| start + i);
    found.push((start, keep, RemovalReason::LineBreak));
    found.push(((keep + 1).min(end), end, RemovalReason::LineBreak));
}

#[cfg(test)]
mod tests {
    use super::super::tests::body_after;
    use super::*;

    #[test]
    fn chinese_pdf_lines_rejoin_without_spaces() {
        let text = "  2020 年 9 月 14 日常驻代表给安全理事会主席的信 \n\n \
            谨随函转递安全理事会关于局势的非正式会议的主席总结，请\n\n\
            将本函及其附件作为安全理事会的文件分发为荷。会议指出，\n\n\
            执法机构对和平抗议者的反应一直非常暴力而且过度，切断\n\n\
            互联网接入是过度反应。 \n\n \
            与会者广泛达成共识，认为事态发展需要引起国际社会关注。\n\n\
            他们重申了关切。 \n";
        assert_eq!(
            body_after(&LineBreaks, text, None),
            "  2020 年 9 月 14 日常驻代表给安全理事会主席的信 \n\n \
            谨随函转递安全理事会关于局势的非正式会议的主席总结，请\
            将本函及其附件作为安全理事会的文件分发为荷。会议指出，\
            执法机构对和平抗议者的反应一直非常暴力而且过度，切断\
            互联网接入是过度反应。 \n\n \
            与会者广泛达成共识，认为事态发展需要引起国际社会关注。\
            他们重申了关切。 \n"
        );
    }

    #[test]
    fn english_wrap_keeps_one_space_and_mends_hyphens() {
        let text = "The Council met on Friday to discuss the situation in\n\
            Belarus, where thousands of people have been detained by the\n\
            police since the election. Briefers called for an interna-\n\
            tional monitoring mission and for the release of all those\n\
            held.\n\
            \n\
            A second paragraph starts here after a blank line and it is\n\
            also wrapped at the same width as the first paragraph was.\n";
        assert_eq!(
            body_after(&LineBreaks, text, None),
            "The Council met on Friday to discuss the situation in\
            \nBelarus, where thousands of people have been detained by the\
            \npolice since the election. Briefers called for an international monitoring mission and for the release of all those\
            \nheld.\n\nA second paragraph starts here after a blank line and it is\
            \nalso wrapped at the same width as the first paragraph was.\n"
        );
    }

    #[test]
    fn russian_wrap_with_trailing_spaces_and_indented_paragraphs() {
        let text = "    Совет Безопасности провёл неофициальное заседание по \n\
            ситуации в Беларуси, на котором выступили представители \n\
            гражданского общества и правозащитных организаций. \n\
            \x20   Участники призвали власти немедленно освободить всех \n\
            задержанных и начать диалог с оппозицией и обществом. \n";
        assert_eq!(
            body_after(&LineBreaks, text, None),
            "    Совет Безопасности провёл неофициальное заседание по \
            ситуации в Беларуси, на котором выступили представители \
            гражданского общества и правозащитных организаций. \n\
            \x20   Участники призвали власти немедленно освободить всех \
            задержанных и начать диалог с оппозицией и обществом. \n"
        );
    }

    #[test]
    fn arabic_and_french_wraps() {
        let text = "اعتمد مجلس حقوق الإنسان التابع للأمم المتحدة قرارا يطالب السلطات \n\
            في بيلاروسيا بإجراء تحقيقات شفافة ونزيهة ومستقلة في جميع الانتهاكات \n\
            التي يدعى ارتكابها في سياق الانتخابات الرئاسية الأخيرة في البلاد. \n\
            \n\
            وتم اعتماد مشروع القرار بأغلبية 23 صوتا واعتراض دولتين فقط وامتناع \n\
            22 دولة عن التصويت، وتم رفض 17 تعديلا تقدمت به روسيا على المشروع. \n";
        assert_eq!(
            body_after(&LineBreaks, text, None),
            "اعتمد مجلس حقوق الإنسان التابع للأمم المتحدة قرارا يطالب السلطات \
            في بيلاروسيا بإجراء تحقيقات شفافة ونزيهة ومستقلة في جميع الانتهاكات \
            التي يدعى ارتكابها في سياق الانتخابات الرئاسية الأخيرة في البلاد. \n\
            \n\
            وتم اعتماد مشروع القرار بأغلبية 23 صوتا واعتراض دولتين فقط وامتناع \
            22 دولة عن التصويت، وتم رفض 17 تعديلا تقدمت به روسيا على المشروع. \n"
        );
        let text = "Le Conseil des droits de l'homme a adopté une résolution demandant au \n\
            gouvernement du Bélarus de mener des enquêtes transparentes sur les vio-\n\
            lations commises pendant l'élection présidentielle du mois d'août \n\
            dernier, et de libérer sans condition toutes les personnes détenues. \n";
        assert_eq!(
            body_after(&LineBreaks, text, None),
            "Le Conseil des droits de l'homme a adopté une résolution demandant au \
            gouvernement du Bélarus de mener des enquêtes transparentes sur les violations commises pendant l'élection présidentielle du mois d'août \
            dernier, et de libérer sans condition toutes les personnes détenues. \n"
        );
    }

    #[test]
    fn thai_wrap_joins_without_space_and_bullets_stay() {
        let text = "สหประชาชาติเรียกร้องให้ทางการปล่อยตัวทุกคนที่ถูกควบคุมตัวเนื่องจากใช้สิทธิ\n\
            มนุษยชนและหยุดการทรมานและการปฏิบัติที่โหดร้ายในรูปแบบอื่นๆ ต่อผู้ชุมนุม\n\
            • เรียกร้องให้ยุติความรุนแรงต่อผู้ประท้วงอย่างสงบโดยทันทีและไม่มีเงื่อนไข\n\
            • สนับสนุนการเจรจาระดับชาติที่ครอบคลุมทุกฝ่ายเพื่อแก้ไขวิกฤตการเมือง\n";
        assert_eq!(
            body_after(&LineBreaks, text, None),
            "สหประชาชาติเรียกร้องให้ทางการปล่อยตัวทุกคนที่ถูกควบคุมตัวเนื่องจากใช้สิทธิ\
            มนุษยชนและหยุดการทรมานและการปฏิบัติที่โหดร้ายในรูปแบบอื่นๆ ต่อผู้ชุมนุม\n\
            • เรียกร้องให้ยุติความรุนแรงต่อผู้ประท้วงอย่างสงบโดยทันทีและไม่มีเงื่อนไข\n\
            • สนับสนุนการเจรจาระดับชาติที่ครอบคลุมทุกฝ่ายเพื่อแก้ไขวิกฤตการเมือง\n"
        );
    }

    #[test]
    fn lists_of_headlines_are_not_prose() {
        let text = "Belarus opposition leader detained in Minsk\n\
            EU prepares sanctions against Lukashenko officials\n\
            Putin promises loan to Belarus at Sochi talks\n\
            Thousands march in Minsk for sixth weekend\n\
            UN rights council to hold urgent debate on Belarus\n";
        assert_eq!(body_after(&LineBreaks, text, None), text);
    }

    #[test]
    fn web_text_with_one_paragraph_per_line_is_left_alone() {
        let text = "Belarus' president visited Russia on Monday in a bid to secure loans.\n\
            Protesters have dismissed his re-election as rigged.\n\
            The European Union has criticised the vote.\n\
            Russia and Belarus have a union treaty.\n\
            Putin congratulated Lukashenko on his re-election and promised support if protests turned violent.\n";
        assert_eq!(body_after(&LineBreaks, text, None), text);
        let text = "يعقد مجلس الأمن اجتماعا عبر الفيديو اليوم حول حقوق الإنسان في بيلاروسيا.\n\
            وفقا لمذكرة المفاهيم، يتمثل الهدف الرئيسي للاجتماع في تزويد المشاركين بالمعلومات.\n\
            في 9 أغسطس أجرت بيلاروسيا انتخابات رئاسية.\n\
            من ناحية أخرى، تعتبر روسيا فوز لوكاشينكو شرعيا. وفقا لتقرير مجلس الامن\n\
            فرضت إستونيا ولاتفيا وليتوانيا عقوبات على لوكاشينكو ومسؤولين حكوميين آخرين.\n";
        assert_eq!(body_after(&LineBreaks, text, None), text);
    }
}
