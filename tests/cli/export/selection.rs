//! Choosing what to export, and everything that must stop an export before a byte is
//! written.

use super::{a_year, export, json, ok, session_ids};
use crate::env::TestEnv;

#[test]
fn selection_by_id_prefix_dates_mode_and_context() {
    let env = TestEnv::new();
    let [explore, march, september] = a_year(&env);
    assert_eq!(
        session_ids(&json(&env, &[&september[..8]])),
        [september.as_str()]
    );
    assert_eq!(
        session_ids(&json(&env, &["--since", "2026-03", "--until", "2026-03"])),
        [march.as_str()]
    );
    assert_eq!(
        session_ids(&json(&env, &["--until", "2026-03-01"])),
        [explore.as_str(), march.as_str()]
    );
    assert_eq!(
        session_ids(&json(&env, &["--mode", "kiezen"])),
        [march.as_str(), september.as_str()]
    );
    assert_eq!(
        session_ids(&json(&env, &["--mode", "explore", "--mode", "choose"])).len(),
        3
    );
    assert_eq!(
        session_ids(&json(&env, &["--context", "intake"])),
        [explore.as_str()]
    );
    assert_eq!(
        session_ids(&json(&env, &["--context", "CHANGE", "--mode", "kiezen"])),
        [march.as_str()]
    );
    assert_eq!(
        session_ids(&json(
            &env,
            &[&march[..8], &september[..8], "--since", "2026-04"]
        )),
        [september],
        "criteria combine"
    );
}

#[test]
fn an_excluded_prompt_leaves_its_answer_out_everywhere() {
    let env = TestEnv::new();
    let [explore, ..] = a_year(&env);
    let data = json(&env, &[&explore[..8], "--exclude-prompt", "colour"]);
    assert!(
        data.sessions[0]
            .answers
            .iter()
            .all(|a| a.prompt_id != "colour")
    );
    assert!(
        data.sessions[0]
            .answers
            .iter()
            .any(|a| a.prompt_id == "not-mine")
    );
    let md = ok(&export(
        &env,
        &[&explore[..8], "--exclude-prompt", "colour"],
    ));
    assert!(!md.contains("bold") && md.contains("My team"), "{md}");
    // A mistyped prompt id would share what was meant to stay home: refused.
    let before = env.files();
    let out = export(
        &env,
        &[&explore[..8], "--exclude-prompt", "colur", "-o", "x.md"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'colur'"));
    assert_eq!(env.files(), before);
}

#[test]
fn nothing_is_written_when_the_export_cannot_be_right() {
    let env = TestEnv::new();
    a_year(&env);
    let existing = env.write("out.md", "mine");
    let before = env.files();
    let fails = |args: &[&str], code: i32, says: &str| {
        let out = export(&env, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(
            err.starts_with("Error: ") && err.contains(says),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(env.files(), before, "{args:?} changed files");
    };
    fails(&[], 2, "no selection");
    fails(&["--format", "json"], 2, "-o FILE");
    fails(&["--since", "1900", "--format", "html"], 2, "-o FILE");
    fails(&["--since", "2027"], 1, "no session matches");
    fails(&["--mode", "review"], 1, "no session matches");
    fails(&["--context", "nowhere"], 1, "no session matches");
    fails(&["ffff"], 1, "no session id starts with 'ffff'");
    fails(&["--since", "1900", "-o", "out.md"], 1, "exists already");
    fails(
        &["--since", "1900", "-o", "missing/dir/out.md"],
        1,
        "cannot write",
    );
    fails(
        &["--since", "2026-05", "--until", "2026-04"],
        2,
        "is empty: --since must come before --until",
    );
    fails(&["--since", "1900", "--encrypt"], 2, "-o FILE");
    fails(&["--mode", "dancing"], 2, "unknown mode");

    let out = export(&env, &["--since", "1900", "-o", "out.md", "--force"]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Exported 3 sessions to out.md."));
    assert!(
        std::fs::read_to_string(&existing)
            .unwrap()
            .starts_with("# Reflections")
    );
}

#[test]
fn no_journal_is_an_error_and_creates_none() {
    let env = TestEnv::new();
    let before = env.files();
    let out = export(&env, &["--since", "1900"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no journal yet"));
    assert_eq!(env.files(), before);
}
