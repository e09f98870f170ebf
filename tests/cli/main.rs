//! Integration tests: the real `pi` binary against temporary journals, never the user's own.

mod env;

mod bad_input;
mod completions;
mod correct;
mod diff;
mod editor;
mod encrypted;
mod encrypted_faults;
mod export;
mod faults;
mod forget;
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
mod pty_correct;
mod read_only;
mod reflect;
mod reliability;
mod reliability_encrypted;
mod reliability_forget;
mod reliability_hardening;
mod reminders;
mod review;
mod screens;
mod search;
mod status;
mod versions;
