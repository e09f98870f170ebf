//! Prompt packs: the TOML file format, strict validation with file:line:column, and which
//! version of which pack is in force (built-in packs compiled in, user packs beside them).

mod builtin;
#[cfg(test)]
mod builtin_tests;
mod error;
mod format;
mod model;
mod registry;
mod stored;
mod validate;

pub use error::{Location, PackError, PackErrors};
pub use model::{ChangelogEntry, Pack, PackSource, Prompt, PromptKind, Purpose, Shows};
pub use registry::PackRegistry;
pub use validate::parse_pack;
