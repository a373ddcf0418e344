//! `money`: a sum with its ISO 4217 currency and scale words applied — "$1 billion",
//! "US$1bn", "مليار دولار", "10亿美元", "€5 million", "1,5 млрд рублей", "500 ล้านบาท".

use crate::numbers::{self, Marker};
use crate::{Detail, Document, Extractor, Fact, Money as Fields, Unit};

pub(crate) struct Money;

impl Extractor for Money {
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>) {
        for analysis in numbers::analyse(doc).iter() {
            for number in &analysis.numbers {
                let Some(Marker::Currency(code)) = number.marker else {
                    continue;
                };
                if number.value.is_none() || number.code_like {
                    continue;
                }
                let (s, e, _) = analysis.passage(doc.text, number.start, number.end);
                let mut fact = Fact::new(
                    Detail::Money(Fields {
                        currency: Some(code.to_string()),
                        value_max: number.value_max,
                        approx: number.approx,
                    }),
                    doc.text,
                    s,
                    e,
                );
                fact.value = number.value;
                fact.unit = Some(Unit::Currency);
                out.push(fact);
            }
        }
    }
}
