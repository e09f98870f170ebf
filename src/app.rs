//! The context every command gets: configuration, clock, output and words.

use crate::clock::Clock;
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::interchange::guard::Protected;
use crate::journal::cipher::Passphrase;
use crate::journal::{Journal, JournalError, OpenMode};
use crate::packs::PackRegistry;
use crate::ui::output::Output;
use crate::words::Words;

/// What a command needs from its surroundings, resolved once.
#[derive(Debug)]
pub struct App {
    /// Paths and language.
    pub config: Config,
    /// The time source.
    pub clock: Clock,
    /// Where to write.
    pub out: Output,
    /// pi's words in the configured language.
    pub words: &'static Words,
    /// Whether interactive prompts may use colour.
    pub prompt_color: bool,
    /// The encrypted journal's passphrase, once given: asked at most once per run.
    pub passphrase: std::cell::OnceCell<Passphrase>,
}

/// The environment variable that gives scripts (and tests) the encrypted journal's
/// passphrase; distinct from `PI_PASSPHRASE`, which seals exports.
pub const PASSPHRASE_VAR: &str = "PI_JOURNAL_PASSPHRASE";

/// The journal's passphrase from [`PASSPHRASE_VAR`], when set and not empty.
pub fn passphrase_from_env() -> Option<Passphrase> {
    std::env::var(PASSPHRASE_VAR)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Passphrase::new)
}

impl App {
    /// Opens the journal, creating it if needed.
    pub fn journal(&self) -> CliResult<Journal> {
        self.open_journal(OpenMode::Create)?.ok_or_else(|| {
            JournalError::Missing {
                path: self.config.journal.clone(),
            }
            .into()
        })
    }

    /// Opens the journal if it exists; `None` when there is none yet.
    pub fn existing_journal(&self) -> CliResult<Option<Journal>> {
        self.open_journal(OpenMode::Existing)
    }

    /// Opens the journal for reading if it exists; `None` when there is none yet. A journal
    /// that cannot be written (read-only directory, file or mount) is opened read-only.
    pub fn reading_journal(&self) -> CliResult<Option<Journal>> {
        self.open_journal(OpenMode::Read)
    }

    /// As [`App::reading_journal`], but never asks: an encrypted journal opens only with
    /// `PI_JOURNAL_PASSPHRASE` (for `pi status --quiet` in a shell start-up file or a timer).
    pub fn reading_journal_without_asking(&self) -> CliResult<Option<Journal>> {
        if self.passphrase.get().is_none()
            && let Some(key) = passphrase_from_env()
        {
            let _ = self.passphrase.set(key);
        }
        if self.passphrase.get().is_none() {
            return match Journal::open(&self.config.journal, OpenMode::Read, self.clock) {
                Ok(journal) => Ok(Some(journal)),
                Err(JournalError::Missing { .. }) => Ok(None),
                Err(e @ JournalError::Encrypted { .. }) => Err(CliError::from_error(&e).hint(
                    "pi status --quiet never asks for it (it runs from start-up files and timers): set PI_JOURNAL_PASSPHRASE, or run `pi status`",
                )),
                Err(e) => Err(e.into()),
            };
        }
        self.open_journal(OpenMode::Read)
    }

    /// Makes a new journal encrypted with `key` (there must be none yet).
    pub fn create_encrypted_journal(&self, key: Passphrase) -> CliResult<Journal> {
        let journal = Journal::open_with(
            &self.config.journal,
            OpenMode::Create,
            self.clock,
            Some(&key),
        )?;
        let _ = self.passphrase.set(key);
        Ok(journal)
    }

    /// Opens the journal; an encrypted one with its passphrase ([`App::journal_passphrase`]).
    fn open_journal(&self, mode: OpenMode) -> CliResult<Option<Journal>> {
        let path = &self.config.journal;
        let opened = match Journal::open(path, mode, self.clock) {
            Err(JournalError::Encrypted { .. }) => {
                let key = self.journal_passphrase()?;
                Journal::open_with(path, mode, self.clock, Some(&key))
            }
            other => other,
        };
        match opened {
            Ok(journal) => {
                self.report_backup(&journal);
                Ok(Some(journal))
            }
            Err(JournalError::Missing { .. }) if mode != OpenMode::Create => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The encrypted journal's passphrase: from `PI_JOURNAL_PASSPHRASE`, else asked (hidden)
    /// in a terminal, once per run; without either, the error says the journal is encrypted
    /// and how to give it.
    pub fn journal_passphrase(&self) -> CliResult<Passphrase> {
        if let Some(key) = self.passphrase.get() {
            return Ok(key.clone());
        }
        let key = match passphrase_from_env() {
            Some(key) => key,
            None if crate::ui::passphrase::can_ask() => {
                let words = crate::commands::encrypt::words::of(self.config.language);
                Passphrase::new(
                    crate::ui::passphrase::ask_journal(words.passphrase)
                        .map_err(crate::commands::encrypt::ui_error)?,
                )
            }
            None => {
                return Err(JournalError::Encrypted {
                    path: self.config.journal.clone(),
                }
                .into());
            }
        };
        let _ = self.passphrase.set(key.clone());
        Ok(key)
    }

    fn report_backup(&self, journal: &Journal) {
        if let Some(backup) = journal.migration_backup() {
            self.out.status(&format!(
                "Upgraded the journal; the previous version is kept at {}.",
                backup.display()
            ));
        }
    }

    /// The files no output may be written over: the journal with its companions and
    /// backups, the friends' store beside it, the config file.
    pub fn protected(&self) -> Protected {
        Protected::for_journal(&self.config.journal, &self.config.config_dir)
    }

    /// Built-in packs plus the user's own.
    pub fn packs(&self) -> CliResult<PackRegistry> {
        PackRegistry::load(Some(&self.config.packs_dir())).map_err(|e| {
            CliError::from(e).hint("fix the pack, or move it out of the packs directory; `pi packs validate FILE` lists every problem")
        })
    }
}
