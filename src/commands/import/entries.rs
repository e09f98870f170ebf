//! Bringing in a history from jrnl or Day One: streamed entry by entry into one transaction.
//! When there is no journal yet, the file is read once first without one, so a bad file
//! never creates a journal.

use super::source::{Source, read_error};
use super::{journal_error, message};
use crate::app::App;
use crate::cli::ImportSource;
use crate::error::{CliError, CliResult};
use crate::interchange::import_check::excerpt;
use crate::interchange::import_json::ReadError;
use crate::interchange::jrnl::Entry;
use crate::interchange::{dayone, entries, jrnl};
use crate::journal::{ImportOrigin, ImportSummary};

/// Imports every entry of another tool's export, or none.
pub(super) fn import(
    app: &App,
    source: &Source<'_>,
    label: &str,
    tool: ImportSource,
) -> CliResult<ImportSummary> {
    let name = match tool {
        ImportSource::Jrnl => "jrnl",
        ImportSource::Dayone => "dayone",
    };
    if let Some(why) = entries::sniff(&source.head(label)?, name) {
        return Err(CliError::new(format!("{label}: {why}")));
    }
    let existing = app.existing_journal()?;
    if existing.is_none() {
        read(tool, source.reader(label)?, &mut |_, _| Ok(())).map_err(|e| read_error(label, e))?;
    }
    let mut journal = match existing {
        Some(j) => j,
        None => app.journal()?,
    };
    let language = app.config.language;
    let mut importer = journal.begin_import()?;
    importer
        .origin(&ImportOrigin {
            source: name,
            file_name: excerpt(label),
            ..ImportOrigin::default()
        })
        .map_err(|e| journal_error(label, e))?;
    read(tool, source.reader(label)?, &mut |index, entry| {
        importer
            .session(&format!("entries[{index}]"), &entry.into_session(language))
            .map_err(|e| ReadError::Record(message(e)))
    })
    .map_err(|e| read_error(label, e))?;
    importer.finish().map_err(|e| journal_error(label, e))
}

fn read(
    tool: ImportSource,
    input: Box<dyn std::io::Read + '_>,
    each: &mut dyn FnMut(usize, Entry) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    match tool {
        ImportSource::Jrnl => jrnl::read(input, each),
        ImportSource::Dayone => dayone::read(input, each),
    }
}
