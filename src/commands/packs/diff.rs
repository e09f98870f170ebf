//! `pi packs diff ID@A ID@B`: what changed between two versions of a pack, as text or JSON.

use super::compare::{PackDiff, compare};
use super::{PackSpec, Versions, io_error, print_json};
use crate::app::App;
use crate::cli::PacksDiffArgs;
use crate::domain::word_diff::{WordChange, WordOp};
use crate::error::{CliError, CliResult};
use std::fmt::Write;

/// Runs `pi packs diff`.
pub fn run(app: &App, args: &PacksDiffArgs) -> CliResult {
    let from = PackSpec::parse(&args.from)?;
    let to = PackSpec::parse(&args.to)?;
    if from.id != to.id {
        return Err(CliError::new(format!(
            "diff compares two versions of one pack, not '{}' and '{}'",
            from.id, to.id
        )));
    }
    let registry = app.packs()?;
    let versions = Versions::gather(app, &registry, &from.id)?;
    let language = app.config.language;
    let a = versions.resolve(&from, language)?;
    let b = versions.resolve(&to, language)?;
    if a.version == b.version {
        return Err(CliError::new(format!(
            "both sides are {}: name two different versions, e.g. {}@{} {}",
            a.label(),
            a.id,
            a.version,
            a.id
        )));
    }
    let diff = compare(a, b);
    if args.json {
        return print_json(app, &diff);
    }
    app.out
        .data(&render(&diff, app.out.color))
        .map_err(io_error)
}

/// The word diff on one line: `[-old-]{+new+}` without colour (as `git diff --word-diff`),
/// red and green with it.
fn render_words(words: &[WordChange], color: bool) -> String {
    let red = console::Style::new()
        .red()
        .strikethrough()
        .force_styling(color);
    let green = console::Style::new()
        .green()
        .underlined()
        .force_styling(color);
    words
        .iter()
        .map(|w| match (w.op, color) {
            (WordOp::Delete, true) => red.apply_to(&w.text).to_string(),
            (WordOp::Insert, true) => green.apply_to(&w.text).to_string(),
            (WordOp::Delete, false) => format!("[-{}-]", w.text),
            (WordOp::Insert, false) => format!("{{+{}+}}", w.text),
            _ => w.text.clone(),
        })
        .collect()
}

/// The diff as text, one section per kind of change.
pub(super) fn render(diff: &PackDiff, color: bool) -> String {
    let bold = console::Style::new().bold().force_styling(color);
    let red = console::Style::new().red().force_styling(color);
    let green = console::Style::new().green().force_styling(color);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        bold.apply_to(format!("{} → {} ({})", diff.from, diff.to, diff.language))
    );
    if diff.is_empty() {
        let _ = writeln!(out, "\nThe two versions ask exactly the same.");
        return out;
    }
    let section = |out: &mut String, title: &str, count: usize| {
        if count > 0 {
            let _ = writeln!(out, "\n{}", bold.apply_to(format!("{title} ({count})")));
        }
    };
    section(&mut out, "Pack", diff.pack.len());
    for c in &diff.pack {
        let _ = writeln!(out, "  {}:", c.field);
        let _ = writeln!(out, "    {} {}", red.apply_to("old:"), c.old);
        let _ = writeln!(out, "    {} {}", green.apply_to("new:"), c.new);
    }
    section(&mut out, "Removed", diff.removed.len());
    for p in &diff.removed {
        let _ = writeln!(
            out,
            "  {} {} ({}, {})",
            red.apply_to("-"),
            p.id,
            p.kind,
            p.depth.id()
        );
        let _ = writeln!(out, "    {}", p.text);
    }
    section(&mut out, "Added", diff.added.len());
    for p in &diff.added {
        let _ = writeln!(
            out,
            "  {} {} ({}, {})",
            green.apply_to("+"),
            p.id,
            p.kind,
            p.depth.id()
        );
        let _ = writeln!(out, "    {}", p.text);
    }
    section(&mut out, "Replaced", diff.replaced.len());
    for r in &diff.replaced {
        let _ = writeln!(out, "  replaced {} by {}", r.old.id, r.new.id);
        let _ = writeln!(out, "    {} {}", red.apply_to("old:"), r.old.text);
        let _ = writeln!(out, "    {} {}", green.apply_to("new:"), r.new.text);
        if r.old.kind != r.new.kind || r.old.depth != r.new.depth {
            let _ = writeln!(
                out,
                "    was {}, {}; now {}, {}",
                r.old.kind,
                r.old.depth.id(),
                r.new.kind,
                r.new.depth.id()
            );
        }
    }
    section(&mut out, "Reworded", diff.reworded.len());
    for r in &diff.reworded {
        let _ = writeln!(out, "  {}", r.id);
        let _ = writeln!(out, "    {} {}", red.apply_to("old:"), r.old_text);
        let _ = writeln!(out, "    {} {}", green.apply_to("new:"), r.new_text);
        let _ = writeln!(out, "    words: {}", render_words(&r.words, color));
    }
    section(&mut out, "Changed", diff.changed.len());
    for c in &diff.changed {
        if c.field == "help" {
            let _ = writeln!(out, "  {}: help", c.prompt);
            let _ = writeln!(out, "    {} {}", red.apply_to("old:"), c.old);
            let _ = writeln!(out, "    {} {}", green.apply_to("new:"), c.new);
        } else {
            let _ = writeln!(out, "  {}: {} {} → {}", c.prompt, c.field, c.old, c.new);
        }
    }
    out
}
