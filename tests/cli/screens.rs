//! What every command prints, in Dutch and in English, as reviewed snapshots: one journal with
//! every kind of record (three modes, a tidy walk, a follow-up, an imported jrnl history, a
//! friend's comment), a fixed clock, and ids and paths replaced by stable names. A change to
//! any screen shows up here as a diff to review (`cargo insta review`).

use crate::env::TestEnv;
use std::path::Path;

/// The answers of the world, in the person's language.
struct Words {
    lang: &'static str,
    context: &'static str,
    colour: &'static str,
    statements: [&'static str; 3],
    commitment: &'static str,
    revised: &'static str,
    around: &'static str,
    note: &'static str,
    choice: &'static str,
    comment: &'static str,
}

const EN: Words = Words {
    lang: "en",
    context: "Intake redesign",
    colour: "I make complicated things simple.",
    statements: [
        "I stand for clear advice",
        "What is not mine: deciding for others",
        "I keep my promises",
    ],
    commitment: "Ask for feedback after every workshop",
    revised: "Deciding is theirs; advising is mine",
    around: "A new director arrived.",
    note: "Four times; it helped.",
    choice: "Whether to stay in advice or go back to deciding.",
    comment: "What makes it simple for the people you advise?",
};

const NL: Words = Words {
    lang: "nl",
    context: "Herontwerp intake",
    colour: "Ik maak ingewikkelde dingen eenvoudig.",
    statements: [
        "Ik sta voor helder advies",
        "Wat niet van mij is: beslissen voor anderen",
        "Ik kom mijn afspraken na",
    ],
    commitment: "Na elke workshop om feedback vragen",
    revised: "Beslissen is aan hen; adviseren is van mij",
    around: "Er kwam een nieuwe directeur.",
    note: "Vier keer; het hielp.",
    choice: "Of ik in het advieswerk blijf of terugga naar beslissen.",
    comment: "Wat maakt het eenvoudig voor de mensen die je adviseert?",
};

/// Builds the world in `env`; returns the session ids in the order they were made.
fn world(env: &TestEnv, w: &Words) -> Vec<String> {
    let lang = ["--lang", w.lang];
    let explore = env.reflect_at(
        "2026-02-01T09:00:00Z",
        &[
            &lang[..],
            &[
                "--mode",
                "verkennen",
                "--depth",
                "quick",
                "--context",
                w.context,
            ],
        ]
        .concat(),
        &format!(
            "colour = {:?}\nstatements = [{:?}, {:?}, {:?}]\n\
             commitment = {{ text = {:?}, look_back = \"2026-05-01\" }}\n",
            w.colour, w.statements[0], w.statements[1], w.statements[2], w.commitment
        ),
    );
    let statements = env.json(&["statements", "--json"]);
    let id = |text: &str| {
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
    let commitment = env.json(&["commitments", "--json"])[0]["id"]
        .as_str()
        .unwrap()[..8]
        .to_string();
    let tidy = env.reflect_at(
        "2026-06-01T09:00:00Z",
        &[&lang[..], &["--mode", "onderhouden", "--depth", "quick"]].concat(),
        &format!(
            "around = {:?}\nfooting = 4\n\
             tidy = {{ \"{}\" = \"keep\", \"{}\" = {{ revise = {:?} }}, \"{}\" = \"let-go\" }}\n\
             [follow-up]\n\"{commitment}\" = {{ status = \"done\", note = {:?} }}\n",
            w.around,
            id(w.statements[0]),
            id(w.statements[1]),
            w.revised,
            id(w.statements[2]),
            w.note
        ),
    );
    let march = env.reflect_at(
        "2026-03-01T09:00:00Z",
        &[&lang[..], &["--mode", "kiezen", "--depth", "quick"]].concat(),
        &format!("fit = 2\nchoice = {:?}\n", w.choice),
    );
    let september = env.reflect_at(
        "2026-09-01T09:00:00Z",
        &[&lang[..], &["--mode", "kiezen", "--depth", "quick"]].concat(),
        "fit = 4\n",
    );
    let jrnl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/jrnl.json");
    env.pi()
        .args(["--lang", w.lang, "import", "--from", "jrnl"])
        .arg(jrnl)
        .assert()
        .success();
    // A friend's comment on the colour answer, sent back on the export it read.
    let export = env.json(&["export", &explore[..8], "--format", "json", "-o", "-"]);
    let answer = export["sessions"][0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["prompt_id"] == "colour")
        .unwrap()["id"]
        .clone();
    let reply = serde_json::json!({
        "format": "pi-reply", "version": 1, "export_id": export["export_id"], "friend": "Sam",
        "written_at": "2026-11-20T10:00:00Z",
        "comments": [{"id": "c0000000000040008000000000000001", "target_kind": "answer",
                      "target_id": answer, "text": w.comment, "created_at": "2026-11-20T10:00:00Z"}]
    });
    env.write("reply.json", &reply.to_string());
    env.pi()
        .args(["--lang", w.lang, "import", "reply.json"])
        .assert()
        .success();
    vec![explore, march, tidy, september]
}

/// Every id in the journal, each with a stable name, longest form first.
fn id_names(env: &TestEnv) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(&env.journal).unwrap();
    let mut names = Vec::new();
    for (table, order, label) in [
        ("sessions", "started_at, rowid", "session"),
        ("answers", "created_at, rowid", "answer"),
        ("statements", "created_at, rowid", "statement"),
        ("commitments", "created_at, rowid", "commitment"),
        ("exports", "exported_at, rowid", "export"),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT id FROM {table} ORDER BY {order}"))
            .unwrap();
        let ids: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (n, id) in ids.into_iter().enumerate() {
            names.push((id.clone(), format!("<{label}-{}>", n + 1)));
            names.push((id[..8].to_string(), format!("<{label}-{}…>", n + 1)));
        }
    }
    names.sort_by_key(|(id, _)| std::cmp::Reverse(id.len()));
    names
}

/// Every screen of the world in one language, as a person would read it.
fn screens(w: &Words) -> String {
    let env = TestEnv::new();
    let sessions = world(&env, w);
    let names = id_names(&env);
    let first = &sessions[0][..8];
    let jrnl = env
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "journal")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["show", first],
        vec!["show", &jrnl[..8]],
        vec!["statements", "--all"],
        vec!["commitments"],
        vec!["diff"],
        vec!["search", "advies"],
        vec!["history", "fit"],
        vec!["history", "--statements"],
        vec!["status"],
        vec!["export", first],
        vec!["packs", "list"],
        vec!["doctor"],
        vec!["backup", "--list"],
    ];
    let mut out = String::new();
    for args in commands {
        let run = env
            .pi()
            .arg("--lang")
            .arg(w.lang)
            .args(&args)
            .output()
            .unwrap();
        out.push_str(&format!("$ pi {}\n", args.join(" ")));
        out.push_str(&String::from_utf8_lossy(&run.stdout));
        let err = String::from_utf8_lossy(&run.stderr);
        if !err.is_empty() {
            out.push_str(&format!("[stderr]\n{err}"));
        }
        out.push_str(&format!("[exit {}]\n\n", run.status.code().unwrap_or(-1)));
    }
    let mut out = out.replace(&env.dir.path().display().to_string(), "<tmp>");
    // A journal's size in bytes changes with every schema step: not a screen to review.
    out = out
        .lines()
        .map(|line| match (line.find(" KiB, "), line.find('(')) {
            (Some(end), Some(start)) if start < end => {
                format!("{}(<size>{}", &line[..start], &line[end + 4..])
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    for (id, name) in names {
        out = out.replace(&id, &name);
    }
    out
}

#[test]
fn every_screen_in_english() {
    insta::assert_snapshot!("screens_en", screens(&EN));
}

#[test]
fn every_screen_in_dutch() {
    insta::assert_snapshot!("screens_nl", screens(&NL));
}
