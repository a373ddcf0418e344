//! German. Numerals below a thousand are one word of many parts ("sechsundvierzig",
//! "zweihundertfünfzig"): [`compounds`] generates all of them.

use super::*;

pub(super) static LANG: Lang = Lang {
    code: "de",
    spaced: true,
    decimal_comma: true,
    adjectives: 2,
    noun_first: false,
    open_ended: false,
    cues_follow: false,
    clitics: &[],
    words: WORDS,
    compounds: Some(compounds),
};

static WORDS: &[(&str, W)] = &[
    ("null", n(0.0)),
    ("eins", n(1.0)),
    ("zwei", n(2.0)),
    ("drei", n(3.0)),
    ("vier", n(4.0)),
    ("fünf", n(5.0)),
    ("sechs", n(6.0)),
    ("sieben", n(7.0)),
    ("acht", n(8.0)),
    ("neun", n(9.0)),
    ("zehn", n(10.0)),
    ("elf", n(11.0)),
    ("zwölf", n(12.0)),
    ("hundert", mult(100.0, Alone::One)),
    ("tausend", scale(1e3, Alone::One)),
    ("tausende|tausenden", W::Vague(1e3)),
    ("zehntausende|zehntausenden", W::Vague(1e4)),
    ("hunderttausende|hunderttausenden", W::Vague(1e5)),
    ("hunderte|hunderten", W::Vague(100.0)),
    ("dutzende|dutzenden", W::Vague(10.0)),
    ("million|millionen|mio.|mio", scale(1e6, Alone::No)),
    ("milliarde|milliarden|mrd.|mrd", scale(1e9, Alone::No)),
    // "ein" alone is the article; before a scale it is one of it.
    ("eine million|eine mio.", scale(1e6, Alone::One)),
    ("eine milliarde|eine mrd.", scale(1e9, Alone::One)),
    ("eine halbe million", n(5e5)),
    ("eine halbe milliarde", n(5e8)),
    ("mehrere|einige", W::Several),
    ("zwischen", W::RangeFrom),
    ("und", AND_RANGE),
    ("bis", TO),
    (".", W::OrdinalSuffix),
    ("mehr als|über", before(Approx::Gt)),
    ("mindestens", before(Approx::Ge)),
    (
        "etwa|rund|fast|knapp|ungefähr|circa|ca.",
        before(Approx::About),
    ),
    ("bis zu", before(Approx::Le)),
    ("weniger als", before(Approx::Lt)),
    ("prozent", W::Percent(Side::After)),
    ("dollar|us-dollar", currency("USD")),
    ("euro", currency("EUR")),
    // German writes the sign after the amount: "2 Mio. €".
    ("€", currency("EUR")),
    ("rubel", currency("RUB")),
    ("franken|schweizer franken|chf", currency("CHF")),
    ("pfund", currency("GBP")),
    (
        "menschen|personen|bürger|einwohner|zivilisten|männer|frauen|beamte|beamten|beschäftigte|mitarbeiter|arbeiter|teilnehmer|teilnehmern|teilnehmende",
        PEOPLE,
    ),
    ("sanktionen gegen", cue("sanctioned", Unit::Person)),
    ("inhaftierte", noun("detained", Unit::Person)),
    ("festgenommene|festnahmen", noun("arrested", Unit::Person)),
    ("häftlinge|gefangene", noun("prisoner", Unit::Person)),
    ("inhaftiert", cue("detained", Unit::Person)),
    (
        "festgenommen|wurden festgenommen",
        cue("arrested", Unit::Person),
    ),
    (
        "freigelassen|wurden freigelassen|kamen frei",
        cue("released", Unit::Person),
    ),
    (
        "benötigen hilfe|brauchen hilfe|sind auf hilfe angewiesen",
        cue("in_need", Unit::Person),
    ),
    ("beobachter", noun("observer", Unit::Person)),
    ("studenten|studierende|lehrer|mitglieder", PEOPLE),
    (
        "demonstranten|demonstrierende|protestierende",
        noun("protester", Unit::Person),
    ),
    ("tote|todesopfer|getötete", noun("killed", Unit::Person)),
    ("verletzte", noun("injured", Unit::Person)),
    ("verletzt|wurden verletzt", cue("injured", Unit::Person)),
    (
        "getötet|wurden getötet|starben|kamen ums leben",
        cue("killed", Unit::Person),
    ),
    ("in haft|hinter gittern", cue("detained", Unit::Person)),
    (
        "protestierten|demonstrierten|gingen auf die straße|auf die straße gegangen|zogen durch",
        cue("protester", Unit::Person),
    ),
    (
        "vertriebene|binnenvertriebene",
        noun("displaced", Unit::Person),
    ),
    ("kinder|minderjährige", noun("child", Unit::Person)),
    (
        "polizisten|polizeibeamte|beamte der polizei",
        noun("police_officer", Unit::Person),
    ),
    ("soldaten", noun("soldier", Unit::Person)),
    ("wahlberechtigte|wähler", noun("voter", Unit::Person)),
    ("kandidaten", noun("candidate", Unit::Person)),
    ("abgeordnete", noun("member", Unit::Person)),
    ("sitze|mandate", noun("seat", Unit::Seat)),
    ("fälle", noun("case", Unit::Case)),
    (
        "parteien|organisationen",
        noun("organization", Unit::Organization),
    ),
    ("vermisste", noun("missing", Unit::Person)),
    ("flüchtlinge", noun("refugee", Unit::Person)),
    ("journalisten", noun("journalist", Unit::Person)),
    (
        "staaten|länder|mitgliedstaaten|mitgliedsstaaten",
        noun("state", Unit::State),
    ),
    ("stimmen", noun("vote", Unit::Vote)),
    ("enthaltungen", noun("abstention", Unit::Vote)),
    ("änderungsanträge", noun("amendment", Unit::Amendment)),
    ("resolutionen", noun("resolution", Unit::Resolution)),
    ("tagung|sitzung", noun("session", Unit::Session)),
    ("städte", noun("city", Unit::Place)),
    ("jahre|jahren", YEARS),
    (
        "jahre alt|jährige|jähriger|jährigen",
        noun("age", Unit::Year),
    ),
    ("monate|monaten", noun("duration", Unit::Month)),
    ("wochen", noun("duration", Unit::Week)),
    ("tage|tagen", noun("duration", Unit::Day)),
    ("stunden", noun("duration", Unit::Hour)),
    ("minuten", noun("duration", Unit::Minute)),
    ("kilometer|km", noun("distance", Unit::Kilometre)),
    ("gebäude|häuser|wohnhäuser", noun("building", Unit::Item)),
    (
        "artikel|absatz|paragraf|paragraph|seite|kapitel|anhang|resolution|nr.|nummer|gesetz",
        W::Reference,
    ),
];

/// The German numerals 13–999 written as one word ("dreizehn", "sechsundvierzig",
/// "zweihundertfünfzig"), each with its value.
pub(super) fn compounds() -> Vec<(String, W)> {
    // Units as they join a compound: "ein" in "einundzwanzig", "einhundert".
    const UNITS: [&str; 10] = [
        "", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
    ];
    const TEENS: [&str; 7] = [
        "dreizehn",
        "vierzehn",
        "fünfzehn",
        "sechzehn",
        "siebzehn",
        "achtzehn",
        "neunzehn",
    ];
    const TENS: [&str; 10] = [
        "", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig",
        "neunzig",
    ];
    let mut below_hundred: Vec<(String, u32)> = Vec::new();
    for (i, word) in [
        "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
    ]
    .iter()
    .enumerate()
    {
        below_hundred.push((word.to_string(), i as u32 + 1));
    }
    below_hundred.push(("zehn".into(), 10));
    below_hundred.push(("elf".into(), 11));
    below_hundred.push(("zwölf".into(), 12));
    for (i, teen) in TEENS.iter().enumerate() {
        below_hundred.push((teen.to_string(), 13 + i as u32));
    }
    for (t, tens) in TENS.iter().enumerate().skip(2) {
        below_hundred.push((tens.to_string(), 10 * t as u32));
        for (u, unit) in UNITS.iter().enumerate().skip(1) {
            below_hundred.push((format!("{unit}und{tens}"), 10 * t as u32 + u as u32));
        }
    }
    let mut out: Vec<(String, u32)> = below_hundred
        .iter()
        .filter(|(_, v)| *v >= 13)
        .cloned()
        .collect();
    for (h, unit) in UNITS.iter().enumerate().skip(1) {
        let hundred = format!("{unit}hundert");
        if h > 1 {
            out.push((hundred.clone(), 100 * h as u32));
        }
        for (rest, value) in &below_hundred {
            out.push((format!("{hundred}{rest}"), 100 * h as u32 + value));
            if h == 1 {
                out.push((format!("hundert{rest}"), 100 + value));
            }
        }
    }
    out.push(("einhundert".into(), 100));
    out.into_iter().map(|(w, v)| (w, n(v as f64))).collect()
}
