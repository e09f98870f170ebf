//! The bad inputs of `pi edit` and `pi forget` (issue 13), rows of docs/reliability.md: each
//! a clear one-line error, a non-zero exit, and nothing changed.

use crate::env::TestEnv;
use crate::reliability::{Case, case, journal_with_a_session};

/// Runs `pi ARGS` with `SESSION` and `STATEMENT` replaced by the first eight characters of
/// the journal's latest session and its oldest statement; every id of the journal in the
/// message reads `<id>`, so the table stays the same from run to run.
fn with_ids(
    area: &'static str,
    input: &'static str,
    args: &[&str],
    setup: impl Fn(&TestEnv) + 'static,
) -> Case {
    let mut c = case(area, input, args, setup);
    c.run = Some(Box::new(|env: &TestEnv, args: &[String]| {
        let conn = rusqlite::Connection::open(&env.journal).unwrap();
        let first = |sql: &str| -> String {
            conn.query_row(sql, [], |r| r.get::<_, String>(0))
                .unwrap_or_default()
        };
        let session = first("SELECT id FROM sessions ORDER BY rowid DESC LIMIT 1");
        let statement = first("SELECT id FROM statements ORDER BY rowid LIMIT 1");
        let mut ids: Vec<String> = Vec::new();
        for table in ["sessions", "statements", "answers"] {
            let mut stmt = conn.prepare(&format!("SELECT id FROM {table}")).unwrap();
            ids.extend(
                stmt.query_map([], |r| r.get::<_, String>(0))
                    .unwrap()
                    .flatten(),
            );
        }
        drop(conn);
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                a.replace("SESSION", session.get(..8).unwrap_or(""))
                    .replace("STATEMENT", statement.get(..8).unwrap_or(""))
            })
            .collect();
        let mut out = env.pi().args(&args).output().unwrap();
        let mut stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        for id in ids {
            stderr = stderr.replace(&id[..8], "<id>");
        }
        out.stderr = stderr.into_bytes();
        out
    }));
    c
}

fn with_statements(env: &TestEnv) {
    env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 3\nstatements = [\"I stand for clear advice\"]\n",
    );
}

/// The refused cases.
pub(crate) fn refused() -> Vec<Case> {
    vec![
        case(
            "forget",
            "a session id that is not in the journal",
            &["forget", "abcdef", "--yes"],
            journal_with_a_session,
        ),
        case(
            "forget",
            "anything, when there is no journal yet",
            &["forget", "abcdef", "--yes"],
            |_| {},
        ),
        with_ids(
            "forget",
            "a prompt the session has no answer to",
            &["forget", "SESSION", "no-such-prompt", "--yes"],
            journal_with_a_session,
        ),
        with_ids(
            "forget",
            "no --yes, and no terminal to ask in",
            &["forget", "SESSION"],
            journal_with_a_session,
        ),
        case(
            "forget",
            "a statement id that is not in the journal",
            &["forget", "--statement", "ffffff", "--yes"],
            with_statements,
        ),
        case(
            "forget",
            "a friend's comment that is not in the journal",
            &["forget", "--reply", "ffffff", "--yes"],
            journal_with_a_session,
        ),
        with_ids(
            "edit",
            "a prompt the session does not have",
            &["edit", "SESSION", "no-such-prompt", "--answers", "a.toml"],
            |env| {
                journal_with_a_session(env);
                env.write("a.toml", "no-such-prompt = \"x\"\n");
            },
        ),
        with_ids(
            "edit",
            "an answers file naming a prompt the session did not answer",
            &["edit", "SESSION", "--answers", "a.toml"],
            |env| {
                journal_with_a_session(env);
                env.write("a.toml", "patterns = \"x\"\n");
            },
        ),
        with_ids(
            "edit",
            "a scale answer outside the scale",
            &["edit", "SESSION", "--answers", "a.toml"],
            |env| {
                journal_with_a_session(env);
                env.write("a.toml", "fit = 9\n");
            },
        ),
        with_ids(
            "edit",
            "the answer that wrote statements",
            &["edit", "SESSION", "statements", "--answers", "a.toml"],
            |env| {
                with_statements(env);
                env.write("a.toml", "statements = [\"x\"]\n");
            },
        ),
        with_ids(
            "edit",
            "a statement that was re-worded already",
            &["edit", "--statement", "STATEMENT", "--text", "Again"],
            |env| {
                with_statements(env);
                let id: String = rusqlite::Connection::open(&env.journal)
                    .unwrap()
                    .query_row("SELECT id FROM statements", [], |r| r.get(0))
                    .unwrap();
                env.pi()
                    .args([
                        "edit",
                        "--statement",
                        &id[..8],
                        "--text",
                        "I stand for kind advice",
                    ])
                    .assert()
                    .success();
            },
        ),
        with_ids(
            "edit",
            "a statement with no --text and no terminal",
            &["edit", "--statement", "STATEMENT"],
            with_statements,
        ),
        with_ids(
            "edit",
            "an empty new wording",
            &["edit", "--statement", "STATEMENT", "--text", " "],
            with_statements,
        ),
    ]
}
