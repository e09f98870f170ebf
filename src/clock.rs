//! The time source: the real clock, or a fixed moment from `PI_NOW` so tests are exact.

use chrono::{DateTime, SecondsFormat, Utc};

/// Hands out "now". Injected everywhere time is read, so history, due dates and reviews can
/// be tested at a known moment.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    fixed: Option<DateTime<Utc>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self { fixed: None }
    }

    /// Always the same moment.
    pub fn fixed(at: DateTime<Utc>) -> Self {
        Self { fixed: Some(at) }
    }

    /// `PI_NOW` (RFC 3339, e.g. `2026-11-23T10:00:00Z`) when set, else the system clock.
    pub fn from_env() -> Result<Self, String> {
        match std::env::var("PI_NOW") {
            Ok(s) if !s.trim().is_empty() => DateTime::parse_from_rfc3339(s.trim())
                .map(|t| Self::fixed(t.with_timezone(&Utc)))
                .map_err(|e| format!("PI_NOW='{s}' is not an RFC 3339 time ({e})")),
            _ => Ok(Self::system()),
        }
    }

    /// The current moment.
    #[allow(clippy::disallowed_methods)] // the one place the clock is read
    pub fn now(&self) -> DateTime<Utc> {
        self.fixed.unwrap_or_else(Utc::now)
    }

    /// The current moment as stored in the journal.
    pub fn stamp(&self) -> String {
        format_stamp(self.now())
    }
}

/// A journal stamp as a date and time in the person's time zone (`2026-11-23 10:00`), or as
/// it is when it does not read. The one place stored times become local ones. Written field
/// by field: `pi history` shows thousands, and chrono's `format` parses its pattern each time.
pub fn local_time(stamp: &str) -> String {
    use chrono::{Datelike, Timelike};
    parse_stamp(stamp).map_or_else(
        || stamp.to_string(),
        |t| {
            let t = t.with_timezone(&chrono::Local);
            let local = t.naive_local();
            let year = match u32::try_from(local.year()) {
                Ok(y) if y <= 9999 => y,
                _ => return t.format("%Y-%m-%d %H:%M").to_string(),
            };
            let mut out = String::with_capacity(16);
            let mut digits = |n: u32, width: u32, then: Option<char>| {
                for place in (0..width).rev() {
                    out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
                }
                out.extend(then);
            };
            digits(year, 4, Some('-'));
            digits(local.month(), 2, Some('-'));
            digits(local.day(), 2, Some(' '));
            digits(local.hour(), 2, Some(':'));
            digits(local.minute(), 2, None);
            out
        },
    )
}

/// The date part of [`local_time`] (`2026-11-23`).
pub fn local_date(stamp: &str) -> String {
    local_time(stamp).chars().take(10).collect()
}

/// The machine's own clock, for the age of files on disk (a leftover temporary file, a
/// backup). Never `PI_NOW`: a file's modification time is the machine's, whatever moment a
/// test pretends it is.
#[allow(clippy::disallowed_methods)] // the one place the file clock is read
pub fn file_clock_now() -> std::time::SystemTime {
    std::time::SystemTime::now()
}

/// The journal's timestamp format: RFC 3339, UTC, milliseconds; sorts as text.
pub fn format_stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads a journal timestamp.
pub fn parse_stamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_round_trip() {
        let t = parse_stamp("2026-11-23T10:00:00.000Z").unwrap();
        assert_eq!(format_stamp(t), "2026-11-23T10:00:00.000Z");
        assert_eq!(Clock::fixed(t).stamp(), "2026-11-23T10:00:00.000Z");
    }
}
