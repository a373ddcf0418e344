//! Letters only one language of a script writes: Pashto's ټ ډ ړ ښ..., Uyghur's ۇ ۆ ۈ ۋ,
//! Yiddish's ligatures װ ײ and rafe. The n-gram model has no data for these languages, but
//! their alphabets give them away, and without this check a Pashto report would be called
//! Persian and a Yiddish one Hebrew.

use super::script::Script;

struct Signature {
    script: Script,
    lang: &'static str,
    letters: &'static [char],
    /// How many of the letters a text needs: one Pashto-only letter is already decisive, the
    /// others are rarer in their languages and occur in a few loanwords of their neighbours.
    min: usize,
}

const SIGNATURES: &[Signature] = &[
    Signature {
        script: Script::Arabic,
        lang: "ps",
        letters: &['ټ', 'ډ', 'ړ', 'ږ', 'ښ', 'ځ', 'څ', 'ڼ', 'ۍ', 'ګ'],
        min: 1,
    },
    Signature {
        script: Script::Arabic,
        lang: "ug",
        letters: &['ۇ', 'ۆ', 'ۈ', 'ۋ'],
        min: 2,
    },
    Signature {
        script: Script::Hebrew,
        lang: "yi",
        letters: &[
            '\u{05F0}', '\u{05F1}', '\u{05F2}', '\u{05BF}', '\u{FB1F}', '\u{FB4E}',
        ],
        min: 2,
    },
];

/// The language whose signature letters `text` (written mostly in `script`) carries, if any.
pub(crate) fn language(text: &str, script: Script) -> Option<&'static str> {
    SIGNATURES
        .iter()
        .filter(|s| s.script == script)
        .find(|s| {
            text.chars()
                .filter(|c| s.letters.contains(c))
                .take(s.min)
                .count()
                >= s.min
        })
        .map(|s| s.lang)
        .or_else(|| (script == Script::Devanagari && is_nepali(text)).then_some("ne"))
}

/// Nepali shares every letter with Hindi and Marathi but not its grammatical words: the
/// copula छ/छन्/छैन, the dative -लाई, the plural -हरू, र "and", पनि "also", कुनै "any", the
/// infinitive गर्न. Hindi's है, में, और, की, का, के, से count against.
fn is_nepali(text: &str) -> bool {
    let (mut nepali, mut hindi) = (0usize, 0usize);
    for word in text.split(|c: char| c.is_whitespace() || "।॥,.;:!?()\"'“”‘’-".contains(c))
    {
        match word {
            "छ" | "छन्" | "छैन" | "छैनन्" | "हुनेछ" | "पर्छ" | "पर्नेछ" | "र" | "पनि" | "कुनै" | "नै"
            | "गर्न" | "गर्ने" | "भएको" | "गरेको" => {
                nepali += 1
            }
            "है" | "हैं" | "में" | "और" | "की" | "का" | "के" | "से" => {
                hindi += 1
            }
            _ if word.contains("हरू") || word.contains("हरु") || word.ends_with("लाई") => {
                nepali += 1
            }
            _ => {}
        }
    }
    nepali >= 2 && nepali > hindi
}

/// Every language a signature can name.
#[cfg(test)]
pub(crate) fn languages() -> impl Iterator<Item = &'static str> {
    SIGNATURES.iter().map(|s| s.lang).chain(["ne"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_letters_name_their_language() {
        let pashto = "حکومت اعلان وکړ چې ښوونځي به د میاشتې تر پایه تړلي وي";
        assert_eq!(language(pashto, Script::Arabic), Some("ps"));
        let uyghur = "ھۆكۈمەت مەكتەپلەرنىڭ ئاي ئاخىرىغىچە تاقاق بولىدىغانلىقىنى ئېلان قىلدى";
        assert_eq!(language(uyghur, Script::Arabic), Some("ug"));
        let yiddish = "די רעגירונג האָט געזאָגט אַז די שולן װעלן בלײַבן פֿאַרמאַכט ביז סוף חודש";
        assert_eq!(language(yiddish, Script::Hebrew), Some("yi"));
    }

    #[test]
    fn neighbours_have_no_signature() {
        let arabic = "أعلنت وزارة الصحة عن تسجيل حالات جديدة في العاصمة خلال الساعات الماضية";
        let persian = "وزارت امور خارجه اعلام کرد که گفتگوها هفته آینده در ژنو ادامه خواهد یافت";
        let urdu = "حکومت نے اعلان کیا ہے کہ متاثرہ علاقوں میں امدادی کارروائیاں جاری رہیں گی";
        for text in [arabic, persian, urdu] {
            assert_eq!(language(text, Script::Arabic), None, "{text}");
        }
        let hebrew = "משרד הבריאות הודיע כי מספר החולים החדשים ירד בשבוע האחרון";
        assert_eq!(language(hebrew, Script::Hebrew), None);
    }
}
