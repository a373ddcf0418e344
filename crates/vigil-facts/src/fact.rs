//! The fact record every extractor produces and every consumer (store, CLI, eval) reads.
//!
//! A fact serialises flat: the common fields (`doc`, `kind`, `value`, `unit`, `subject`,
//! `subject_key`, `text`, `start`, `end`) and then the fields of its kind, every one present
//! (`null` when empty), so a consumer never has to guess whether a field was forgotten.

use serde::{Deserialize, Serialize, Serializer};

/// One fact a document states, with the byte range of the shortest passage that states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// The document's id; extractors leave it empty and the engine fills it in.
    #[serde(default)]
    pub doc: String,
    /// The kind and the kind's own fields.
    #[serde(flatten)]
    pub detail: Detail,
    /// The stated number, in the fact's unit (80 for 80%, 1e9 for "$1 billion"); `None` for
    /// vague amounts ("thousands") and for kinds without a number.
    #[serde(serialize_with = "number_or_null")]
    pub value: Option<f64>,
    pub unit: Option<Unit>,
    /// The counted thing as the source writes it ("detained", "معتقل", "被拘留者"), or the
    /// name as written for a mention.
    pub subject: Option<String>,
    /// A language-independent key for `subject` ("detained" for all three above; a gazetteer
    /// key such as `country:BY` or a name key for mentions).
    pub subject_key: Option<String>,
    /// Exactly the document's `text[start..end]`.
    pub text: String,
    /// UTF-8 byte offsets into the document's stored text.
    pub start: usize,
    pub end: usize,
}

impl Fact {
    pub fn kind(&self) -> Kind {
        self.detail.kind()
    }

    /// A fact of `detail` over `text[start..end]`, every other field empty.
    pub fn new(detail: Detail, text: &str, start: usize, end: usize) -> Fact {
        Fact {
            doc: String::new(),
            detail,
            value: None,
            unit: None,
            subject: None,
            subject_key: None,
            text: text[start..end].to_string(),
            start,
            end,
        }
    }
}

/// The kinds of fact, with the fields each adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Detail {
    Quantity(Quantity),
    Percent(Range),
    Money(Money),
    Vote(Vote),
    Date(DateFields),
    Person(Mention),
    Organization(Mention),
    Place(Mention),
}

impl Detail {
    pub fn kind(&self) -> Kind {
        match self {
            Detail::Quantity(_) => Kind::Quantity,
            Detail::Percent(_) => Kind::Percent,
            Detail::Money(_) => Kind::Money,
            Detail::Vote(_) => Kind::Vote,
            Detail::Date(_) => Kind::Date,
            Detail::Person(_) => Kind::Person,
            Detail::Organization(_) => Kind::Organization,
            Detail::Place(_) => Kind::Place,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Quantity,
    Percent,
    Money,
    Vote,
    Date,
    Person,
    Organization,
    Place,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Quantity,
        Kind::Percent,
        Kind::Money,
        Kind::Vote,
        Kind::Date,
        Kind::Person,
        Kind::Organization,
        Kind::Place,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quantity => "quantity",
            Kind::Percent => "percent",
            Kind::Money => "money",
            Kind::Vote => "vote",
            Kind::Date => "date",
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Mentions of people, organisations and places (they carry an entity id).
    pub fn is_mention(self) -> bool {
        matches!(self, Kind::Person | Kind::Organization | Kind::Place)
    }
}

/// How a stated number relates to the true one: "more than 7,000" is `gt`, "at least" `ge`,
/// "about" / "nearly" `about`, "up to" `le`, "fewer than" `lt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Approx {
    Gt,
    Ge,
    About,
    Le,
    Lt,
}

/// The closed list of units a fact's `value` is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// People: detainees, protesters, dead, voters, members of staff.
    Person,
    /// States, countries, member states.
    State,
    Vote,
    Amendment,
    Resolution,
    Article,
    Session,
    Meeting,
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Percent,
    Currency,
    /// Places counted: cities, towns, regions, polling stations.
    Place,
    /// Organisations counted: parties, groups, agencies.
    Organization,
    Seat,
    Document,
    Case,
    Kilometre,
    /// A count of something none of the above fits ("3 cars"); `subject` says what.
    Item,
}

/// `quantity`: a count or ordinal, possibly a range or a vague amount.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    #[serde(serialize_with = "number_or_null")]
    pub value_max: Option<f64>,
    pub approx: Option<Approx>,
    /// For vague amounts ("thousands", "عشرات الآلاف"): the order of magnitude (1000, 10000).
    #[serde(serialize_with = "number_or_null")]
    pub magnitude: Option<f64>,
    /// "46th session", "الدورة السادسة والأربعين": `value` is the rank, not a count.
    pub ordinal: bool,
}

/// `percent`: `value` in percent units (80 for 80%).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Range {
    #[serde(serialize_with = "number_or_null")]
    pub value_max: Option<f64>,
    pub approx: Option<Approx>,
}

/// `money`: `value` in units of `currency` (ISO 4217), scale words applied.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub currency: Option<String>,
    #[serde(serialize_with = "number_or_null")]
    pub value_max: Option<f64>,
    pub approx: Option<Approx>,
}

/// `vote`: a tally and who voted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vote {
    #[serde(rename = "for")]
    pub in_favour: Option<u32>,
    pub against: Option<u32>,
    pub abstain: Option<u32>,
    /// Who voted, as the source says it ("the Human Rights Council", "مجلس حقوق الإنسان").
    pub body: Option<String>,
}

/// `date`: the stated day, month or year, resolved to the Gregorian calendar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DateFields {
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when that is all the text says; `None` when a
    /// relative date cannot be resolved (the document has no date).
    pub date: Option<String>,
    /// Resolved against the document's date ("yesterday", "on Monday", a year-less date).
    pub relative: bool,
}

/// `person`, `organization`, `place`: a mention of a named entity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The entity id (`ent_…`), one per real-world entity across documents and scripts;
    /// assigned when the document is stored.
    pub entity: Option<String>,
    /// How sure the link to `entity` is, 0–1 (1 for gazetteer names).
    pub confidence: Option<f32>,
}

/// Writes whole numbers as JSON integers (7000, not 7000.0), others as floats.
fn number_or_null<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        None => s.serialize_none(),
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_flat_with_every_field_of_its_kind() {
        let text = "أكثر من 7000 معتقل";
        let mut fact = Fact::new(
            Detail::Quantity(Quantity {
                approx: Some(Approx::Gt),
                ..Quantity::default()
            }),
            text,
            0,
            text.len(),
        );
        fact.value = Some(7000.0);
        fact.unit = Some(Unit::Person);
        let json = serde_json::to_value(&fact).unwrap();
        assert_eq!(json["kind"], "quantity");
        assert_eq!(json["value"], serde_json::json!(7000));
        assert_eq!(json["approx"], "gt");
        assert!(json["value_max"].is_null() && json["magnitude"].is_null());
        assert!(json.get("subject_key").unwrap().is_null());
        let back: Fact = serde_json::from_value(json).unwrap();
        assert_eq!(back, fact);
    }

    #[test]
    fn vote_tally_reads_for_against_abstain() {
        let text = "adopted by 23 votes to 2, with 22 abstentions";
        let fact = Fact::new(
            Detail::Vote(Vote {
                in_favour: Some(23),
                against: Some(2),
                abstain: Some(22),
                body: None,
            }),
            text,
            0,
            text.len(),
        );
        let json = serde_json::to_value(&fact).unwrap();
        assert_eq!(json["for"], 23);
        assert_eq!(json["against"], 2);
        assert_eq!(json["abstain"], 22);
        assert!(json["body"].is_null());
    }
}
