//! Documents that leave `pi`: the appraisal brief, and the escaping rules they share.

pub mod atomic;
pub mod brief;
pub mod brief_html;
pub mod brief_md;
pub mod brief_text;
pub mod dayone;
pub mod encrypt;
pub mod entries;
pub mod export;
pub mod export_chart;
pub mod export_friend;
pub mod export_html;
pub mod export_json;
pub mod export_md;
pub mod format;
pub mod guard;
pub mod import_check;
pub mod import_json;
pub mod jrnl;
pub mod limits;
pub mod markdown;
