//! `--since`/`--until` placed in time: one resolution for every command, so an empty period is
//! the same usage error (exit 2) everywhere.

use crate::cli::PeriodArgs;
use crate::error::{CliError, CliResult};
use chrono::{DateTime, Utc};

/// A period `[from, to)`; either end open when not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first moment inside it.
    pub from: Option<DateTime<Utc>>,
    /// The first moment after it.
    pub to: Option<DateTime<Utc>>,
}

impl Period {
    /// Places `args` against `now`; refuses a period that holds nothing.
    pub fn of(args: &PeriodArgs, now: DateTime<Utc>) -> CliResult<Self> {
        let place = |flag: &str, r: Result<DateTime<Utc>, String>| {
            r.map_err(|e| CliError::usage(format!("{flag}: {e}")))
        };
        let from = args
            .since
            .map(|s| place("--since", s.start(now)))
            .transpose()?;
        let to = args
            .until
            .map(|u| place("--until", u.end(now)))
            .transpose()?;
        if let (Some(f), Some(t)) = (from, to)
            && f >= t
        {
            return Err(CliError::usage(format!(
                "the period from {} to {} is empty: --since must come before --until",
                f.format("%Y-%m-%d"),
                (t - chrono::Duration::milliseconds(1)).format("%Y-%m-%d")
            )));
        }
        Ok(Self { from, to })
    }
}
