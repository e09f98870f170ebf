//! Reading the dates people type after `--since` and `--until`.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone, Utc};

/// What `--since`/`--until` accept, for error messages.
pub const ACCEPTED: &str = "YYYY-MM-DD, YYYY-MM, YYYY, or an age such as 30d, 8w, 6m or 2y";

/// A date as a person typed it, read but not yet placed in time: a day, a month, a year,
/// or an age counted back from now. Parsed on the command line (a bad one is a usage error
/// there, exit 2, the same for every command); placed against the clock when it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec {
    /// `2026-03-15`.
    Day(NaiveDate),
    /// `2026-03`: the first of the month.
    Month(NaiveDate),
    /// `2026`: the first of January.
    Year(i32),
    /// `30d`, `8w`, `6m`, `2y`: that long before now.
    Age(u32, AgeUnit),
}

/// The unit of an age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl std::str::FromStr for DateSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let bad = || format!("'{text}' is not a date pi understands (use {ACCEPTED})");
        let digits_at = |positions: &[usize]| {
            positions
                .iter()
                .all(|&i| t.as_bytes().get(i).is_some_and(u8::is_ascii_digit))
        };
        if t.len() == 10 && digits_at(&[0, 1, 2, 3, 5, 6, 8, 9]) {
            return NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map(DateSpec::Day)
                .map_err(|_| bad());
        }
        if let Some((y, m)) = t.split_once('-') {
            if let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>())
                && y.to_string().len() == 4
            {
                return NaiveDate::from_ymd_opt(y, m, 1)
                    .map(DateSpec::Month)
                    .ok_or_else(bad);
            }
            return Err(bad());
        }
        if t.len() == 4
            && let Ok(y) = t.parse::<i32>()
        {
            return NaiveDate::from_ymd_opt(y, 1, 1)
                .map(|_| DateSpec::Year(y))
                .ok_or_else(bad);
        }
        let (number, unit) = t.split_at(t.len().saturating_sub(1));
        let n: u32 = number.parse().map_err(|_| bad())?;
        let unit = match unit {
            "d" => AgeUnit::Days,
            "w" => AgeUnit::Weeks,
            "m" => AgeUnit::Months,
            "y" => AgeUnit::Years,
            _ => return Err(bad()),
        };
        Ok(DateSpec::Age(n, unit))
    }
}

impl DateSpec {
    /// The first moment of what it names (midnight UTC of that day), or `now` minus an age.
    pub fn start(self, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
        let midnight =
            |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"));
        let day = match self {
            DateSpec::Day(d) | DateSpec::Month(d) => Some(d),
            DateSpec::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            DateSpec::Age(n, unit) => {
                let today = now.date_naive();
                match unit {
                    AgeUnit::Days => today.checked_sub_days(Days::new(u64::from(n))),
                    AgeUnit::Weeks => today.checked_sub_days(Days::new(u64::from(n) * 7)),
                    AgeUnit::Months => today.checked_sub_months(Months::new(n)),
                    AgeUnit::Years => n
                        .checked_mul(12)
                        .and_then(|m| today.checked_sub_months(Months::new(m))),
                }
            }
        };
        day.map(midnight)
            .ok_or_else(|| "that date lies too far back".to_string())
    }

    /// The end (exclusive) of what it names: the day, month or year after it; for an age,
    /// the day after the day it names.
    pub fn end(self, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
        let start = self.start(now)?;
        let next = match self {
            DateSpec::Year(_) => start.with_year(start.year() + 1),
            DateSpec::Month(_) => start.checked_add_months(Months::new(1)),
            DateSpec::Day(_) | DateSpec::Age(..) => start.checked_add_days(Days::new(1)),
        };
        Ok(next.unwrap_or(start))
    }
}

/// The start of the day, month or year a user names, or `now` minus an age.
///
/// `2026-03-15` is that day, `2026-03` the first of March, `2026` the first of January;
/// `30d`, `8w`, `6m`, `2y` count back from `now`.
pub fn parse_moment(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    text.parse::<DateSpec>()?.start(now)
}

/// The end (exclusive) of what `--until` names: the day, month or year after it.
pub fn parse_until(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    text.parse::<DateSpec>()?.end(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap()
    }

    fn day(s: &str) -> String {
        parse_moment(s, now())
            .unwrap()
            .format("%Y-%m-%d")
            .to_string()
    }

    #[test]
    fn dates_months_years_and_ages() {
        assert_eq!(day("2026-03-15"), "2026-03-15");
        assert_eq!(day("2026-03"), "2026-03-01");
        assert_eq!(day("2025"), "2025-01-01");
        assert_eq!(day("30d"), "2026-10-24");
        assert_eq!(day("2w"), "2026-11-09");
        assert_eq!(day("6m"), "2026-05-23");
        assert_eq!(day("1y"), "2025-11-23");
    }

    #[test]
    fn until_is_the_end_of_what_it_names() {
        let end = |s: &str| {
            parse_until(s, now())
                .unwrap()
                .format("%Y-%m-%d")
                .to_string()
        };
        assert_eq!(end("2026-03-15"), "2026-03-16");
        assert_eq!(end("2026-03"), "2026-04-01");
        assert_eq!(end("2026"), "2027-01-01");
    }

    #[test]
    fn nonsense_names_the_formats() {
        for bad in ["last tuesday", "2026-13", "26-01-01", "5x", ""] {
            let err = parse_moment(bad, now()).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }
}
