//! The page made for a professional friend, in a real headless Chromium driven over the
//! DevTools protocol: the friend types comments, reloads, saves; the owner imports the saved
//! file and `pi show` prints the comments under the right answers. Answers written to attack
//! the page neither run nor break the form.

use super::cdp::{Browser, Page};
use super::ok;
use crate::env::TestEnv;
use std::path::Path;

/// Answers that would run script, or break out of a text box, if they reached the page
/// unescaped; each sets the title when it runs.
const HOSTILE_COLOUR: &str = "</textarea><script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
const HOSTILE_STATEMENT: &str =
    "<a href=\"javascript:document.title='pwned'\">click</a> javascript:alert(1)";
const COLOUR_QUESTION: &str = "Think of a piece of work you are pleased with.";

/// The owner's year, with hostile text in an answer, a statement and the context, and a page
/// for a friend with the owner's own question.
fn owner_page(env: &TestEnv) -> (String, std::path::PathBuf) {
    let session = env.reflect_at(
        "2026-02-01T09:00:00Z",
        &[
            "--mode",
            "verkennen",
            "--depth",
            "quick",
            "--context",
            "<img src=x onerror=alert(1)>",
        ],
        &format!(
            "colour = {HOSTILE_COLOUR:?}\n\
             not-mine = [\"Deciding for the client\"]\n\
             statements = [{HOSTILE_STATEMENT:?}, \"I stand for clear advice\"]\n\
             commitment = {{ text = \"Ask for feedback after every workshop\", look_back = \"2026-06-01\" }}\n"
        ),
    );
    let page = env.dir.path().join("for-sam.html");
    ok(&env
        .pi()
        .args(["export", "--since", "1900", "--statements", "--commitments"])
        .args(["--ask", "Do you recognise me in this?", "-o"])
        .arg(&page)
        .output()
        .unwrap());
    (session, page)
}

fn url(page: &Path) -> String {
    format!("file://{}", page.display())
}

/// The `data-id` of the comment box under the answer whose question starts with `question`.
fn answer_box(tab: &Page, b: &mut Browser, question: &str) -> String {
    let id = tab.eval(
        b,
        &format!(
            "Array.from(document.querySelectorAll('.qa')).find(q => q.querySelector('h3').textContent.startsWith({question:?}))\
             .querySelector('textarea').getAttribute('data-id')"
        ),
    );
    format!(
        "textarea[data-kind=\"answer\"][data-id=\"{}\"]",
        id.as_str().unwrap()
    )
}

#[test]
fn a_friend_replies_in_the_browser_and_the_owner_reads_it_under_the_answers() {
    let owner = TestEnv::new();
    let (session, page) = owner_page(&owner);
    let html = std::fs::read_to_string(&page).unwrap();
    // One script, pi's own, allowed by its hash; nothing loads; text escaped as always.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(html.contains("script-src 'sha256-"), "{html}");
    assert!(html.contains("default-src 'none'"), "{html}");
    assert!(html.contains("form-action 'none'"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;/textarea&gt;&lt;script&gt;"), "{html}");
    assert!(html.contains("Do you recognise me in this?"), "{html}");
    assert!(html.contains("What do you recognise in what your colleague shared with you?"));
    assert_eq!(
        html.matches("://").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "no address anywhere: nothing is loaded from anywhere"
    );

    let Some(chromium) = crate::env::installed("chromium") else {
        return;
    };
    let downloads = tempfile::tempdir().unwrap();
    let mut b = Browser::launch(&chromium);
    b.downloads_into(downloads.path());
    let tab = b.open(&url(&page));

    // The hostile answers are text: nothing ran, the form is whole.
    assert_eq!(
        tab.eval(&mut b, "document.title"),
        "Reflections on my professional identity"
    );
    assert_eq!(tab.eval(&mut b, "document.scripts.length"), 1);
    assert_eq!(tab.eval(&mut b, "document.images.length"), 0);
    assert_eq!(
        tab.eval(&mut b, "document.querySelectorAll('a[href]').length"),
        0,
        "no link, javascript: or otherwise"
    );
    assert_eq!(
        tab.eval(&mut b, "document.body.innerText.includes(\"</textarea><script>document.title='pwned'</script>\")"),
        true
    );
    assert_eq!(
        tab.eval(&mut b, "document.getElementById('pi-reply').hidden"),
        false,
        "the script showed the form"
    );
    // A box under each of the 4 answers, 2 statements and 1 intention; the owner's question
    // and the 5 guide questions.
    assert_eq!(
        tab.eval(
            &mut b,
            "document.querySelectorAll('textarea[data-kind]').length"
        ),
        13
    );

    let colour = answer_box(&tab, &mut b, COLOUR_QUESTION);
    tab.type_into(
        &mut b,
        &colour,
        "Is that <b>colour</b> yours, or your team's?",
    );
    tab.type_into(
        &mut b,
        "li textarea[data-kind=\"statement\"]",
        "I see this in every meeting.",
    );
    tab.type_into(
        &mut b,
        "textarea[data-kind=\"commitment\"]",
        "How did it go?",
    );
    tab.type_into(
        &mut b,
        "textarea[data-id=\"ask\"]",
        "Yes: the way you listen.",
    );
    tab.type_into(&mut b, "textarea[data-id=\"colour\"]", "Plain words.");

    // What was typed survives a reload.
    tab.reload(&mut b);
    assert_eq!(
        tab.eval(&mut b, &format!("document.querySelector({colour:?}).value")),
        "Is that <b>colour</b> yours, or your team's?"
    );
    assert_eq!(
        tab.eval(
            &mut b,
            "document.querySelector('textarea[data-id=\"ask\"]').value"
        ),
        "Yes: the way you listen."
    );

    // Without a name nothing is saved; with one, the reply is a file.
    tab.click(&mut b, "#pi-save");
    assert_eq!(
        tab.eval(&mut b, "document.getElementById('pi-status').textContent"),
        "Write your name first: it signs your reply."
    );
    tab.type_into(&mut b, "#pi-name", "Sam Jansen");
    tab.click(&mut b, "#pi-save");
    let done = b.event("Browser.downloadProgress", |p| {
        p["state"] == "completed" || p["state"] == "canceled"
    });
    assert_eq!(done["state"], "completed", "{done}");
    let status = tab.eval(&mut b, "document.getElementById('pi-status').textContent");
    let saved: Vec<_> = std::fs::read_dir(downloads.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let name = saved[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.starts_with("reply-sam-jansen-") && name.ends_with(".json"),
        "{name}"
    );
    assert!(status.as_str().unwrap().contains(&name), "{status}");
    drop(b);

    // The owner imports the file the browser saved, exactly like a reply from pi.
    let reply = owner.dir.path().join(&name);
    std::fs::copy(&saved[0], &reply).unwrap();
    let out = owner.pi().arg("import").arg(&reply).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("friend comments   3 added"), "{summary}");
    assert!(summary.contains("friend answers    2 added"), "{summary}");

    let shown = owner.stdout(&["show", &session[..8]]);
    assert!(
        shown.contains("[comments: 1]\n   </textarea><script>"),
        "the answer is marked: {shown}"
    );
    assert!(
        shown.contains("   ↳ Sam Jansen (")
            && shown.contains("):\n     Is that <b>colour</b> yours, or your team's?"),
        "{shown}"
    );
    assert!(shown.contains("I see this in every meeting."), "{shown}");
    assert!(
        shown.contains(
            "Comments on intentions\n   Ask for feedback after every workshop\n   ↳ Sam Jansen"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("What Sam Jansen wrote about what you shared"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "   Do you recognise me in this? (your own question)\n     Yes: the way you listen."
        ),
        "{shown}"
    );
    let status = owner.stdout(&["status"]);
    assert!(
        status.contains("Sam Jansen replied today to what you shared on 2026-11-23: 3 comments and 2 answers to the conversation guide."),
        "{status}"
    );

    // Importing it again adds nothing.
    let out = owner.pi().arg("import").arg(&reply).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("Nothing new"));
}

#[test]
fn without_javascript_the_friends_page_reads_as_any_export() {
    let owner = TestEnv::new();
    let (_, page) = owner_page(&owner);
    let Some(chromium) = crate::env::installed("chromium") else {
        return;
    };
    let mut b = Browser::launch(&chromium);
    let tab = b.open("about:blank");
    tab.scripts_off(&mut b);
    tab.navigate(&mut b, &url(&page));
    assert_eq!(
        tab.eval(&mut b, "document.getElementById('pi-reply').hidden"),
        true
    );
    assert_eq!(
        tab.eval(
            &mut b,
            "Array.from(document.querySelectorAll('.pi-friend')).every(e => e.hidden)"
        ),
        true,
        "no box shows"
    );
    assert_eq!(
        tab.eval(
            &mut b,
            "document.body.innerText.includes('I stand for clear advice')"
        ),
        true
    );
}

#[test]
fn a_page_for_a_friend_refuses_what_cannot_work_before_anything_is_written() {
    let owner = TestEnv::new();
    owner.reflect(
        &["--mode", "verkennen", "--depth", "quick"],
        "colour = \"Simple.\"\n",
    );
    let before = owner.files();
    for (args, message) in [
        (
            vec!["--for-friend", "--format", "md", "-o", "x.md"],
            "--for-friend makes a page to reply in (--format html)",
        ),
        (
            vec!["--ask", "  ", "-o", "x.html"],
            "--ask needs a question",
        ),
        (
            vec!["--for-friend", "--encrypt", "-o", "x.html"],
            "which cannot open an encrypted file",
        ),
    ] {
        let out = owner
            .pi()
            .args(["export", "--since", "1900"])
            .args(&args)
            .env("PI_PASSPHRASE", "long enough passphrase")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{err}");
        assert_eq!(before, owner.files());
    }
    // With --ask, a JSON export carries the question for a friend who uses pi.
    let out = owner
        .pi()
        .args(["export", "--since", "1900", "--format", "json", "-o", "-"])
        .args(["--ask", "Do you recognise me?"])
        .output()
        .unwrap();
    let export: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(export["version"], 3);
    assert_eq!(export["ask"], "Do you recognise me?");
    // Without, a page is as it always was: no script, no boxes.
    ok(&owner
        .pi()
        .args([
            "export",
            "--since",
            "1900",
            "--format",
            "html",
            "-o",
            "plain.html",
        ])
        .output()
        .unwrap());
    let plain = std::fs::read_to_string(owner.dir.path().join("plain.html")).unwrap();
    assert!(!plain.contains("<script") && !plain.contains("<textarea"));
}

#[test]
fn the_picker_asks_whether_a_page_is_for_a_friend_and_for_a_question() {
    use crate::pty::{ENTER, exit_code, expect, spawn};
    let owner = TestEnv::new();
    owner.reflect(
        &["--mode", "verkennen", "--depth", "quick"],
        "colour = \"Simple.\"\n",
    );
    let mut pi = spawn(
        &owner,
        &["export", "--format", "html", "-o", "for-sam.html"],
        &[],
    );
    expect(&mut pi, "Which sessions do you want to export?");
    pi.send(" ").unwrap();
    pi.send(ENTER).unwrap();
    expect(
        &mut pi,
        "Is this page for a professional friend, to write their reply in?",
    );
    pi.send("y").unwrap();
    expect(&mut pi, "A question of your own for your friend");
    pi.send(format!("What surprises you?{ENTER}")).unwrap();
    expect(&mut pi, "Exported 1 session to for-sam.html.");
    assert_eq!(exit_code(&mut pi), 0);
    let html = std::fs::read_to_string(owner.dir.path().join("for-sam.html")).unwrap();
    assert!(
        html.contains(
            "<p class=\"pi-ask\"><strong>Your colleague asks you:</strong> What surprises you?</p>"
        ),
        "{html}"
    );
    assert_eq!(html.matches("<script").count(), 1);
}
