//! `pi history PROMPT_ID`: every answer to one prompt over the years, oldest first, following
//! `replaces` links between pack versions; a scale also as a sparkline. `--statements`: the
//! life of every statement.

use crate::app::App;
use crate::cli::HistoryArgs;
use crate::clock::local_date;
use crate::domain::AnswerValue;
use crate::domain::sparkline::sparkline;
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult};
use crate::journal::{Journal, PromptAnswer, StatementEventKind, StatementRecord};
use crate::packs::{Pack, PromptKind};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// The widest sparkline: more answers than this are averaged into this many cells.
const SPARK_WIDTH: usize = 60;

/// Runs `pi history`.
pub fn run(app: &App, args: &HistoryArgs) -> CliResult {
    let journal = app.reading_journal()?;
    match &args.prompt {
        Some(id) if !args.statements => prompt_history(app, journal.as_ref(), id, args.json),
        _ => statement_history(app, journal.as_ref(), args.json),
    }
}

/// A link between two prompt ids of one pack: `new` replaced `old` in `pack@version`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
struct Link {
    pack_id: String,
    version: String,
    prompt_id: String,
    replaces: String,
}

/// The prompt ids that are one question across pack versions, from the packs' `replaces`.
#[derive(Debug, Default, PartialEq)]
struct Lineage {
    /// (pack id, prompt id) pairs of the question.
    members: BTreeSet<(String, String)>,
    /// The links that joined them.
    links: BTreeSet<Link>,
    /// The scale's ends, from the newest pack version that asks it as a scale.
    scale: Option<(i64, i64)>,
}

impl Lineage {
    /// Starts at every pack that has prompt `id` and follows `replaces` both ways, within one
    /// pack id: a prompt replaced by `id`, and a prompt that replaced `id`, are the same question.
    fn of(id: &str, packs: &[&Pack]) -> Self {
        let mut links = BTreeSet::new();
        for pack in packs {
            for prompt in &pack.prompts {
                if let Some(old) = &prompt.replaces {
                    links.insert(Link {
                        pack_id: pack.id.clone(),
                        version: pack.version.to_string(),
                        prompt_id: prompt.id.clone(),
                        replaces: old.clone(),
                    });
                }
            }
        }
        let mut members: BTreeSet<(String, String)> = packs
            .iter()
            .filter(|p| p.prompt(id).is_some())
            .map(|p| (p.id.clone(), id.to_string()))
            .collect();
        let mut used = BTreeSet::new();
        loop {
            let mut grown = false;
            for link in &links {
                let new = (link.pack_id.clone(), link.prompt_id.clone());
                let old = (link.pack_id.clone(), link.replaces.clone());
                if members.contains(&new) || members.contains(&old) {
                    grown |= members.insert(new) | members.insert(old);
                    used.insert(link.clone());
                }
            }
            if !grown {
                break;
            }
        }
        let mut newest_first: Vec<&&Pack> = packs.iter().collect();
        newest_first.sort_by(|a, b| b.version.cmp(&a.version));
        let scale = newest_first.iter().find_map(|pack| {
            pack.prompts.iter().find_map(|p| match &p.kind {
                PromptKind::Scale { min, max, .. }
                    if members.contains(&(pack.id.clone(), p.id.clone())) =>
                {
                    Some((*min, *max))
                }
                _ => None,
            })
        });
        Self {
            members,
            links: used,
            scale,
        }
    }

    /// The prompt ids to ask the journal for.
    fn prompt_ids(&self, id: &str) -> Vec<String> {
        let mut ids: BTreeSet<String> = self.members.iter().map(|(_, p)| p.clone()).collect();
        ids.insert(id.to_string());
        ids.into_iter().collect()
    }

    /// Whether an answer belongs: the id itself in any pack, a linked id only in its pack.
    fn holds(&self, id: &str, answer: &PromptAnswer) -> bool {
        answer.answer.prompt_id == id
            || self.members.contains(&(
                answer.answer.pack_id.clone(),
                answer.answer.prompt_id.clone(),
            ))
    }
}

/// First, last, lowest and highest of a scale's answers.
#[derive(Debug, Serialize, PartialEq)]
struct ScaleSummary {
    min: i64,
    max: i64,
    first: i64,
    last: i64,
    lowest: i64,
    highest: i64,
}

#[derive(Debug, Serialize)]
struct HistoryEntry<'a> {
    date: &'a str,
    session_id: String,
    mode: Option<crate::domain::Mode>,
    context: &'a str,
    pack_id: &'a str,
    pack_version: &'a str,
    prompt_id: &'a str,
    prompt_text: &'a str,
    value: &'a Option<AnswerValue>,
    answered_at: &'a str,
}

fn prompt_history(app: &App, journal: Option<&Journal>, id: &str, json: bool) -> CliResult {
    let registry = app.packs()?;
    // Snapshots of the packs in hand (the same hash) would only repeat them.
    let in_hand: std::collections::HashSet<&str> = registry
        .all()
        .into_iter()
        .map(|p| p.hash.as_str())
        .collect();
    let snapshots = match journal {
        Some(j) => j.snapshots_except(&in_hand)?,
        None => Vec::new(),
    };
    let packs: Vec<&Pack> = registry.all().into_iter().chain(snapshots.iter()).collect();
    let lineage = Lineage::of(id, &packs);
    let answers: Vec<PromptAnswer> = match journal {
        Some(j) => j
            .prompt_answers(&lineage.prompt_ids(id))?
            .into_iter()
            .filter(|a| lineage.holds(id, a))
            .collect(),
        None => Vec::new(),
    };
    if answers.is_empty() && lineage.members.is_empty() {
        let mut known: BTreeSet<String> = packs
            .iter()
            .flat_map(|p| p.prompts.iter().map(|q| q.id.clone()))
            .collect();
        if let Some(j) = journal {
            known.extend(j.answered_prompt_ids()?);
        }
        let close = closest(id, &known);
        let err = CliError::new(format!("no pack or answer has a prompt with the id '{id}'"));
        return Err(if close.is_empty() {
            err.hint("`pi packs show PACK` lists the prompt ids of a pack")
        } else {
            err.hint(format!("did you mean {}?", or_list(&close)))
        });
    }
    let numbers: Vec<i64> = answers
        .iter()
        .filter_map(|a| match a.answer.value {
            Some(AnswerValue::Number(n)) => Some(n),
            _ => None,
        })
        .collect();
    let summary = summarise(&numbers, lineage.scale);
    let io = CliError::from;
    if json {
        let entries: Vec<HistoryEntry<'_>> = answers.iter().map(entry).collect();
        let value = serde_json::json!({
            "prompt_id": id,
            "prompt_ids": lineage.prompt_ids(id),
            "links": lineage.links,
            "answers": entries,
            "scale": summary,
        });
        return app.out.json(&value).map_err(io);
    }
    if answers.is_empty() {
        app.out.status(&format!("No answers to '{id}' yet."));
        return Ok(());
    }
    app.out
        .data(&render(
            id,
            &answers,
            &lineage,
            summary.as_ref(),
            &numbers,
            app,
        ))
        .map_err(io)
}

fn entry(a: &PromptAnswer) -> HistoryEntry<'_> {
    HistoryEntry {
        date: &a.session_started_at,
        session_id: a.answer.session_id.to_string(),
        mode: a.mode,
        context: &a.context,
        pack_id: &a.answer.pack_id,
        pack_version: &a.answer.pack_version,
        prompt_id: &a.answer.prompt_id,
        prompt_text: &a.answer.prompt_text,
        value: &a.answer.value,
        answered_at: &a.answer.created_at,
    }
}

fn summarise(numbers: &[i64], scale: Option<(i64, i64)>) -> Option<ScaleSummary> {
    let (&first, &last) = (numbers.first()?, numbers.last()?);
    let lowest = *numbers.iter().min()?;
    let highest = *numbers.iter().max()?;
    let (min, max) = scale.unwrap_or((lowest, highest));
    Some(ScaleSummary {
        min,
        max,
        first,
        last,
        lowest,
        highest,
    })
}

fn render(
    id: &str,
    answers: &[PromptAnswer],
    lineage: &Lineage,
    summary: Option<&ScaleSummary>,
    numbers: &[i64],
    app: &App,
) -> String {
    let bold = console::Style::new().bold().force_styling(app.out.color);
    let dim = console::Style::new().dim().force_styling(app.out.color);
    let mut out = String::new();
    for link in &lineage.links {
        out.push_str(&format!(
            "{}\n",
            dim.apply_to(format!(
                "In {}@{}, '{}' replaced '{}': both are shown.",
                link.pack_id, link.version, link.prompt_id, link.replaces
            ))
        ));
    }
    let mut asked: Option<&str> = None;
    for a in answers {
        if asked != Some(a.answer.prompt_text.as_str()) {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!(
                "{}\n",
                bold.apply_to(visible(&a.answer.prompt_text))
            ));
            asked = Some(&a.answer.prompt_text);
        }
        let date = local_date(&a.session_started_at);
        let mode = a.mode.map_or_else(
            || visible(&a.answer.pack_id).into_owned(),
            |m| app.words.mode_name(m).to_string(),
        );
        let about = if a.context.is_empty() {
            mode
        } else {
            format!("{mode} · {}", visible(&a.context))
        };
        match &a.answer.value {
            Some(AnswerValue::Number(n)) => {
                out.push_str(&format!("{date}  {n:>3}  {}\n", dim.apply_to(about)));
            }
            Some(AnswerValue::Text(t)) => {
                out.push_str(&format!("{date}  {}\n", dim.apply_to(about)));
                for line in visible(t).lines() {
                    out.push_str(&format!("    {line}\n"));
                }
            }
            Some(AnswerValue::Items(items)) => {
                out.push_str(&format!("{date}  {}\n", dim.apply_to(about)));
                for item in items {
                    out.push_str(&format!("    - {}\n", visible(item)));
                }
            }
            None => {}
        }
    }
    if let Some(s) = summary {
        out.push_str(&format!(
            "\n{id} ({} to {}): {}  first {}, last {}, lowest {}, highest {} ({} answers)\n",
            s.min,
            s.max,
            bold.apply_to(
                sparkline(numbers, Some((s.min, s.max)), SPARK_WIDTH).unwrap_or_default()
            ),
            s.first,
            s.last,
            s.lowest,
            s.highest,
            numbers.len()
        ));
    }
    out
}

/// Up to three known ids nearest to `id` by edit distance (and close enough to be a typo),
/// or that contain it.
fn closest(id: &str, known: &BTreeSet<String>) -> Vec<String> {
    let limit = (id.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &String)> = known
        .iter()
        .map(|k| (strsim::levenshtein(id, k), k))
        .filter(|(d, k)| *d <= limit || (id.len() >= 3 && k.contains(id)))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, k)| k.clone()).collect()
}

fn or_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("'{i}'")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A statement and the wordings that revised it, oldest first.
#[derive(Debug, Serialize)]
struct StatementLife<'a> {
    state: crate::journal::StatementState,
    wordings: Vec<&'a StatementRecord>,
}

fn statement_history(app: &App, journal: Option<&Journal>, json: bool) -> CliResult {
    let statements = match journal {
        Some(j) => j.statements()?,
        None => Vec::new(),
    };
    let lives = lives(&statements);
    let io = CliError::from;
    if json {
        return app.out.json(&lives).map_err(io);
    }
    if lives.is_empty() {
        app.out.status(
            "No statements yet. A `pi reflect` session in mode verkennen ends by writing some.",
        );
        return Ok(());
    }
    let dim = console::Style::new().dim().force_styling(app.out.color);
    let mut out = String::new();
    for life in &lives {
        for (n, s) in life.wordings.iter().enumerate() {
            let indent = "  ".repeat(n);
            let arrow = if n == 0 { "" } else { "→ " };
            out.push_str(&format!(
                "{indent}{arrow}\u{201c}{}\u{201d}\n",
                visible(&s.text)
            ));
            let events: Vec<String> = s
                .events
                .iter()
                .map(|e| format!("{} {}", local_date(&e.at), event_name(e.kind)))
                .collect();
            out.push_str(&format!(
                "{indent}    {}\n",
                dim.apply_to(events.join(" · "))
            ));
        }
    }
    app.out.data(&out).map_err(io)
}

/// Groups statements into lives: each first wording followed by the wordings that revised it.
fn lives(statements: &[StatementRecord]) -> Vec<StatementLife<'_>> {
    let by_replaced: HashMap<_, &StatementRecord> = statements
        .iter()
        .filter_map(|s| s.replaces.map(|r| (r, s)))
        .collect();
    let ids: BTreeSet<_> = statements.iter().map(|s| s.id).collect();
    statements
        .iter()
        .filter(|s| s.replaces.is_none_or(|r| !ids.contains(&r)))
        .map(|first| {
            let mut wordings = vec![first];
            while let Some(next) = wordings.last().and_then(|w| by_replaced.get(&w.id)) {
                if wordings.iter().any(|w| w.id == next.id) {
                    break;
                }
                wordings.push(next);
            }
            StatementLife {
                state: wordings
                    .last()
                    .map_or(crate::journal::StatementState::Current, |w| w.state()),
                wordings,
            }
        })
        .collect()
}

fn event_name(kind: StatementEventKind) -> &'static str {
    match kind {
        StatementEventKind::Written => "written",
        StatementEventKind::Kept => "kept",
        StatementEventKind::LetGo => "let go",
        StatementEventKind::Restored => "restored",
        StatementEventKind::Revised => "revised",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::{PackSource, parse_pack};

    fn pack(version: &str, prompts: &str) -> Pack {
        let text = format!(
            "format = 1\nid = \"kiezen\"\nversion = \"{version}\"\nlanguage = \"en\"\n\
             title = \"t\"\ndescription = \"d\"\npurpose = \"mode\"\nmodes = [\"kiezen\"]\n\
             [[changelog]]\nversion = \"{version}\"\nchanges = \"c\"\n{prompts}"
        );
        parse_pack("test.toml", &text, PackSource::Snapshot).unwrap()
    }

    const SCALE: &str =
        "kind = \"scale\"\ntext = \"q\"\nmin = 0\nmax = 10\nmin_label = \"a\"\nmax_label = \"b\"\n";

    #[test]
    fn replaces_links_are_followed_both_ways_within_a_pack() {
        let v1 = pack("1.0.0", &format!("[[prompts]]\nid = \"fit\"\n{SCALE}"));
        let v2 = pack(
            "2.0.0",
            &format!("[[prompts]]\nid = \"fit-now\"\nreplaces = \"fit\"\n{SCALE}"),
        );
        let packs = [&v1, &v2];
        let new = Lineage::of("fit-now", &packs);
        assert_eq!(new.prompt_ids("fit-now"), ["fit", "fit-now"]);
        assert_eq!(new.links.len(), 1);
        assert_eq!(new.scale, Some((0, 10)));
        let old = Lineage::of("fit", &packs);
        assert_eq!(old.members, new.members);
        let none = Lineage::of("other", &packs);
        assert!(none.members.is_empty() && none.links.is_empty());
    }

    #[test]
    fn summaries_know_first_last_and_extremes() {
        assert_eq!(summarise(&[], Some((1, 5))), None);
        let s = summarise(&[3, 1, 4, 2], Some((1, 5))).unwrap();
        assert_eq!((s.first, s.last, s.lowest, s.highest), (3, 2, 1, 4));
        assert_eq!((s.min, s.max), (1, 5));
    }

    #[test]
    fn close_ids_are_suggested() {
        let known: BTreeSet<String> = ["fit", "fitting-in", "colour", "clarity", "situation"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(closest("fti", &known), ["fit"]);
        assert_eq!(closest("color", &known), ["colour"]);
        assert_eq!(closest("fitting", &known), ["fitting-in"]);
        assert!(closest("zzzzzz", &known).is_empty());
        assert_eq!(
            or_list(&["a".into(), "b".into(), "c".into()]),
            "'a', 'b' or 'c'"
        );
    }
}
