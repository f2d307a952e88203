//! thidua: Vietnamese press articles about emulation-bloc conferences to JSON records.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`source`] → [`decode`] → [`html`] → [`normalize`] → [`article`] → [`extract`] →
//! [`record`] → [`output`]. [`Pipeline`] runs them all for one input; [`patterns`] loads
//! the phrase lists and gazetteers every stage reads.
//!
//! Inputs from the web: [`fetch`] gets pages politely (robots.txt, a delay per host,
//! retries, a cache), [`crawl`] finds a site's conference articles, [`warc`] writes and
//! reads web archives, and [`batch`] runs the pipeline over inputs of every kind in order,
//! on all cores, with [`progress`] on standard error.

pub mod article;
pub mod batch;
pub mod crawl;
pub mod dataset;
pub mod decode;
pub mod eval;
pub mod extract;
pub mod fetch;
pub mod html;
pub mod normalize;
pub mod output;
pub mod patterns;
pub mod pipeline;
pub mod progress;
pub mod record;
pub mod source;
pub mod warc;

pub use pipeline::{Options, Pipeline};
