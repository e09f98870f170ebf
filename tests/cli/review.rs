//! `pi review`: the overview of a period, the review questions, and the brief it writes —
//! drawn from the year's evidence, holding only what the person chose.

use crate::env::TestEnv;
use crate::pty::{DOWN, ENTER, answer_list, answer_text, exit_code, expect, spawn};

mod brief;

/// The year: a previous review in November 2025, a project reflection with statements and an
/// intention, a tidy walk that keeps, rewords and lets go, and two self-scores on `fit`.
/// Returns the ids of the project reflection and of the tidy walk.
pub fn a_year(env: &TestEnv) -> (String, String) {
    let review = env.write(
        "earlier.toml",
        "proud = \"The onboarding guide.\"\n\
         develop = \"Facilitating groups.\"\n",
    );
    let out = env
        .pi()
        .env("PI_NOW", "2025-11-20T09:00:00Z")
        .args(["review", "--depth", "quick", "-o", "-", "--answers"])
        .arg(&review)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.reflect_at(
        "2025-10-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 3\n",
    );
    let project = env.reflect_at(
        "2026-02-01T09:00:00Z",
        &[
            "--mode",
            "verkennen",
            "--depth",
            "quick",
            "--context",
            "Intake redesign",
        ],
        "key-moment = \"The day the team said no to the new form.\"\n\
         essence = \"Trust, not the form.\"\n\
         alternatives = [\"Ask first\", \"Pilot with one team\"]\n\
         chosen = \"Pilot with one team.\"\n\
         statements = [\"I stand for clear advice\", \"I keep my promises\", \"I do everything myself\"]\n\
         commitment = { text = \"Ask for feedback after every workshop\", look_back = \"2026-06-01\" }\n",
    );
    env.reflect_at(
        "2026-03-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 2\n",
    );
    let statements = env.json(&["statements", "--json"]);
    let id = |text: &str| -> String {
        statements
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["text"] == text)
            .unwrap()["id"]
            .as_str()
            .unwrap()[..8]
            .to_string()
    };
    let commitments = env.json(&["commitments", "--json"]);
    let commitment = commitments[0]["id"].as_str().unwrap()[..8].to_string();
    let tidy = env.reflect_at(
        "2026-06-01T09:00:00Z",
        &["--mode", "onderhouden", "--depth", "quick"],
        &format!(
            "tidy = {{ \"{}\" = \"keep\", \"{}\" = {{ revise = \"I keep my promises, or say early that I cannot\" }}, \"{}\" = \"let-go\" }}\n\
             [follow-up]\n\"{commitment}\" = {{ status = \"done\", note = \"Four times out of five\" }}\n",
            id("I stand for clear advice"),
            id("I keep my promises"),
            id("I do everything myself"),
        ),
    );
    env.reflect_at(
        "2026-09-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 4\n",
    );
    (project, tidy)
}

pub fn review_answers(env: &TestEnv) -> std::path::PathBuf {
    env.write(
        "review.toml",
        "proud = \"The intake process runs itself now.\"\n\
         projects = [\"Intake redesign: waiting time halved\", \"# Mentoring two juniors\"]\n\
         develop = \"Writing plainly.\"\n\
         needs = [\"Time to write\", \"A budget for a course\"]\n\
         agenda = [\"A role in the regional network\"]\n\
         fit = 4\n",
    )
}

/// `pi review ARGS --answers review.toml -o -`: the brief on stdout.
pub fn brief_of(env: &TestEnv, args: &[&str]) -> String {
    let answers = review_answers(env);
    let out = env
        .pi()
        .arg("review")
        .args(args)
        .args(["-o", "-", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn an_existing_brief_or_an_unwritable_place_stops_the_review_before_it_starts() {
    let env = TestEnv::new();
    a_year(&env);
    env.write("brief.md", "my own notes");
    let answers = review_answers(&env);
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

    // --include and --exclude are read before anything is asked or written.
    for (args, code, message) in [
        (
            ["--include", "secrets"],
            2,
            "--include: 'secrets' is neither a kind",
        ),
        (
            ["--exclude", "ffff0000"],
            1,
            "no session id starts with 'ffff0000'",
        ),
    ] {
        let out = env
            .pi()
            .arg("review")
            .args(args)
            .args(["-o", "x.md", "--answers"])
            .arg(&answers)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{err}");
        assert_eq!(before, env.files());
    }
    let old = env.reflect_at(
        "2024-01-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 1\n",
    );
    let before = env.files();
    let out = env
        .pi()
        .args(["review", "--exclude", &old[..8], "-o", "x.md", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "--exclude: session {} is not part of the period reviewed (2025-11-20 to 2026-11-23)",
            &old[..8]
        )),
        "{err}"
    );
    assert_eq!(before, env.files());

    let out = env
        .pi()
        .args(["review", "-o", "brief.md", "--force", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(env.dir.path().join("brief.md"))
            .unwrap()
            .contains("The intake process runs itself now.")
    );
}

#[test]
fn a_review_in_the_terminal_shows_the_year_pauses_and_finishes_with_the_chosen_brief() {
    let env = TestEnv::new();
    a_year(&env);
    let mut pi = spawn(&env, &["review"], &[]);
    expect(&mut pi, "Looking back from 2025-11-20 to 2026-11-23.");
    // The overview is for a terminal: underlined headings and bullets, no Markdown.
    expect(&mut pi, "Projects and assignments\r\n────────");
    expect(&mut pi, "Intake redesign (2026-02-01)");
    expect(&mut pi, "The real issue:\r\n      Trust, not the form.");
    expect(&mut pi, "• I do everything myself (new, let go)");
    expect(
        &mut pi,
        "How my work fits me: 2 → 4 of 5 (+1 since the previous review)",
    );
    expect(&mut pi, "At my previous review (2025-11-20)");
    expect(&mut pi, "How much time do you want to take?");
    pi.send(ENTER).unwrap();
    answer_text(&mut pi, "[1/9]", "Halving the waiting time.");
    answer_list(&mut pi, "[2/9]", &["Intake redesign"]);
    expect(&mut pi, "[3/9]");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "What would you like to do?");
    pi.send(format!("{DOWN}{DOWN}{DOWN}{ENTER}")).unwrap(); // pause
    expect(&mut pi, "pi review --session");
    assert_eq!(exit_code(&mut pi), 0);
    assert!(
        !env.dir
            .path()
            .join("appraisal-brief-2026-11-23.md")
            .exists()
    );

    let list = env.json(&["list", "--json"]);
    let id = list[0]["id"].as_str().unwrap()[..8].to_string();
    let mut pi = spawn(&env, &["review", "--session", &id], &[]);
    answer_text(&mut pi, "[3/9]", "Pairing with juniors.");
    answer_text(&mut pi, "[4/9]", "That listening is my craft.");
    answer_text(&mut pi, "[5/9]", "In the workshops with clients.");
    answer_text(&mut pi, "[6/9]", "Writing plainly.");
    answer_list(&mut pi, "[7/9]", &["Time to write"]);
    answer_list(&mut pi, "[8/9]", &["The regional network"]);
    expect(&mut pi, "[9/9]");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "What would you like to do?");
    pi.send(format!("{DOWN}{DOWN}{ENTER}")).unwrap(); // skip the intention
    // The checklist, grouped by kind: private things unticked.
    expect(&mut pi, "What goes into the brief?");
    expect(&mut pi, "[project] Intake redesign (2026-02-01)");
    expect(&mut pi, "[let go] I do everything myself");
    expect(&mut pi, "[self-assessment, private]");
    // Untick the project (the first item) and confirm.
    pi.send(format!(" {ENTER}")).unwrap();
    expect(&mut pi, "Brief written to appraisal-brief-2026-11-23.md");
    assert_eq!(exit_code(&mut pi), 0);
    let brief =
        std::fs::read_to_string(env.dir.path().join("appraisal-brief-2026-11-23.md")).unwrap();
    assert!(brief.contains("Halving the waiting time."), "{brief}");
    assert!(brief.contains("- The regional network"), "{brief}");
    assert!(!brief.contains("Trust, not the form."), "unticked: {brief}");
    assert!(!brief.contains("I do everything myself"), "{brief}");
    assert!(!brief.contains("of 5"), "{brief}");
}
