//! The whole text path on arbitrary bytes: read → extract → clean → body. Nothing may panic,
//! and every removal must be a valid range of the extracted text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_text::input::{self, Limits};
use vigil_text::{clean, extract};

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
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    for record in input::records("fuzz.bin".to_string(), None, reader, limits).take(64) {
        let Ok(record) = record else { continue };
        let Ok(extracted) = extract::extract(&record) else {
            continue;
        };
        let cleaned = clean::clean(
            &extracted.text,
            extracted.title.as_deref(),
            &extracted.removed,
        );
        for r in &cleaned.removed {
            assert!(r.start <= r.end && r.end <= extracted.text.len());
            assert!(extracted.text.is_char_boundary(r.start));
            assert!(extracted.text.is_char_boundary(r.end));
        }
        let _ = clean::Body::new(&extracted.text, &cleaned.removed);
    }
    }
);
