//! The reading half only (input sniffing and containers, decoding, PDF text layer), for use
//! while the HTML extractor and the cleaning rules are not there: HTML records are decoded but
//! not extracted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_text::input::{self, Format, Limits};
use vigil_text::{decode, extract};

fuzz_target!(
    init: {
        // libFuzzer's hook aborts on every panic, even a caught one. vigil-text runs
        // pdf-extract (which panics on some broken files) on a thread of this name under
        // `catch_unwind` and reports Error::Malformed: those panics are handled, not crashes.
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some("pdf-extract") {
                abort(info);
            }
        }));
    },
    |data: &[u8]| {
    let limits = Limits {
        max_record_bytes: 1 << 20,
    };
    // The first byte picks a name, so extension-based paths are reached too.
    let names = ["fuzz.bin", "fuzz.jsonl", "fuzz.warc", "fuzz.rss", "fuzz.pdf", "fuzz.html"];
    let (name, data) = match data.split_first() {
        Some((&b, rest)) => (names[usize::from(b) % names.len()], rest),
        None => ("fuzz.bin", data),
    };
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    for record in input::records(name.to_string(), None, reader, limits).take(64) {
        let Ok(record) = record else { continue };
        match (record.format, &record.inline) {
            (Format::Html, None) => {
                let _ = decode::decode_html(&record.raw, record.meta.charset.as_deref());
            }
            (Format::Html, Some(_)) => {}
            _ => {
                if let Ok(extracted) = extract::extract(&record) {
                    for r in &extracted.removed {
                        assert!(r.start <= r.end && r.end <= extracted.text.len());
                        assert!(extracted.text.is_char_boundary(r.start));
                        assert!(extracted.text.is_char_boundary(r.end));
                    }
                }
            }
        }
    }
    }
);
