//! Generates a large journal for benchmarks: `cargo run --release --example gen_journal -- PATH
//! [SESSIONS]` (default 10,000 sessions, about 30 answers each, over ten years).
//!
//! The schema and the pack snapshots come from pi's own journal API, so the file is a real
//! journal at the latest version; the bulk rows are then written with plain SQL in one
//! transaction (the API commits every answer durably, which would take hours here). The
//! journal's triggers fill the search index on the way, as they do in use.

use pi::clock::{Clock, format_stamp};
use pi::domain::{Depth, Language, Mode};
use pi::journal::{Journal, NewSession, OpenMode, SessionKind};
use pi::packs::{Pack, PackRegistry, PromptKind};
use rusqlite::{Connection, params};
use std::path::PathBuf;

/// English and Dutch words answers are made of; a few with diacritics.
const WORDS: &[&str] = &[
    "advice",
    "clear",
    "client",
    "team",
    "project",
    "manager",
    "colleague",
    "work",
    "craft",
    "trust",
    "change",
    "choice",
    "learning",
    "feedback",
    "meeting",
    "report",
    "policy",
    "care",
    "quality",
    "time",
    "pressure",
    "calm",
    "map",
    "plan",
    "voice",
    "role",
    "network",
    "value",
    "public",
    "knowledge",
    "practice",
    "theory",
    "method",
    "doubt",
    "pride",
    "energy",
    "balance",
    "direction",
    "question",
    "answer",
    "listen",
    "decide",
    "support",
    "conflict",
    "growth",
    "advies",
    "helder",
    "klant",
    "collega",
    "werk",
    "vak",
    "vertrouwen",
    "verandering",
    "keuze",
    "leren",
    "overleg",
    "rapport",
    "beleid",
    "zorg",
    "kwaliteit",
    "tijd",
    "druk",
    "rust",
    "kaart",
    "stem",
    "rol",
    "netwerk",
    "waarde",
    "kennis",
    "praktijk",
    "twijfel",
    "trots",
    "één",
    "café",
    "coöperatie",
    "reorganisatie",
    "reorganisation",
    "ideeën",
    "financiën",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "my",
    "is",
    "de",
    "het",
    "een",
    "en",
    "van",
    "ik",
    "mijn",
    "voor",
    "met",
    "op",
];

/// A word so rare (one answer in about 5,000) that searching for it finds a handful.
const RARE: &str = "zeldzaam";

/// A small, fast, seeded generator (xorshift64*): the same journal every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut out: Vec<&str> = (0..words)
            .map(|_| WORDS[self.below(WORDS.len() as u64) as usize])
            .collect();
        if self.below(5_000) == 0 {
            out.push(RARE);
        }
        let mut text = out.join(" ");
        text.push('.');
        text
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: gen_journal PATH [SESSIONS]")?);
    let sessions: i64 = args.next().map_or(Ok(10_000), |n| n.parse())?;
    if path.exists() {
        return Err(format!("{} exists; remove it first", path.display()).into());
    }
    let start = pi::clock::parse_stamp("2016-11-23T09:00:00Z").ok_or("bad start")?;
    let registry = PackRegistry::built_in().map_err(|e| e.to_string())?;
    let en = Language::En;
    let project = registry.find("project", en).ok_or("no project pack")?;
    let review = registry.find("review", en).ok_or("no review pack")?;
    let modes: Vec<(Mode, &Pack)> = Mode::ALL
        .iter()
        .map(|&m| {
            registry
                .for_mode(m, en)
                .map(|p| (m, p))
                .ok_or("no mode pack")
        })
        .collect::<Result<_, _>>()?;

    // Through the API: a journal at the latest version, holding every pack's snapshot.
    {
        let mut journal = Journal::open(&path, OpenMode::Create, Clock::fixed(start))?;
        let mut first = Vec::new();
        for (mode, pack) in &modes {
            first.push(journal.create_session(&NewSession {
                kind: SessionKind::Reflect,
                mode: Some(*mode),
                packs: vec![project, pack],
                context: "First".into(),
                language: en,
                depth: Depth::Deep,
            })?);
        }
        first.push(journal.create_session(&NewSession {
            kind: SessionKind::Review,
            mode: None,
            packs: vec![review],
            context: String::new(),
            language: en,
            depth: Depth::Deep,
        })?);
        for session in first {
            journal.finish_session(session.id)?;
        }
    }

    let mut conn = Connection::open(&path)?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let tx = conn.transaction()?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut answers = 0u64;
    {
        let mut session_stmt = tx.prepare(
            "INSERT INTO sessions (id, kind, mode, pack_id, pack_version, context, language, depth, \
             prompt_count, started_at, finished_at, status) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'en', 'deep', ?7, ?8, ?8, 'finished')",
        )?;
        let mut pack_stmt = tx.prepare(
            "INSERT INTO session_packs (session_id, position, snapshot_hash) VALUES (?1, ?2, ?3)",
        )?;
        let mut answer_stmt = tx.prepare(
            "INSERT INTO answers (id, session_id, pack_id, pack_version, prompt_id, prompt_kind, \
             prompt_text, value, skipped, replaces, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut statement_stmt = tx.prepare(
            "INSERT INTO statements (id, text, session_id, replaces, created_at) \
             VALUES (?1, ?2, ?3, NULL, ?4)",
        )?;
        let mut event_stmt = tx.prepare(
            "INSERT INTO statement_events (id, statement_id, session_id, event, created_at) \
             VALUES (?1, ?2, ?3, 'written', ?4)",
        )?;
        let mut commitment_stmt = tx.prepare(
            "INSERT INTO commitments (id, session_id, text, look_back, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut follow_up_stmt = tx.prepare(
            "INSERT INTO commitment_events (id, commitment_id, session_id, status, note, created_at) \
             VALUES (?1, ?2, NULL, ?3, ?4, ?5)",
        )?;
        let minutes_apart = 10 * 365 * 24 * 60 / sessions.max(1);
        for n in 0..sessions {
            let at = start + chrono::Duration::minutes(n * minutes_apart);
            let id = uuid::Uuid::new_v4().simple().to_string();
            let is_review = n % 12 == 11;
            let (kind, mode, packs): (&str, Option<Mode>, Vec<&Pack>) = if is_review {
                ("review", None, vec![review])
            } else {
                let (mode, pack) = modes[(n % 3) as usize];
                ("reflect", Some(mode), vec![project, pack])
            };
            let main = packs[packs.len() - 1];
            let count: usize = packs.iter().map(|p| p.prompts.len()).sum();
            let context = format!("Project {}", n % 400);
            session_stmt.execute(params![
                id,
                kind,
                mode.map(Mode::id),
                main.id,
                main.version.to_string(),
                context,
                count as i64,
                format_stamp(at)
            ])?;
            for (position, pack) in packs.iter().enumerate() {
                pack_stmt.execute(params![id, position as i64, pack.hash])?;
            }
            let mut minute = 0;
            for pack in &packs {
                for prompt in &pack.prompts {
                    minute += 1;
                    let when = format_stamp(at + chrono::Duration::minutes(minute));
                    let value = match &prompt.kind {
                        PromptKind::Scale { min, max, .. } => {
                            let span = u64::try_from(max - min + 1).unwrap_or(1);
                            serde_json::json!({ "number": min + rng.below(span) as i64 })
                        }
                        PromptKind::List | PromptKind::Statements => {
                            let items: Vec<String> = (0..3).map(|_| rng.sentence(4)).collect();
                            serde_json::json!({ "items": items })
                        }
                        PromptKind::Tidy => continue,
                        PromptKind::ShortText => serde_json::json!({ "text": rng.sentence(5) }),
                        _ => serde_json::json!({ "text": rng.sentence(25) }),
                    };
                    let answer_id = uuid::Uuid::new_v4().simple().to_string();
                    answer_stmt.execute(params![
                        answer_id,
                        id,
                        pack.id,
                        pack.version.to_string(),
                        prompt.id,
                        prompt.kind.id(),
                        prompt.text,
                        value.to_string(),
                        false,
                        None::<String>,
                        when
                    ])?;
                    answers += 1;
                    if rng.below(10) == 0 {
                        // Now and then an answer is revised.
                        answer_stmt.execute(params![
                            uuid::Uuid::new_v4().simple().to_string(),
                            id,
                            pack.id,
                            pack.version.to_string(),
                            prompt.id,
                            prompt.kind.id(),
                            prompt.text,
                            value.to_string(),
                            false,
                            answer_id,
                            when
                        ])?;
                        answers += 1;
                    }
                    match &prompt.kind {
                        PromptKind::Statements => {
                            for item in value["items"].as_array().into_iter().flatten() {
                                let sid = uuid::Uuid::new_v4().simple().to_string();
                                statement_stmt.execute(params![sid, item.as_str(), id, when])?;
                                event_stmt.execute(params![
                                    uuid::Uuid::new_v4().simple().to_string(),
                                    sid,
                                    id,
                                    when
                                ])?;
                            }
                        }
                        PromptKind::Commitment => {
                            let back = at + chrono::Duration::days(60);
                            let commitment = uuid::Uuid::new_v4().simple().to_string();
                            commitment_stmt.execute(params![
                                commitment,
                                id,
                                value["text"].as_str(),
                                back.format("%Y-%m-%d").to_string(),
                                when
                            ])?;
                            // Most are looked back on in time; a few stay open.
                            if rng.below(50) != 0 {
                                let note = (rng.below(3) == 0).then(|| rng.sentence(8));
                                follow_up_stmt.execute(params![
                                    uuid::Uuid::new_v4().simple().to_string(),
                                    commitment,
                                    if rng.below(4) == 0 { "dropped" } else { "done" },
                                    note,
                                    format_stamp(back)
                                ])?;
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    tx.commit()?;
    conn.execute_batch("PRAGMA optimize; VACUUM;")?;
    eprintln!(
        "Wrote {} sessions and {answers} answers to {}.",
        sessions + 4,
        path.display()
    );
    Ok(())
}
