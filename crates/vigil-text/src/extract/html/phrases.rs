//! Short blocks that are furniture by their wording: ad labels, share and comment prompts,
//! datelines, newsletter calls, "requires JavaScript" notices, in the languages Vigil reads.

/// Whole-block labels (lower-cased, punctuation stripped).
const LABELS: &[&str] = &[
    "advert",
    "advertisement",
    "advertisements",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "story continues below advertisement",
    "story continues below",
    "article continues below",
    "continue reading below",
    "skip advertisement",
    "scroll to continue",
    "comments",
    "comment",
    "share",
    "share this",
    "share this article",
    "share this story",
    "tweet",
    "email",
    "print",
    "read more",
    "related",
    "related articles",
    "related stories",
    "more",
    "like this",
    "like loading",
    "you may also like",
    "you might also like",
    "don t miss",
    "caption",
    "close",
    "back to gallery",
    "iklan",
    "terkait",
    "suka memuat",
    "sukai ini",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "reklama",
    "реклама",
    "комментарии",
    "поделиться",
    "إعلان",
    "اعلان",
    "شارك",
    "التعليقات",
    "广告",
    "廣告",
    "分享",
    "评论",
    "โฆษณา",
    "แชร์",
    "ความคิดเห็น",
];

/// Calls to follow the publisher ("Follow us on Facebook and Twitter").
const FOLLOW_WORDS: &[&str] = &[
    "follow",
    "join us",
    "like us",
    "подписывайтесь",
    "следите",
    "تابعونا",
    "تابعنا",
    "关注",
    "ติดตาม",
];

const SOCIAL_NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "linkedin",
    "telegram",
    "tiktok",
    "whatsapp",
    "pinterest",
    "вконтакте",
    "فيسبوك",
    "تويتر",
    "微博",
    "微信",
];

/// Openings of pointers to other articles ("Related: …", "Read also: …").
const POINTER_STARTS: &[&str] = &[
    "filed under",
    "posted in",
    "tags",
    "tagged",
    "related",
    "see also",
    "read also",
    "also read",
    "read more",
    "more on this",
    "читайте также",
    "смотрите также",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "相关阅读",
    "相关新闻",
    "延伸阅读",
    "อ่านเพิ่มเติม",
    "อ่านข่าวที่เกี่ยวข้อง",
];

/// Openings of datelines ("Posted: Fri 6:45 PM") and reading-time notes.
const DATELINE_STARTS: &[&str] = &[
    "reading time",
    "tempo de leitura",
    "tiempo de lectura",
    "lesezeit",
    "время чтения",
    "posted",
    "updated",
    "published",
    "last updated",
    "last modified",
    "опубликовано",
    "обновлено",
    "نشر",
    "آخر تحديث",
    "تاريخ النشر",
    "发布时间",
    "更新时间",
    "發布時間",
    "เผยแพร่",
    "อัปเดต",
];

/// Headings that announce lists of other articles.
const TEASER_HEADINGS: &[&str] = &[
    "more stories",
    "more great",
    "more from",
    "more on this",
    "related",
    "recommended",
    "you may also like",
    "you might also like",
    "popular on",
    "most popular",
    "most read",
    "trending",
    "read next",
    "up next",
    "don t miss",
    "see also",
    "also read",
    "читайте также",
    "по теме",
    "популярное",
    "اقرأ أيضا",
    "مواضيع ذات صلة",
    "اخترنا لك",
    "相关阅读",
    "相关新闻",
    "推荐阅读",
    "热门",
    "ข่าวที่เกี่ยวข้อง",
    "อ่านเพิ่มเติม",
];

/// Whether a short block is a heading over a list of other articles ("More Great Stories").
pub(super) fn is_teaser_heading(text: &str, chars: usize) -> bool {
    if chars > 50 {
        return false;
    }
    let label = label(&text.to_lowercase());
    TEASER_HEADINGS.iter().any(|h| {
        label
            .strip_prefix(h)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    }) || (label.starts_with("more ") && label.ends_with(" stories"))
}

fn label(lower: &str) -> String {
    lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Wire-copy credit lines: "(Reporting by …; Editing by …)", "X contributed reporting."
fn is_credit_line(label: &str) -> bool {
    const STARTS: &[&str] = &[
        "reporting by",
        "additional reporting by",
        "editing by",
        "writing by",
        "compiled by",
        "produced by",
    ];
    const ENDS: &[&str] = &[
        "contributed reporting",
        "contributed to this report",
        "contributed to this story",
    ];
    STARTS.iter().any(|s| label.starts_with(s))
        || ENDS
            .iter()
            .any(|e| label.ends_with(e) || label.contains(&format!("{e} from")))
}

/// A line that is only a date and time ("sexta-feira, 22 de outubro de 2010 às 20:13").
fn is_bare_date(text: &str, chars: usize) -> bool {
    if chars >= 60 || text.trim_end().ends_with('.') {
        return false;
    }
    let bytes = text.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let has_year = (0..bytes.len()).any(|k| {
        (bytes[k] == b'1' && bytes.get(k + 1) == Some(&b'9')
            || bytes[k] == b'2' && bytes.get(k + 1) == Some(&b'0'))
            && digit(k + 2)
            && digit(k + 3)
            && !digit(k + 4)
            && (k == 0 || !digit(k - 1))
    });
    let has_time =
        (1..bytes.len()).any(|k| bytes[k] == b':' && digit(k - 1) && digit(k + 1) && digit(k + 2));
    has_year && has_time
}

/// Whether a short block reads as furniture. `chars` is its weighted length.
pub(super) fn is_furniture_text(text: &str, chars: usize) -> bool {
    if chars > 250 {
        return false;
    }
    let lower = text.to_lowercase();
    let label = label(&lower);
    if LABELS.contains(&label.as_str()) {
        return true;
    }
    if chars < 150 && lower.contains("javascript") {
        return true;
    }
    if lower.contains("newsletter") && (lower.contains("sign up") || lower.contains("subscribe")) {
        return true;
    }
    if is_credit_line(&label) || is_bare_date(text, chars) {
        return true;
    }
    let networks = SOCIAL_NETWORKS
        .iter()
        .filter(|n| lower.contains(*n))
        .count();
    if chars < 200 && networks >= 2 && FOLLOW_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    if chars < 80 && POINTER_STARTS.iter().any(|s| lower.starts_with(s)) && lower.contains(':') {
        return true;
    }
    chars < 80
        && DATELINE_STARTS.iter().any(|s| label.starts_with(s))
        && text.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_datelines_are_furniture() {
        assert!(is_furniture_text("Advertisement", 13));
        assert!(is_furniture_text("إعلان", 5));
        assert!(is_furniture_text("Posted: Fri 6:45 PM, Feb 16, 2018 |", 28));
        assert!(is_furniture_text("发布时间：2020-03-01", 20));
        assert!(is_furniture_text("Читайте также: паводок в Якутии", 28));
        assert!(is_furniture_text("Tempo de leitura: 2 minutos", 24));
        assert!(!is_furniture_text("Related talks resumed on Monday.", 28));
        assert!(is_teaser_heading("More Great WIRED Stories", 21));
        assert!(is_furniture_text(
            "(Reporting by Dan Smith; Editing by Jo Lee)",
            34
        ));
        assert!(is_furniture_text(
            "Keith Lam contributed reporting from Hong Kong.",
            40
        ));
        assert!(is_furniture_text(
            "sexta-feira, 22 de outubro de 2010 às 20:13",
            36
        ));
        assert!(!is_furniture_text(
            "The quake struck at 20:13 on 22 October 2010.",
            38
        ));
        assert!(is_teaser_heading("Читайте также", 12));
        assert!(!is_teaser_heading("Relatedness of the two outbreaks", 28));
        assert!(is_furniture_text(
            "Follow Newsdesk on Instagram, Facebook and Twitter.",
            45
        ));
        assert!(!is_furniture_text(
            "Facebook and Twitter removed the posts, the ministry said.",
            48
        ));
        assert!(!is_furniture_text(
            "Posted troops returned to the border on Friday.",
            40
        ));
        assert!(!is_furniture_text("Ad hoc committees met in Bangkok.", 28));
    }
}
