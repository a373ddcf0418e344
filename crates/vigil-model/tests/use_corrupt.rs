//! Damaged USE files are refused with an error naming the file, never a panic: truncated or
//! byte-flipped copies of the real files, and files that are not what they claim.

use std::fs;
use std::path::{Path, PathBuf};

use vigil_model::use_model::SentencePiece;
use vigil_model::{Error, Use};

fn real_dir() -> Option<PathBuf> {
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("model-cache");
    match vigil_model::fetch_use(&cache) {
        Ok(dir) => Some(dir),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true and the USE model is unavailable: {e}")
        }
        Err(e) => {
            eprintln!("skipping: the USE model is unavailable ({e})");
            None
        }
    }
}

/// A copy of the model folder with `file` replaced by `bytes`.
fn with_file(real: &Path, file: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["weights.npz", "sp.model"] {
        let dest = dir.path().join(name);
        if name == file {
            fs::write(dest, bytes).unwrap();
        } else {
            // Hard links keep the 30 MB copy cheap; fall back to copying across devices.
            fs::hard_link(real.join(name), &dest)
                .or_else(|_| fs::copy(real.join(name), &dest).map(drop))
                .unwrap();
        }
    }
    dir
}

#[test]
fn truncated_files_are_errors() {
    let Some(real) = real_dir() else { return };
    for file in ["sp.model", "weights.npz"] {
        let bytes = fs::read(real.join(file)).unwrap();
        for cut in [0, 1, 100, bytes.len() / 2, bytes.len() - 1] {
            let dir = with_file(&real, file, &bytes[..cut]);
            match Use::load(dir.path()) {
                Ok(_) => panic!("{file} cut at {cut} was accepted"),
                Err(e) => {
                    let msg = e.to_string();
                    assert!(
                        matches!(e, Error::Npz { .. } | Error::SentencePiece { .. }),
                        "{file} cut at {cut}: {msg}"
                    );
                    assert!(msg.contains(file), "{msg}");
                }
            }
        }
    }
}

#[test]
fn flipped_bytes_in_the_tokenizer_never_panic() {
    let Some(real) = real_dir() else { return };
    let bytes = fs::read(real.join("sp.model")).unwrap();
    let texts = [
        "Floods displace thousands in the river valley.",
        "فيضانات تشرد الآلاف في وادي النهر",
        "洪水导致河谷地区数千人流离失所。ＵＮＨＣＲ ① ｶﾀｶﾅ",
        "น้ำท่วมทำให้ผู้คนหลายพันคนต้องอพยพ",
    ];
    // Damage the precompiled charsmap (the file's tail) and the pieces (its head).
    let mut accepted = 0;
    for (k, at) in (0..40)
        .map(|k| (k, bytes.len() - 1 - k * 5_003))
        .chain((0..40).map(|k| (k + 40, 200 + k * 40_009)))
    {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x5A ^ (k as u8);
        if let Ok(sp) = SentencePiece::from_bytes(&damaged, Path::new("sp.model")) {
            accepted += 1;
            for text in texts {
                assert!(sp.encode(text).iter().all(|&id| (id as usize) < sp.len()));
            }
        }
    }
    assert!(
        accepted > 0,
        "every damaged copy was refused; the test exercised nothing"
    );
}

#[test]
fn wrong_files_are_named_errors() {
    let Some(real) = real_dir() else { return };
    let sp = fs::read(real.join("sp.model")).unwrap();
    // The tokenizer where the weights should be, and the other way round.
    let dir = with_file(&real, "weights.npz", &sp);
    let err = Use::load(dir.path())
        .err()
        .expect("sp.model as weights.npz");
    assert!(matches!(err, Error::Npz { .. }), "{err}");
    let npz = fs::read(real.join("weights.npz")).unwrap();
    let dir = with_file(&real, "sp.model", &npz[..4096]);
    let err = Use::load(dir.path()).err().expect("npz bytes as sp.model");
    assert!(matches!(err, Error::SentencePiece { .. }), "{err}");
    let empty = tempfile::tempdir().unwrap();
    assert!(Use::load(empty.path()).is_err());
}
