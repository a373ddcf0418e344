use super::*;
use crate::bench::planted::{DIMS, Planted, SplitMix, cosine};

/// `n` reports over `n / 10` planted events, keyed 0..n.
fn planted(n: u64, seed: u64) -> (Planted, Vec<Vec<f32>>) {
    let p = Planted::new(seed, n / 10);
    let vectors = (0..n).map(|i| p.vector(p.pick_event(i), i)).collect();
    (p, vectors)
}

fn build(vectors: &[Vec<f32>]) -> AnnIndex {
    let mut index = AnnIndex::new(DIMS).unwrap();
    for (i, v) in vectors.iter().enumerate() {
        index.add(i as u64, v).unwrap();
    }
    index
}

/// The exact top `k` by f32 cosine (a dot product: the planted vectors are unit length).
fn brute_force(vectors: &[Vec<f32>], query: &[f32], k: usize) -> Vec<u64> {
    let mut all: Vec<(u64, f32)> = vectors
        .iter()
        .enumerate()
        .map(|(i, v)| (i as u64, v.iter().zip(query).map(|(a, b)| a * b).sum()))
        .collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1));
    all.into_iter().take(k).map(|(i, _)| i).collect()
}

#[test]
fn recall_at_10_against_exact_search() {
    let (p, vectors) = planted(20_000, 11);
    let index = build(&vectors);
    assert_eq!(index.len(), 20_000);
    let queries = 100;
    let mut found = 0;
    for q in 0..queries {
        let query = p.vector(p.pick_event(1_000_000 + q), 1_000_000 + q);
        let exact = brute_force(&vectors, &query, 10);
        let approx: Vec<u64> = index
            .search(&query, 10)
            .unwrap()
            .iter()
            .map(|h| h.0)
            .collect();
        found += approx.iter().filter(|k| exact.contains(k)).count();
    }
    let recall = found as f64 / (queries * 10) as f64;
    eprintln!("recall@10 = {recall}");
    assert!(recall >= 0.95, "recall@10 = {recall}");
}

#[test]
fn results_are_best_first_with_cosine_similarity() {
    let (_, vectors) = planted(500, 3);
    let index = build(&vectors);
    let hits = index.search(&vectors[42], 5).unwrap();
    assert_eq!(hits[0].0, 42);
    assert!((hits[0].1 - 1.0).abs() < 1e-3, "{:?}", hits[0]);
    assert!(hits.windows(2).all(|w| w[0].1 >= w[1].1), "{hits:?}");
    for (key, sim) in hits {
        assert!((sim - cosine(&vectors[key as usize], &vectors[42])).abs() < 0.02);
    }
}

#[test]
fn i8_cosine_is_close_to_f32_cosine() {
    // Unrelated unit vectors, and pairs of every closeness from 0.7 up.
    let mut r = SplitMix::new(5);
    let mut worst = 0f32;
    for _ in 0..200 {
        let mut a: Vec<f32> = (0..DIMS).map(|_| r.unit() as f32 - 0.5).collect();
        crate::bench::planted::normalise(&mut a);
        let mix = r.unit() as f32;
        let mut b: Vec<f32> = a
            .iter()
            .map(|x| mix * x + (1.0 - mix) * (r.unit() as f32 - 0.5) * 0.1)
            .collect();
        crate::bench::planted::normalise(&mut b);
        let mut index = AnnIndex::new(DIMS).unwrap();
        index.add(1, &b).unwrap();
        let (_, sim) = index.search(&a, 1).unwrap()[0];
        worst = worst.max((sim - cosine(&a, &b)).abs());
    }
    eprintln!("largest |i8 cosine - f32 cosine| = {worst}");
    assert!(worst < 0.02, "largest difference {worst}");
}

#[test]
fn same_inserts_give_same_answers() {
    let (_, vectors) = planted(3000, 4);
    let a = build(&vectors);
    let b = build(&vectors);
    for q in vectors.iter().step_by(97) {
        assert_eq!(a.search(q, 10).unwrap(), b.search(q, 10).unwrap());
    }
}

#[test]
fn save_and_reopen_gives_the_same_results() {
    let (_, vectors) = planted(3000, 5);
    let index = build(&vectors);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vectors.ann");
    index.save(&path).unwrap();
    let mut reopened = AnnIndex::open(&path, DIMS).unwrap();
    assert_eq!(reopened.len(), index.len());
    assert!(reopened.contains(2999) && !reopened.contains(3000));
    for q in vectors.iter().step_by(101) {
        assert_eq!(
            index.search(q, 10).unwrap(),
            reopened.search(q, 10).unwrap()
        );
    }
    // The reopened index takes further inserts.
    reopened.add(3000, &vectors[0]).unwrap();
    assert!(reopened.contains(3000));
}

#[test]
fn missing_file_opens_empty() {
    let dir = tempfile::tempdir().unwrap();
    let index = AnnIndex::open(&dir.path().join("absent.ann"), DIMS).unwrap();
    assert!(index.is_empty());
    assert!(index.search(&vec![0.1; DIMS], 5).unwrap().is_empty());
}

#[test]
fn truncated_or_corrupt_files_are_typed_errors() {
    let (_, vectors) = planted(1000, 6);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vectors.ann");
    build(&vectors).save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();

    for cut in [0, 5, 63, 64, 1000, bytes.len() - 1] {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        let e = AnnIndex::open(&path, DIMS).unwrap_err();
        assert!(matches!(e, AnnError::Truncated { .. }), "cut at {cut}: {e}");
    }

    let mut flipped = bytes.clone();
    flipped[bytes.len() / 2] ^= 0x40;
    std::fs::write(&path, &flipped).unwrap();
    let e = AnnIndex::open(&path, DIMS).unwrap_err();
    assert!(matches!(e, AnnError::Corrupt { .. }), "{e}");
    assert!(e.to_string().contains("checksum"), "{e}");

    std::fs::write(
        &path,
        b"not an index at all, but long enough to hold a header of 64 bytes",
    )
    .unwrap();
    let e = AnnIndex::open(&path, DIMS).unwrap_err();
    assert!(matches!(e, AnnError::Corrupt { .. }), "{e}");

    std::fs::write(&path, &bytes).unwrap();
    let e = AnnIndex::open(&path, 768).unwrap_err();
    assert!(
        matches!(
            e,
            AnnError::Dimensions {
                expected: 768,
                found: 384
            }
        ),
        "{e}"
    );
}

#[test]
fn rejects_bad_input() {
    let mut index = AnnIndex::new(4).unwrap();
    index.add(1, &[1.0, 0.0, 0.0, 0.0]).unwrap();
    assert!(matches!(
        index.add(1, &[0.0, 1.0, 0.0, 0.0]),
        Err(AnnError::DuplicateKey(1))
    ));
    assert!(matches!(
        index.add(2, &[1.0, 0.0]),
        Err(AnnError::Dimensions {
            expected: 4,
            found: 2
        })
    ));
    assert!(matches!(
        index.add(3, &[f32::NAN, 0.0, 0.0, 0.0]),
        Err(AnnError::NotFinite(3))
    ));
    assert_eq!(index.len(), 1);
}

#[test]
fn grows_in_chunks_and_reports_memory() {
    let mut index = AnnIndex::new(8).unwrap();
    let empty = index.memory_bytes();
    for i in 0..5000u64 {
        let v: Vec<f32> = (0..8).map(|d| ((i * 7 + d) % 13) as f32 - 6.0).collect();
        index.add(i, &v).unwrap();
    }
    assert_eq!(index.len(), 5000);
    assert!(index.memory_bytes() > empty);
}

#[test]
fn filtered_and_exact_search() {
    let (_, vectors) = planted(2000, 8);
    let index = build(&vectors);
    let even = index
        .search_where(&vectors[10], 10, |k| k % 2 == 0)
        .unwrap();
    assert_eq!(even.len(), 10);
    assert!(even.iter().all(|(k, _)| k % 2 == 0));
    let exact = index.search_exact(&vectors[10], 10).unwrap();
    assert_eq!(exact[0].0, 10);
}
