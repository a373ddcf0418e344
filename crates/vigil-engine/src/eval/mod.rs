//! Evaluation against labelled data: each file scores one stage and returns a report that the
//! CLI prints as JSON.

pub mod extraction;
pub mod language;
