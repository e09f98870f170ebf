//! The raw TOML shape of a pack file, as serde reads it: strict, with spans for error locations.

use serde::Deserialize;
use toml::Spanned;

/// The only pack file format this `pi` reads.
pub const FORMAT_VERSION: i64 = 1;

/// A pack file before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    pub format: Spanned<i64>,
    pub id: Spanned<String>,
    pub version: Spanned<String>,
    pub language: Spanned<String>,
    pub title: Spanned<String>,
    pub description: Spanned<String>,
    #[serde(default)]
    pub purpose: Option<Spanned<String>>,
    #[serde(default)]
    pub modes: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub changelog: Vec<RawChangelog>,
    #[serde(default)]
    pub prompts: Vec<Spanned<RawPrompt>>,
}

/// One changelog entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChangelog {
    pub version: Spanned<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub changes: String,
}

/// One prompt before validation: every kind-specific key is optional here and checked later.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrompt {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub depth: Option<Spanned<String>>,
    #[serde(default)]
    pub replaces: Option<Spanned<String>>,
    #[serde(default)]
    pub shows: Option<Spanned<String>>,
    #[serde(default)]
    pub min: Option<Spanned<i64>>,
    #[serde(default)]
    pub max: Option<Spanned<i64>>,
    #[serde(default)]
    pub min_label: Option<Spanned<String>>,
    #[serde(default)]
    pub max_label: Option<Spanned<String>>,
    #[serde(default)]
    pub options: Option<Spanned<Vec<String>>>,
}
