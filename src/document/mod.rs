//! Loading articles and the text model: title, paragraphs and lines over the decoded text.

mod decode;
mod model;

pub use decode::{
    DecodeWarning, Decoded, InvalidBytes, LoadError, Unrestorable, decode, touches_stand_in,
};
pub use model::Document;
