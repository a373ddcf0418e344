//! Document dates: normalising stated publication dates, and inferring a date from the text
//! (a dateline, a letter's date) when the metadata has none.

mod find;
mod infer;
mod months;
mod published;

pub use infer::{infer_date, infer_date_near};
pub use months::MONTHS;
pub use published::parse_published;
