//! Reading the dates people type after `--since` and `--until`.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone, Utc};

/// What `--since`/`--until` accept, for error messages.
pub const ACCEPTED: &str = "YYYY-MM-DD, YYYY-MM, YYYY, or an age such as 30d, 8w, 6m or 2y";

/// The start of the day, month or year a user names, or `now` minus an age.
///
/// `2026-03-15` is that day, `2026-03` the first of March, `2026` the first of January;
/// `30d`, `8w`, `6m`, `2y` count back from `now`.
pub fn parse_moment(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    let bad = || format!("'{text}' is not a date pi understands (use {ACCEPTED})");
    let midnight = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"));
    let digits_at = |positions: &[usize]| {
        positions
            .iter()
            .all(|&i| t.as_bytes().get(i).is_some_and(u8::is_ascii_digit))
    };
    if t.len() == 10 && digits_at(&[0, 1, 2, 3, 5, 6, 8, 9]) {
        return NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(midnight)
            .map_err(|_| bad());
    }
    if let Some((y, m)) = t.split_once('-') {
        if let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>())
            && y.to_string().len() == 4
        {
            return NaiveDate::from_ymd_opt(y, m, 1)
                .map(midnight)
                .ok_or_else(bad);
        }
        return Err(bad());
    }
    if t.len() == 4
        && let Ok(y) = t.parse::<i32>()
    {
        return NaiveDate::from_ymd_opt(y, 1, 1)
            .map(midnight)
            .ok_or_else(bad);
    }
    let (number, unit) = t.split_at(t.len().saturating_sub(1));
    let n: u32 = number.parse().map_err(|_| bad())?;
    let today = now.date_naive();
    let day = match unit {
        "d" => today.checked_sub_days(Days::new(u64::from(n))),
        "w" => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        "m" => today.checked_sub_months(Months::new(n)),
        "y" => today.checked_sub_months(Months::new(n * 12)),
        _ => None,
    };
    day.map(midnight).ok_or_else(bad)
}

/// The end (exclusive) of what `--until` names: the day, month or year after it.
pub fn parse_until(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let start = parse_moment(text, now)?;
    let t = text.trim();
    let next = if t.len() == 4 {
        start.with_year(start.year() + 1)
    } else if t.len() == 7 {
        start.checked_add_months(Months::new(1))
    } else {
        start.checked_add_days(Days::new(1))
    };
    Ok(next.unwrap_or(start))
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
