//! Integration tests, compiled as one binary (as ripgrep does): each module drives the real
//! `vigil` executable against a temporary data directory.

mod bad_input;
mod cli_contract;
mod crash;
mod embed;
mod eval_facts;
mod facts;
mod formats;
mod http;
mod seeds;
mod stories;
mod util;
