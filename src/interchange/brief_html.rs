//! The appraisal brief as one printable HTML page: A4, a print style sheet that keeps
//! headings with what follows, no script, and a Content-Security-Policy that lets nothing
//! load. Every piece of text goes through [`escape`].

use super::brief::{Block, Doc, Line, Span, Value};
use super::export_html::{CSP, escape};
use std::fmt::Write;

const STYLE: &str = "
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #222; max-width: 42rem;
  margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #bbb; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
h4 { font-size: 1rem; font-style: italic; font-weight: normal; margin: .8rem 0 .2rem; }
.note { color: #555; font-size: .9rem; }
.answer { white-space: pre-wrap; margin: 0 0 .6rem; }
blockquote { border-left: 3px solid #ccc; margin: .4rem 0 .8rem; padding: 0 0 0 .8rem; color: #444; }
.chart { font-family: monospace; letter-spacing: 1px; }
@media print {
  @page { size: A4; margin: 20mm 18mm; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3, h4 { break-after: avoid; }
  li, blockquote, .answer { break-inside: avoid; }
}
";

/// Renders a brief as a whole HTML page.
pub fn render(doc: &Doc) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"pi\">\n<title>{title}</title>\n<style>{STYLE}</style>\n\
         </head>\n<body>\n<header>\n<h1>{title}</h1>\n<p class=\"note\">{note}</p>\n</header>\n<main>\n",
        lang = doc.lang,
        title = escape(&doc.title),
        note = escape(&doc.note),
    );
    for section in &doc.sections {
        let _ = writeln!(h, "<section>\n<h2>{}</h2>", escape(&section.heading));
        for b in &section.blocks {
            match b {
                Block::Heading(t) => {
                    let _ = writeln!(h, "<h3>{}</h3>", escape(t));
                }
                Block::Labelled(label, v) => {
                    let _ = writeln!(h, "<h4>{}</h4>\n{}", escape(label), value(v));
                }
                Block::Value(v) => {
                    let _ = writeln!(h, "{}", value(v));
                }
                Block::Compare(label, v) => {
                    let _ = writeln!(
                        h,
                        "<blockquote><p class=\"note\">{}</p>\n{}</blockquote>",
                        escape(label),
                        value(v)
                    );
                }
                Block::List(lines) => {
                    h.push_str("<ul>\n");
                    for l in lines {
                        let _ = writeln!(h, "<li>{}</li>", line(l));
                    }
                    h.push_str("</ul>\n");
                }
                Block::Note(n) => {
                    let _ = writeln!(h, "<p>{}</p>", escape(n));
                }
            }
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn value(v: &Value) -> String {
    match v {
        Value::Text(t) => format!("<p class=\"answer\">{}</p>", escape(t)),
        Value::Score(s) => format!("<p><strong>{}</strong></p>", escape(s)),
        Value::Items(items) => {
            let lis: String = items
                .iter()
                .map(|i| format!("<li>{}</li>", escape(i)))
                .collect();
            format!("<ul>{lis}</ul>")
        }
    }
}

fn line(spans: &Line) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => escape(t),
            Span::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Span::Em(t) => format!(" <em>{}</em>", escape(t)),
            Span::Chart(c) => format!(" <span class=\"chart\">{}</span>", escape(c)),
        })
        .collect()
}
