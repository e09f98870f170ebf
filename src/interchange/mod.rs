//! Documents that leave `pi`: the appraisal brief, and the escaping rules they share.

pub mod atomic;
pub mod brief;
pub mod format;
pub mod markdown;
