//! `vigil eval language FILE`: per-language accuracy of language identification on paragraphs.
