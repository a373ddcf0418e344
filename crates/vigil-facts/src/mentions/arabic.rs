//! Arabic rules the model's few words of context miss:
//! - apposition: a title, often with the country it serves, then the person's name
//!   ("وزير خارجية إستونيا، أورماس رينسلو", Estonia's foreign minister, Urmas Reinsalu), where
//!   a name right after a country is easily typed as a place;
//! - adjectives of origin ("البيلاروسي", Belarusian), which the model takes for names;
//! - a body's head before a name ("بنك جولدمان ساكس", "لفريق ليستر سيتي"): the name is the
//!   bank's or the team's, not a person's;
//! - a public body named by its head and the definite words that follow it ("وزارة الصحة
//!   الفلسطينية", "المفوضية العليا المستقلة للانتخابات"), which has no capitals to see and
//!   which the model, trained on few of them, often misses.

use vigil_text::gazetteer;

use crate::Kind;
use crate::ner::NameSpan;

/// Words of a title that comes before a person's name (with or without the article); the
/// second word of a compound title ("وزير خارجية") is a title word too.
const TITLE_WORDS: &[&str] = &[
    "وزير",
    "وزيرة",
    "رئيس",
    "رئيسة",
    "سفير",
    "سفيرة",
    "مندوب",
    "مندوبة",
    "ممثل",
    "ممثلة",
    "المقرر",
    "المقررة",
    "مقرر",
    "مقررة",
    "زعيم",
    "زعيمة",
    "الأمين",
    "أمين",
    "نائب",
    "نائبة",
    "مستشار",
    "مستشارة",
    "الملك",
    "الأمير",
    "خارجية",
    "الخارجية",
    "وزراء",
    "الوزراء",
    "العام",
    "الخاص",
    "الخاصة",
    "الدائم",
    "الدائمة",
    "المعارضة",
    "المعارض",
    "الناشط",
    "الناشطة",
    "السيد",
    "السيدة",
];

/// Makes a person of each name the model typed as a place or organisation that stands in
/// apposition to a title: after the title and the country it serves (a gazetteer mention in
/// `places`), or after the title and a comma. A title straight before a name is left alone:
/// "رئيس حزب الوفد" is the head of the Wafd party.
pub(super) fn retype_after_titles(text: &str, places: &[(usize, usize)], names: &mut [NameSpan]) {
    for name in names.iter_mut().filter(|n| n.kind != Kind::Person) {
        let (mut at, mut apposition) = skip_back(text, name.start);
        if let Some(&(start, _)) = places.iter().find(|&&(_, end)| end == at) {
            at = skip_back(text, start).0;
            apposition = true;
        }
        if apposition && title_ends_at(text, at) {
            name.kind = Kind::Person;
        }
    }
}

/// Nouns that make the name after them a body's: a company, bank, agency, paper, channel,
/// club or team, school, party, movement, ministry…
const ORG_HEADS: &[&str] = &[
    "شركة",
    "بنك",
    "مصرف",
    "وكالة",
    "صحيفة",
    "جريدة",
    "موقع",
    "قناة",
    "نادي",
    "فريق",
    "منتخب",
    "جامعة",
    "مدرسة",
    "حزب",
    "حركة",
    "منظمة",
    "جمعية",
    "مؤسسة",
    "مجموعة",
    "اتحاد",
    "وزارة",
    "هيئة",
    "معهد",
    "مستشفى",
    "مركز",
];

/// Makes an organisation of each name the model typed as a person that follows a body's head
/// (with its proclitics and article, and at most one adjective between: "البنك الاستثماري
/// جولدمان ساكس").
pub(super) fn retype_after_org_heads(text: &str, names: &mut [NameSpan]) {
    for name in names.iter_mut().filter(|n| n.kind == Kind::Person) {
        let mut before = text[..name.start]
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '«' | '“'));
        let mut words = before.rsplit(char::is_whitespace);
        let last = words.next().unwrap_or("");
        let head = if is_org_head(last) {
            true
        } else if last.starts_with("ال") {
            before = before[..before.len() - last.len()].trim_end();
            is_org_head(before.rsplit(char::is_whitespace).next().unwrap_or(""))
        } else {
            false
        };
        if head {
            name.kind = Kind::Organization;
        }
    }
}

/// Whether `word` is a body's head, with or without "و", "ل", "ب", "ف" and the article.
fn is_org_head(word: &str) -> bool {
    let mut forms = vec![word];
    for clitic in ["و", "ل", "ب", "ف"] {
        if let Some(rest) = word.strip_prefix(clitic) {
            forms.push(rest);
        }
    }
    forms.iter().any(|w| {
        let bare = w
            .strip_prefix("ال")
            .or_else(|| w.strip_prefix("ل"))
            .unwrap_or(w);
        ORG_HEADS.contains(w) || ORG_HEADS.contains(&bare)
    })
}

/// Heads of public bodies whose name is the head and the definite words after it.
const BODY_HEADS: &[&str] = &[
    "وزارة",
    "مفوضية",
    "هيئة",
    "لجنة",
    "محكمة",
    "نقابة",
    "مديرية",
];

/// The longest name of a body: its head and up to this many definite words after it.
const BODY_WORDS: usize = 4;

/// Public bodies named by a head and the definite words that follow it ("وزارة الصحة
/// الفلسطينية", "والمفوضية العليا المستقلة للانتخابات" without its "و"), outside `taken`.
/// A head alone ("الوزارة", the ministry) names no particular body.
pub(super) fn bodies(text: &str, taken: &[(usize, usize)]) -> Vec<NameSpan> {
    // The NER's own cut of Arabic text: words, and each punctuation mark alone.
    let words: Vec<(usize, &str)> = crate::ner::arabic::tokenize(text)
        .into_iter()
        .map(|r| (r.start, &text[r]))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (at, word) = words[i];
        let Some(skip) = body_head(word) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < words.len() && j - i <= BODY_WORDS && definite(words[j].1) {
            // Only a space between the words of one name.
            let gap = &text[words[j - 1].0 + words[j - 1].1.len()..words[j].0];
            if !gap.chars().all(char::is_whitespace) {
                break;
            }
            j += 1;
        }
        if j > i + 1 {
            let (start, end) = (at + skip, words[j - 1].0 + words[j - 1].1.len());
            if !taken.iter().any(|&(s, e)| start < e && s < end) {
                out.push(NameSpan {
                    start,
                    end,
                    kind: Kind::Organization,
                });
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// The bytes of proclitic before a body's head ("و", "ل", "ب", "ف"; the article stays part
/// of the name), or `None` when `word` is no head.
fn body_head(word: &str) -> Option<usize> {
    let bare = |w: &str| {
        let w = w.strip_prefix("ال").unwrap_or(w);
        BODY_HEADS.contains(&w)
    };
    if bare(word) {
        return Some(0);
    }
    ["و", "ل", "ب", "ف"]
        .iter()
        .find(|c| word.strip_prefix(**c).is_some_and(bare))
        .map(|c| c.len())
}

/// A word with the article, or "لل" (for the): the words of a body's name after its head.
fn definite(word: &str) -> bool {
    word.chars().count() > 3 && (word.starts_with("ال") || word.starts_with("لل"))
}

/// Back past spaces and commas; whether a comma was passed.
fn skip_back(text: &str, at: usize) -> (usize, bool) {
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '،' | ','));
    (before.len(), text[before.len()..at].contains(['،', ',']))
}

/// Whether the word ending at `at` is a title word (proclitic "و" or "ل" allowed).
fn title_ends_at(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c == '،')
        .next()
        .unwrap_or("");
    let bare = |w: &str| TITLE_WORDS.contains(&w);
    !word.is_empty()
        && (bare(word)
            || ["و", "ل"]
                .iter()
                .any(|p| word.strip_prefix(p).is_some_and(bare)))
}

/// An Arabic adjective of origin (nisba) made from a place the gazetteer knows: "البيلاروسي"
/// (Belarusian) after a noun names no organisation or place. The adjective drops the place's
/// article and its final alif, "يا" or tā' marbūṭa (سوريا → سوري, العراق → العراقي).
pub(super) fn demonym(name: &str) -> bool {
    if name.contains(char::is_whitespace) {
        return false;
    }
    let Some(stem) = ["يون", "يين", "ية", "ي"]
        .iter()
        .find_map(|ending| name.strip_suffix(ending))
    else {
        return false;
    };
    let stem = stem.strip_prefix("ال").unwrap_or(stem);
    if stem.chars().count() < 3 {
        return false;
    }
    ["", "ا", "يا", "ة", "ية"].iter().any(|end| {
        [format!("{stem}{end}"), format!("ال{stem}{end}")]
            .iter()
            .any(|place| {
                gazetteer::find(place)
                    .iter()
                    .any(|m| m.start == 0 && m.end == place.len())
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, name: &str) -> NameSpan {
        let start = text.find(name).unwrap();
        NameSpan {
            start,
            end: start + name.len(),
            kind: Kind::Place,
        }
    }

    #[test]
    fn a_name_after_a_title_and_its_country_is_a_person() {
        let text = "وسيرأس الاجتماع وزير خارجية إستونيا ، أورماس رينسلو.";
        let country = text.find("إستونيا").unwrap();
        let places = [(country, country + "إستونيا".len())];
        let mut names = [place(text, "أورماس رينسلو")];
        retype_after_titles(text, &places, &mut names);
        assert_eq!(names[0].kind, Kind::Person);
        let text = "قال المقرر الخاص، جون سميث إن الوضع خطير.";
        let mut names = [place(text, "جون سميث")];
        retype_after_titles(text, &[], &mut names);
        assert_eq!(names[0].kind, Kind::Person);
        let text = "رودجيرس المدير الفنى لفريق ليستر سيتى، وتوقع البنك الاستثماري جولدمان ساكس";
        let mut names = [place(text, "ليستر سيتى"), place(text, "جولدمان ساكس")];
        names.iter_mut().for_each(|n| n.kind = Kind::Person);
        retype_after_org_heads(text, &mut names);
        assert!(names.iter().all(|n| n.kind == Kind::Organization));
        let text = "قال رئيس الوزراء محمد فؤاد";
        let mut names = [place(text, "محمد فؤاد")];
        names[0].kind = Kind::Person;
        retype_after_org_heads(text, &mut names);
        assert_eq!(names[0].kind, Kind::Person);
        // The head of a party, and a place after a preposition, stay what they were.
        let text = "قال رئيس حزب الوفد إن الحزب سيشارك.";
        let mut names = [place(text, "حزب الوفد")];
        retype_after_titles(text, &[], &mut names);
        assert_eq!(names[0].kind, Kind::Place);
        let text = "وصل الوفد إلى مدينة بورتو كالفو.";
        let mut names = [place(text, "بورتو كالفو")];
        retype_after_titles(text, &[], &mut names);
        assert_eq!(names[0].kind, Kind::Place);
    }
}
