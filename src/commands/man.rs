//! `pi man`: manual pages made from the same clap definitions as `--help` (clap_mangen), so
//! they never drift from the program. One page per command: `pi(1)`, `pi-reflect(1)`,
//! `pi-packs-list(1)`, …; printed one at a time, or all written into a folder for packagers.

use crate::app::App;
use crate::cli::{Cli, ManArgs};
use crate::error::{CliError, CliResult};
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The first line of every page pi makes: how `pi man --dir` knows a file it may replace.
const MARKER: &str = ".\\\" Made by `pi man`; running it again replaces this page.";

/// Runs `pi man`.
pub fn run(app: &App, args: &ManArgs) -> CliResult {
    let root = tree();
    if let Some(dir) = &args.dir {
        return write_all(app, &root, dir, args.force);
    }
    let mut cmd = &root;
    for name in &args.command {
        cmd = cmd
            .get_subcommands()
            .find(|c| c.get_name() == name && !c.is_hide_set())
            .ok_or_else(|| {
                let mut typed = vec!["pi"];
                typed.extend(args.command.iter().map(String::as_str));
                CliError::usage(format!("there is no command `{}`", typed.join(" ")))
                    .hint(format!("`{} --help` lists the commands", display(cmd)))
            })?;
    }
    let page = render(cmd, std::ptr::eq(cmd, &root))?;
    let mut out = std::io::stdout().lock();
    out.write_all(&page)
        .and_then(|()| out.flush())
        .map_err(CliError::from)
}

/// pi's command tree, built (so every subcommand knows its page name, `pi-packs-list`), without
/// clap's `help` subcommand, which has no page.
fn tree() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// "pi packs list", as typed.
fn display(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .replace('-', " ")
}

/// Every page: (file name, roff), for `cmd` and each of its visible subcommands.
fn pages(cmd: &clap::Command, root: bool) -> CliResult<Vec<(String, Vec<u8>)>> {
    let mut out = vec![(Man::new(cmd.clone()).get_filename(), render(cmd, root)?)];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.extend(pages(sub, false)?);
    }
    Ok(out)
}

/// The page of one command: clap_mangen's sections, then its examples and notes as written
/// in `--help`, and on pi's own page what `--help` cannot say (environment, files, exit status).
fn render(cmd: &clap::Command, root: bool) -> CliResult<Vec<u8>> {
    let mut page = cmd.clone();
    if root {
        // NAME reads "pi - …": the about line's own "pi: " would say it twice.
        page = page.about("a companion for working on your professional identity");
    }
    let man = Man::new(page).source(format!("pi {}", env!("CARGO_PKG_VERSION")));
    let mut buf = Vec::new();
    let io = |e: std::io::Error| CliError::new(format!("cannot make the manual page: {e}"));
    writeln!(buf, "{MARKER}").map_err(io)?;
    man.render_title(&mut buf).map_err(io)?;
    man.render_name_section(&mut buf).map_err(io)?;
    man.render_synopsis_section(&mut buf).map_err(io)?;
    man.render_description_section(&mut buf).map_err(io)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut buf).map_err(io)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut buf).map_err(io)?;
    }
    let mut roff = Roff::default();
    if let Some(after) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) {
        after_help(&mut roff, &after.to_string());
    }
    if root {
        root_sections(&mut roff);
    } else {
        roff.control("SH", ["SEE ALSO"]);
        roff.text([bold("pi"), roman("(1)")]);
    }
    roff.to_writer(&mut buf).map_err(io)?;
    if root {
        man.render_version_section(&mut buf).map_err(io)?;
    }
    Ok(buf)
}

/// The text after `--help`: its `Examples:` block becomes EXAMPLES, kept line for line since
/// its columns line up commands with what they do; the rest becomes NOTES, where indented
/// lines (settings, formats) keep their lines and the others are filled to the page's width.
fn after_help(roff: &mut Roff, text: &str) {
    let (examples, notes) = match text.strip_prefix("Examples:") {
        Some(rest) => match rest.split_once("\n\n") {
            Some((examples, notes)) => (examples, notes),
            None => (rest, ""),
        },
        None => ("", text),
    };
    let examples: Vec<&str> = examples.lines().filter(|l| !l.trim().is_empty()).collect();
    if !examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        fixed(roff, &examples);
    }
    let paragraphs: Vec<&str> = notes
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    if paragraphs.is_empty() {
        return;
    }
    roff.control("SH", ["NOTES"]);
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            roff.control("PP", []);
        }
        let lines: Vec<&str> = paragraph.lines().collect();
        for run in lines.chunk_by(|a, b| a.starts_with(' ') == b.starts_with(' ')) {
            if run[0].starts_with(' ') {
                fixed(roff, run);
            } else {
                roff.text([roman(run.join(" "))]);
            }
        }
    }
}

/// Lines shown exactly as written.
fn fixed(roff: &mut Roff, lines: &[&str]) {
    roff.control("nf", []);
    for line in lines {
        roff.text([roman(*line)]);
    }
    roff.control("fi", []);
}

/// Environment, files, exit status and where to read on, for `pi(1)`.
fn root_sections(roff: &mut Roff) {
    let list = |roff: &mut Roff, heading: &str, items: &[(&str, &str)]| {
        roff.control("SH", [heading]);
        for (term, text) in items {
            roff.control("TP", []);
            roff.text([bold(*term)]);
            roff.text([roman(*text)]);
        }
    };
    list(
        roff,
        "ENVIRONMENT",
        &[
            ("PI_JOURNAL", "The journal file, as --journal."),
            (
                "PI_CONFIG_DIR",
                "The folder of config.toml and packs/ instead of the platform's config folder.",
            ),
            (
                "PI_FRIENDS",
                "The store of what professional friends shared, as pi friend --store.",
            ),
            (
                "PI_PASSPHRASE",
                "The passphrase for pi export --encrypt and for opening encrypted files, \
                 instead of asking.",
            ),
            (
                "PI_JOURNAL_PASSPHRASE",
                "The passphrase of an encrypted journal (pi encrypt), instead of asking; \
                 other processes of yours can read it, so prefer the question in a terminal.",
            ),
            ("VISUAL, EDITOR", "The editor for long answers."),
            ("NO_COLOR", "When set, no colour (as --color never)."),
            (
                "LC_ALL, LC_MESSAGES, LANG",
                "The language, when neither --lang nor config.toml names one.",
            ),
            (
                "PI_COMPLETE",
                "Set by the scripts of pi completions when the shell asks pi to complete.",
            ),
        ],
    );
    list(
        roff,
        "FILES",
        &[
            (
                "~/.local/share/pi/journal.db",
                "The journal (on Linux; macOS and Windows use their own data folder): \
                 directory 0700, file 0600.",
            ),
            (
                "~/.config/pi/config.toml",
                "Settings: language, review_month, remind_after_weeks.",
            ),
            ("~/.config/pi/packs/*.toml", "Prompt packs of your own."),
            (
                "friends.db",
                "Beside the journal: exports that friends shared, and your comments.",
            ),
        ],
    );
    list(
        roff,
        "EXIT STATUS",
        &[
            ("0", "Success, also when a session is paused."),
            (
                "1",
                "An error in data or configuration: a broken journal or pack, a bad answers \
                 file, an existing output file.",
            ),
            ("2", "A usage error: an unknown flag or command."),
            (
                "10",
                "pi status --quiet: something is due (a reflection, the review, a \
                 commitment to look back on, a paused session).",
            ),
            (
                "130",
                "Interrupted with Ctrl-C; what was answered is saved.",
            ),
        ],
    );
}

/// `pi man --dir DIR`: every page into DIR, each complete or absent. Nothing is written unless
/// every page can be: a file pi did not make stops the whole run, unless `force`.
fn write_all(app: &App, root: &clap::Command, dir: &Path, force: bool) -> CliResult {
    let pages = pages(root, true)?;
    if let Ok(meta) = std::fs::metadata(dir)
        && !meta.is_dir()
    {
        return Err(CliError::new(format!(
            "{} is not a folder; --dir needs one to put the pages in",
            dir.display()
        )));
    }
    let protected = protected_paths(app);
    let mut replacing = 0;
    for (name, _) in &pages {
        let path = dir.join(name);
        if check_target(&path, force, &protected)? {
            replacing += 1;
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::new(format!("cannot create the folder {}: {e}", dir.display())))?;
    let io = |path: &Path, e: std::io::Error| {
        CliError::new(format!("cannot write {}: {e}", path.display()))
    };
    // Every page complete on disk first; then each renamed into place.
    let mut ready = Vec::with_capacity(pages.len());
    for (name, text) in &pages {
        let path = dir.join(name);
        let mut tmp = tempfile::Builder::new()
            .prefix(".pi-man-")
            .tempfile_in(dir)
            .map_err(|e| io(&path, e))?;
        tmp.write_all(text)
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| io(&path, e))?;
        ready.push((tmp, path));
    }
    for (tmp, path) in ready {
        set_readable(tmp.path());
        let result = if path.exists() {
            tmp.persist(&path).map(drop)
        } else {
            tmp.persist_noclobber(&path).map(drop)
        };
        result.map_err(|e| io(&path, e.error))?;
    }
    app.out.status(&format!(
        "Wrote {} manual pages to {}{}.",
        pages.len(),
        dir.display(),
        match replacing {
            0 => String::new(),
            n => format!(" (replacing {n})"),
        }
    ));
    Ok(())
}

/// Whether `path` may be written: `Ok(true)` to replace a file, `Ok(false)` for a new one.
fn check_target(path: &Path, force: bool, protected: &[PathBuf]) -> CliResult<bool> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => {
            return Err(CliError::new(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    if !meta.is_file() {
        return Err(CliError::new(format!(
            "{} exists and is not a regular file; pi man replaces only files",
            path.display()
        )));
    }
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if protected.contains(&canonical) {
        return Err(CliError::new(format!(
            "{} is your journal or belongs to it; pi man never replaces it",
            path.display()
        )));
    }
    if force || made_by_pi(path) {
        return Ok(true);
    }
    Err(CliError::new(format!(
        "{} exists and was not written by `pi man`; pass --force to replace it",
        path.display()
    )))
}

/// Whether the file begins with the line every page pi makes begins with.
fn made_by_pi(path: &Path) -> bool {
    use std::io::Read;
    let mut start = vec![0u8; MARKER.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok_and(|()| start == MARKER.as_bytes())
}

/// The journal and the files that belong to it, which no output may replace.
fn protected_paths(app: &App) -> Vec<PathBuf> {
    let journal = &app.config.journal;
    let mut paths = vec![journal.clone(), journal.with_file_name("friends.db")];
    for suffix in ["-wal", "-shm", "-journal"] {
        for base in [journal.clone(), journal.with_file_name("friends.db")] {
            paths.push(PathBuf::from(format!("{}{suffix}", base.display())));
        }
    }
    paths
        .into_iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect()
}

/// Manual pages are for every user to read (a temporary file starts private).
fn set_readable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_page_named_after_it() {
        let pages = pages(&tree(), true).unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        for name in [
            "pi.1",
            "pi-reflect.1",
            "pi-packs.1",
            "pi-packs-list.1",
            "pi-man.1",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
        for (name, text) in &pages {
            let text = String::from_utf8(text.clone()).unwrap();
            assert!(text.starts_with(MARKER), "{name}");
            assert!(text.contains(".TH "), "{name}");
        }
    }

    #[test]
    fn examples_keep_their_lines() {
        let mut roff = Roff::default();
        after_help(
            &mut roff,
            "Examples:\n  pi a     one\n  pi b\n\nA note.\n  - .x",
        );
        let text = roff.to_roff();
        assert!(
            text.contains(".SH EXAMPLES\n.nf\n  pi a     one\n  pi b\n.fi\n"),
            "{text}"
        );
        assert!(
            text.contains(".SH NOTES\nA note.\n.nf\n  \\- .x\n.fi"),
            "{text}"
        );
        assert!(!text.contains("\n.x"), "a leading dot is escaped: {text}");
    }
}
