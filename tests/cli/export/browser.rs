//! The HTML export opened in a real headless browser: answers written to attack the page
//! must show as text and run nothing.

use super::{a_year, ok};
use crate::env::TestEnv;
use std::path::Path;
use std::process::Command;

/// Answers that would run script if they reached the page unescaped; each sets the title,
/// so a script that ran shows in the dumped DOM.
const ATTACKS: [&str; 5] = [
    "<script>document.title='pwned'</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "He said \"quotes\" matter",
    "It's 'apostrophes' too",
];

/// The DOM after the page loaded (and any script had its chance to run).
fn dump_dom(chromium: &Path, page: &Path, profile: &Path) -> String {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn title(dom: &str) -> &str {
    let start = dom.find("<title>").expect("a title") + "<title>".len();
    &dom[start..start + dom[start..].find("</title>").unwrap()]
}

#[test]
fn the_html_export_shows_hostile_answers_as_text_and_runs_nothing() {
    let env = TestEnv::new();
    a_year(&env);
    env.reflect_at(
        "2026-10-01T09:00:00Z",
        &[
            "--mode",
            "kiezen",
            "--depth",
            "deep",
            "--context",
            ATTACKS[1],
        ],
        &format!(
            "first-signal = {:?}\npatterns = {:?}\nfit = 5\nstatements = [{:?}, {:?}]\n",
            ATTACKS[0], ATTACKS[2], ATTACKS[3], ATTACKS[4]
        ),
    );
    let page = env.dir.path().join("export.html");
    ok(&env
        .pi()
        .args(["export", "--since", "1900", "--format", "html", "-o"])
        .arg(&page)
        .args(["--statements", "--commitments"])
        .output()
        .unwrap());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.to_lowercase().contains("<script"),
        "no script element at all"
    );
    assert!(html.contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:"));
    assert!(html.contains("<svg"), "a chart of the fit scale");
    assert_eq!(
        html.matches("://").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "no address but the SVG namespace: nothing is loaded from anywhere"
    );

    // Debian's chromium, which .ci/run installs; a test never installs anything itself.
    let Some(chromium) = crate::env::installed("chromium") else {
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let dom = dump_dom(&chromium, &page, profile.path());
    assert_eq!(title(&dom), "Reflections on my professional identity");
    assert!(!dom.to_lowercase().contains("<script"), "{dom}");
    assert!(!dom.to_lowercase().contains("<img"), "{dom}");
    // Every attack is there as text: the browser serialises text with < > & escaped and
    // quotes as they are.
    for attack in ATTACKS {
        let text = attack
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(dom.contains(&text), "'{attack}' is not shown as text");
    }
    assert!(dom.contains("I stand for clear advice"));

    // The check itself works: the same browser does run an unprotected page's handler.
    let control = env.write(
        "control.html",
        "<!DOCTYPE html><title>safe</title><img src=x onerror=\"document.title='pwned'\">",
    );
    assert_eq!(
        title(&dump_dom(&chromium, &control, profile.path())),
        "pwned"
    );
}
