//! `pi review`: the overview of a period, the review questions, and the brief it writes.

use crate::env::TestEnv;
use crate::pty::{ENTER, answer_list, answer_text, exit_code, expect, spawn};

/// A year of reflection: two verkennen sessions, a tidy walk and a scale trend.
fn a_year(env: &TestEnv) {
    let run = |now: &str, args: &[&str], answers: &str| {
        env.reflect_at(now, args, answers);
    };
    run(
        "2026-02-01T09:00:00Z",
        &[
            "--mode",
            "verkennen",
            "--depth",
            "quick",
            "--context",
            "Intake redesign",
        ],
        "statements = [\"I stand for clear advice\", \"I keep my promises\"]\n\
         commitment = { text = \"Ask for feedback after every workshop\" }\n",
    );
    run(
        "2026-03-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 2\n",
    );
    run(
        "2026-09-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 4\n",
    );
}

fn review_answers() -> &'static str {
    "proud = \"The intake process runs itself now.\"\n\
     projects = [\"Intake redesign: waiting time halved\", \"# Mentoring two juniors\"]\n\
     needs = [\"Time to write\", \"A budget for a course\"]\n\
     agenda = [\"A role in the regional network\"]\n"
}

#[test]
fn a_scripted_review_writes_a_brief_with_the_overview_and_the_answers() {
    let env = TestEnv::new();
    a_year(&env);
    let answers = env.write("review.toml", review_answers());
    let out = env
        .pi()
        .args(["review", "--depth", "quick", "-o", "brief.md", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Brief written to brief.md"), "{stderr}");

    let brief = std::fs::read_to_string(env.dir.path().join("brief.md")).unwrap();
    assert!(
        brief.starts_with("# Appraisal brief 2025-11-23 – 2026-11-23"),
        "{brief}"
    );
    assert!(
        brief.contains("- 3 reflection sessions: 1 × explore and acknowledge, 2 × choose and turn"),
        "{brief}"
    );
    assert!(brief.contains("- About: Intake redesign"), "{brief}");
    assert!(
        brief.contains("## What I stand for now\n\n- I stand for clear advice _(new)_"),
        "{brief}"
    );
    assert!(brief.contains("- written: I keep my promises"), "{brief}");
    assert!(
        brief.contains("- still open: Ask for feedback after every workshop"),
        "{brief}"
    );
    assert!(brief.contains("2 → 4 `▁█`"), "{brief}");
    assert!(brief.contains("### Looking back on this period, what are you proud of?\n\nThe intake process runs itself now."), "{brief}");
    assert!(
        brief.contains("- \\# Mentoring two juniors"),
        "user text cannot make a heading: {brief}"
    );
    assert!(
        brief.contains("- Time to write\n- A budget for a course"),
        "{brief}"
    );

    // The review is a session of its own, and the next review starts after it.
    let list = env.pi().args(["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list[0]["kind"], "review");
    assert_eq!(list[0]["status"], "finished");
    let again = env
        .pi()
        .env("PI_NOW", "2026-12-01T10:00:00Z")
        .args(["review", "--depth", "quick", "-o", "-", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    let brief = String::from_utf8(again.stdout).unwrap();
    assert!(
        brief.starts_with("# Appraisal brief 2026-11-23 – 2026-12-01"),
        "{brief}"
    );
    assert!(
        brief.contains("No reflection sessions in this period."),
        "{brief}"
    );
}

#[test]
fn a_year_and_the_dutch_brief() {
    let env = TestEnv::new();
    a_year(&env);
    let answers = env.write("review.toml", review_answers());
    let out = env
        .pi()
        .args([
            "review",
            "--year",
            "2026",
            "--lang",
            "nl",
            "--depth",
            "quick",
            "-o",
            "-",
            "--answers",
        ])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let brief = String::from_utf8(out.stdout).unwrap();
    assert!(
        brief.starts_with("# Voorbereiding jaargesprek 2026-01-01 – 2026-12-31"),
        "{brief}"
    );
    assert!(brief.contains("## Waar ik nu voor sta"), "{brief}");
}

#[test]
fn an_existing_brief_or_an_unwritable_place_stops_the_review_before_it_starts() {
    let env = TestEnv::new();
    a_year(&env);
    env.write("brief.md", "my own notes");
    let answers = env.write("review.toml", review_answers());
    let before = env.files();
    let out = env
        .pi()
        .args(["review", "-o", "brief.md", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("brief.md exists already; pass --force"),
        "{err}"
    );
    assert_eq!(before, env.files(), "nothing written, no review session");

    let out = env
        .pi()
        .args(["review", "-o", "no/such/dir/brief.md", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write no/such/dir/brief.md"));
    assert_eq!(before, env.files());

    let out = env
        .pi()
        .args([
            "review",
            "--since",
            "last spring",
            "-o",
            "x.md",
            "--answers",
        ])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a date that does not read is a usage error"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
    assert_eq!(before, env.files());

    let out = env
        .pi()
        .args([
            "review",
            "-o",
            "brief.md",
            "--force",
            "--depth",
            "quick",
            "--answers",
        ])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(env.dir.path().join("brief.md"))
            .unwrap()
            .contains("proud")
    );
}

#[test]
fn a_review_in_the_terminal_pauses_and_finishes_with_its_brief() {
    let env = TestEnv::new();
    a_year(&env);
    let mut pi = spawn(&env, &["review", "-o", "brief.md"], &[]);
    expect(&mut pi, "Looking back from 2025-11-23 to 2026-11-23.");
    expect(&mut pi, "I stand for clear advice");
    expect(&mut pi, "How much time do you want to take?");
    pi.send(ENTER).unwrap();
    answer_text(&mut pi, "[1/9]", "Halving the waiting time.");
    answer_list(&mut pi, "[2/9]", &["Intake redesign"]);
    expect(&mut pi, "[3/9]");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "What would you like to do?");
    pi.send("\x1b[B\x1b[B\x1b[B\r").unwrap(); // pause
    expect(&mut pi, "pi review --session");
    assert_eq!(exit_code(&mut pi), 0);
    assert!(!env.dir.path().join("brief.md").exists());

    let list = env.pi().args(["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let id = list[0]["id"].as_str().unwrap()[..8].to_string();
    let mut pi = spawn(&env, &["review", "--session", &id, "-o", "brief.md"], &[]);
    answer_text(&mut pi, "[3/9]", "Pairing with juniors.");
    answer_text(&mut pi, "[4/9]", "That listening is my craft.");
    answer_text(&mut pi, "[5/9]", "In the workshops with clients.");
    answer_text(&mut pi, "[6/9]", "Writing plainly.");
    answer_list(&mut pi, "[7/9]", &["Time to write"]);
    answer_list(&mut pi, "[8/9]", &["The regional network"]);
    expect(&mut pi, "[9/9]");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "What would you like to do?");
    pi.send("\x1b[B\x1b[B\r").unwrap(); // skip the commitment
    expect(&mut pi, "Brief written to brief.md");
    assert_eq!(exit_code(&mut pi), 0);
    let brief = std::fs::read_to_string(env.dir.path().join("brief.md")).unwrap();
    assert!(brief.contains("Halving the waiting time."), "{brief}");
    assert!(brief.contains("- The regional network"), "{brief}");
}
