//! Gzip unwrapping. The decompressed stream is read like any input, so the size limits of each
//! format apply to decompressed bytes: a zip bomb (10 MB of zeros growing to 10 GB) stops at
//! the first record that passes `max_record_bytes`, after reading no more than that.

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::MultiGzDecoder;

use crate::Error;

/// The decompressed content of a gzip stream (all members, as `gzip -d` does).
pub(super) fn decoder(reader: Box<dyn BufRead + Send>) -> Box<dyn BufRead + Send> {
    Box::new(BufReader::with_capacity(
        64 << 10,
        Corrupt(MultiGzDecoder::new(reader)),
    ))
}

/// Marks errors of the gzip decoder so they become [`Error::Malformed`] rather than I/O errors.
#[derive(Debug)]
struct GzipError(String);

impl std::fmt::Display for GzipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GzipError {}

struct Corrupt<R>(R);

impl<R: Read> Read for Corrupt<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            let detail = match e.kind() {
                io::ErrorKind::UnexpectedEof => "truncated (unexpected end of data)".to_string(),
                io::ErrorKind::Interrupted => return e,
                _ => format!("corrupt ({e})"),
            };
            io::Error::new(io::ErrorKind::InvalidData, GzipError(detail))
        })
    }
}

/// Converts a read error to the crate's error: gzip damage is a malformed input, anything else
/// an I/O problem.
pub(super) fn io_error(e: io::Error) -> Error {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<GzipError>())
    {
        Some(GzipError(detail)) => Error::Malformed {
            format: "gzip",
            detail: detail.clone(),
        },
        None => Error::Io(e),
    }
}
