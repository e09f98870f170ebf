//! `pi completions SHELL`: prints the script that teaches a shell to complete `pi`.
//!
//! The script is clap_complete's dynamic registration: at every Tab the shell runs `pi` again
//! with `PI_COMPLETE` set (see [`super::complete`]), so commands, options and the ids in the
//! journal complete from the `pi` that is installed, never from a stale copy.

use super::complete::ENV_VAR;
use crate::app::App;
use crate::cli::{CompletionsArgs, Shell};
use crate::error::{CliError, CliResult};
use clap_complete::env::{Bash, EnvCompleter, Fish, Powershell, Zsh};
use std::path::PathBuf;

/// Runs `pi completions`.
pub fn run(app: &App, args: &CompletionsArgs) -> CliResult {
    let script = script(args.shell, &completer())?;
    app.out.data(&script).map_err(CliError::from)
}

/// The registration script for `shell`, calling `completer` to complete.
pub fn script(shell: Shell, completer: &str) -> CliResult<String> {
    let adapter: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::Powershell => &Powershell,
    };
    let mut buf = Vec::new();
    adapter
        .write_registration(ENV_VAR, "pi", "pi", completer, &mut buf)
        .map_err(|e| CliError::new(format!("cannot write the completion script: {e}")))?;
    String::from_utf8(buf).map_err(CliError::from)
}

/// How the script should call pi: as it was called now. `pi` found on the PATH stays `pi`
/// (so an upgrade in place is picked up); a path such as `./target/release/pi` is made
/// absolute, so the script works from any directory.
fn completer() -> String {
    let arg0 = std::env::args_os()
        .next()
        .map_or_else(|| PathBuf::from("pi"), PathBuf::from);
    let path = if arg0.components().count() > 1 && arg0.is_relative() {
        std::env::current_dir().map_or(arg0.clone(), |dir| dir.join(&arg0))
    } else {
        arg0
    };
    path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_that_calls_pi_back() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Powershell] {
            let text = script(shell, "/opt/my pi/pi").unwrap();
            assert!(text.contains(ENV_VAR), "{shell:?}: {text}");
            assert!(text.contains("my pi"), "{shell:?}: {text}");
        }
        assert!(
            script(Shell::Bash, "pi")
                .unwrap()
                .contains("complete -o nospace")
        );
        assert!(script(Shell::Zsh, "pi").unwrap().starts_with("#compdef pi"));
        assert!(
            script(Shell::Powershell, "pi")
                .unwrap()
                .contains("Register-ArgumentCompleter")
        );
    }
}
