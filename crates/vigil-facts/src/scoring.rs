//! The arithmetic the evaluations share: ratios that are 0 when nothing was counted, and F1.

/// `a / b`, or 0 when `b` is 0.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The harmonic mean of precision and recall, 0 when both are.
pub(crate) fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}
