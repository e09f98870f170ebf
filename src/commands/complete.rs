//! Answering the shell at every Tab: the script of `pi completions` runs `pi` with
//! `PI_COMPLETE=<shell>` and the words typed so far, and this module prints the candidates.
//!
//! clap_complete's dynamic engine completes commands, options and their fixed values; the
//! values it cannot know (session, prompt and pack ids) come from [`candidates`], which reads
//! the journal without changing it. Whatever goes wrong, nothing is printed into the shell:
//! no error, no panic message; the shell simply gets no candidates.

mod candidates;
mod text;

use crate::cli::Cli;
use crate::journal::SessionScope;
use candidates::{Fixed, PackForm};
use clap::CommandFactory;
use clap_complete::engine::ArgValueCompleter;
use std::ffi::OsString;
use std::process::ExitCode;

/// The environment variable that asks pi to complete instead of run.
pub const ENV_VAR: &str = "PI_COMPLETE";

/// Which arguments get values clap cannot list itself: (subcommand path, argument id, what).
const DYNAMIC: &[(&[&str], &str, Values)] = &[
    (&["show"], "id", Values::Sessions(SessionScope::All)),
    (&["diff"], "first", Values::Sessions(SessionScope::All)),
    (&["diff"], "second", Values::Sessions(SessionScope::All)),
    (&["export"], "ids", Values::Sessions(SessionScope::All)),
    (&["resume"], "id", Values::Sessions(SessionScope::Paused)),
    (
        &["review"],
        "session",
        Values::Sessions(SessionScope::Reviews),
    ),
    (&["edit"], "session", Values::Sessions(SessionScope::All)),
    (&["forget"], "session", Values::Sessions(SessionScope::All)),
    (&["history"], "prompt", Values::Prompts),
    (&["edit"], "prompt", Values::Prompts),
    (&["forget"], "prompt", Values::Prompts),
    (&["export"], "exclude_prompt", Values::Prompts),
    (&["reflect"], "pack", Values::Packs(PackForm::Id)),
    (
        &["packs", "show"],
        "pack",
        Values::Packs(PackForm::IdOrVersion),
    ),
    (&["packs", "diff"], "from", Values::Packs(PackForm::Version)),
    (
        &["packs", "diff"],
        "to",
        Values::Packs(PackForm::IdOrVersion),
    ),
    (&[], "lang", Values::Fixed(Fixed::Languages)),
    (&["reflect"], "mode", Values::Fixed(Fixed::Modes)),
    (&["reflect"], "depth", Values::Fixed(Fixed::Depths)),
    (&["review"], "depth", Values::Fixed(Fixed::Depths)),
    (&["search"], "mode", Values::Fixed(Fixed::Modes)),
    (&["diff"], "mode", Values::Fixed(Fixed::Modes)),
    (&["export"], "mode", Values::Fixed(Fixed::Modes)),
];

/// The kinds of values clap cannot list itself: from the journal, the packs, or a fixed list
/// that a custom parser accepts (with aliases clap does not know of).
#[derive(Debug, Clone, Copy)]
enum Values {
    Sessions(SessionScope),
    Prompts,
    Packs(PackForm),
    Fixed(Fixed),
}

/// Answers a completion request when the shell's script asked for one (then the process
/// should exit with the returned code); `None` for an ordinary run of pi.
pub fn answer_if_asked() -> Option<ExitCode> {
    let value = std::env::var_os(ENV_VAR)?;
    if value.is_empty() || value == "0" {
        return None;
    }
    // A panic message would land in the middle of the person's command line.
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<OsString> = std::env::args_os().collect();
    let answered = std::panic::catch_unwind(|| {
        let current_dir = std::env::current_dir().ok();
        clap_complete::CompleteEnv::with_factory(command)
            .var(ENV_VAR)
            .try_complete(args, current_dir.as_deref())
    });
    match answered {
        Ok(Ok(true)) => Some(ExitCode::SUCCESS),
        Ok(Ok(false)) => None,
        // Exit non-zero, quietly: the bash script then offers nothing.
        Ok(Err(_)) | Err(_) => Some(ExitCode::FAILURE),
    }
}

/// pi's command line with the journal-backed completers attached.
pub fn command() -> clap::Command {
    DYNAMIC
        .iter()
        .fold(Cli::command(), |cmd, &(path, arg, values)| {
            attach(cmd, path, arg, values)
        })
}

fn attach(cmd: clap::Command, path: &[&str], arg: &str, values: Values) -> clap::Command {
    match path {
        [] => cmd.mut_arg(arg, |a| a.add(completer(values))),
        [first, rest @ ..] => cmd.mut_subcommand(first, |sub| attach(sub, rest, arg, values)),
    }
}

fn completer(values: Values) -> ArgValueCompleter {
    match values {
        Values::Sessions(scope) => ArgValueCompleter::new(move |current: &std::ffi::OsStr| {
            candidates::sessions(current, scope)
        }),
        Values::Prompts => ArgValueCompleter::new(candidates::prompts),
        Values::Packs(form) => ArgValueCompleter::new(move |current: &std::ffi::OsStr| {
            candidates::packs(current, form)
        }),
        Values::Fixed(kind) => ArgValueCompleter::new(move |current: &std::ffi::OsStr| {
            candidates::fixed(current, kind)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument named in [`DYNAMIC`] exists (clap panics on a missing one), so a
    /// renamed flag cannot silently lose its completion.
    #[test]
    fn every_dynamic_argument_exists() {
        let mut cmd = command();
        cmd.build();
        for (path, arg, _) in DYNAMIC {
            let mut sub = &cmd;
            for name in *path {
                sub = sub.find_subcommand(name).unwrap();
            }
            let arg = sub.get_arguments().find(|a| a.get_id() == *arg).unwrap();
            assert!(arg.get::<ArgValueCompleter>().is_some(), "{path:?} {arg}");
        }
    }

    #[test]
    fn commands_and_options_complete_from_clap() {
        let cmd = command();
        let words = |w: &[&str]| -> Vec<String> {
            let args: Vec<OsString> = w.iter().map(OsString::from).collect();
            clap_complete::engine::complete(&mut cmd.clone(), args, w.len() - 1, None)
                .unwrap()
                .iter()
                .map(|c| c.get_value().to_string_lossy().into_owned())
                .collect()
        };
        assert!(words(&["pi", "sta"]).contains(&"status".to_string()));
        assert!(words(&["pi", "status", "--q"]).contains(&"--quiet".to_string()));
        assert_eq!(words(&["pi", "completions", "z"]), ["zsh"]);
        assert!(words(&["pi", "diff", "--format", ""]).contains(&"md".to_string()));
        assert!(words(&["pi", "m"]).contains(&"man".to_string()));
        assert_eq!(words(&["pi", "reflect", "--mode", "k"]), ["kiezen"]);
        assert_eq!(words(&["pi", "review", "--depth", "d"]), ["deep"]);
        assert_eq!(words(&["pi", "list", "--lang", "n"]), ["nl"]);
        assert_eq!(words(&["pi", "export", "--mode=o"]), ["--mode=onderhouden"]);
    }
}
