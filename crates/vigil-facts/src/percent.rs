//! `percent`: "80%", "٪80", "80 في المائة", "百分之八十", "ร้อยละ 80", "80 percent",
//! "80 pour cent", "80 процентов", with approximation words and ranges ("10-20%").

use crate::numbers::{self, Marker};
use crate::{Detail, Document, Extractor, Fact, Range, Unit};

pub(crate) struct Percent;

impl Extractor for Percent {
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>) {
        for analysis in numbers::analyse(doc).iter() {
            for number in &analysis.numbers {
                if number.marker != Some(Marker::Percent) || number.value.is_none() {
                    continue;
                }
                let (s, e, _) = analysis.passage(doc.text, number.start, number.end);
                let mut fact = Fact::new(
                    Detail::Percent(Range {
                        value_max: number.value_max,
                        approx: number.approx,
                    }),
                    doc.text,
                    s,
                    e,
                );
                fact.value = number.value;
                fact.unit = Some(Unit::Percent);
                out.push(fact);
            }
        }
    }
}
