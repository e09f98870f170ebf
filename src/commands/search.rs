//! `pi search TEXT`: every answer, statement, commitment and follow-up note that holds the
//! words, newest first, with the matched words marked.

use crate::app::App;
use crate::cli::SearchArgs;
use crate::clock::local_date;
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult};
use crate::journal::{HitKind, SearchHit, SearchQuery, SearchResults, match_expression};
use crate::ui::table::new_table;
use crate::words::Words;

/// Marks around matched words in a terminal. Zero-width characters, so the table measures the
/// cells right; they are swapped for ANSI bold-inverse once the table is drawn.
const OPEN: &str = "\u{2060}";
const CLOSE: &str = "\u{2061}";
const BOLD_INVERSE: &str = "\x1b[1;7m";
const RESET: &str = "\x1b[0m";

/// Runs `pi search`.
pub fn run(app: &App, args: &SearchArgs) -> CliResult {
    let text = args.text.join(" ");
    if match_expression(&text).is_none() {
        return Err(
            CliError::new(format!("'{text}' has no words to search for"))
                .hint("search for words of letters or digits, e.g. `pi search advice`"),
        );
    }
    let period = super::period::Period::of(&args.period, app.clock.now())?;
    let (since, until) = (period.from, period.to);
    let marks = if app.out.color && !args.json {
        (OPEN, CLOSE)
    } else {
        ("[", "]")
    };
    let results = match app.reading_journal()? {
        Some(journal) => journal.search(&SearchQuery {
            text: &text,
            mode: args.mode,
            since: since.map(crate::clock::format_stamp),
            until: until.map(crate::clock::format_stamp),
            starred: args.starred,
            limit: args.limit,
            marks,
        })?,
        None => SearchResults::default(),
    };
    let io = CliError::from;
    if args.json {
        app.out.json(&results.hits).map_err(io)?;
    } else if results.hits.is_empty() {
        app.out.status(&format!("Nothing found for '{text}'."));
        return Ok(());
    } else {
        let table = table(&results.hits, app.words, app.out.color).to_string();
        let shown = if app.out.color { paint(&table) } else { table };
        app.out.data(&shown).map_err(io)?;
    }
    if results.more {
        app.out.status(&format!(
            "Showing the newest {}; `--limit N` shows more.",
            results.hits.len()
        ));
    }
    Ok(())
}

/// What a hit is, in the prompt column: the prompt's id for an answer.
fn what(hit: &SearchHit) -> String {
    match hit.kind {
        HitKind::Answer => hit.prompt_id.clone().unwrap_or_default(),
        HitKind::Statement => "(statement)".into(),
        HitKind::Commitment => "(commitment)".into(),
        HitKind::CommitmentNote => "(commitment note)".into(),
    }
}

fn table(hits: &[SearchHit], words: &Words, color: bool) -> comfy_table::Table {
    let mut table = new_table(&["date", "mode", "context", "prompt", "match"], color);
    for hit in hits {
        table.add_row(vec![
            local_date(&hit.date),
            hit.mode.map_or_else(
                || visible(hit.pack_id.as_deref().unwrap_or_default()).into_owned(),
                |m| words.mode_name(m).to_string(),
            ),
            visible(&hit.context).into_owned(),
            visible(&what(hit)).into_owned(),
            visible(&hit.snippet).replace('\n', " · "),
        ]);
    }
    table
}

/// Turns the zero-width marks into bold-inverse; a mark left open at the end of a wrapped line
/// is closed there, so the highlight never bleeds into the next row.
fn paint(table: &str) -> String {
    table
        .lines()
        .map(|line| {
            let open = line.matches(OPEN).count() > line.matches(CLOSE).count();
            let line = line.replace(OPEN, BOLD_INVERSE).replace(CLOSE, RESET);
            if open {
                // Before the cell's padding, so no run of inverse blanks shows.
                let text = line.trim_end();
                format!("{text}{RESET}{}", &line[text.len()..])
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_take_no_room_in_the_table() {
        let plain = {
            let mut t = new_table(&["a", "match"], false);
            t.add_row(vec!["x", "clear advice"]);
            t.to_string()
        };
        let marked = {
            let mut t = new_table(&["a", "match"], false);
            t.add_row(vec!["x".to_string(), format!("clear {OPEN}advice{CLOSE}")]);
            t.to_string()
        };
        assert_eq!(marked.replace(OPEN, "").replace(CLOSE, ""), plain);
        let painted = paint(&marked);
        assert!(
            painted.contains(&format!("{BOLD_INVERSE}advice{RESET}")),
            "{painted}"
        );
    }

    #[test]
    fn an_open_mark_is_closed_at_the_end_of_its_line() {
        let painted = paint(&format!("a {OPEN}long  \nword{CLOSE} b"));
        assert_eq!(
            painted,
            format!("a {BOLD_INVERSE}long{RESET}  \nword{RESET} b")
        );
    }
}
