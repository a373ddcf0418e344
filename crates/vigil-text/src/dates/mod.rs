//! Dates: normalising stated publication dates, inferring a document's date from its text
//! (a dateline, a letter's date) when the metadata has none, and finding every date a text
//! states (for the date facts).

mod find;
mod infer;
mod months;
mod published;
mod stated;

pub use infer::{infer_date, infer_date_near};
pub use months::{MONTHS, month_names_pattern, month_number};
pub use published::parse_published;
pub use stated::{Precision, StatedDate, find_dates, gregorian_year};
