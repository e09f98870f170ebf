//! Integration tests: the real `pi` binary against temporary journals, never the user's own.

mod env;

mod bad_input;
mod completions;
mod diff;
mod export;
mod faults;
mod friend;
mod history;
mod import;
mod maintenance;
mod man;
mod modes;
mod packs;
mod pty;
mod reflect;
mod reliability;
mod reminders;
mod review;
mod search;
mod status;
mod versions;
