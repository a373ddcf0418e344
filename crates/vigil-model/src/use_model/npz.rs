//! Reading `weights.npz`: a zip of `.npy` arrays. Only the little-endian, C-ordered dtypes the
//! package writes are accepted; anything else is a clear error rather than a guess.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The elements of one array, in its own type.
#[derive(Debug)]
pub(crate) enum Data {
    F32(Vec<f32>),
    F64(Vec<f64>),
    U8(Vec<u8>),
}

/// One `.npy` array.
#[derive(Debug)]
pub(crate) struct Array {
    pub shape: Vec<usize>,
    pub data: Data,
}

/// An open `.npz` archive; arrays are read one at a time so the large ones never coexist.
pub(crate) struct Npz {
    path: PathBuf,
    archive: zip::ZipArchive<File>,
}

impl Npz {
    pub fn open(path: &Path) -> Result<Npz> {
        let file = File::open(path).map_err(Error::io(format!("opening {}", path.display())))?;
        let archive = zip::ZipArchive::new(file).map_err(|e| Error::Npz {
            path: path.to_path_buf(),
            what: format!("not a zip archive: {e}"),
        })?;
        Ok(Npz {
            path: path.to_path_buf(),
            archive,
        })
    }

    fn err(&self, what: String) -> Error {
        Error::Npz {
            path: self.path.clone(),
            what,
        }
    }

    /// Reads the array `name` (member `name.npy`).
    pub fn array(&mut self, name: &str) -> Result<Array> {
        let member = format!("{name}.npy");
        let mut bytes = Vec::new();
        let read = match self.archive.by_name(&member) {
            Ok(mut entry) => entry.read_to_end(&mut bytes).map_err(|e| e.to_string()),
            Err(e) => Err(format!("no such array ({e})")),
        };
        read.map_err(|e| self.err(format!("reading `{name}`: {e}")))?;
        parse_npy(&bytes).map_err(|what| self.err(format!("array `{name}`: {what}")))
    }

    /// The f32 array `name`, which must have exactly `shape`.
    pub fn f32(&mut self, name: &str, shape: &[usize]) -> Result<Vec<f32>> {
        let array = self.array(name)?;
        self.check_shape(name, &array, shape)?;
        match array.data {
            Data::F32(v) => Ok(v),
            other => Err(self.err(format!("array `{name}` is {}, expected f32", kind(&other)))),
        }
    }

    /// The u8 array `name`, which must have exactly `shape`.
    pub fn u8(&mut self, name: &str, shape: &[usize]) -> Result<Vec<u8>> {
        let array = self.array(name)?;
        self.check_shape(name, &array, shape)?;
        match array.data {
            Data::U8(v) => Ok(v),
            other => Err(self.err(format!("array `{name}` is {}, expected u8", kind(&other)))),
        }
    }

    /// A 0-d float array (f32 or f64), as f64.
    pub fn scalar(&mut self, name: &str) -> Result<f64> {
        let array = self.array(name)?;
        self.check_shape(name, &array, &[])?;
        match array.data {
            Data::F64(v) if v.len() == 1 => Ok(v[0]),
            Data::F32(v) if v.len() == 1 => Ok(f64::from(v[0])),
            other => Err(self.err(format!(
                "array `{name}` is {}, expected a float",
                kind(&other)
            ))),
        }
    }

    fn check_shape(&self, name: &str, array: &Array, shape: &[usize]) -> Result<()> {
        if array.shape == shape {
            Ok(())
        } else {
            Err(self.err(format!(
                "array `{name}` has shape {:?}, expected {shape:?}",
                array.shape
            )))
        }
    }
}

fn kind(data: &Data) -> &'static str {
    match data {
        Data::F32(_) => "f32",
        Data::F64(_) => "f64",
        Data::U8(_) => "u8",
    }
}

const MAGIC: &[u8] = b"\x93NUMPY";

/// Parses a whole `.npy` file: magic, version, the header dict, then the raw elements.
pub(crate) fn parse_npy(bytes: &[u8]) -> Result<Array, String> {
    if bytes.len() < 10 || !bytes.starts_with(MAGIC) {
        return Err("not a .npy file (bad magic)".into());
    }
    let major = bytes[6];
    let (header_len, header_start): (usize, usize) = match major {
        1 => (usize::from(u16::from_le_bytes([bytes[8], bytes[9]])), 10),
        2 | 3 => {
            let b = bytes.get(8..12).ok_or("truncated .npy header")?;
            let len = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            (usize::try_from(len).map_err(|_| "header too long")?, 12)
        }
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let header_end = header_start
        .checked_add(header_len)
        .filter(|&end| end <= bytes.len())
        .ok_or("truncated .npy header")?;
    let header =
        std::str::from_utf8(&bytes[header_start..header_end]).map_err(|_| "header is not text")?;
    let fields = parse_header(header)?;
    let descr = fields.get("descr").ok_or("header has no descr")?;
    match fields.get("fortran_order").map(String::as_str) {
        Some("False") => {}
        Some("True") => return Err("Fortran-ordered arrays are not supported".into()),
        _ => return Err("header has no fortran_order".into()),
    }
    let shape = parse_shape(fields.get("shape").ok_or("header has no shape")?)?;
    let count = shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .ok_or("shape overflows")?;
    let body = &bytes[header_end..];
    let item = match descr.as_str() {
        "<f4" => 4,
        "<f8" => 8,
        "|u1" | "<u1" => 1,
        other => return Err(format!("unsupported dtype {other}")),
    };
    let needed = count.checked_mul(item).ok_or("shape overflows")?;
    if body.len() != needed {
        return Err(format!(
            "holds {} data bytes, shape {shape:?} needs {needed}",
            body.len()
        ));
    }
    let data = match descr.as_str() {
        "<f4" => Data::F32(
            body.chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ),
        "<f8" => Data::F64(
            body.chunks_exact(8)
                .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect(),
        ),
        _ => Data::U8(body.to_vec()),
    };
    Ok(Array { shape, data })
}

/// Splits the header's Python dict literal (`{'descr': '<f4', 'fortran_order': False,
/// 'shape': (3, 4), }`) into key → raw value text.
fn parse_header(header: &str) -> Result<HashMap<String, String>, String> {
    let inner = header
        .trim()
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .ok_or("header is not a dict")?;
    let mut fields = HashMap::new();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let (key, after) = quoted(rest).ok_or("bad header key")?;
        let after = after
            .trim_start()
            .strip_prefix(':')
            .ok_or("header key without value")?
            .trim_start();
        let (value, after) = if after.starts_with('\'') || after.starts_with('"') {
            quoted(after).ok_or("bad header value")?
        } else if let Some(tuple) = after.strip_prefix('(') {
            let end = tuple.find(')').ok_or("unclosed tuple in header")?;
            (&tuple[..end], &tuple[end + 1..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim(), &after[end..])
        };
        fields.insert(key.to_string(), value.to_string());
        rest = after.trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Ok(fields)
}

/// A `'…'` or `"…"` literal at the start of `s`: its content and what follows.
fn quoted(s: &str) -> Option<(&str, &str)> {
    let quote = s.chars().next().filter(|&c| c == '\'' || c == '"')?;
    let body = &s[1..];
    let end = body.find(quote)?;
    Some((&body[..end], &body[end + 1..]))
}

fn parse_shape(text: &str) -> Result<Vec<usize>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().map_err(|_| format!("bad dimension {s:?}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(header: &str, body: &[u8]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend([1, 0]);
        out.extend((header.len() as u16).to_le_bytes());
        out.extend(header.as_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn reads_f32_matrix_and_scalar() {
        let body: Vec<u8> = [1.5f32, -2.0, 0.25, 8.0, 0.0, 3.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let a = parse_npy(&npy(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n",
            &body,
        ))
        .unwrap();
        assert_eq!(a.shape, [2, 3]);
        assert!(matches!(a.data, Data::F32(ref v) if v[..3] == [1.5, -2.0, 0.25]));
        let s = parse_npy(&npy(
            "{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
            &1e-12f64.to_le_bytes(),
        ))
        .unwrap();
        assert!(s.shape.is_empty());
        assert!(matches!(s.data, Data::F64(ref v) if v == &[1e-12]));
    }

    #[test]
    fn refuses_truncated_and_odd_arrays() {
        let header = "{'descr': '|u1', 'fortran_order': False, 'shape': (4,), }";
        assert!(parse_npy(&npy(header, &[1, 2, 3, 4])).is_ok());
        let short = parse_npy(&npy(header, &[1, 2, 3])).unwrap_err();
        assert!(short.contains("needs 4"), "{short}");
        let big = "{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999, 99999999999, 99999999999), }";
        assert!(parse_npy(&npy(big, &[])).is_err());
        let fortran = "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }";
        assert!(parse_npy(&npy(fortran, &[0; 4])).is_err());
        let dtype = "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }";
        assert!(parse_npy(&npy(dtype, &[0; 4])).is_err());
        assert!(parse_npy(b"\x93NUMPY\x01\x00\xff\xff{").is_err());
        assert!(parse_npy(b"PK\x03\x04").is_err());
    }
}
