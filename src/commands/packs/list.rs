//! `pi packs list`: every known pack version, built-in and the user's, and which is in force.

use super::{io_error, print_json, source_label};
use crate::app::App;
use crate::cli::PacksListArgs;
use crate::domain::{Language, Mode};
use crate::error::CliResult;
use crate::packs::{Pack, PackRegistry, PackSource};
use crate::ui::table::new_table;
use comfy_table::{ColumnConstraint, Width};
use serde::Serialize;

/// One pack version as `--json` prints it.
#[derive(Debug, Serialize)]
struct Row {
    id: String,
    version: String,
    language: Language,
    purpose: &'static str,
    modes: Vec<Mode>,
    title: String,
    source: String,
    in_force: bool,
    prompts: usize,
}

/// Runs `pi packs list`.
pub fn run(app: &App, args: &PacksListArgs) -> CliResult {
    let registry = app.packs()?;
    let rows = rows(&registry);
    if args.json {
        return print_json(app, &rows);
    }
    let mut table = new_table(
        &[
            "id", "version", "lang", "in force", "used for", "title", "source",
        ],
        app.out.color,
    );
    let all = registry.all();
    for (row, pack) in rows.iter().zip(&all) {
        table.add_row(vec![
            row.id.clone(),
            row.version.clone(),
            row.language.code().to_string(),
            if row.in_force { "yes" } else { "" }.to_string(),
            used_for(pack),
            row.title.clone(),
            short_source(pack),
        ]);
    }
    // Short columns stay whole; the title keeps room to be read, and a long path wraps last.
    for i in [0, 1, 2, 3, 4] {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    if let Some(column) = table.column_mut(5) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(16)));
    }
    app.out.data(&table.to_string()).map_err(io_error)
}

/// The modes a mode pack serves, or the purpose of any other pack.
fn used_for(pack: &Pack) -> String {
    if pack.modes.is_empty() {
        pack.purpose.id().to_string()
    } else {
        let modes: Vec<&str> = pack.modes.iter().map(|m| m.id()).collect();
        modes.join(", ")
    }
}

/// The source with the home directory as `~`, to leave the title room in the table.
fn short_source(pack: &Pack) -> String {
    let PackSource::File(path) = &pack.source else {
        return source_label(pack);
    };
    let home = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => format!("~{}{}", std::path::MAIN_SEPARATOR, rest.display()),
        None => path.display().to_string(),
    }
}

fn rows(registry: &PackRegistry) -> Vec<Row> {
    registry
        .all()
        .into_iter()
        .map(|p: &Pack| Row {
            id: p.id.clone(),
            version: p.version.to_string(),
            language: p.language,
            purpose: p.purpose.id(),
            modes: p.modes.clone(),
            title: p.title.clone(),
            source: source_label(p),
            in_force: registry
                .find(&p.id, p.language)
                .is_some_and(|f| f.version == p.version),
            prompts: p.prompts.len(),
        })
        .collect()
}
