//! The values only pi knows: session ids, prompt ids and pack ids, each with a short
//! description for the shells that show one.
//!
//! Every function here returns candidates or nothing: a missing, broken or foreign journal
//! gives no candidates, never an error. The journal is read through [`Peek`], which creates
//! and changes nothing.

use super::text::{is_plain_id, one_line};
use crate::config::Config;
use crate::domain::Language;
use crate::journal::{Peek, SessionGlance, SessionScope};
use crate::packs::PackRegistry;
use clap::builder::StyledStr;
use clap_complete::engine::CompletionCandidate;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// How long a description may be, in characters: one line of a completion menu.
const DESCRIPTION_WIDTH: usize = 60;

/// How many sessions to offer before a single digit is typed: the newest, as `pi list` shows
/// them. Typing the start of an id reaches every other one.
const NEWEST_WHEN_NOTHING_TYPED: usize = 100;

/// The length of the id `pi list` shows; longer only where two ids share their start.
const SHORT_ID: usize = 8;

/// How a pack is named where it is completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackForm {
    /// Just the id (`pi reflect --pack`).
    Id,
    /// The id, or `id@version` once `@` is typed (`pi packs show`).
    IdOrVersion,
    /// Always `id@version` (`pi packs diff`'s first version).
    Version,
}

/// What completing needs to know from the command line and the environment.
struct Context {
    journal: Option<PathBuf>,
    language: Language,
    packs_dir: Option<PathBuf>,
}

impl Context {
    /// The journal and language the typed command would use: `--journal` and `--lang` on the
    /// command line, else `PI_JOURNAL`, the config file and the locale, as an ordinary run.
    fn from_env() -> Self {
        let words: Vec<OsString> = std::env::args_os()
            .skip_while(|a| a != "--")
            .skip(1)
            .collect();
        let journal = flag_value(&words, "--journal")
            .or_else(|| std::env::var_os("PI_JOURNAL").filter(|v| !v.is_empty()))
            .map(PathBuf::from);
        let lang = flag_value(&words, "--lang")
            .and_then(|l| l.to_str().and_then(|l| l.parse::<Language>().ok()));
        match Config::resolve(journal.clone(), lang) {
            Ok(config) => Self {
                packs_dir: Some(config.packs_dir()),
                journal: Some(config.journal),
                language: config.language,
            },
            Err(_) => Self {
                journal,
                language: lang.unwrap_or(Language::En),
                packs_dir: None,
            },
        }
    }

    fn peek(&self) -> Option<Peek> {
        // An encrypted journal is read only with PI_JOURNAL_PASSPHRASE: a Tab never asks.
        let key = crate::app::passphrase_from_env();
        Peek::open_with(self.journal.as_deref()?, key.as_ref())
            .ok()
            .flatten()
    }

    fn words(&self) -> &'static Words {
        match self.language {
            Language::Nl => &NL,
            Language::En => &EN,
        }
    }
}

/// The few words a description needs.
struct Words {
    paused: &'static str,
    only_in_journal: &'static str,
}

const EN: Words = Words {
    paused: "paused",
    only_in_journal: "only in your journal",
};

const NL: Words = Words {
    paused: "gepauzeerd",
    only_in_journal: "alleen in je dagboek",
};

/// The value of `--flag VALUE` or `--flag=VALUE` among the typed words (the last one wins).
fn flag_value(words: &[OsString], flag: &str) -> Option<OsString> {
    let mut found = None;
    let mut iter = words.iter();
    while let Some(word) = iter.next() {
        if word == flag {
            found = iter.next().cloned();
        } else if let Some(rest) = word
            .to_str()
            .and_then(|w| w.strip_prefix(flag))
            .and_then(|r| r.strip_prefix('='))
        {
            found = Some(OsString::from(rest));
        }
    }
    found
}

fn candidate(value: String, help: String) -> CompletionCandidate {
    let help = (!help.is_empty()).then(|| StyledStr::from(help));
    CompletionCandidate::new(value).help(help)
}

/// Sessions in `scope` whose id starts with what is typed, newest first; each as the shortest
/// id (at least eight digits) that no other session shares.
pub fn sessions(current: &OsStr, scope: SessionScope) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let prefix = typed.to_ascii_lowercase().replace('-', "");
    if !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
        return Vec::new();
    }
    let context = Context::from_env();
    let Some(peek) = context.peek() else {
        return Vec::new();
    };
    let limit = if prefix.is_empty() {
        NEWEST_WHEN_NOTHING_TYPED
    } else {
        usize::MAX
    };
    let Ok(found) = peek.sessions(&prefix, scope, limit) else {
        return Vec::new();
    };
    // What a shortened id must stay unambiguous against: with a prefix typed, every id that
    // shares it (one index walk; ids outside it differ earlier); without, each candidate's
    // two neighbours in the whole journal.
    let in_range = if prefix.is_empty() {
        None
    } else {
        match peek.session_ids(&prefix) {
            Ok(ids) => Some(ids),
            Err(_) => return Vec::new(),
        }
    };
    let words = context.words();
    found
        .iter()
        .filter(|s| s.id.len() == 32 && s.id.bytes().all(|b| b.is_ascii_hexdigit()))
        .filter_map(|s| {
            let (before, after) = match &in_range {
                Some(ids) => neighbours_in(ids, &s.id),
                None => peek.neighbours(&s.id).ok()?,
            };
            let len = unambiguous_length(&s.id, [before, after].iter().flatten()).max(prefix.len());
            Some(candidate(s.id[..len].to_string(), describe(s, words)))
        })
        .collect()
}

/// The ids just before and after `id` in the sorted `ids`.
fn neighbours_in(ids: &[String], id: &str) -> (Option<String>, Option<String>) {
    let at = ids.partition_point(|other| other.as_str() < id);
    let before = at.checked_sub(1).and_then(|i| ids.get(i)).cloned();
    let after = ids[at..].iter().find(|other| other.as_str() != id).cloned();
    (before, after)
}

/// The shortest start of `id` (at least [`SHORT_ID`]) that none of `others` shares.
fn unambiguous_length<'a>(id: &str, others: impl Iterator<Item = &'a String>) -> usize {
    let shared = others
        .map(|other| {
            other
                .bytes()
                .zip(id.bytes())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0);
    (shared + 1).clamp(SHORT_ID, id.len())
}

/// "2026-11-02 kiezen: Project X (paused)", cleaned for the shell.
fn describe(session: &SessionGlance, words: &Words) -> String {
    let date = crate::clock::local_date(&session.started_at);
    let what = session.mode.as_deref().unwrap_or(&session.pack_id);
    let mut text = format!("{date} {what}");
    if !session.context.trim().is_empty() {
        text.push_str(": ");
        text.push_str(&session.context);
    }
    let text = one_line(&text, DESCRIPTION_WIDTH);
    if session.paused {
        format!("{text} ({})", words.paused)
    } else {
        text
    }
}

/// The prompts the journal has answers to, with their question shortened.
pub fn prompts(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let Some(peek) = Context::from_env().peek() else {
        return Vec::new();
    };
    peek.prompts(typed)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| is_plain_id(&p.id))
        .map(|p| candidate(p.id, one_line(&p.question, DESCRIPTION_WIDTH)))
        .collect()
}

/// Values from a short fixed list, described in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixed {
    /// `--mode`: verkennen, onderhouden, kiezen.
    Modes,
    /// `--depth`: quick, deep.
    Depths,
    /// `--lang`: nl, en.
    Languages,
}

/// The values of `kind` that start with what is typed.
pub fn fixed(current: &OsStr, kind: Fixed) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let words = crate::words::Words::of(Context::from_env().language);
    let after_colon = |s: &'static str| s.split_once(": ").map_or(s, |(_, rest)| rest);
    let values: Vec<(&str, &str)> = match kind {
        Fixed::Modes => crate::domain::Mode::ALL
            .iter()
            .map(|m| (m.id(), words.mode_name(*m)))
            .collect(),
        Fixed::Depths => vec![
            ("quick", after_colon(words.depth_quick)),
            ("deep", after_colon(words.depth_deep)),
        ],
        Fixed::Languages => vec![("nl", "Nederlands"), ("en", "English")],
    };
    values
        .into_iter()
        .filter(|(value, _)| value.starts_with(typed))
        .map(|(value, help)| candidate(value.to_string(), help.to_string()))
        .collect()
}

/// One pack id with every version known of it, and its title in the person's language.
#[derive(Default)]
struct KnownPack {
    title: Option<String>,
    /// Version → described as known only from the journal.
    versions: BTreeMap<semver::Version, bool>,
}

/// Packs that start with what is typed: built-in ones, the person's own, and those the
/// journal keeps a snapshot of.
pub fn packs(current: &OsStr, form: PackForm) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let context = Context::from_env();
    let known = known_packs(&context);
    let words = context.words();
    let (typed_id, with_version) = match typed.split_once('@') {
        Some((id, _)) => (id, form != PackForm::Id),
        None => (typed, form == PackForm::Version),
    };
    let mut out = Vec::new();
    for (id, pack) in &known {
        if !is_plain_id(id) {
            continue;
        }
        let title = pack.title.as_deref().unwrap_or(words.only_in_journal);
        if !with_version {
            if id.starts_with(typed_id) {
                out.push(candidate(id.clone(), one_line(title, DESCRIPTION_WIDTH)));
            }
            continue;
        }
        if !id.starts_with(typed_id) || (typed.contains('@') && id != typed_id) {
            continue;
        }
        for (version, journal_only) in &pack.versions {
            let value = format!("{id}@{version}");
            if !value.starts_with(typed) || !is_plain_id(&value.replace('@', "")) {
                continue;
            }
            let help = if *journal_only {
                words.only_in_journal
            } else {
                title
            };
            out.push(candidate(value, one_line(help, DESCRIPTION_WIDTH)));
        }
    }
    out
}

/// Every pack id known: from the pack files (built-in and the person's own) and from the
/// journal's snapshots.
fn known_packs(context: &Context) -> BTreeMap<String, KnownPack> {
    let registry = PackRegistry::load(context.packs_dir.as_deref())
        .or_else(|_| PackRegistry::built_in())
        .unwrap_or_default();
    let mut known: BTreeMap<String, KnownPack> = BTreeMap::new();
    for pack in registry.all() {
        let entry = known.entry(pack.id.clone()).or_default();
        if pack.language == context.language || entry.title.is_none() {
            entry.title = Some(pack.title.clone());
        }
        entry.versions.insert(pack.version.clone(), false);
    }
    if let Some(peek) = context.peek() {
        for snapshot in peek.packs().unwrap_or_default() {
            let Ok(version) = semver::Version::parse(&snapshot.version) else {
                continue;
            };
            known
                .entry(snapshot.id)
                .or_default()
                .versions
                .entry(version)
                .or_insert(true);
        }
    }
    known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_as_short_as_pi_list_shows_unless_two_share_more() {
        let id = "3fa2c1d0aaaaaaaaaaaaaaaaaaaaaaaa";
        let near = "3fa2c1d0abaaaaaaaaaaaaaaaaaaaaaa".to_string();
        let far = "9bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".to_string();
        assert_eq!(unambiguous_length(id, [far.clone()].iter()), 8);
        assert_eq!(unambiguous_length(id, [far, near].iter()), 10);
        assert_eq!(unambiguous_length(id, [].iter()), 8);
        let ids = [far_start(), id.to_string(), near_end()];
        assert_eq!(
            neighbours_in(&ids, id),
            (Some(far_start()), Some(near_end()))
        );
        assert_eq!(neighbours_in(&ids[1..2], id), (None, None));
    }

    fn far_start() -> String {
        "0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into()
    }

    fn near_end() -> String {
        "3fa2c1d0abaaaaaaaaaaaaaaaaaaaaaa".into()
    }

    #[test]
    fn the_journal_and_language_flags_are_read_from_the_typed_words() {
        let words: Vec<OsString> = ["pi", "--journal", "a.db", "show", "--lang=nl", "3f"]
            .map(OsString::from)
            .to_vec();
        assert_eq!(flag_value(&words, "--journal"), Some("a.db".into()));
        assert_eq!(flag_value(&words, "--lang"), Some("nl".into()));
        assert_eq!(flag_value(&words, "--color"), None);
    }

    #[test]
    fn a_session_is_described_by_date_mode_and_context() {
        let glance = SessionGlance {
            id: "3fa2c1d0aaaaaaaaaaaaaaaaaaaaaaaa".into(),
            started_at: "2026-11-02T09:00:00Z".into(),
            mode: Some("kiezen".into()),
            pack_id: "kiezen".into(),
            context: "Project\u{1b}[2J X\u{202E}".into(),
            paused: true,
        };
        let text = describe(&glance, &NL);
        assert!(
            text.ends_with("kiezen: Project [2J X (gepauzeerd)"),
            "{text}"
        );
        assert!(text.starts_with("2026-11-0"), "{text}");
    }
}
