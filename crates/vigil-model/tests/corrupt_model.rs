//! A damaged model file must be a clear error, never a panic or a read out of bounds:
//! truncated and corrupted copies of the real file, made here in memory.

mod common;

use std::sync::LazyLock;

use vigil_model::format::ModelFile;
use vigil_model::tokenizer::Tokenizer;
use vigil_model::{E5, Error};

static ORIGINAL: LazyLock<Option<Vec<u8>>> =
    LazyLock::new(|| common::model_path().map(|p| std::fs::read(p).expect("model readable")));

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// Byte offsets of the sections, read off the real file.
struct Layout {
    offsets: usize,
    blob_len_at: usize,
    norm: usize,
    directory: usize,
}

fn layout(b: &[u8]) -> Layout {
    let count = u32_at(b, 44) as usize;
    let blob_len = u64::from_le_bytes(b[64..72].try_into().unwrap()) as usize;
    let offsets = 72;
    let norm = offsets + 4 * (count + 1) + 4 * count + blob_len;
    let norm_len = u32_at(b, norm + 4) as usize;
    Layout {
        offsets,
        blob_len_at: 64,
        norm,
        directory: norm + 8 + norm_len,
    }
}

fn load(bytes: Vec<u8>) -> Result<E5, Error> {
    E5::from_file(ModelFile::from_bytes(bytes)?)
}

fn corrupted(edit: impl FnOnce(&mut Vec<u8>, &Layout)) -> Option<Result<E5, Error>> {
    let original = ORIGINAL.as_ref()?;
    let mut copy = original.clone();
    let l = layout(&copy);
    edit(&mut copy, &l);
    Some(load(copy))
}

/// A named way to damage a copy of the file.
type Edit = Box<dyn FnOnce(&mut Vec<u8>, &Layout)>;

fn put_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

fn add_u32(b: &mut [u8], at: usize, delta: u32) {
    let v = u32_at(b, at) + delta;
    put_u32(b, at, v);
}

#[test]
fn intact_copy_loads() {
    let Some(original) = ORIGINAL.as_ref() else {
        return;
    };
    let model = load(original.clone()).expect("intact model loads");
    assert_eq!(model.tokenizer().vocab_size(), 250_002);
}

#[test]
fn truncated_copies_are_refused() {
    let Some(original) = ORIGINAL.as_ref() else {
        return;
    };
    let l = layout(original);
    let len = original.len();
    for cut in [
        0,
        3,
        4,
        20,
        43,
        44,
        70,
        1000,
        l.norm - 1,
        l.norm + 100,
        l.directory + 3,
        l.directory + 500,
        len / 2,
        len - 1,
    ] {
        let result = ModelFile::from_bytes(original[..cut].to_vec());
        match result {
            Err(Error::Truncated { .. }) => {}
            other => panic!("cut at {cut}: expected a truncation error, got {other:?}"),
        }
    }
}

#[test]
fn corrupted_headers_are_refused() {
    let cases: Vec<(&str, Edit)> = vec![
        ("magic", Box::new(|b, _| b[3] = b'2')),
        ("version", Box::new(|b, _| put_u32(b, 4, 2))),
        (
            "negative hidden",
            Box::new(|b, _| put_u32(b, 8, (-384i32) as u32)),
        ),
        (
            "heads do not divide hidden",
            Box::new(|b, _| put_u32(b, 16, 7)),
        ),
        ("zero layer-norm eps", Box::new(|b, _| put_u32(b, 36, 0))),
        ("quant block", Box::new(|b, _| put_u32(b, 40, 64))),
        (
            "unk id out of range",
            Box::new(|b, _| put_u32(b, 60, 999_999)),
        ),
        (
            "piece offset jumps",
            Box::new(|b, l| put_u32(b, l.offsets + 4 * 10, 0x00ff_ffff)),
        ),
        ("blob length", Box::new(|b, l| add_u32(b, l.blob_len_at, 1))),
        ("norm length", Box::new(|b, l| add_u32(b, l.norm + 4, 5))),
        ("norm entries", Box::new(|b, l| add_u32(b, l.norm, 1))),
        (
            "tensor count",
            Box::new(|b, l| put_u32(b, l.directory, 100_000)),
        ),
    ];
    for (what, edit) in cases {
        let Some(result) = corrupted(edit) else {
            return;
        };
        match result {
            Err(Error::Corrupt { .. } | Error::Truncated { .. }) => {}
            other => panic!("{what}: expected a corrupt-file error, got {other:?}"),
        }
    }
}

#[test]
fn corrupted_directory_entries_are_refused() {
    // First entry: u16 name length (8 = "emb.word"), name, u8 dtype, u32 elements, u64 offset, u64 size.
    let entry = |l: &Layout| l.directory + 4 + 2 + 8;
    let cases: Vec<(&str, Edit)> = vec![
        ("dtype", Box::new(move |b, l| b[entry(l)] = 7)),
        (
            "elements",
            Box::new(move |b, l| put_u32(b, entry(l) + 1, 12_345)),
        ),
        (
            "offset past the end",
            Box::new(move |b, l| {
                b[entry(l) + 5..entry(l) + 13].copy_from_slice(&(u64::MAX - 8).to_le_bytes())
            }),
        ),
        (
            "offset into the headers",
            Box::new(move |b, l| {
                b[entry(l) + 5..entry(l) + 13].copy_from_slice(&64u64.to_le_bytes())
            }),
        ),
        (
            "name length",
            Box::new(move |b, l| {
                b[l.directory + 4..l.directory + 6].copy_from_slice(&u16::MAX.to_le_bytes())
            }),
        ),
    ];
    for (what, edit) in cases {
        let Some(result) = corrupted(edit) else {
            return;
        };
        assert!(result.is_err(), "{what}: damaged directory accepted");
    }
}

#[test]
fn missing_tensor_is_named() {
    let Some(result) = corrupted(|b, l| {
        let at = (l.directory..b.len() - 6)
            .find(|&i| &b[i..i + 6] == b"l3.q.w")
            .unwrap();
        b[at + 3] = b'x';
    }) else {
        return;
    };
    match result {
        Err(Error::Tensor { name, .. }) => assert_eq!(name, "l3.q.w"),
        other => panic!("expected a missing-tensor error, got {other:?}"),
    }
}

/// Random byte flips anywhere before the tensor data: loading may succeed or fail, never panic.
#[test]
fn random_flips_never_panic() {
    let Some(original) = ORIGINAL.as_ref() else {
        return;
    };
    let l = layout(original);
    let front_end = l.directory + 197 * 40;
    let mut front = original[..front_end.min(original.len())].to_vec();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..40 {
        let saved = front.clone();
        for _ in 0..4 {
            let at = (next() % front.len() as u64) as usize;
            front[at] ^= 1 << (next() % 8);
        }
        // Bias some flips toward the small header and the directory, where they matter most.
        let at = (next() % 44) as usize;
        front[at] ^= 1 << (next() % 8);
        let at = l.directory + (next() % (front.len() - l.directory) as u64) as usize;
        front[at] ^= 1 << (next() % 8);
        if let Ok(file) = ModelFile::from_bytes(front.clone()) {
            let _ = Tokenizer::from_file(&file).map(|t| t.encode("passage: Ωmega – 台风 ✓"));
        }
        front = saved;
    }
}
