//! Every bad input `pi` is tried with, and what it does: generated into docs/reliability.md.
//!
//! The test runs each case against the real binary, checks the rules (non-zero exit, one
//! `Error:` line, no file changed), and compares the table with the committed document.
//! After a deliberate change, regenerate it with `PI_BLESS=1 cargo test --test cli reliability`.

use crate::env::TestEnv;
use std::path::Path;

/// How a case's command is run when the ordinary `env.pi()` will not do (another user,
/// a file-size limit, an environment variable).
pub(crate) type Runner = Box<dyn Fn(&TestEnv, &[String]) -> std::process::Output>;

/// One bad input.
pub(crate) struct Case {
    pub(crate) area: &'static str,
    pub(crate) input: &'static str,
    pub(crate) args: Vec<String>,
    /// Prepares the environment; returns nothing, leaves files in `env`.
    pub(crate) setup: Box<dyn Fn(&TestEnv)>,
    /// Runs the command; `None` runs it as `env.pi()` does.
    pub(crate) run: Option<Runner>,
}

pub(crate) fn case(
    area: &'static str,
    input: &'static str,
    args: &[&str],
    setup: impl Fn(&TestEnv) + 'static,
) -> Case {
    Case {
        area,
        input,
        args: args.iter().map(|s| (*s).to_string()).collect(),
        setup: Box::new(setup),
        run: None,
    }
}

pub(crate) fn journal_with_a_session(env: &TestEnv) {
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    // Fold the write-ahead log into the file, as a closed journal is.
    let conn = rusqlite::Connection::open(&env.journal).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
}

/// A JSON export made by another journal, as `edit` leaves it, written to `name` in `env`.
fn foreign_export(
    env: &TestEnv,
    name: &str,
    reflect: (&[&str], &str),
    export: &[&str],
    edit: impl FnOnce(&mut serde_json::Value),
) {
    let other = TestEnv::new();
    other.reflect(reflect.0, reflect.1);
    let out = other
        .pi()
        .arg("export")
        .args(export)
        .args(["--format", "json", "-o", "-"])
        .output()
        .unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    value["journal_name"] = serde_json::json!("laptop");
    edit(&mut value);
    env.write(name, &value.to_string());
}

/// A fixed id, so the table does not change from run to run.
fn fixed(n: u8) -> serde_json::Value {
    serde_json::json!(format!("{n:02x}000000000040008000000000000000"))
}

const STATEMENTS: &str = "statements = [\"I stand for clear advice\", \"I keep my promises\"]\n";

fn pack_with(env: &TestEnv, name: &str, from: &str, to: &str) {
    let base = include_str!("../fixtures/packs/valid/verkennen_reworded.en.toml");
    assert!(base.contains(from), "fixture changed: {from}");
    env.user_pack(name, &base.replacen(from, to, 1));
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "journal",
            "a text file at the journal path",
            &["list"],
            |env| {
                env.write("data/journal.db", &"notes, not a journal\n".repeat(20));
            },
        ),
        case("journal", "truncated to half its size", &["list"], |env| {
            journal_with_a_session(env);
            let bytes = std::fs::read(&env.journal).unwrap();
            std::fs::write(&env.journal, &bytes[..bytes.len() / 2]).unwrap();
        }),
        case(
            "journal",
            "bit-flipped in the first page's b-tree header",
            &["list"],
            |env| {
                journal_with_a_session(env);
                let mut bytes = std::fs::read(&env.journal).unwrap();
                for b in &mut bytes[100..108] {
                    *b ^= 0xff;
                }
                std::fs::write(&env.journal, bytes).unwrap();
            },
        ),
        case(
            "journal",
            "written by a newer pi (schema 999)",
            &["list"],
            |env| {
                journal_with_a_session(env);
                let conn = rusqlite::Connection::open(&env.journal).unwrap();
                conn.execute_batch("PRAGMA user_version = 999;").unwrap();
            },
        ),
        case(
            "journal",
            "an SQLite database of another program",
            &["list"],
            |env| {
                std::fs::create_dir_all(env.journal.parent().unwrap()).unwrap();
                let conn = rusqlite::Connection::open(&env.journal).unwrap();
                conn.execute_batch("CREATE TABLE notes (body TEXT);")
                    .unwrap();
            },
        ),
        case(
            "journal",
            "a directory at the journal path",
            &["list"],
            |env| {
                std::fs::create_dir_all(&env.journal).unwrap();
            },
        ),
        case(
            "paths",
            "a journal whose parent is a file",
            &[
                "--journal",
                "afile/journal.db",
                "reflect",
                "--mode",
                "kiezen",
                "--answers",
                "a.toml",
            ],
            |env| {
                env.write("afile", "a file, not a directory");
                env.write("a.toml", "fit = 3\n");
            },
        ),
        case(
            "packs",
            "a TOML syntax error",
            &["reflect", "--mode", "verkennen", "--answers", "a.toml"],
            |env| {
                pack_with(env, "bad.toml", "title = ", "title = \"unclosed\n#");
                env.write("a.toml", "");
            },
        ),
        case(
            "packs",
            "a missing field (title)",
            &["reflect", "--mode", "verkennen", "--answers", "a.toml"],
            |env| {
                pack_with(env, "bad.toml", "title = ", "# title = ");
                env.write("a.toml", "");
            },
        ),
        case(
            "packs",
            "an unknown prompt kind",
            &["reflect", "--mode", "verkennen", "--answers", "a.toml"],
            |env| {
                pack_with(env, "bad.toml", "kind = \"long_text\"", "kind = \"essay\"");
                env.write("a.toml", "");
            },
        ),
        case(
            "packs",
            "a version that is not semver",
            &["reflect", "--mode", "verkennen", "--answers", "a.toml"],
            |env| {
                pack_with(env, "bad.toml", "version = \"9.0.0\"", "version = \"9.0\"");
                env.write("a.toml", "");
            },
        ),
        case(
            "packs",
            "a prompt kind the validator rejects: a scale with equal ends",
            &["packs", "validate", "scale.toml"],
            |env| {
                env.write(
                "scale.toml",
                "format = 1\nid = \"s\"\nversion = \"1.0.0\"\nlanguage = \"en\"\ntitle = \"S\"\ndescription = \"S.\"\npurpose = \"assessment\"\n\n[[changelog]]\nversion = \"1.0.0\"\nchanges = \"First.\"\n\n[[prompts]]\nid = \"x\"\nkind = \"scale\"\ntext = \"How?\"\nmin = 3\nmax = 3\nmin_label = \"low\"\nmax_label = \"high\"\n",
            );
            },
        ),
        case(
            "answers",
            "an unknown prompt id",
            &["reflect", "--mode", "kiezen", "--answers", "a.toml"],
            |env| {
                env.write("a.toml", "no-such-prompt = \"x\"\n");
            },
        ),
        case(
            "answers",
            "text for a scale",
            &["reflect", "--mode", "kiezen", "--answers", "a.toml"],
            |env| {
                env.write("a.toml", "fit = \"four\"\n");
            },
        ),
        case(
            "answers",
            "a TOML syntax error",
            &["reflect", "--mode", "kiezen", "--answers", "a.toml"],
            |env| {
                env.write("a.toml", "fit = \n");
            },
        ),
        case(
            "answers",
            "a JSON syntax error",
            &["reflect", "--mode", "kiezen", "--answers", "a.json"],
            |env| {
                env.write("a.json", "{\"fit\": 3,,}");
            },
        ),
        case(
            "answers",
            "a tidy decision for a statement that does not exist",
            &["reflect", "--mode", "onderhouden", "--answers", "a.toml"],
            |env| {
                env.write("a.toml", "tidy = { \"ffffffff\" = \"keep\" }\n");
            },
        ),
        case(
            "ids",
            "pi show with an unknown id",
            &["show", "abcdef"],
            journal_with_a_session,
        ),
        case(
            "paths",
            "pi review into an existing file",
            &["review", "-o", "brief.md", "--answers", "r.toml"],
            |env| {
                env.write("brief.md", "mine");
                env.write("r.toml", "");
            },
        ),
        case(
            "paths",
            "pi review into a missing directory",
            &["review", "-o", "missing/brief.md", "--answers", "r.toml"],
            |env| {
                env.write("r.toml", "");
            },
        ),
        case(
            "imports",
            "an import file that is not JSON",
            &["import", "x.json"],
            |env| {
                journal_with_a_session(env);
                env.write("x.json", "this is not json");
            },
        ),
        case(
            "imports",
            "JSON of another shape",
            &["import", "x.json"],
            |env| {
                journal_with_a_session(env);
                env.write("x.json", "{\"entries\": []}");
            },
        ),
        case(
            "imports",
            "an export from a newer pi (format version 4)",
            &["import", "x.json"],
            |env| {
                journal_with_a_session(env);
                env.write(
                "x.json",
                "{\"format\": \"pi-export\", \"version\": 4, \"export_id\": \"x\", \"exported_at\": \"2030-01-01T00:00:00Z\", \"pi_version\": \"9.0.0\"}",
            );
            },
        ),
        case(
            "imports",
            "a jrnl export with a malformed date",
            &["import", "--from", "jrnl", "j.json"],
            |env| {
                journal_with_a_session(env);
                env.write(
                "j.json",
                "{\"tags\": {}, \"entries\": [{\"title\": \"t\", \"body\": \"b\", \"date\": \"2024-13-45\", \"time\": \"09:30\", \"tags\": [], \"starred\": false}]}",
            );
            },
        ),
        case(
            "imports",
            "an export of another person's journal, without --mine",
            &["import", "x.json"],
            |env| {
                journal_with_a_session(env);
                foreign_export(
                    env,
                    "x.json",
                    (&["--mode", "kiezen"], "fit = 2\n"),
                    &["--since", "2000"],
                    |_| {},
                );
            },
        ),
        case(
            "imports",
            "a reply to an export this journal never made",
            &["import", "r.json"],
            |env| {
                journal_with_a_session(env);
                env.write(
                    "r.json",
                    "{\"format\": \"pi-reply\", \"version\": 1, \"export_id\": \"99999999999940008000000000000001\", \"friend\": \"Sam\", \"written_at\": \"2026-11-22T10:00:00Z\", \"comments\": []}",
                );
            },
        ),
        case(
            "imports",
            "a scale answer outside its scale",
            &["import", "--mine", "x.json"],
            |env| {
                foreign_export(
                    env,
                    "x.json",
                    (&["--mode", "kiezen"], "fit = 2\n"),
                    &["--since", "2000"],
                    |v| {
                        let answers = v["sessions"][0]["answers"].as_array_mut().unwrap();
                        let fit = answers
                            .iter_mut()
                            .find(|a| a["prompt_id"] == "fit")
                            .unwrap();
                        fit["id"] = fixed(1);
                        fit["value"] = serde_json::json!({"number": 9});
                    },
                );
            },
        ),
        case(
            "imports",
            "statements that replace each other in a circle",
            &["import", "--mine", "x.json"],
            |env| {
                foreign_export(
                    env,
                    "x.json",
                    (&["--mode", "verkennen", "--depth", "quick"], STATEMENTS),
                    &["--since", "2000", "--statements"],
                    |v| {
                        v["statements"][0]["id"] = fixed(1);
                        v["statements"][1]["id"] = fixed(2);
                        v["statements"][0]["replaces"] = fixed(2);
                        v["statements"][1]["replaces"] = fixed(1);
                    },
                );
            },
        ),
        case(
            "imports",
            "an answer id that belongs to another session",
            &["import", "--mine", "x.json"],
            |env| {
                foreign_export(
                    env,
                    "x.json",
                    (&["--mode", "kiezen"], "fit = 2\n"),
                    &["--since", "2000"],
                    |v| {
                        v["sessions"][0]["id"] = fixed(5);
                        v["sessions"][0]["answers"][0]["id"] = fixed(3);
                        let session = v["sessions"][0].clone();
                        let mut copy = session;
                        copy["id"] = fixed(4);
                        copy["answers"][0]["id"] = fixed(3);
                        v["sessions"].as_array_mut().unwrap().push(copy);
                    },
                );
            },
        ),
        case(
            "imports",
            "a text of more than 1,000,000 characters",
            &["import", "--from", "jrnl", "j.json"],
            |env| {
                env.write(
                    "j.json",
                    &format!(
                        "{{\"entries\": [{{\"title\": \"t\", \"date\": \"2024-01-01\", \"body\": \"{}\"}}]}}",
                        "x".repeat(1_000_001)
                    ),
                );
            },
        ),
        case(
            "imports",
            "jrnl's plain-text journal instead of its JSON export",
            &["import", "--from", "jrnl", "journal.txt"],
            |env| {
                env.write(
                    "journal.txt",
                    "[2019-01-05 10:00] Het actielab liep goed.\n",
                );
            },
        ),
        case(
            "exports",
            "a selection that matches nothing",
            &["export", "--since", "2030", "-o", "out.md"],
            journal_with_a_session,
        ),
        case(
            "exports",
            "an output path in a missing directory",
            &["export", "--since", "2000", "-o", "missing/out.md"],
            journal_with_a_session,
        ),
        case(
            "paths",
            "pi backup --restore of a file that is not a journal",
            &["backup", "--restore", "x.db"],
            |env| {
                journal_with_a_session(env);
                env.write("x.db", "not a backup");
            },
        ),
    ]
}

/// Replaces the test's temporary directory with `<tmp>` so the table is stable.
pub(crate) fn normalise(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "<tmp>")
}

#[test]
fn every_bad_input_gets_a_clear_error_and_changes_nothing() {
    let mut table = String::from(
        "# What pi does with bad input\n\n\
         Generated by `tests/cli/reliability.rs`, which runs every case against the real binary \
         and checks that each exits non-zero with a single `Error:` line and leaves every file \
         as it was. Regenerate with `PI_BLESS=1 cargo test --test cli reliability`.\n\n\
         | area | bad input | command | exit | what pi says | files changed |\n\
         |---|---|---|---|---|---|\n",
    );
    for case in cases()
        .into_iter()
        .chain(crate::reliability_hardening::refused())
        .chain(crate::reliability_forget::refused())
        .chain(crate::reliability_encrypted::refused())
    {
        let env = TestEnv::new();
        (case.setup)(&env);
        let before = env.files();
        let out = match &case.run {
            Some(run) => run(&env, &case.args),
            None => env.pi().args(&case.args).output().unwrap(),
        };
        let stderr = normalise(&String::from_utf8_lossy(&out.stderr), env.dir.path());
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("Error:")).collect();
        let code = out.status.code().unwrap_or(-1);
        let changed = before != env.files();
        assert_ne!(code, 0, "{}: exit 0\n{stderr}", case.input);
        assert_eq!(errors.len(), 1, "{}: {stderr}", case.input);
        assert!(!changed, "{}: files changed", case.input);
        let says = errors[0].trim_start_matches("Error: ").replace('|', "\\|");
        table.push_str(&format!(
            "| {} | {} | `pi {}` | {code} | {says} | {} |\n",
            case.area,
            case.input,
            case.args.join(" "),
            if changed { "yes" } else { "no" }
        ));
    }
    table.push_str(&crate::reliability_hardening::handled_table());
    table.push_str(&crate::reliability_encrypted::handled_table());
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reliability.md");
    if std::env::var_os("PI_BLESS").is_some() {
        std::fs::write(&doc, &table).unwrap();
    }
    let committed = std::fs::read_to_string(&doc).unwrap_or_default();
    assert!(
        committed == table,
        "docs/reliability.md is out of date; regenerate it with PI_BLESS=1 cargo test --test cli reliability\n\n{table}"
    );
}
