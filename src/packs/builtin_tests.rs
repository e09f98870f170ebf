//! Checks on the content of the built-in packs (every version in `prompts/` and
//! `prompts/earlier/`): Dutch and English alike, `replaces` that resolve, a changelog that names
//! every changed prompt, the frame of a mode pack, and the prompt counts that
//! docs/prompt-packs.md promises.

use super::{Pack, PackRegistry, Prompt, PromptKind, Purpose};
use crate::domain::{Depth, Language};
use std::collections::BTreeSet;

/// The guideline table in the pack author's guide, compiled in so the two cannot drift.
const GUIDE: &str = include_str!("../../docs/prompt-packs.md");

fn registry() -> PackRegistry {
    PackRegistry::built_in().expect("the built-in packs validate")
}

/// Every pack id shipped, sorted.
fn ids(registry: &PackRegistry) -> BTreeSet<String> {
    registry.all().iter().map(|p| p.id.clone()).collect()
}

/// What must be alike between the languages of one pack version, prompt by prompt.
fn shape(prompt: &Prompt) -> String {
    let kind = match &prompt.kind {
        PromptKind::Scale { min, max, .. } => format!("scale {min}..{max}"),
        PromptKind::Choice { options } => format!("choice of {}", options.len()),
        other => other.id().to_string(),
    };
    format!(
        "{} {kind} {} replaces={:?} shows={:?}",
        prompt.id,
        prompt.depth.id(),
        prompt.replaces,
        prompt.shows
    )
}

#[test]
fn every_version_of_every_built_in_pack_has_dutch_and_english_alike() {
    let registry = registry();
    let all = registry.all();
    let versions: BTreeSet<(String, String)> = all
        .iter()
        .map(|p| (p.id.clone(), p.version.to_string()))
        .collect();
    assert!(versions.len() >= 13, "{versions:?}");
    for (id, version) in &versions {
        let find = |language| {
            all.iter()
                .copied()
                .find(|p| {
                    &p.id == id && p.version.to_string() == *version && p.language == language
                })
                .unwrap_or_else(|| panic!("{id}@{version} has no {language} version"))
        };
        let (nl, en) = (find(Language::Nl), find(Language::En));
        assert_eq!(
            (nl.purpose, &nl.modes),
            (en.purpose, &en.modes),
            "{id}@{version}: purpose or modes differ"
        );
        let shapes = |p: &Pack| p.prompts.iter().map(shape).collect::<Vec<_>>();
        assert_eq!(
            shapes(nl),
            shapes(en),
            "{id}@{version}: prompt ids, kinds, depths, order, scales, options or links differ"
        );
        let changelog = |p: &Pack| {
            p.changelog
                .iter()
                .map(|c| c.version.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            changelog(nl),
            changelog(en),
            "{id}@{version}: changelogs differ"
        );
        for (a, b) in nl.prompts.iter().zip(&en.prompts) {
            assert!(
                a.help.is_some() && b.help.is_some(),
                "{id}@{version}/{} needs a help text in both languages",
                a.id
            );
            assert_ne!(a.text, b.text, "{id}@{version}/{}: not translated", a.id);
        }
    }
}

#[test]
fn every_replaces_in_a_built_in_pack_names_a_prompt_of_an_earlier_version() {
    let registry = registry();
    let all = registry.all();
    let mut links = 0;
    for pack in &all {
        let errors = PackRegistry::check_against(pack, &all);
        assert!(errors.is_empty(), "{}: {errors:?}", pack.label());
        links += pack.prompts.iter().filter(|p| p.replaces.is_some()).count();
    }
    assert!(links > 0, "the 1.1.0 packs link their replaced prompts");
}

/// Whether `text` names `id` as a word of its own (ids contain '-', so `fit` is not found in
/// `picture-fit`).
fn names(text: &str, id: &str) -> bool {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char)
    })
}

/// Every way a prompt can change between versions that a pack author must hear about.
fn changed(old: &Prompt, new: &Prompt) -> bool {
    old.text != new.text
        || old.help != new.help
        || old.kind != new.kind
        || old.depth != new.depth
        || old.shows != new.shows
}

#[test]
fn the_newest_changelog_names_every_prompt_that_came_went_or_changed() {
    let registry = registry();
    let all = registry.all();
    let mut compared = 0;
    for id in ids(&registry) {
        for language in [Language::Nl, Language::En] {
            let mut versions: Vec<&Pack> = all
                .iter()
                .copied()
                .filter(|p| p.id == id && p.language == language)
                .collect();
            versions.sort_by(|a, b| a.version.cmp(&b.version));
            let newest = *versions.last().unwrap();
            let entry = &newest.changelog[0];
            assert_eq!(
                entry.version,
                newest.version,
                "{}: the first changelog entry describes the current version",
                newest.label()
            );
            assert!(
                entry.date.as_deref().is_some_and(|d| d.len() == 10),
                "{}: dated YYYY-MM-DD",
                newest.label()
            );
            let Some(previous) = versions.iter().rev().nth(1) else {
                for p in &newest.prompts {
                    assert!(
                        names(&entry.changes, &p.id),
                        "{}: new {}",
                        newest.label(),
                        p.id
                    );
                }
                continue;
            };
            compared += 1;
            let mut must_name: Vec<String> = Vec::new();
            for p in &newest.prompts {
                match previous.prompt(&p.id) {
                    None => must_name.push(p.id.clone()),
                    Some(old) if changed(old, p) => must_name.push(p.id.clone()),
                    Some(_) => {}
                }
                must_name.extend(p.replaces.clone());
            }
            for old in &previous.prompts {
                if newest.prompt(&old.id).is_none() {
                    must_name.push(old.id.clone());
                }
            }
            for id in must_name {
                assert!(
                    names(&entry.changes, &id),
                    "{} ({language}): the changelog does not name '{id}'",
                    newest.label()
                );
            }
        }
    }
    assert!(compared >= 12, "{compared}");
}

#[test]
fn every_mode_pack_opens_with_the_own_question_and_ends_with_the_friend() {
    let registry = registry();
    for language in [Language::Nl, Language::En] {
        for mode in crate::domain::Mode::ALL {
            let pack = registry.for_mode(mode, language).unwrap();
            let quick: Vec<&str> = pack
                .prompts_for(Depth::Quick)
                .map(|p| p.id.as_str())
                .collect();
            assert_eq!(quick.first(), Some(&"own-question"), "{}", pack.label());
            assert_eq!(quick.last(), Some(&"friend-question"), "{}", pack.label());
            assert!(quick.contains(&"statements"), "{}", pack.label());
            let last_two: Vec<&str> = pack.prompts[pack.prompts.len() - 2..]
                .iter()
                .map(|p| p.id.as_str())
                .collect();
            assert_eq!(
                last_two,
                ["friend-topic", "friend-question"],
                "{}",
                pack.label()
            );
            let commitment = pack
                .prompts
                .iter()
                .find(|p| p.kind == PromptKind::Commitment && p.depth == Depth::Quick)
                .unwrap_or_else(|| panic!("{}: a quick commitment", pack.label()));
            let lower = commitment.text.to_lowercase();
            assert!(
                lower.contains("nog niets") || lower.contains("nothing yet"),
                "{}: the commitment allows nothing yet",
                pack.label()
            );
        }
        let friend = registry
            .for_purpose(Purpose::Friend, language)
            .expect("the friend's conversation guide");
        assert!(friend.prompts.iter().all(|p| p.depth == Depth::Quick));
    }
}

#[test]
fn a_midpoint_named_in_a_scale_question_is_the_middle_of_its_scale() {
    let registry = registry();
    let mut named = 0;
    for pack in registry.all() {
        for p in &pack.prompts {
            if let PromptKind::Scale { min, max, .. } = p.kind {
                let lower = p.text.to_lowercase();
                if lower.contains("midden") || lower.contains("midpoint") {
                    named += 1;
                    let middle = format!(", {}, ", (min + max) / 2);
                    assert!(
                        (min + max) % 2 == 0 && p.text.contains(&middle),
                        "{}/{}",
                        pack.label(),
                        p.id
                    );
                }
            }
        }
    }
    assert!(
        named >= 6,
        "footing, energy and conforming name their midpoint: {named}"
    );
}

/// One row of the guideline table: a pack id and, per column, the lowest and highest count.
struct Guideline {
    id: String,
    quick: (usize, usize),
    quick_with_project: Option<usize>,
    deep: usize,
    deep_with_project: Option<usize>,
}

/// `6–9` is a range, `≤ 13` a maximum, `—` does not apply.
fn cell(text: &str) -> Option<(usize, usize)> {
    let text = text.trim();
    if text == "—" {
        return None;
    }
    if let Some(max) = text.strip_prefix('≤') {
        return Some((0, max.trim().parse().expect("a number after ≤")));
    }
    let (low, high) = text.split_once('–').expect("a range such as 6–9");
    Some((low.trim().parse().unwrap(), high.trim().parse().unwrap()))
}

/// The rows of the table under "Prompt counts" in docs/prompt-packs.md.
fn guidelines() -> Vec<Guideline> {
    let section = GUIDE
        .split("### Prompt counts")
        .nth(1)
        .expect("docs/prompt-packs.md has a section \"Prompt counts\"");
    section
        .lines()
        .skip_while(|l| !l.starts_with("| pack"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
            assert_eq!(cells.len(), 5, "{line}");
            Guideline {
                id: cells[0].trim().trim_matches('`').to_string(),
                quick: cell(cells[1]).expect("a quick count"),
                quick_with_project: cell(cells[2]).map(|c| c.1),
                deep: cell(cells[3]).expect("a deep count").1,
                deep_with_project: cell(cells[4]).map(|c| c.1),
            }
        })
        .collect()
}

#[test]
fn prompt_counts_per_depth_follow_the_guideline_in_the_docs() {
    let registry = registry();
    let rows = guidelines();
    let documented: BTreeSet<String> = rows.iter().map(|r| r.id.clone()).collect();
    assert_eq!(documented, ids(&registry), "one row per built-in pack");
    let kiezen = rows.iter().find(|r| r.id == "kiezen").unwrap();
    assert_eq!(
        kiezen.deep_with_project,
        Some(22),
        "deep kiezen with a project context stays within 22 prompts"
    );
    for language in [Language::Nl, Language::En] {
        let project = registry.find("project", language).unwrap();
        let count = |p: &Pack, depth| p.prompts_for(depth).count();
        for row in &rows {
            let pack = registry.find(&row.id, language).unwrap();
            let (quick, deep) = (count(pack, Depth::Quick), count(pack, Depth::Deep));
            let label = format!("{} ({language})", pack.label());
            assert!(
                (row.quick.0..=row.quick.1).contains(&quick),
                "{label}: {quick} quick prompts, the guideline is {:?}",
                row.quick
            );
            assert!(
                deep <= row.deep,
                "{label}: {deep} deep prompts, at most {}",
                row.deep
            );
            if let Some(max) = row.quick_with_project {
                let n = quick + count(project, Depth::Quick);
                assert!(
                    n <= max,
                    "{label} with project questions: {n} quick, at most {max}"
                );
            }
            if let Some(max) = row.deep_with_project {
                let n = deep + count(project, Depth::Deep);
                assert!(
                    n <= max,
                    "{label} with project questions: {n} deep, at most {max}"
                );
            }
            assert_eq!(
                row.quick_with_project.is_some(),
                pack.purpose == Purpose::Mode,
                "{label}: project columns are for mode packs"
            );
        }
    }
}
