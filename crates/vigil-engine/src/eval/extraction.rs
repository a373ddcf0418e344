//! `vigil eval extraction DIR`: main-text extraction scored by the article-extraction
//! benchmark's own metric (word 4-gram multisets, per-page precision/recall averaged).
