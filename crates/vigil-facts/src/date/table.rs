//! What a language's date words are, as the date extractor reads them: fixed relative phrases
//! ("yesterday", "أمس", "上周"), weekday names and the frames they stand in ("last {d}",
//! "{d} الماضي", "上{d}"), "N days ago" phrasings, and the cue words that make a bare number a
//! year ("in 2020", "عام 2020").

use chrono::Weekday;

/// What a relative phrase means, counted from the document's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meaning {
    /// That many days from the document's date ("yesterday" is -1).
    Day(i64),
    /// A weekday, placed by its frame.
    Weekday(Weekday, Which),
    /// The Monday of the week that many weeks away ("last week" is -1).
    Week(i64),
    /// The month that many months away ("last month" is -1), as `YYYY-MM`.
    Month(i64),
    /// The year that many years away ("last year" is -1), as `YYYY`.
    Year(i64),
}

/// Which of the weekdays so named a frame means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    /// The latest on or before the document's date ("on Monday", "周一", "lundi").
    Latest,
    /// The latest strictly before ("last Monday", "lundi dernier", "الاثنين الماضي").
    Previous,
    /// The first strictly after ("next Monday", "الاثنين المقبل").
    Next,
    /// In the week that many weeks away ("上周一" is -1, "本周一" 0, "下周一" 1).
    InWeek(i64),
    /// The frame names the day outright, that many days away: "اليوم الجمعة" (today,
    /// Friday) is 0.
    Days(i64),
}

/// One language's date words. Phrases are lower-case; a frame's cue is matched but left out of
/// the passage ("el lunes" states "lunes"; "в понедельник" states "понедельник").
pub(crate) struct Lang {
    pub code: &'static str,
    /// Written in a script of its own (Arabic, Cyrillic, Thai, Han), so its words are read in
    /// any text; Latin-script words only where the text is in that language ("hier" is French
    /// "yesterday" and German "here").
    pub own_script: bool,
    /// Words are separated by spaces, so a phrase must sit on word edges (Arabic proclitics
    /// و ف ب ل may join it).
    pub spaced: bool,
    /// Names of weekdays and months are capitalised (English "Monday", "March"); lower-case
    /// they are other words ("march", "may").
    pub capitals: bool,
    pub phrases: &'static [(&'static str, Meaning)],
    pub weekdays: &'static [(&'static str, Weekday)],
    /// `(cue, template with {d}, which)`.
    pub frames: &'static [(&'static str, &'static str, Which)],
    /// "N days ago" templates with `{n}`; the whole phrase is the passage.
    pub days_ago: &'static [&'static str],
    /// Words before a year that make it one but are not date words ("in 2020": the passage is
    /// "2020").
    pub year_after_word: &'static [&'static str],
    /// Words before a month name that make it a month standing alone ("in March", "في
    /// مارس", "в марте"); not part of the passage.
    pub month_after_word: &'static [&'static str],
    /// Words before a year that belong to the passage ("عام 2020", "พ.ศ. 2563").
    pub year_noun_before: &'static [&'static str],
    /// Words after a year that belong to the passage ("2020 году", "2020م").
    pub year_noun_after: &'static [&'static str],
    /// Years written in the Buddhist era (Thai).
    pub buddhist_era: bool,
    /// A phrase with words that, standing just before it, make it something else: "la mañana"
    /// is the morning, not tomorrow; "ذلك اليوم" is that day, not today.
    pub not_after: &'static [(&'static str, &'static [&'static str])],
    /// A phrase that, followed by these words (or a word starting so), is something else:
    /// "اليوم الدولي" is the International Day, "hoy en día" nowadays.
    pub not_before_prefix: &'static [(&'static str, &'static [&'static str])],
    /// Characters that, standing just before a weekday, make it a count ("一周一次": once a
    /// week; "每周一": every Monday).
    pub not_after_chars: &'static str,
    /// Words that make a weekday no date: a name ("Black Friday", "Bloody Sunday") or a habit
    /// ("every Monday", "chaque mardi").
    pub weekday_names: &'static [&'static str],
}
