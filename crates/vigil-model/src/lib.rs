//! Vigil's own embedding models: the model files, their tokenizers, the encoders and the SIMD
//! kernels behind them. Knows nothing of documents or storage: text in, vectors out.

pub mod e5;
pub mod encoder;
pub mod error;
pub mod fast;
pub mod fetch;
pub mod format;
pub mod kernels;
pub mod quant;
pub mod token_states;
pub mod tokenizer;
pub mod use_model;

pub use e5::{DIM, E5, Kind};
pub use error::{Error, Result};
pub use fetch::{fetch_e5, locate_e5};
pub use token_states::TokenStates;
pub use use_model::{USE_DIM, Use, fetch_use, locate_use};
