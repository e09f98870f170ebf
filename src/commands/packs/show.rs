//! `pi packs show ID[@VERSION]`: a pack's description, changelog and prompts in order.

use super::{PackSpec, Versions, io_error, print_json, purpose_label, source_label};
use crate::app::App;
use crate::cli::PacksShowArgs;
use crate::domain::{Depth, Language, Mode};
use crate::error::CliResult;
use crate::packs::{Pack, Prompt, PromptKind, Shows};
use serde::Serialize;
use std::fmt::Write;

/// A pack as `--json` prints it.
#[derive(Debug, Serialize)]
struct PackView {
    id: String,
    version: String,
    language: Language,
    title: String,
    description: String,
    purpose: &'static str,
    modes: Vec<Mode>,
    source: String,
    in_force: bool,
    changelog: Vec<ChangeView>,
    prompts: Vec<PromptView>,
}

#[derive(Debug, Serialize)]
struct ChangeView {
    version: String,
    date: Option<String>,
    changes: String,
}

/// One prompt as `--json` prints it; `scale` and `options` only for those kinds.
#[derive(Debug, Serialize)]
struct PromptView {
    number: usize,
    id: String,
    kind: &'static str,
    depth: Depth,
    text: String,
    help: Option<String>,
    replaces: Option<String>,
    shows: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<ScaleView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
struct ScaleView {
    min: i64,
    max: i64,
    min_label: String,
    max_label: String,
}

/// Runs `pi packs show`.
pub fn run(app: &App, args: &PacksShowArgs) -> CliResult {
    let spec = PackSpec::parse(&args.pack)?;
    let registry = app.packs()?;
    let versions = Versions::gather(app, &registry, &spec.id)?;
    let pack = versions.resolve(&spec, app.config.language)?;
    let in_force = versions.is_in_force(pack);
    if args.json {
        return print_json(app, &view(pack, in_force));
    }
    app.out
        .data(&render(pack, in_force, app.out.color))
        .map_err(io_error)
}

fn view(pack: &Pack, in_force: bool) -> PackView {
    PackView {
        id: pack.id.clone(),
        version: pack.version.to_string(),
        language: pack.language,
        title: pack.title.clone(),
        description: pack.description.clone(),
        purpose: pack.purpose.id(),
        modes: pack.modes.clone(),
        source: source_label(pack),
        in_force,
        changelog: pack
            .changelog
            .iter()
            .map(|c| ChangeView {
                version: c.version.to_string(),
                date: c.date.clone(),
                changes: c.changes.clone(),
            })
            .collect(),
        prompts: pack
            .prompts
            .iter()
            .enumerate()
            .map(|(i, p)| PromptView {
                number: i + 1,
                id: p.id.clone(),
                kind: p.kind.id(),
                depth: p.depth,
                text: p.text.clone(),
                help: p.help.clone(),
                replaces: p.replaces.clone(),
                shows: p.shows.map(shows_id),
                scale: match &p.kind {
                    PromptKind::Scale {
                        min,
                        max,
                        min_label,
                        max_label,
                    } => Some(ScaleView {
                        min: *min,
                        max: *max,
                        min_label: min_label.clone(),
                        max_label: max_label.clone(),
                    }),
                    _ => None,
                },
                options: match &p.kind {
                    PromptKind::Choice { options } => Some(options.clone()),
                    _ => None,
                },
            })
            .collect(),
    }
}

fn shows_id(shows: Shows) -> &'static str {
    match shows {
        Shows::Timeline => "timeline",
    }
}

fn render(pack: &Pack, in_force: bool, color: bool) -> String {
    let bold = console::Style::new().bold().force_styling(color);
    let dim = console::Style::new().dim().force_styling(color);
    let mut out = String::new();
    let _ = writeln!(out, "{}", bold.apply_to(&pack.title));
    let _ = writeln!(out, "pack:     {} ({})", pack.label(), pack.language);
    let _ = writeln!(out, "purpose:  {}", purpose_label(pack));
    let _ = writeln!(
        out,
        "source:   {}{}",
        source_label(pack),
        if in_force { " (in force)" } else { "" }
    );
    let quick = pack.prompts_for(Depth::Quick).count();
    let _ = writeln!(
        out,
        "prompts:  {} ({quick} quick, {} deep)",
        pack.prompts.len(),
        pack.prompts.len() - quick
    );
    let _ = writeln!(out, "\n{}", pack.description);
    if !pack.changelog.is_empty() {
        let _ = writeln!(out, "\n{}", bold.apply_to("Changelog"));
        for entry in &pack.changelog {
            let date = entry.date.as_deref().unwrap_or("");
            // A changelog of several lines keeps them under the first, not at the margin.
            let changes = entry.changes.replace('\n', &format!("\n{:23}", ""));
            let _ = writeln!(out, "  {:<8} {date:<10}  {changes}", entry.version);
        }
    }
    let _ = writeln!(out, "\n{}", bold.apply_to("Prompts"));
    let width = pack.prompts.len().to_string().len();
    for (i, p) in pack.prompts.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{:>width$}. {}  {}",
            i + 1,
            bold.apply_to(&p.id),
            dim.apply_to(header(p))
        );
        let indent = " ".repeat(width + 2);
        let _ = writeln!(out, "{indent}{}", p.text);
        match &p.kind {
            PromptKind::Scale {
                min,
                max,
                min_label,
                max_label,
            } => {
                let _ = writeln!(out, "{indent}{min} = {min_label} … {max} = {max_label}");
            }
            PromptKind::Choice { options } => {
                for option in options {
                    let _ = writeln!(out, "{indent}- {option}");
                }
            }
            _ => {}
        }
        if let Some(help) = &p.help {
            let _ = writeln!(out, "{indent}{}", dim.apply_to(help));
        }
    }
    out
}

/// `kind, depth` and, when set, what the prompt replaces and shows.
fn header(p: &Prompt) -> String {
    let mut parts = vec![p.kind.id().to_string(), p.depth.id().to_string()];
    if let Some(r) = &p.replaces {
        parts.push(format!("replaces {r}"));
    }
    if let Some(s) = p.shows {
        parts.push(format!("shows the {}", shows_id(s)));
    }
    parts.join(", ")
}
