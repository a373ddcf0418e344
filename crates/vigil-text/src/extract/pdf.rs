//! The text layer of PDF documents, with page headers, footers and numbers marked.

use super::Extracted;
use crate::Result;

pub(crate) fn extract(raw: &[u8]) -> Result<Extracted> {
    let _ = raw;
    todo!("pdf extraction")
}
