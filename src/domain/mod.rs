//! The vocabulary of `pi`: modes, depths, languages, ids and answer values.
//!
//! Nothing here touches the terminal or the database; every other layer speaks in these types.

mod ids;
pub mod sparkline;
pub mod untrusted;
mod value;
pub mod when;
pub mod word_diff;

pub use ids::{AnswerId, CommitmentId, SessionId, StatementId};
pub use value::AnswerValue;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The three ways of working on a professional identity (see DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Explore and acknowledge: make explicit, perhaps for the first time, who you are at work.
    Verkennen,
    /// Maintain and tidy up: revisit an earlier picture and decide what stays.
    Onderhouden,
    /// Choose and turn: look at patterns and make a choice when work no longer fits.
    Kiezen,
}

impl Mode {
    /// All modes, in the order they are offered.
    pub const ALL: [Mode; 3] = [Mode::Verkennen, Mode::Onderhouden, Mode::Kiezen];

    /// The stable identifier stored in the journal and accepted on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Mode::Verkennen => "verkennen",
            Mode::Onderhouden => "onderhouden",
            Mode::Kiezen => "kiezen",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Mode {
    type Err = String;

    /// Accepts the Dutch ids and their English names, so people can type what they think in.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "verkennen" | "erkennen" | "explore" | "acknowledge" => Ok(Mode::Verkennen),
            "onderhouden" | "opruimen" | "maintain" | "tidy" => Ok(Mode::Onderhouden),
            "kiezen" | "keren" | "choose" | "turn" => Ok(Mode::Kiezen),
            other => Err(format!(
                "unknown mode '{other}' (expected verkennen, onderhouden or kiezen)"
            )),
        }
    }
}

/// How long a session is: the user's choice, never the program's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Depth {
    /// About ten minutes: only the prompts marked quick.
    #[default]
    Quick,
    /// Up to an hour: every prompt of the pack.
    Deep,
}

impl Depth {
    /// The identifier stored in the journal.
    pub fn id(self) -> &'static str {
        match self {
            Depth::Quick => "quick",
            Depth::Deep => "deep",
        }
    }
}

impl FromStr for Depth {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "quick" | "kort" => Ok(Depth::Quick),
            "deep" | "diep" => Ok(Depth::Deep),
            other => Err(format!("unknown depth '{other}' (expected quick or deep)")),
        }
    }
}

/// The languages `pi` has packs and words for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Dutch, the language the method was written in.
    Nl,
    /// English.
    En,
}

impl Language {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// Reads a locale string such as `nl_NL.UTF-8`; `None` when it names neither language.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let lower = locale.to_ascii_lowercase();
        if lower.starts_with("nl") {
            Some(Language::Nl)
        } else if lower.starts_with("en") {
            Some(Language::En)
        } else {
            None
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" | "dutch" | "nederlands" => Ok(Language::Nl),
            "en" | "english" | "engels" => Ok(Language::En),
            other => Err(format!("unknown language '{other}' (expected nl or en)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_accept_english_names() {
        assert_eq!("explore".parse::<Mode>(), Ok(Mode::Verkennen));
        assert_eq!("Maintain".parse::<Mode>(), Ok(Mode::Onderhouden));
        assert_eq!("kiezen".parse::<Mode>(), Ok(Mode::Kiezen));
        assert!("dance".parse::<Mode>().unwrap_err().contains("dance"));
    }

    #[test]
    fn locale_picks_language() {
        assert_eq!(Language::from_locale("nl_BE.UTF-8"), Some(Language::Nl));
        assert_eq!(Language::from_locale("en_GB"), Some(Language::En));
        assert_eq!(Language::from_locale("C"), None);
    }
}
