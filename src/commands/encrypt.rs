//! `pi encrypt` and `pi decrypt`: the journal encrypted at rest (SQLCipher) or plain again,
//! converted in place by [`crate::journal::convert`]; and the one-time offer to encrypt a new
//! journal that `pi reflect` makes in a terminal.

mod copies;
pub mod words;

pub use copies::{PlainCopy, plain_copies};

use crate::app::{App, PASSPHRASE_VAR, passphrase_from_env};
use crate::cli::{DecryptArgs, EncryptArgs};
use crate::error::{CliError, CliResult, EXIT_INTERRUPTED};
use crate::journal::Journal;
use crate::journal::cipher::{FileKind, Passphrase, kind_of};
use crate::journal::convert::{Converted, Direction, convert};
use crate::ui::UiError;

/// Runs `pi encrypt`.
pub fn run_encrypt(app: &App, args: &EncryptArgs) -> CliResult {
    let path = &app.config.journal;
    match kind(app)? {
        FileKind::Missing | FileKind::Empty => {
            let key = new_passphrase(app)?;
            drop(app.create_encrypted_journal(key)?);
            app.out.status(&format!(
                "Made a new, encrypted journal at {}.",
                path.display()
            ));
        }
        FileKind::Encrypted => {
            app.out
                .status(&format!("{} is encrypted already.", path.display()));
        }
        FileKind::Plain | FileKind::Other => {
            // Opened first, so a foreign or broken file is refused before any question.
            drop(app.existing_journal()?);
            let key = new_passphrase(app)?;
            let done = convert(path, Direction::Encrypt, &key, app.clock)?;
            app.out.status(&format!(
                "Encrypted the journal {}; the plain file was overwritten and removed.",
                path.display()
            ));
            report_left(app, &done);
            app.out.status(
                "From now on pi asks for the passphrase in a terminal; scripts set PI_JOURNAL_PASSPHRASE. Without it nobody can read the journal, not even you.",
            );
        }
    }
    offer_removal(app, args.remove_plain_backups)
}

/// Runs `pi decrypt`.
pub fn run_decrypt(app: &App, _args: &DecryptArgs) -> CliResult {
    let path = &app.config.journal;
    match kind(app)? {
        FileKind::Encrypted => {}
        FileKind::Missing => {
            return Err(CliError::new(format!(
                "there is no journal at {} to decrypt",
                path.display()
            )));
        }
        _ => {
            drop(app.existing_journal()?);
            app.out
                .status(&format!("{} is not encrypted.", path.display()));
            return Ok(());
        }
    }
    let key = app.journal_passphrase()?;
    let done = convert(path, Direction::Decrypt, &key, app.clock)?;
    app.out.status(&format!(
        "Decrypted the journal {}: it is a plain SQLite file again and opens without a passphrase.",
        path.display()
    ));
    report_left(app, &done);
    app.out.status(
        "Backups made while it was encrypted stay encrypted; they open with the same passphrase.",
    );
    Ok(())
}

/// Opens the journal for `pi reflect` in a terminal. A journal that does not exist yet is
/// first offered encryption, once: the answer is written into config.toml, and a script never
/// sees the question.
pub fn journal_for_reflect(app: &App) -> CliResult<Journal> {
    let new = matches!(
        kind_of(&app.config.journal),
        Ok(FileKind::Missing | FileKind::Empty)
    );
    if !new || !app.config.offer_encryption || !crate::ui::passphrase::can_ask() {
        return app.journal();
    }
    let words = words::of(app.config.language);
    app.out.status(words.offer_note);
    let yes = crate::ui::confirm::confirm(words.offer).map_err(ui_error)?;
    if let Err(e) = app.config.remember_encryption_offered() {
        app.out.status(&format!("Note: {e}; pi may ask again."));
    }
    if !yes {
        return app.journal();
    }
    let key =
        crate::ui::passphrase::ask_new_journal(words.new_passphrase, words.again, words.mismatch)
            .map_err(ui_error)?;
    let journal = app.create_encrypted_journal(Passphrase::new(key))?;
    app.out.status(words.encrypted_new);
    Ok(journal)
}

/// What the journal file is, or why it cannot be read.
fn kind(app: &App) -> CliResult<FileKind> {
    kind_of(&app.config.journal)
        .map_err(|e| CliError::new(format!("cannot read {}: {e}", app.config.journal.display())))
}

/// A new passphrase: from `PI_JOURNAL_PASSPHRASE` (checked like one typed), else chosen in a
/// terminal, asked twice.
fn new_passphrase(app: &App) -> CliResult<Passphrase> {
    if let Some(key) = passphrase_from_env() {
        crate::interchange::encrypt::check_new_passphrase(key.as_str())
            .map_err(|e| CliError::new(format!("{PASSPHRASE_VAR}: {e}; nothing was changed")))?;
        return Ok(key);
    }
    if !crate::ui::passphrase::can_ask() {
        return Err(CliError::new(
            "encrypting the journal needs a passphrase: run pi in a terminal to choose one, or set PI_JOURNAL_PASSPHRASE",
        ));
    }
    let words = words::of(app.config.language);
    let key =
        crate::ui::passphrase::ask_new_journal(words.new_passphrase, words.again, words.mismatch)
            .map_err(ui_error)?;
    Ok(Passphrase::new(key))
}

/// Old bytes that could not be overwritten: said, never hidden.
fn report_left(app: &App, done: &Converted) {
    for (path, why) in &done.not_overwritten {
        app.out.status(&format!(
            "Warning: could not overwrite the old bytes at {} ({why}); delete that file yourself.",
            path.display()
        ));
    }
}

/// Lists the plaintext copies of an encrypted journal and removes them: with
/// `--remove-plain-backups`, or when the person says yes in a terminal.
fn offer_removal(app: &App, remove: bool) -> CliResult {
    let copies = plain_copies(&app.config.journal);
    if copies.is_empty() || kind(app)? != FileKind::Encrypted {
        return Ok(());
    }
    app.out.status(&format!(
        "{} plain cop{} of the journal remain{}, readable without the passphrase:",
        copies.len(),
        if copies.len() == 1 { "y" } else { "ies" },
        if copies.len() == 1 { "s" } else { "" },
    ));
    for copy in &copies {
        app.out
            .status(&format!("  {} ({})", copy.path.display(), copy.made_by()));
    }
    let remove = remove
        || (crate::ui::passphrase::can_ask()
            && crate::ui::confirm::confirm(words::of(app.config.language).remove_copies)
                .map_err(ui_error)?);
    if !remove {
        app.out.status(
            "They are kept. `pi encrypt --remove-plain-backups` removes them; `pi backup` makes a new, encrypted copy.",
        );
        return Ok(());
    }
    let mut failed = Vec::new();
    for copy in &copies {
        if let Err(e) = crate::journal::convert::discard(&copy.path) {
            failed.push(format!("{}: {e}", copy.path.display()));
        }
    }
    let removed = copies.len() - failed.len();
    app.out.status(&format!(
        "Removed {removed} plain cop{} (overwritten first). `pi backup` makes a new, encrypted one.",
        if removed == 1 { "y" } else { "ies" }
    ));
    if failed.is_empty() {
        Ok(())
    } else {
        Err(CliError::new(format!(
            "could not remove {}",
            failed.join("; ")
        )))
    }
}

/// A cancelled question exits 130 with nothing changed; other terminal failures exit 1.
pub(crate) fn ui_error(e: UiError) -> CliError {
    match e {
        UiError::Interrupted => {
            CliError::new("interrupted; nothing was changed").with_exit_code(EXIT_INTERRUPTED)
        }
        other => CliError::from(other),
    }
}
