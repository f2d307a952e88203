//! thidua: Vietnamese press articles about emulation-bloc conferences to JSON records.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`source`] → [`decode`] → [`html`] → [`normalize`] → [`article`] → [`extract`] →
//! [`record`] → [`output`]. [`Pipeline`] runs them all for one input; [`patterns`] loads
//! the phrase lists and gazetteers every stage reads.

pub mod article;
pub mod dataset;
pub mod decode;
pub mod eval;
pub mod extract;
pub mod html;
pub mod normalize;
pub mod output;
pub mod patterns;
pub mod pipeline;
pub mod record;
pub mod source;

pub use pipeline::{Options, Pipeline};
