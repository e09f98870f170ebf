//! One file per subcommand: each turns its arguments into calls on the engine and journal, and
//! the results into output.

pub mod backup;
pub mod commitments;
pub mod complete;
pub mod completions;
pub mod diff;
pub mod doctor;
pub mod edit;
pub mod encrypt;
pub mod export;
pub mod forget;
pub mod friend;
pub mod history;
pub mod import;
pub mod list;
pub mod man;
pub mod packs;
pub mod period;
pub mod reflect;
pub mod resume;
pub mod review;
mod running;
pub mod search;
pub mod show;
pub mod statements;
pub mod status;

use crate::app::App;
use crate::cli::Command;
use crate::error::CliResult;

/// Runs a parsed command; returns the exit code on success.
pub fn dispatch(app: &App, command: Command) -> CliResult<u8> {
    match command {
        Command::Reflect(args) => reflect::run(app, args),
        Command::Resume(args) => resume::run(app, args),
        Command::List(args) => list::run(app, &args).map(|()| 0),
        Command::Show(args) => show::run(app, &args).map(|()| 0),
        Command::Edit(args) => edit::run(app, &args),
        Command::Forget(args) => forget::run(app, &args),
        Command::Search(args) => search::run(app, &args).map(|()| 0),
        Command::History(args) => history::run(app, &args).map(|()| 0),
        Command::Status(args) => status::run(app, &args),
        Command::Review(args) => review::run(app, args),
        Command::Doctor(args) => doctor::run(app, &args),
        Command::Backup(args) => backup::run(app, &args).map(|()| 0),
        Command::Encrypt(args) => encrypt::run_encrypt(app, &args).map(|()| 0),
        Command::Decrypt(args) => encrypt::run_decrypt(app, &args).map(|()| 0),
        Command::Statements(args) => statements::run(app, &args).map(|()| 0),
        Command::Commitments(args) => commitments::run(app, &args).map(|()| 0),
        Command::Diff(args) => diff::run(app, &args).map(|()| 0),
        Command::Export(args) => export::run(app, &args),
        Command::Import(args) => import::run(app, &args),
        Command::Friend(args) => friend::run(app, args),
        Command::Packs(args) => packs::run(app, args),
        Command::Completions(args) => completions::run(app, &args).map(|()| 0),
        Command::Man(args) => man::run(app, &args).map(|()| 0),
    }
}
