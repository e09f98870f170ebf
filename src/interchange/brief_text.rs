//! The review's overview for a terminal: headings underlined, lists with bullets, the person's
//! words indented under their label. Text from the journal is made visible (no control
//! characters or bidi overrides reach the terminal); nothing is Markdown.

use super::brief::{Block, Doc, Line, Span, Value};
use crate::domain::untrusted::visible;

/// Renders the overview as lines for a terminal; `bold` styles headings when colour is on.
pub fn render(doc: &Doc, bold: &console::Style) -> String {
    let mut out = Vec::new();
    for section in &doc.sections {
        let heading = visible(&section.heading).into_owned();
        out.push(String::new());
        out.push(bold.apply_to(&heading).to_string());
        out.push("─".repeat(heading.chars().count().min(60)));
        for b in &section.blocks {
            match b {
                Block::Heading(t) => out.push(format!("  {}", bold.apply_to(visible(t)))),
                Block::Labelled(label, v) => {
                    out.push(format!("    {}:", visible(label)));
                    value(&mut out, v, "      ");
                }
                Block::Value(v) => value(&mut out, v, "  "),
                Block::Compare(label, v) => {
                    out.push(format!("    ({})", visible(label)));
                    value(&mut out, v, "      ");
                }
                Block::List(lines) => {
                    for l in lines {
                        out.push(format!("  • {}", line(l)));
                    }
                }
                Block::Note(n) => out.push(format!("  {}", visible(n))),
            }
        }
    }
    out.join("\n").trim_start_matches('\n').to_string()
}

fn value(out: &mut Vec<String>, v: &Value, indent: &str) {
    match v {
        Value::Text(t) => {
            for l in visible(t).lines() {
                out.push(format!("{indent}{l}").trim_end().to_string());
            }
        }
        Value::Score(s) => out.push(format!("{indent}{}", visible(s))),
        Value::Items(items) => {
            for i in items {
                out.push(format!("{indent}- {}", visible(i)));
            }
        }
    }
}

fn line(spans: &Line) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) | Span::Strong(t) => visible(t).into_owned(),
            Span::Em(t) => format!(" {}", visible(t)),
            Span::Chart(c) => format!(" {c}"),
        })
        .collect()
}
