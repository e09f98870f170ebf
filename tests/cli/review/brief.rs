//! The brief itself: what it draws on, what stays out unless chosen, how it reads, and its
//! two formats.

use super::{a_year, brief_of, review_answers};
use crate::env::TestEnv;

#[test]
fn the_brief_gathers_the_year_and_leaves_private_things_out() {
    let env = TestEnv::new();
    a_year(&env);
    let brief = brief_of(&env, &["--depth", "deep"]);
    insta::assert_snapshot!("review_brief_en", brief);
    // The project reflection, under headings of the brief's own.
    for part in [
        "## Projects and assignments\n\n### Intake redesign (2026-02-01)",
        "**The real issue**\n\nTrust, not the form.",
        "**Other ways of acting**\n\n- Ask first\n- Pilot with one team",
        "**What I will try**\n\nPilot with one team.",
        "### What I am proud of\n\nThe intake process runs itself now.",
        "> _Previous review (2025-11-20)_\n>\n> The onboarding guide.",
        "- I stand for clear advice _(new, kept)_",
        "- I keep my promises, or say early that I cannot _(reworded from “I keep my promises”)_",
        "- Ask for feedback after every workshop _(done)_ — Four times out of five",
        "- \\# Mentoring two juniors",
    ] {
        assert!(brief.contains(part), "{part:?} in:\n{brief}");
    }
    // Not the questions, no placeholders for what was skipped, nothing private.
    assert!(!brief.contains("what are you proud of?"), "{brief}");
    assert!(!brief.contains("not answered"), "{brief}");
    assert!(!brief.contains("Goals and agreements"), "skipped: {brief}");
    assert!(!brief.contains("I do everything myself"), "let go: {brief}");
    assert!(!brief.contains("fits me"), "a self-score: {brief}");
    assert!(!brief.contains("of 5"), "{brief}");
}

#[test]
fn include_and_exclude_choose_by_kind_and_by_session() {
    let env = TestEnv::new();
    let (project, tidy) = a_year(&env);
    let brief = brief_of(
        &env,
        &[
            "--depth",
            "deep",
            "--include",
            "scales",
            "--include",
            "let-go",
        ],
    );
    assert!(
        brief.contains(
            "## Self-assessments\n\n- **How my work fits me**: 2 → 4 of 5 _(+1 since the previous review)_ `▃▆`"
        ),
        "{brief}"
    );
    assert!(
        brief.contains("### How my work fits me\n\n4 of 5"),
        "the review's own scale answer, with its range: {brief}"
    );
    assert!(
        brief.contains("- I do everything myself _(new, let go)_"),
        "{brief}"
    );

    let brief = brief_of(&env, &["--exclude", "projects", "--exclude", "earlier"]);
    assert!(!brief.contains("Projects and assignments"), "{brief}");
    assert!(!brief.contains("Previous review"), "{brief}");
    assert!(brief.contains("I stand for clear advice"), "{brief}");

    // Everything from the project reflection stays out: its answers, statements, intention.
    let brief = brief_of(&env, &["--exclude", &project[..8]]);
    assert!(!brief.contains("Trust, not the form."), "{brief}");
    assert!(!brief.contains("I stand for clear advice"), "{brief}");
    assert!(!brief.contains("Ask for feedback"), "{brief}");
    assert!(brief.contains("or say early that I cannot"), "{brief}");
    assert!(brief.contains("- **3 reflection sessions**"), "{brief}");

    // Only the tidy walk's evidence.
    let brief = brief_of(&env, &["--include", &tidy[..8]]);
    assert!(
        brief.contains("- **1 reflection sessions**: 1 × maintain and tidy up"),
        "{brief}"
    );
    assert!(!brief.contains("Trust, not the form."), "{brief}");
    assert!(brief.contains("or say early that I cannot"), "{brief}");
    assert!(
        brief.contains("The intake process runs itself now."),
        "the review's own answers: {brief}"
    );
}

#[test]
fn one_answer_on_a_scale_has_no_chart() {
    let env = TestEnv::new();
    a_year(&env);
    let brief = brief_of(&env, &["--since", "2026-08", "--include", "scales"]);
    assert!(
        brief.contains("- **How my work fits me**: 4 of 5\n"),
        "one value: its place on the scale, no chart and no change: {brief}"
    );
    assert!(!brief.contains('▁') && !brief.contains('█'), "{brief}");
}

#[test]
fn the_dutch_brief_has_its_own_words_and_file_name() {
    let env = TestEnv::new();
    a_year(&env);
    let answers = review_answers(&env);
    let out = env
        .pi()
        .args(["review", "--lang", "nl", "--include", "scales", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Voorbereiding geschreven naar jaargesprek-2026-11-23.md"),
        "{stderr}"
    );
    let brief = std::fs::read_to_string(env.dir.path().join("jaargesprek-2026-11-23.md")).unwrap();
    insta::assert_snapshot!("review_brief_nl", brief);
    for part in [
        "# Voorbereiding jaargesprek 2025-11-20 – 2026-11-23",
        "**De eigenlijke kwestie**",
        "### Waar ik trots op ben",
        "- **Hoe mijn werk bij me past**: 2 → 4 van 5 _(+1 sinds de vorige terugblik)_",
        "_(gedaan)_ — Four times out of five",
    ] {
        assert!(brief.contains(part), "{part:?} in:\n{brief}");
    }
}

#[test]
fn an_html_brief_is_one_printable_page_that_runs_nothing() {
    let env = TestEnv::new();
    a_year(&env);
    env.reflect_at(
        "2026-10-01T09:00:00Z",
        &[
            "--mode",
            "kiezen",
            "--depth",
            "quick",
            "--context",
            "<img src=x onerror=alert(1)>",
        ],
        "key-moment = \"<script>alert(1)</script>\"\n",
    );
    let answers = review_answers(&env);
    let out = env
        .pi()
        .args(["review", "--format", "html", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html =
        std::fs::read_to_string(env.dir.path().join("appraisal-brief-2026-11-23.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{html}"
    );
    assert!(html.contains("default-src 'none'"), "{html}");
    assert!(html.contains("@page { size: A4"), "{html}");
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("<h2>Projects and assignments</h2>"), "{html}");
    assert!(
        html.contains("<h4>The real issue</h4>\n<p class=\"answer\">Trust, not the form.</p>"),
        "{html}"
    );
    assert!(html.contains("<li># Mentoring two juniors</li>"), "{html}");
}
