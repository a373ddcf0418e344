//! Real short paragraphs in many languages and scripts, written for these tests.
use super::*;
