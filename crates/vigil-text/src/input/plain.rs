//! Single-document inputs (a text, HTML or PDF file): the whole input is the record.

use std::io::{BufRead, Read};

use super::{Input, gzip};
use crate::{Error, Result};

/// Reads the whole input, refusing it as soon as it passes the record limit: a 200 MB file costs
/// at most the limit in memory, a zip bomb at most the limit in decompression work.
pub(super) fn read_bounded(reader: Box<dyn BufRead + Send>, input: &Input) -> Result<Vec<u8>> {
    let limit = input.limits.max_record_bytes;
    let mut raw = Vec::with_capacity(limit.min(64 << 10) as usize);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(gzip::io_error)?;
    if raw.len() as u64 > limit {
        let what = if input.compressed {
            "the document after decompression"
        } else {
            "the document"
        };
        return Err(Error::TooLarge {
            what: what.to_string(),
            limit,
        });
    }
    Ok(raw)
}
