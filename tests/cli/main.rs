//! Integration tests: the real `pi` binary against temporary journals, never the user's own.

mod env;

mod bad_input;
mod completions;
mod diff;
mod editor;
mod encrypted;
mod encrypted_faults;
mod export;
mod faults;
mod friend;
mod history;
mod hostile_text;
mod import;
mod leftovers;
mod maintenance;
mod man;
mod modes;
mod outputs;
mod packs;
mod pty;
mod read_only;
mod reflect;
mod reliability;
mod reliability_encrypted;
mod reliability_hardening;
mod reminders;
mod review;
mod search;
mod status;
mod versions;
