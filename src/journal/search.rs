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
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::{AnswerValue, Depth, Language};
    use crate::journal::migrations::{LATEST_VERSION, migrate_to};
    use crate::journal::{
        AnswerExtra, CommitmentDraft, CommitmentStatus, NewAnswer, NewSession, OpenMode,
        SessionKind, TidyDecision,
    };
    use crate::packs::{Pack, PackRegistry};
    use rusqlite::Connection;

    fn clock() -> Clock {
        Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap())
    }

    fn registry() -> PackRegistry {
        PackRegistry::built_in().unwrap()
    }

    fn session(j: &mut Journal, pack: &Pack, mode: Mode, context: &str) -> SessionId {
        j.create_session(&NewSession {
            kind: SessionKind::Reflect,
            mode: Some(mode),
            packs: vec![pack],
            context: context.into(),
            language: Language::En,
            depth: Depth::Deep,
        })
        .unwrap()
        .id
    }

    fn answer(j: &mut Journal, s: SessionId, pack: &Pack, prompt: &str, value: AnswerValue) {
        j.add_answer(&NewAnswer {
            session: s,
            pack,
            prompt: pack.prompt(prompt).unwrap(),
            value: Some(value),
        })
        .unwrap();
    }

    fn find(j: &Journal, text: &str) -> Vec<SearchHit> {
        j.search(&SearchQuery {
            text,
            mode: None,
            since: None,
            until: None,
            starred: false,
            limit: 100,
            marks: ("[", "]"),
        })
        .unwrap()
        .hits
    }

    fn texts(j: &Journal, text: &str) -> Vec<String> {
        find(j, text).into_iter().map(|h| h.text).collect()
    }

    #[test]
    fn triggers_index_answers_statements_commitments_and_notes() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
        let registry = registry();
        // Version 1.0.0, which still asks the `clarity` scale next to free text.
        let pack = registry
            .find_version("verkennen", Language::En, &semver::Version::new(1, 0, 0))
            .unwrap();
        let s = session(&mut j, pack, Mode::Verkennen, "Project Atlas");
        answer(
            &mut j,
            s,
            pack,
            "colour",
            AnswerValue::Text("I make maps of messy work.".into()),
        );
        answer(
            &mut j,
            s,
            pack,
            "not-mine",
            AnswerValue::Items(vec!["deciding for others".into(), "messy politics".into()]),
        );
        answer(&mut j, s, pack, "clarity", AnswerValue::Number(4));
        j.add_answer_with(
            &NewAnswer {
                session: s,
                pack,
                prompt: pack.prompt("statements").unwrap(),
                value: Some(AnswerValue::Items(vec![
                    "I bring order to messy things".into(),
                ])),
            },
            &AnswerExtra::Statements(vec!["I bring order to messy things".into()]),
        )
        .unwrap();
        j.add_answer_with(
            &NewAnswer {
                session: s,
                pack,
                prompt: pack.prompt("commitment").unwrap(),
                value: Some(AnswerValue::Text("Draw one messy map a week".into())),
            },
            &AnswerExtra::Commitment(CommitmentDraft {
                text: "Draw one messy map a week".into(),
                look_back: None,
            }),
        )
        .unwrap();
        let commitment = j.commitments().unwrap()[0].id;
        j.follow_up_commitment(
            commitment,
            Some(s),
            CommitmentStatus::Done,
            Some("Messy but done"),
        )
        .unwrap();

        let hits = find(&j, "messy");
        let kinds: Vec<HitKind> = hits.iter().map(|h| h.kind).collect();
        // Newest first; the statements and commitment answers are not indexed twice.
        assert_eq!(
            kinds,
            [
                HitKind::CommitmentNote,
                HitKind::Commitment,
                HitKind::Statement,
                HitKind::Answer,
                HitKind::Answer
            ]
        );
        assert_eq!(hits[4].text, "I make maps of messy work.");
        assert_eq!(hits[4].snippet, "I make maps of [messy] work.");
        assert_eq!(hits[4].prompt_id.as_deref(), Some("colour"));
        assert_eq!(hits[4].context, "Project Atlas");
        assert_eq!(hits[4].mode, Some(Mode::Verkennen));
        assert_eq!(hits[3].text, "deciding for others\nmessy politics");
        assert!(find(&j, "4").is_empty(), "a number is not text");
    }

    #[test]
    fn a_revision_replaces_the_old_answer_in_results() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
        let registry = registry();
        let pack = registry.find("verkennen", Language::En).unwrap();
        let s = session(&mut j, pack, Mode::Verkennen, "");
        answer(
            &mut j,
            s,
            pack,
            "colour",
            AnswerValue::Text("Careful drafts.".into()),
        );
        let first = j.session_answers(s).unwrap()[0].id;
        assert_eq!(texts(&j, "careful"), ["Careful drafts."]);
        let second = j
            .revise_answer(
                first,
                Some(AnswerValue::Text("Bold careful sketches.".into())),
            )
            .unwrap();
        assert_eq!(texts(&j, "careful"), ["Bold careful sketches."]);
        assert!(texts(&j, "drafts").is_empty());
        j.revise_answer(second.id, None).unwrap();
        assert!(texts(&j, "careful").is_empty(), "a skip replaces it too");
    }

    #[test]
    fn diacritics_and_case_fold_and_prefixes_work() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
        let registry = registry();
        let pack = registry.find("verkennen", Language::En).unwrap();
        let s = session(&mut j, pack, Mode::Verkennen, "");
        answer(
            &mut j,
            s,
            pack,
            "colour",
            AnswerValue::Text("Één gesprek in het Café, over coöperatie.".into()),
        );
        for query in ["een", "cafe", "CAFÉ", "cooperatie", "coop*", "gesprek een"] {
            assert_eq!(find(&j, query).len(), 1, "{query}");
        }
        assert!(find(&j, "coop").is_empty(), "without * a word is whole");
        assert!(find(&j, "een thee").is_empty(), "every word must be there");
        assert_eq!(
            find(&j, "cafe")[0].snippet,
            "Één gesprek in het [Café], over coöperatie."
        );
    }

    #[test]
    fn fts_syntax_in_user_text_is_harmless() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
        let registry = registry();
        let pack = registry.find("verkennen", Language::En).unwrap();
        let s = session(&mut j, pack, Mode::Verkennen, "");
        answer(
            &mut j,
            s,
            pack,
            "colour",
            AnswerValue::Text("Advice \"and\" (clear) NOT vague: OR near*".into()),
        );
        for query in [
            "\"advice",
            "advice AND",
            "(clear",
            "clear)",
            "NOT",
            "OR",
            "NEAR(advice clear)",
            "vague:",
            "col:advice",
            "^advice",
            "advice\" OR \"x",
            "*",
            "\"",
        ] {
            let result = j.search(&SearchQuery {
                text: query,
                mode: None,
                since: None,
                until: None,
                starred: false,
                limit: 10,
                marks: ("[", "]"),
            });
            assert!(result.is_ok(), "{query}: {result:?}");
        }
        assert_eq!(find(&j, "advice AND").len(), 1);
        assert_eq!(find(&j, "NOT vague").len(), 1);
        assert!(find(&j, "(").is_empty());
        assert_eq!(
            match_expression("say \"hi\" AND x*"),
            Some("\"say\" AND \"\"\"hi\"\"\" AND \"AND\" AND \"x\"*".into())
        );
        assert_eq!(match_expression(" ( * \" "), None);
    }

    #[test]
    fn periods_become_few_month_prefixes() {
        assert_eq!(
            cover("2017", "2031"),
            ["2017", "2018", "2019", "202", "2030", "2031"]
        );
        assert_eq!(cover("0000", "9999"), [""]);
        assert_eq!(
            period_prefixes((2020, 10), (2021, 2)),
            ["202010", "202011", "202012", "202101", "202102"]
        );
        assert_eq!(period_prefixes((2020, 1), (2021, 12)), ["2020", "2021"]);
        assert_eq!(period_prefixes((2020, 1), (2020, 12)), ["2020"]);
        assert_eq!(period_prefixes((0, 1), (9999, 12)), [""]);
        assert!(period_prefixes((2021, 1), (2020, 12)).is_empty());
        assert!(period_prefixes((2026, 11), (9999, 12)).len() < 40);
        let q = |since: Option<&str>, until: Option<&str>| {
            full_expression(
                "\"x\"",
                &SearchQuery {
                    text: "x",
                    mode: Some(Mode::Kiezen),
                    since: since.map(String::from),
                    until: until.map(String::from),
                    starred: false,
                    limit: 1,
                    marks: ("[", "]"),
                },
            )
        };
        assert_eq!(q(None, None), "body : (\"x\") AND facets : \"modekiezen\"");
        assert_eq!(
            q(
                Some("2026-10-01T00:00:00.000Z"),
                Some("2027-01-01T00:00:00.000Z")
            ),
            "body : (\"x\") AND facets : \"modekiezen\" AND facets : (d202610* OR d202611* OR d202612* OR d202701*)"
        );
    }

    #[test]
    fn filters_by_mode_and_period() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.db");
        let registry = registry();
        let verkennen = registry.find("verkennen", Language::En).unwrap();
        let kiezen = registry.find("kiezen", Language::En).unwrap();
        for (at, pack, mode) in [
            ("2025-03-01T09:00:00Z", verkennen, Mode::Verkennen),
            ("2026-06-01T09:00:00Z", kiezen, Mode::Kiezen),
        ] {
            let clock = Clock::fixed(crate::clock::parse_stamp(at).unwrap());
            let mut j = Journal::open(&path, OpenMode::Create, clock).unwrap();
            let s = session(&mut j, pack, mode, at);
            let prompt = if mode == Mode::Kiezen {
                "first-signal"
            } else {
                "colour"
            };
            answer(
                &mut j,
                s,
                pack,
                prompt,
                AnswerValue::Text("A reorganisation.".into()),
            );
        }
        let j = Journal::open(&path, OpenMode::Existing, clock()).unwrap();
        let query = |mode, since: Option<&str>, until: Option<&str>| {
            j.search(&SearchQuery {
                text: "reorganisation",
                mode,
                since: since.map(String::from),
                until: until.map(String::from),
                starred: false,
                limit: 10,
                marks: ("[", "]"),
            })
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.date[..4].to_string())
            .collect::<Vec<_>>()
        };
        assert_eq!(query(None, None, None), ["2026", "2025"]);
        assert_eq!(query(Some(Mode::Kiezen), None, None), ["2026"]);
        assert_eq!(
            query(Some(Mode::Onderhouden), None, None),
            Vec::<String>::new()
        );
        assert_eq!(
            query(None, Some("2026-01-01T00:00:00.000Z"), None),
            ["2026"]
        );
        assert_eq!(
            query(None, None, Some("2026-01-01T00:00:00.000Z")),
            ["2025"]
        );
    }

    #[test]
    fn the_limit_says_when_there_are_more() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
        let registry = registry();
        let pack = registry.find("verkennen", Language::En).unwrap();
        let s = session(&mut j, pack, Mode::Verkennen, "");
        for prompt in ["colour", "inalienable", "social-self"] {
            answer(
                &mut j,
                s,
                pack,
                prompt,
                AnswerValue::Text(format!("{prompt} matters")),
            );
        }
        let query = |limit| {
            j.search(&SearchQuery {
                text: "matters",
                mode: None,
                since: None,
                until: None,
                starred: false,
                limit,
                marks: ("[", "]"),
            })
            .unwrap()
        };
        let two = query(2);
        assert_eq!(two.hits.len(), 2);
        assert!(two.more);
        assert_eq!(two.hits[0].prompt_id.as_deref(), Some("social-self"));
        assert!(!query(3).more);
    }

    #[test]
    fn the_search_uses_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
        let mut stmt = j
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {SEARCH_SQL}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(
                params![
                    "\"x\"",
                    "[",
                    "]",
                    8,
                    None::<String>,
                    None::<String>,
                    10,
                    false
                ],
                |r| r.get(3),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("VIRTUAL TABLE INDEX"), "{plan}");
        assert!(
            !plan.contains("TEMP B-TREE"),
            "no sort of all matches: {plan}"
        );
        assert!(
            !plan.contains("SCAN s\n") && !plan.contains("SCAN a\n"),
            "{plan}"
        );
        assert!(plan.contains("answers_revision_chain"), "{plan}");
    }

    #[test]
    fn an_old_journal_is_backed_up_migrated_and_searchable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let registry = registry();
        let pack = registry.find("verkennen", Language::En).unwrap();
        {
            // A version-2 journal with answers, a revision, a statement and a commitment,
            // written with plain SQL as the pi of that version did.
            let mut conn = Connection::open(&path).unwrap();
            migrate_to(&mut conn, 2).unwrap();
            conn.execute(
                "INSERT INTO pack_snapshots VALUES (?1, 'verkennen', '1.0.0', 'en', ?2, 'x')",
                params![pack.hash, pack.text],
            )
            .unwrap();
            conn.execute_batch(
                "INSERT INTO sessions (id, kind, mode, pack_id, pack_version, context, language, depth, prompt_count, started_at, status)
                 VALUES ('00000000000000000000000000000001', 'reflect', 'verkennen', 'verkennen', '1.0.0', 'Oude klus', 'en', 'quick', 3, '2025-02-01T10:00:00.000Z', 'finished');
                 INSERT INTO answers (id, session_id, pack_id, pack_version, prompt_id, prompt_kind, prompt_text, value, skipped, replaces, created_at) VALUES
                 ('00000000000000000000000000000a01', '00000000000000000000000000000001', 'verkennen', '1.0.0', 'colour', 'long_text', 'Q', '{\"text\":\"Een zorgvuldige aanpak.\"}', 0, NULL, '2025-02-01T10:01:00.000Z'),
                 ('00000000000000000000000000000a02', '00000000000000000000000000000001', 'verkennen', '1.0.0', 'colour', 'long_text', 'Q', '{\"text\":\"Één snelle aanpak.\"}', 0, '00000000000000000000000000000a01', '2025-02-01T10:02:00.000Z'),
                 ('00000000000000000000000000000a03', '00000000000000000000000000000001', 'verkennen', '1.0.0', 'not-mine', 'list', 'Q', '{\"items\":[\"beslissen\",\"aanpak van anderen\"]}', 0, NULL, '2025-02-01T10:03:00.000Z'),
                 ('00000000000000000000000000000a04', '00000000000000000000000000000001', 'verkennen', '1.0.0', 'drives', 'long_text', 'Q', NULL, 1, NULL, '2025-02-01T10:04:00.000Z');
                 INSERT INTO statements VALUES ('00000000000000000000000000000b01', 'Mijn aanpak is helder', '00000000000000000000000000000001', NULL, '2025-02-01T10:05:00.000Z');
                 INSERT INTO statement_events VALUES ('00000000000000000000000000000e01', '00000000000000000000000000000b01', '00000000000000000000000000000001', 'written', '2025-02-01T10:05:00.000Z');
                 INSERT INTO commitments VALUES ('00000000000000000000000000000c01', '00000000000000000000000000000001', 'Aanpak delen', '2025-06-01', '2025-02-01T10:06:00.000Z');",
            )
            .unwrap();
        }
        let j = Journal::open(&path, OpenMode::Existing, clock()).unwrap();
        assert_eq!(j.schema_version().unwrap(), LATEST_VERSION);
        let backup = j.migration_backup().expect("a backup before migrating");
        assert!(
            backup
                .file_name()
                .unwrap()
                .to_string_lossy()
                .contains(".v2-backup-")
        );
        let hits = find(&j, "aanpak");
        let found: Vec<(HitKind, &str)> = hits.iter().map(|h| (h.kind, h.text.as_str())).collect();
        assert_eq!(
            found,
            [
                (HitKind::Commitment, "Aanpak delen"),
                (HitKind::Statement, "Mijn aanpak is helder"),
                (HitKind::Answer, "beslissen\naanpak van anderen"),
                (HitKind::Answer, "Één snelle aanpak."),
            ],
            "the replaced revision is not indexed"
        );
        assert_eq!(hits[3].context, "Oude klus");
        assert_eq!(find(&j, "een snelle").len(), 1);
        assert!(find(&j, "zorgvuldige").is_empty());
        // Records written after the migration are indexed by the triggers.
        let statement = j.statements().unwrap()[0].id;
        let mut j = j;
        let s = SessionId::parse("00000000000000000000000000000001").unwrap();
        j.tidy_statement(
            s,
            statement,
            &TidyDecision::Revise("Mijn aanpak is open".into()),
        )
        .unwrap();
        assert_eq!(find(&j, "open aanpak").len(), 1);
    }
}
