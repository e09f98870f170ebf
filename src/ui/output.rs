//! Standard output for data, standard error for status; colour only when wanted.

use crate::domain::untrusted::{json_escaped, visible, visible_except_styles};
use std::io::{self, Write};

/// When to colour output (the command line's `--color` maps onto it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
    /// Writes text for people (a table, a session, Markdown) to stdout. Any control
    /// character or bidi override that outside text still carries is made visible here;
    /// pi's own colours pass. A closed pipe is not an error worth reporting.
    pub fn data(&self, text: &str) -> io::Result<()> {
        Self::write_out(&visible_except_styles(text))
    }

    /// Writes a value as pretty JSON to stdout, with C1 controls and bidi overrides inside
    /// its strings escaped: the same data, harmless when it lands on a terminal.
    pub fn json<T: serde::Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let json = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        Self::write_out(&json_escaped(&json))
    }

    fn write_out(text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            out.write_all(b"\n")?;
        }
        out.flush()
    }

    /// Writes a status line to stderr, any outside text in it made visible.
    pub fn status(&self, text: &str) {
        let _ = writeln!(io::stderr(), "{}", visible(text));
    }
}
