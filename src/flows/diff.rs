//! Comparing two sessions: which answers changed, stayed, came or went, and what happened to
//! the statements in between. Pure — journal records in, a [`SessionDiff`] out — so that
//! `pi diff` only chooses the sessions and prints, and every rule here is tested without a
//! journal.

mod statements;
#[cfg(test)]
mod tests;

pub use crate::domain::word_diff::{WordChange, WordOp, word_diff};
pub use statements::{StatementChange, statement_changes};

use crate::domain::AnswerValue;
use crate::journal::{AnswerRecord, SessionRecord, StatementRecord};
use crate::packs::Pack;
use serde::Serialize;
use std::collections::{HashMap, HashSet, VecDeque};

/// Why two sessions cannot be compared.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// Both ids name the same session.
    #[error("both ids name session {0}; name two different sessions")]
    SameSession(String),
    /// Not one prompt of one session matches a prompt of the other.
    #[error(
        "sessions {older} ({older_packs}) and {newer} ({newer_packs}) have no prompt in common, \
         so there is nothing to compare"
    )]
    NothingInCommon {
        older: String,
        older_packs: String,
        newer: String,
        newer_packs: String,
    },
}

/// One session as compared: its record, the pack versions it walked (its snapshots, whose
/// `replaces` links connect renamed prompts) and its current answers, skips included.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub session: &'a SessionRecord,
    pub packs: &'a [Pack],
    pub answers: &'a [AnswerRecord],
}

/// Everything that differs between an older and a newer session. Its JSON form is what
/// `pi diff --format json` prints (with a `format` version beside it), so fields are only
/// ever added.
#[derive(Debug, Serialize)]
pub struct SessionDiff {
    /// The session that started first.
    pub older: SessionRecord,
    /// The session that started later.
    pub newer: SessionRecord,
    /// The newer session's prompts in its order, then those only the older one answered.
    pub prompts: Vec<PromptDiff>,
    /// Statement events from the older session's start to the newer one's end, oldest first.
    pub statements: Vec<StatementChange>,
}

impl SessionDiff {
    /// The prompts with this status.
    pub fn with_status(&self, status: Status) -> impl Iterator<Item = &PromptDiff> {
        self.prompts.iter().filter(move |p| p.status == status)
    }
}

/// What became of one prompt between the two sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Answered in both, differently.
    Changed,
    /// Answered in both, the same.
    Unchanged,
    /// Answered only in the older session (skipped or not asked in the newer).
    OnlyOlder,
    /// Answered only in the newer session.
    OnlyNewer,
}

/// One prompt, matched across the two sessions. Prompts neither session answered are left out.
#[derive(Debug, Clone, Serialize)]
pub struct PromptDiff {
    /// The pack the prompt belongs to.
    pub pack: String,
    /// The prompt's id in the newer session, or in the older one when only it has the prompt.
    pub prompt: String,
    /// The prompt's id in the older session when it has one; differs from `prompt` when a
    /// later pack version replaced it.
    pub older_prompt: Option<String>,
    /// The prompt's kind, as last asked.
    pub kind: String,
    /// The question, as last asked.
    pub text: String,
    pub status: Status,
    /// The older answer; `None` when skipped or not asked.
    pub older: Option<AnswerValue>,
    /// The newer answer; `None` when skipped or not asked.
    pub newer: Option<AnswerValue>,
    /// How it changed; only for `Changed`.
    pub change: Option<Change>,
}

/// How an answer changed, in the terms of its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// Text, word by word.
    Text { words: Vec<WordChange> },
    /// A point on a scale.
    Scale { from: i64, to: i64, delta: i64 },
    /// Another option.
    Choice { from: String, to: String },
    /// A list: which items came and went, and how many stayed.
    Items {
        added: Vec<String>,
        removed: Vec<String>,
        kept: usize,
    },
}

/// Compares two sessions, in whichever order they are given.
///
/// Answers are matched on pack and prompt id; a prompt that a later pack version renamed is
/// followed through its `replaces` links — also through versions neither session used, when
/// they are in `lineage` — so a reworded question still lines up with its old answers.
pub fn compare(
    a: Side<'_>,
    b: Side<'_>,
    lineage: &[&Pack],
    statements: &[StatementRecord],
) -> Result<SessionDiff, DiffError> {
    if a.session.id == b.session.id {
        return Err(DiffError::SameSession(a.session.id.short()));
    }
    let key = |s: &Side<'_>| (s.session.started_at.clone(), s.session.id);
    let (older, newer) = if key(&b) < key(&a) { (b, a) } else { (a, b) };
    let links = Links::new(
        older
            .packs
            .iter()
            .chain(newer.packs)
            .chain(lineage.iter().copied()),
    );
    let pairs = match_answers(older.answers, newer.answers, &links);
    if !pairs.iter().any(|(o, n)| o.is_some() && n.is_some()) {
        let packs = |s: &Side<'_>| {
            let labels: Vec<String> = s.packs.iter().map(Pack::label).collect();
            if labels.is_empty() {
                format!("{}@{}", s.session.pack_id, s.session.pack_version)
            } else {
                labels.join(", ")
            }
        };
        return Err(DiffError::NothingInCommon {
            older: older.session.id.short(),
            older_packs: packs(&older),
            newer: newer.session.id.short(),
            newer_packs: packs(&newer),
        });
    }
    let prompts = pairs
        .into_iter()
        .filter_map(|(o, n)| prompt_diff(o, n))
        .collect();
    let until = newer.session.finished_at.as_deref();
    Ok(SessionDiff {
        statements: statement_changes(statements, &older.session.started_at, until),
        older: older.session.clone(),
        newer: newer.session.clone(),
        prompts,
    })
}

/// For each (pack, prompt id), the ids it replaced in any known version of the pack.
struct Links(HashMap<(String, String), Vec<String>>);

impl Links {
    fn new<'p>(packs: impl Iterator<Item = &'p Pack>) -> Self {
        let mut back: HashMap<(String, String), Vec<String>> = HashMap::new();
        for pack in packs {
            for prompt in &pack.prompts {
                if let Some(old) = &prompt.replaces {
                    let olds = back
                        .entry((pack.id.clone(), prompt.id.clone()))
                        .or_default();
                    if !olds.contains(old) {
                        olds.push(old.clone());
                    }
                }
            }
        }
        Self(back)
    }

    /// Every id `id` took over from, nearest first; cycles are followed once.
    fn ancestors(&self, pack: &str, id: &str) -> Vec<String> {
        let mut seen = HashSet::from([id.to_string()]);
        let mut queue = VecDeque::from([id.to_string()]);
        let mut out = Vec::new();
        while let Some(current) = queue.pop_front() {
            for old in self
                .0
                .get(&(pack.to_string(), current))
                .into_iter()
                .flatten()
            {
                if seen.insert(old.clone()) {
                    out.push(old.clone());
                    queue.push_back(old.clone());
                }
            }
        }
        out
    }
}

type Pair<'a> = (Option<&'a AnswerRecord>, Option<&'a AnswerRecord>);

/// Pairs the two sessions' answers: first on the same id, then a newer prompt with the older
/// one it replaced, then (when the older session used the later pack version) the reverse.
fn match_answers<'a>(
    old: &'a [AnswerRecord],
    new: &'a [AnswerRecord],
    links: &Links,
) -> Vec<Pair<'a>> {
    let mut taken = vec![false; old.len()];
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    let take = |taken: &mut [bool], pack: &str, id: &str| {
        let j = old
            .iter()
            .enumerate()
            .position(|(j, o)| !taken[j] && o.pack_id == pack && o.prompt_id == id)?;
        taken[j] = true;
        Some(j)
    };
    for (i, n) in new.iter().enumerate() {
        partner[i] = take(&mut taken, &n.pack_id, &n.prompt_id);
    }
    for (i, n) in new.iter().enumerate() {
        if partner[i].is_none() {
            partner[i] = links
                .ancestors(&n.pack_id, &n.prompt_id)
                .iter()
                .find_map(|id| take(&mut taken, &n.pack_id, id));
        }
    }
    for (j, o) in old.iter().enumerate() {
        if taken[j] {
            continue;
        }
        let ancestors = links.ancestors(&o.pack_id, &o.prompt_id);
        let found = ancestors.iter().find_map(|id| {
            new.iter().enumerate().position(|(i, n)| {
                partner[i].is_none() && n.pack_id == o.pack_id && &n.prompt_id == id
            })
        });
        if let Some(i) = found {
            partner[i] = Some(j);
            taken[j] = true;
        }
    }
    let mut pairs: Vec<Pair<'a>> = new
        .iter()
        .enumerate()
        .map(|(i, n)| (partner[i].map(|j| &old[j]), Some(n)))
        .collect();
    pairs.extend(
        old.iter()
            .enumerate()
            .filter(|(j, _)| !taken[*j])
            .map(|(_, o)| (Some(o), None)),
    );
    pairs
}

/// Judges one pair; `None` when neither side has an answer (both skipped or never asked).
fn prompt_diff(old: Option<&AnswerRecord>, new: Option<&AnswerRecord>) -> Option<PromptDiff> {
    let last = new.or(old)?;
    let older = old.and_then(|a| a.value.clone());
    let newer = new.and_then(|a| a.value.clone());
    let (status, change) = match (&older, &newer) {
        (None, None) => return None,
        (Some(_), None) => (Status::OnlyOlder, None),
        (None, Some(_)) => (Status::OnlyNewer, None),
        (Some(o), Some(n)) => match change(o, n, &last.prompt_kind) {
            Some(c) => (Status::Changed, Some(c)),
            None => (Status::Unchanged, None),
        },
    };
    Some(PromptDiff {
        pack: last.pack_id.clone(),
        prompt: last.prompt_id.clone(),
        older_prompt: old.map(|a| a.prompt_id.clone()),
        kind: last.prompt_kind.clone(),
        text: last.prompt_text.clone(),
        status,
        older,
        newer,
        change,
    })
}

/// How `old` became `new`; `None` when nothing changed (a list only reordered counts as the
/// same list).
#[must_use]
pub fn change(old: &AnswerValue, new: &AnswerValue, kind: &str) -> Option<Change> {
    match (old, new) {
        (AnswerValue::Number(a), AnswerValue::Number(b)) => (a != b).then(|| Change::Scale {
            from: *a,
            to: *b,
            delta: b - a,
        }),
        (AnswerValue::Items(a), AnswerValue::Items(b)) => {
            let added: Vec<String> = b.iter().filter(|i| !a.contains(i)).cloned().collect();
            let removed: Vec<String> = a.iter().filter(|i| !b.contains(i)).cloned().collect();
            let kept = b.iter().filter(|i| a.contains(i)).count();
            (!added.is_empty() || !removed.is_empty()).then_some(Change::Items {
                added,
                removed,
                kept,
            })
        }
        (AnswerValue::Text(a), AnswerValue::Text(b)) if a == b => None,
        (AnswerValue::Text(a), AnswerValue::Text(b)) if kind == "choice" => Some(Change::Choice {
            from: a.clone(),
            to: b.clone(),
        }),
        (AnswerValue::Text(a), AnswerValue::Text(b)) => Some(Change::Text {
            words: word_diff(a, b),
        }),
        // The prompt changed kind between pack versions: compare what was written.
        (a, b) => (a != b).then(|| Change::Text {
            words: word_diff(&a.one_line(), &b.one_line()),
        }),
    }
}
