//! Standard output for data, standard error for status; colour only when wanted.

use std::io::{self, Write};

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Decides, for a stream that is (or is not) a terminal.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Where commands write: data to stdout, status to stderr.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// Whether stdout may carry colour.
    pub color: bool,
}

impl Output {
    /// Writes data (a table, JSON) to stdout. A closed pipe is not an error worth reporting.
    pub fn data(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            out.write_all(b"\n")?;
        }
        out.flush()
    }

    /// Writes a status line to stderr.
    pub fn status(&self, text: &str) {
        let _ = writeln!(io::stderr(), "{text}");
    }
}
