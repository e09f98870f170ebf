//! `pi friend open --comments FILE`: comments from a file instead of a terminal, for scripts
//! and tests. The whole file is checked against the export before anything is kept.

use crate::app::App;
use crate::error::{CliError, CliResult};
use crate::interchange::format::{Comment, Export};
use crate::packs::Location;
use std::path::Path;

/// Reads a comments file (TOML or JSON: id prefix = "text", or a list of texts) and resolves
/// every prefix to one answer, statement or commitment of the export.
pub(super) fn comments_file(app: &App, path: &Path, export: &Export) -> CliResult<Vec<Comment>> {
    let label = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(format!("cannot read the comments file {label}: {e}")))?;
    let table: Vec<(String, serde_json::Value)> = if label.ends_with(".json")
        || text.trim_start().starts_with('{')
    {
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            let at = crate::interchange::entries::json_error(&e);
            CliError::new(format!("{label}:{at}"))
        })?;
        match value {
            serde_json::Value::Object(map) => map.into_iter().collect(),
            _ => {
                return Err(CliError::new(format!(
                    "{label}: a comments file is a table of answer or statement ids and comments"
                )));
            }
        }
    } else {
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            let at = e.span().map_or_else(
                || Location::file(&label),
                |s| Location::at(&label, &text, s.start),
            );
            CliError::new(format!("{at}: {}", e.message().trim()))
        })?;
        table
            .into_iter()
            .map(|(k, v)| (k, serde_json::to_value(v).unwrap_or_default()))
            .collect()
    };
    let targets: Vec<(&str, &str)> = export
        .sessions
        .iter()
        .flat_map(|s| s.answers.iter().map(|a| ("answer", a.id.as_str())))
        .chain(
            export
                .statements
                .iter()
                .map(|s| ("statement", s.id.as_str())),
        )
        .chain(
            export
                .commitments
                .iter()
                .map(|c| ("commitment", c.id.as_str())),
        )
        .collect();
    let mut comments = Vec::new();
    for (key, value) in table {
        let texts: Vec<String> = match value {
            serde_json::Value::String(s) => vec![s],
            serde_json::Value::Array(items) if items.iter().all(|i| i.is_string()) => items
                .into_iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => {
                return Err(CliError::new(format!(
                    "{label}: '{key}': a comment is a text, or a list of texts"
                )));
            }
        };
        let wanted = key.trim().to_ascii_lowercase().replace('-', "");
        let found: Vec<&(&str, &str)> = targets
            .iter()
            .filter(|(_, id)| !wanted.is_empty() && id.starts_with(&wanted))
            .collect();
        let (kind, id) = match found.as_slice() {
            [one] => **one,
            [] => {
                return Err(CliError::new(format!(
                    "{label}: no answer, statement or commitment in {} has an id starting with '{key}'",
                    export.header.export_id.get(..8).unwrap_or("the export")
                )));
            }
            many => {
                return Err(CliError::new(format!(
                    "{label}: '{key}' fits {} answers, statements and commitments; type more of the id",
                    many.len()
                )));
            }
        };
        for text in texts.into_iter().map(|t| t.trim().to_string()) {
            if text.is_empty() {
                return Err(CliError::new(format!(
                    "{label}: '{key}': the comment is empty"
                )));
            }
            comments.push(Comment {
                id: uuid::Uuid::new_v4().simple().to_string(),
                target_kind: kind.to_string(),
                target_id: id.to_string(),
                text,
                created_at: app.clock.stamp(),
            });
        }
    }
    Ok(comments)
}
