//! Full-text search over what the user wrote: answers, statements, commitments and follow-up
//! notes, through the FTS5 index that migration 0003 builds and its triggers keep in step.
//!
//! The user's words are always quoted before they reach FTS5, so no text they type (a quote,
//! `AND`, a bracket) is ever query syntax, and every search is an index lookup (`MATCH`).

use super::error::JournalError;
use super::open::Journal;
use crate::domain::{Mode, SessionId};
use rusqlite::params;

/// What kind of record a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// The current revision of an answer.
    Answer,
    /// A statement (any wording, also one let go or revised).
    Statement,
    /// A commitment.
    Commitment,
    /// The note written when a commitment was followed up.
    CommitmentNote,
}

impl HitKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "answer" => Self::Answer,
            "statement" => Self::Statement,
            "commitment" => Self::Commitment,
            "commitment_note" => Self::CommitmentNote,
            _ => return None,
        })
    }
}

/// What to search for and where.
#[derive(Debug, Clone)]
pub struct SearchQuery<'a> {
    /// The words as the user typed them; a trailing `*` makes a word a prefix.
    pub text: &'a str,
    /// Only records of sessions in this mode.
    pub mode: Option<Mode>,
    /// Only records of sessions that started at or after this stamp (RFC 3339, UTC).
    pub since: Option<String>,
    /// Only records of sessions that started before this stamp.
    pub until: Option<String>,
    /// Only records of starred sessions.
    pub starred: bool,
    /// At most this many hits.
    pub limit: usize,
    /// What to put before and after each matched word in a snippet.
    pub marks: (&'a str, &'a str),
}

/// One record that matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchHit {
    /// Answer, statement, commitment or follow-up note.
    pub kind: HitKind,
    /// The id of that record.
    pub record_id: String,
    /// The session it was written in, if any.
    pub session_id: Option<SessionId>,
    /// When that session started (or the record was written, without a session).
    pub date: String,
    /// The session's mode, if any.
    pub mode: Option<Mode>,
    /// The session's main pack.
    pub pack_id: Option<String>,
    /// What the session was about.
    pub context: String,
    /// For an answer: the prompt's id.
    pub prompt_id: Option<String>,
    /// For an answer: the question as it was asked.
    pub prompt_text: Option<String>,
    /// The whole text that matched.
    pub text: String,
    /// The part of it around the matches, with the matched words marked.
    pub snippet: String,
}

/// Hits, newest first, and whether there were more than the limit.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The hits.
    pub hits: Vec<SearchHit>,
    /// True when more records matched than `limit`.
    pub more: bool,
}

/// How many words around the matches a snippet shows.
const SNIPPET_WORDS: i64 = 16;

/// Turns the user's text into an FTS5 query: each word quoted as a string (inner quotes
/// doubled) and all of them required. A trailing `*` keeps its meaning of "starts with".
/// Words without a letter or digit are dropped: they would match nothing. `None` when no word
/// is left.
pub fn match_expression(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .filter_map(|word| {
            let stem = word.trim_end_matches('*');
            let prefix = stem.len() < word.len();
            stem.chars().any(char::is_alphanumeric).then(|| {
                format!(
                    "\"{}\"{}",
                    stem.replace('"', "\"\""),
                    if prefix { "*" } else { "" }
                )
            })
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// The whole FTS5 query: the user's words in `body`, and the filters as tokens of `facets`
/// (`mode<id>`, and the months of the period as prefixes of `d<YYYYMM>`), so that the index
/// itself narrows the search. The exact bounds are checked in SQL on the few rows left.
fn full_expression(words: &str, query: &SearchQuery<'_>) -> String {
    let mut expression = format!("body : ({words})");
    if let Some(mode) = query.mode {
        expression.push_str(&format!(" AND facets : \"mode{}\"", mode.id()));
    }
    let lo = query.since.as_deref().and_then(month).unwrap_or((0, 1));
    let hi = query.until.as_deref().and_then(month).unwrap_or((9999, 12));
    let prefixes = period_prefixes(lo, hi);
    if prefixes.is_empty() {
        // An empty period: nothing can match, and the SQL bounds agree.
        expression.push_str(" AND facets : \"dnever\"");
    } else if prefixes.iter().all(|p| !p.is_empty()) {
        let terms: Vec<String> = prefixes.iter().map(|p| format!("d{p}*")).collect();
        expression.push_str(&format!(" AND facets : ({})", terms.join(" OR ")));
    }
    expression
}

/// Year and month of an RFC 3339 stamp.
fn month(stamp: &str) -> Option<(u32, u32)> {
    let year = stamp.get(..4)?.parse().ok()?;
    let month = stamp.get(5..7)?.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

/// Prefixes of `YYYYMM` that cover the months from `lo` to `hi` (inclusive): the months of a
/// partial first and last year, and the whole years between as few digit prefixes. An empty
/// prefix means every month; no prefixes, an empty period. A few dozen at most.
fn period_prefixes(lo: (u32, u32), hi: (u32, u32)) -> Vec<String> {
    let months = |y: u32, from: u32, to: u32| -> Vec<String> {
        if from == 1 && to == 12 {
            vec![format!("{y:04}")]
        } else {
            (from..=to).map(|m| format!("{y:04}{m:02}")).collect()
        }
    };
    if lo > hi {
        return Vec::new();
    }
    if lo.0 == hi.0 {
        return months(lo.0, lo.1, hi.1);
    }
    let mut out = Vec::new();
    let first_full = if lo.1 == 1 {
        lo.0
    } else {
        out.extend(months(lo.0, lo.1, 12));
        lo.0 + 1
    };
    let last_full = if hi.1 == 12 { hi.0 } else { hi.0 - 1 };
    if first_full <= last_full {
        out.extend(cover(
            &format!("{first_full:04}"),
            &format!("{last_full:04}"),
        ));
    }
    if hi.1 != 12 {
        out.extend(months(hi.0, 1, hi.1));
    }
    out
}

/// The fewest digit prefixes that together cover every string from `lo` to `hi` (inclusive,
/// of equal length): `2017`..`2031` is `2017`, `2018`, `2019`, `202`, `2030`, `2031`.
fn cover(lo: &str, hi: &str) -> Vec<String> {
    let all = |s: &str, d: char| s.chars().all(|c| c == d);
    if all(lo, '0') && all(hi, '9') {
        return vec![String::new()];
    }
    let (l, lo_rest) = lo.split_at(1);
    let (h, hi_rest) = hi.split_at(1);
    let prefixed = |p: &str, list: Vec<String>| -> Vec<String> {
        list.into_iter().map(|s| format!("{p}{s}")).collect()
    };
    if l == h {
        return prefixed(l, cover(lo_rest, hi_rest));
    }
    let mut out = prefixed(l, cover(lo_rest, &"9".repeat(lo_rest.len())));
    out.extend((l.as_bytes()[0] + 1..h.as_bytes()[0]).map(|d| char::from(d).to_string()));
    out.extend(prefixed(h, cover(&"0".repeat(hi_rest.len()), hi_rest)));
    out
}

/// The search, newest record first. Replaced answer revisions are still in the index (see
/// migration 0003) and are filtered out here through the revision-chain index; the sessions
/// and answers are joined only for what is shown.
const SEARCH_SQL: &str = "\
SELECT search_index.kind, search_index.record_id, s.id, search_index.date, s.mode, s.pack_id,
       COALESCE(s.context, ''), a.prompt_id, a.prompt_text, search_index.body,
       snippet(search_index, 0, ?2, ?3, '…', ?4)
FROM search_index
LEFT JOIN sessions s ON s.id = search_index.session_id
LEFT JOIN answers a ON search_index.kind = 'answer' AND a.id = search_index.record_id
WHERE search_index MATCH ?1
  AND (search_index.kind <> 'answer'
       OR NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = search_index.record_id))
  AND (?5 IS NULL OR search_index.date >= ?5)
  AND (?6 IS NULL OR search_index.date < ?6)
  AND (?8 = 0 OR s.starred = 1)
ORDER BY search_index.rowid DESC
LIMIT ?7";

type Row = (
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

impl Journal {
    /// Finds the records that contain every word of `query.text`. Empty when it has no words.
    pub fn search(&self, query: &SearchQuery<'_>) -> Result<SearchResults, JournalError> {
        let Some(words) = match_expression(query.text) else {
            return Ok(SearchResults::default());
        };
        let expression = full_expression(&words, query);
        let mut stmt = self.conn.prepare(SEARCH_SQL).map_err(|e| self.sqlite(e))?;
        let rows: Vec<Row> = stmt
            .query_map(
                params![
                    expression,
                    query.marks.0,
                    query.marks.1,
                    SNIPPET_WORDS,
                    query.since,
                    query.until,
                    i64::try_from(query.limit.saturating_add(1)).unwrap_or(i64::MAX),
                    query.starred,
                ],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                        r.get(10)?,
                    ))
                },
            )
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        let more = rows.len() > query.limit;
        let hits = rows
            .into_iter()
            .take(query.limit)
            .map(|row| self.hit(row))
            .collect::<Result<_, _>>()?;
        Ok(SearchResults { hits, more })
    }

    fn hit(&self, row: Row) -> Result<SearchHit, JournalError> {
        let (
            kind,
            record_id,
            session,
            date,
            mode,
            pack_id,
            context,
            prompt_id,
            prompt_text,
            text,
            snippet,
        ) = row;
        Ok(SearchHit {
            kind: HitKind::parse(&kind).ok_or_else(|| {
                self.corrupt(format!("unknown kind '{kind}' in the search index"))
            })?,
            record_id,
            session_id: session.as_deref().and_then(SessionId::parse),
            date,
            mode: mode
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(|e| self.corrupt(e))?,
            pack_id,
            context,
            prompt_id,
            prompt_text,
            text,
            snippet,
        })
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
