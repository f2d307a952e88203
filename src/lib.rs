//! thidua: Vietnamese press articles about emulation-bloc conferences to JSON records.
//!
//! The pipeline, one module per stage, data flowing one way:
//! source → decode → html → normalize → article → extract → record → output.

pub mod decode;
pub mod html;
pub mod record;
