//! The context every command gets: configuration, clock, output and words.

use crate::clock::Clock;
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::interchange::guard::Protected;
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
}

impl App {
    /// Opens the journal, creating it if needed.
    pub fn journal(&self) -> CliResult<Journal> {
        let journal = Journal::open(&self.config.journal, OpenMode::Create, self.clock)?;
        self.report_backup(&journal);
        Ok(journal)
    }

    /// Opens the journal if it exists; `None` when there is none yet.
    pub fn existing_journal(&self) -> CliResult<Option<Journal>> {
        match Journal::open(&self.config.journal, OpenMode::Existing, self.clock) {
            Ok(journal) => {
                self.report_backup(&journal);
                Ok(Some(journal))
            }
            Err(JournalError::Missing { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Opens the journal for reading if it exists; `None` when there is none yet. A journal
    /// that cannot be written (read-only directory, file or mount) is opened read-only.
    pub fn reading_journal(&self) -> CliResult<Option<Journal>> {
        match Journal::open(&self.config.journal, OpenMode::Read, self.clock) {
            Ok(journal) => {
                self.report_backup(&journal);
                Ok(Some(journal))
            }
            Err(JournalError::Missing { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
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
