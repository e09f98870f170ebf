//! The appraisal brief as Markdown: valid CommonMark, every piece of the person's text
//! escaped so that nothing they wrote can become a heading, a list or a link.

use super::brief::{Block, Doc, Line, Span, Value};
use super::markdown::{block, inline, span};
use std::fmt::Write;

/// Renders a brief as Markdown.
pub fn render(doc: &Doc) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", inline(&doc.title));
    let _ = writeln!(md, "_{}_\n", span(&doc.note));
    for section in &doc.sections {
        let _ = writeln!(md, "## {}\n", inline(&section.heading));
        for b in &section.blocks {
            match b {
                Block::Heading(h) => {
                    let _ = writeln!(md, "### {}\n", inline(h));
                }
                Block::Labelled(label, v) => {
                    let _ = writeln!(md, "**{}**\n", span(label));
                    value(&mut md, v);
                }
                Block::Value(v) => value(&mut md, v),
                Block::Compare(label, v) => {
                    let mut inner = format!("_{}_\n\n", span(label));
                    value(&mut inner, v);
                    for l in inner.trim_end().lines() {
                        if l.is_empty() {
                            md.push_str(">\n");
                        } else {
                            let _ = writeln!(md, "> {l}");
                        }
                    }
                    md.push('\n');
                }
                Block::List(lines) => {
                    for l in lines {
                        let _ = writeln!(md, "- {}", line(l));
                    }
                    md.push('\n');
                }
                Block::Note(n) => {
                    let _ = writeln!(md, "{}\n", inline(n));
                }
            }
        }
    }
    md.trim_end().to_string() + "\n"
}

fn value(md: &mut String, v: &Value) {
    match v {
        Value::Text(t) => {
            let _ = writeln!(md, "{}\n", block(t));
        }
        Value::Score(s) => {
            let _ = writeln!(md, "{}\n", inline(s));
        }
        Value::Items(items) => {
            for i in items {
                let _ = writeln!(md, "- {}", inline(i));
            }
            md.push('\n');
        }
    }
}

fn line(spans: &Line) -> String {
    let mut out = String::new();
    for (i, s) in spans.iter().enumerate() {
        let text = match s {
            Span::Text(t) if i == 0 => inline(t),
            Span::Text(t) => span(t),
            Span::Strong(t) => format!("**{}**", span(t)),
            Span::Em(t) => format!(" _{}_", span(t)),
            Span::Chart(c) => format!(" `{c}`"),
        };
        out.push_str(&text);
    }
    out
}
