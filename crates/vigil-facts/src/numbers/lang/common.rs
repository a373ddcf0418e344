//! Signs every language shares: percent, currency symbols and codes, range dashes.

use super::{TO, currency, currency_before};
use crate::numbers::dict::{Side, W};

pub(crate) static COMMON: &[(&str, W)] = &[
    ("%|٪|‰", W::Percent(Side::After)),
    ("٪", W::Percent(Side::Before)),
    // Words for percent in languages without a table of their own: Turkish writes it
    // before the number ("yüzde 11,76"), Persian after ("۴۲ درصد").
    ("yüzde", W::Percent(Side::Before)),
    ("درصد", W::Percent(Side::After)),
    ("-|–|—|~|～", TO),
    ("$|us$|us $|u.s.$", currency_before("USD")),
    ("€", currency_before("EUR")),
    ("£", currency_before("GBP")),
    ("₽", currency_before("RUB")),
    ("฿", currency_before("THB")),
    ("¥|￥|rmb", currency_before("CNY")),
    ("usd|us dollars", currency("USD")),
    ("usd", currency_before("USD")),
    ("eur", currency("EUR")),
    ("eur", currency_before("EUR")),
    ("rub", currency("RUB")),
    ("byn|byr", currency("BYN")),
    ("byn", currency_before("BYN")),
    ("cny", currency("CNY")),
    ("thb", currency("THB")),
    ("gbp", currency("GBP")),
];
