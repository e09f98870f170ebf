//! The HTML export: one self-contained file that opens in any browser and prints well to
//! PDF. No script, font or image is loaded, and a Content-Security-Policy forbids any: the
//! page is text, an inline stylesheet, and inline SVG charts of the scale answers over time.
//! Every piece of user text goes through [`escape`], in text and in attributes alike.

use super::export::{
    Document, Meta, Scale, commitment_history, labels, mode_name, scales, shown_answers,
    statement_history,
};
use super::export_chart::{Trend, chart};
use super::export_friend::{self, FriendPage};
use super::format::{Commitment, PackSnapshot, Session, Statement};
use crate::clock::{local_date, local_time};
use crate::domain::AnswerValue;
use crate::words::fill;
use std::collections::HashMap;
use std::io::{self, Write};

/// Nothing may load or run; inline styles and (unused) data images only.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = "
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #222; max-width: 42rem;
  margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #bbb; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; }
.meta { color: #555; font-size: .9rem; margin: 0; padding: 0; list-style: none; }
.answer { white-space: pre-wrap; margin: 0; }
.skipped { color: #777; font-style: italic; }
.note { color: #555; font-size: .9rem; }
figure { margin: 1.5rem 0; }
figcaption { font-weight: bold; margin-bottom: .3rem; }
svg { max-width: 100%; height: auto; }
svg text { font: 11px sans-serif; fill: #555; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  .qa, figure, li { break-inside: avoid; }
  @page { margin: 18mm 16mm; }
}
";

/// Escapes text for HTML element content and quoted attribute values alike. Control
/// characters and bidi overrides are made visible first: an unclosed override in an answer
/// would otherwise reverse everything after it, pi's own date line included.
pub fn escape(text: &str) -> String {
    let text = crate::domain::untrusted::visible(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes an HTML export to `out`.
pub struct HtmlExport<W: Write> {
    out: W,
    meta: Meta,
    scales: HashMap<(String, String, String), Scale>,
    trends: Vec<Trend>,
    trend_index: HashMap<(String, String), usize>,
    part: Option<&'static str>,
    friend: Option<FriendPage>,
}

impl<W: Write> HtmlExport<W> {
    /// An HTML export described by `meta`.
    pub fn new(out: W, meta: Meta) -> Self {
        Self {
            out,
            meta,
            scales: HashMap::new(),
            trends: Vec::new(),
            trend_index: HashMap::new(),
            part: None,
            friend: None,
        }
    }

    /// Makes the page one a professional friend writes a reply in.
    #[must_use]
    pub fn for_friend(mut self, page: FriendPage) -> Self {
        self.friend = Some(page);
        self
    }

    fn comment_box(&self, kind: &str, id: &str) -> String {
        self.friend
            .as_ref()
            .map_or_else(String::new, |p| export_friend::comment_box(p, kind, id))
    }

    /// Hands back the writer (after [`Document::finish`]).
    pub fn into_inner(self) -> W {
        self.out
    }

    fn open_part(&mut self, name: &'static str, title: &str) -> io::Result<()> {
        if self.part == Some(name) {
            return Ok(());
        }
        if self.part.is_some() {
            self.out.write_all(b"</ul>\n</section>\n")?;
        }
        self.part = Some(name);
        writeln!(
            self.out,
            "<section class=\"{name}\">\n<h2>{}</h2>\n<ul>",
            escape(title)
        )
    }

    fn remember(
        &mut self,
        pack_id: &str,
        prompt_id: &str,
        title: &str,
        scale: Option<&Scale>,
        at: &str,
        n: i64,
    ) {
        let key = (pack_id.to_string(), prompt_id.to_string());
        let index = *self.trend_index.entry(key).or_insert_with(|| {
            self.trends.push(Trend::new(String::new(), None));
            self.trends.len() - 1
        });
        let trend = &mut self.trends[index];
        title.clone_into(&mut trend.title);
        if scale.is_some() {
            trend.scale = scale.cloned();
        }
        trend.push(local_date(at), n);
    }
}

fn answer_html(value: Option<&AnswerValue>, scale: Option<&Scale>, meta: &Meta) -> String {
    let l = labels(meta.language);
    match value {
        None => format!("<p class=\"skipped\">{}</p>", escape(l.skipped)),
        Some(AnswerValue::Text(t)) if t.trim().is_empty() => {
            format!("<p class=\"skipped\">{}</p>", escape(l.empty))
        }
        Some(AnswerValue::Text(t)) => format!("<p class=\"answer\">{}</p>", escape(t.trim_end())),
        Some(AnswerValue::Number(n)) => match scale {
            Some(s) => format!(
                "<p><strong>{n}</strong> {}</p>",
                escape(&fill(
                    l.scale_of,
                    &[
                        &s.min.to_string(),
                        &s.min_label,
                        &s.max.to_string(),
                        &s.max_label
                    ]
                ))
            ),
            None => format!("<p><strong>{n}</strong></p>"),
        },
        Some(AnswerValue::Items(items)) if items.is_empty() => {
            format!("<p class=\"skipped\">{}</p>", escape(l.empty))
        }
        Some(AnswerValue::Items(items)) => {
            let lis: String = items
                .iter()
                .map(|i| format!("<li>{}</li>", escape(i)))
                .collect();
            format!("<ul>{lis}</ul>")
        }
    }
}

impl<W: Write> Document for HtmlExport<W> {
    fn start(&mut self, snapshots: &[PackSnapshot]) -> io::Result<()> {
        self.scales = scales(snapshots);
        let l = labels(self.meta.language);
        let (csp, friend_style) = match &self.friend {
            Some(_) => (export_friend::csp(), export_friend::STYLE),
            None => (CSP.to_string(), ""),
        };
        write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"pi\">\n<title>{title}</title>\n<style>{STYLE}{friend_style}</style>\n\
             </head>\n<body>\n<header>\n<h1>{title}</h1>\n<p class=\"note\">{exported}</p>\n",
            lang = self.meta.language.code(),
            title = escape(l.title),
            exported = escape(&fill(
                l.exported,
                &[&self.meta.date, &self.meta.sessions.to_string()]
            )),
        )?;
        if let Some(page) = &self.friend {
            self.out
                .write_all(export_friend::ask_block(page).as_bytes())?;
        }
        self.out.write_all(b"</header>\n<main>\n")
    }

    fn session(&mut self, session: &Session) -> io::Result<()> {
        let lang = self.meta.language;
        let l = labels(lang);
        writeln!(
            self.out,
            "<section class=\"session\" id=\"s-{id}\">\n<h2>{} — {}</h2>\n<ul class=\"meta\">",
            escape(&local_time(&session.started_at)),
            escape(&mode_name(session, lang)),
            id = escape(&session.id),
        )?;
        if !session.context.trim().is_empty() {
            writeln!(
                self.out,
                "<li>{}: {}</li>",
                escape(l.context),
                escape(&session.context)
            )?;
        }
        let status = if session.status == "finished" {
            l.finished
        } else {
            l.in_progress
        };
        let answers = shown_answers(session);
        writeln!(
            self.out,
            "<li>{}: {} {}</li>\n<li>{}: {}</li>\n<li>{}</li>\n<li>{}: <code>{}</code></li>\n</ul>",
            escape(l.pack),
            escape(&session.pack_id),
            escape(&session.pack_version),
            escape(l.status),
            escape(status),
            escape(&fill(
                l.answered,
                &[
                    &answers.len().to_string(),
                    &session.prompt_count.to_string()
                ]
            )),
            escape(l.session),
            escape(&session.id[..8.min(session.id.len())]),
        )?;
        if answers.is_empty() {
            writeln!(
                self.out,
                "<p class=\"skipped\">{}</p>",
                escape(l.no_answers)
            )?;
        }
        for a in answers {
            let scale = self
                .scales
                .get(&(
                    a.pack_id.clone(),
                    a.pack_version.clone(),
                    a.prompt_id.clone(),
                ))
                .cloned();
            if let Some(AnswerValue::Number(n)) = a.value {
                self.remember(
                    &a.pack_id,
                    &a.prompt_id,
                    &a.prompt_text,
                    scale.as_ref(),
                    &session.started_at,
                    n,
                );
            }
            writeln!(
                self.out,
                "<div class=\"qa\">\n<h3>{}</h3>\n{}\n{}</div>",
                escape(&a.prompt_text),
                answer_html(a.value.as_ref(), scale.as_ref(), &self.meta),
                self.comment_box("answer", &a.id)
            )?;
        }
        self.out.write_all(b"</section>\n")
    }

    fn statement(&mut self, statement: &Statement) -> io::Result<()> {
        self.open_part("statements", labels(self.meta.language).statements)?;
        writeln!(
            self.out,
            "<li>{} <span class=\"note\">({})</span>{}</li>",
            escape(&statement.text),
            escape(&statement_history(statement)),
            self.comment_box("statement", &statement.id)
        )
    }

    fn commitment(&mut self, commitment: &Commitment) -> io::Result<()> {
        let l = labels(self.meta.language);
        self.open_part("commitments", l.commitments)?;
        let mut when = local_date(&commitment.created_at);
        if let Some(d) = &commitment.look_back {
            when.push_str(&format!("; {} {d}", l.look_back));
        }
        let mut li = format!(
            "<li>{} <span class=\"note\">({})</span>",
            escape(&commitment.text),
            escape(&when)
        );
        for (status, note) in commitment_history(commitment) {
            li.push_str(&format!("<br><span class=\"note\">{}", escape(&status)));
            if let Some(n) = note.filter(|n| !n.trim().is_empty()) {
                li.push_str(&format!(": {}", escape(&n)));
            }
            li.push_str("</span>");
        }
        li.push_str(&self.comment_box("commitment", &commitment.id));
        li.push_str("</li>");
        writeln!(self.out, "{li}")
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.part.is_some() {
            self.out.write_all(b"</ul>\n</section>\n")?;
        }
        if !self.trends.is_empty() {
            let l = labels(self.meta.language);
            writeln!(
                self.out,
                "<section class=\"trends\" id=\"trends\">\n<h2>{}</h2>",
                escape(l.trends)
            )?;
            for trend in &self.trends {
                let note = if trend.per_point() > 1 {
                    format!(
                        "<br><span class=\"note\">{}</span>",
                        escape(&fill(l.averaged, &[&trend.per_point().to_string()]))
                    )
                } else {
                    String::new()
                };
                writeln!(
                    self.out,
                    "<figure>\n<figcaption>{}{note}</figcaption>\n{}\n</figure>",
                    escape(&trend.title),
                    chart(trend)
                )?;
            }
            self.out.write_all(b"</section>\n")?;
        }
        if let Some(page) = &self.friend {
            self.out
                .write_all(export_friend::reply_section(page).as_bytes())?;
        }
        self.out.write_all(b"</main>\n")?;
        if self.friend.is_some() {
            self.out.write_all(export_friend::script_tag().as_bytes())?;
        }
        self.out.write_all(b"</body>\n</html>\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')"> & co"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co"
        );
    }
}
