//! The HTML export made for a professional friend who has nothing but a browser: a comment
//! box under each shared answer, statement and intention, the owner's own question at the
//! top and the conversation guide at the end, and a button that saves the reply as a file
//! `pi import` attaches (a `pi-reply`, version 2).
//!
//! The page stays self-contained and safe: the one script is pi's own constant [`SCRIPT`],
//! allowed by its SHA-256 in the Content-Security-Policy; nothing may load, no form may be
//! sent and nothing leaves the page but the file the friend saves. Every text from the
//! journal is escaped, in attributes too, and the script only ever sets `value` and
//! `textContent`, never markup. Without JavaScript the boxes stay hidden and the page reads
//! and prints as any export. What the friend types is kept in the browser's local storage for
//! this export until the reply is saved.

use super::export_html::escape;
use crate::words::friend::FriendWords;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// What the page needs to know besides the records.
#[derive(Debug, Clone)]
pub struct FriendPage {
    /// The export's id: the reply names it, and the owner's journal remembers what it shared.
    pub export_id: String,
    /// The owner's own question, shown first.
    pub ask: Option<String>,
    /// The conversation guide: (prompt id, question, why it is asked).
    pub guide: Vec<(String, String, String)>,
    /// The page's words.
    pub words: &'static FriendWords,
}

/// The page's one script. Constant, so that its hash in the policy never changes; the words
/// it shows come from `data-` attributes of the reply section.
pub const SCRIPT: &str = r"(function () {
  'use strict';
  var root = document.getElementById('pi-reply');
  if (!root) { return; }
  var exportId = root.getAttribute('data-export');
  var key = 'pi-reply-' + exportId;
  var boxes = Array.prototype.slice.call(document.querySelectorAll('textarea[data-kind]'));
  var name = document.getElementById('pi-name');
  var status = document.getElementById('pi-status');
  var kept = {};
  try { kept = JSON.parse(window.localStorage.getItem(key) || '{}') || {}; } catch (e) { kept = {}; }
  Array.prototype.forEach.call(document.querySelectorAll('.pi-friend'), function (el) { el.hidden = false; });
  function field(b) { return b.getAttribute('data-kind') + ':' + b.getAttribute('data-id'); }
  function mirror(b) {
    var p = b.nextElementSibling;
    if (p && p.classList.contains('pi-printed')) { p.textContent = b.value; }
  }
  boxes.forEach(function (b) {
    var v = kept.fields && kept.fields[field(b)];
    if (typeof v === 'string') { b.value = v; }
    mirror(b);
  });
  if (typeof kept.name === 'string') { name.value = kept.name; }
  function keep() {
    var fields = {};
    boxes.forEach(function (b) { if (b.value.trim()) { fields[field(b)] = b.value; } });
    try { window.localStorage.setItem(key, JSON.stringify({ name: name.value, fields: fields })); } catch (e) { }
  }
  document.addEventListener('input', function (ev) {
    if (ev.target.matches('textarea[data-kind]')) { mirror(ev.target); }
    keep();
  });
  function uuid() {
    var a = new Uint8Array(16);
    window.crypto.getRandomValues(a);
    a[6] = (a[6] & 15) | 64;
    a[8] = (a[8] & 63) | 128;
    return Array.prototype.map.call(a, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  document.getElementById('pi-save').addEventListener('click', function () {
    var who = name.value.trim();
    if (!who) { status.textContent = root.getAttribute('data-need-name'); name.focus(); return; }
    var now = new Date();
    var stamp = now.toISOString();
    var comments = [];
    var guide = [];
    boxes.forEach(function (b) {
      var text = b.value.trim();
      if (!text) { return; }
      var kind = b.getAttribute('data-kind');
      if (kind === 'guide') {
        guide.push({ id: uuid(), prompt_id: b.getAttribute('data-id'), question: b.getAttribute('data-question'), text: text, created_at: stamp });
      } else {
        comments.push({ id: uuid(), target_kind: kind, target_id: b.getAttribute('data-id'), text: text, created_at: stamp });
      }
    });
    if (!comments.length && !guide.length) { status.textContent = root.getAttribute('data-nothing'); return; }
    var reply = { format: 'pi-reply', version: 2, export_id: exportId, friend: who, written_at: stamp, comments: comments, guide: guide };
    var slug = who.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'friend';
    var day = now.getFullYear() + '-' + two(now.getMonth() + 1) + '-' + two(now.getDate());
    var file = 'reply-' + slug + '-' + day + '.json';
    var blob = new Blob([JSON.stringify(reply, null, 2) + '\n'], { type: 'application/json' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    try { window.localStorage.removeItem(key); } catch (e) { }
    status.textContent = root.getAttribute('data-saved').replace('{}', file);
  });
})();
";

/// The styles the friend's part of the page adds.
pub const STYLE: &str = "
[hidden] { display: none !important; }
.pi-friend textarea { width: 100%; min-height: 4.5rem; font: inherit; font-size: .95rem;
  box-sizing: border-box; margin: .3rem 0 .8rem; }
.pi-friend label, .pi-label { display: block; color: #555; font-size: .85rem; margin-top: .4rem; }
.pi-ask { border-left: 4px solid #6a8; padding: .3rem .8rem; background: #f4f8f5; }
#pi-reply input { font: inherit; width: 100%; box-sizing: border-box; }
#pi-reply button { font: inherit; margin: .8rem 0; padding: .4rem 1rem; }
#pi-status { font-weight: bold; }
.pi-printed { display: none; }
@media print {
  .pi-friend textarea, .pi-friend label, .pi-label, #pi-reply button, #pi-reply input { display: none; }
  .pi-printed { display: block; white-space: pre-wrap; font-style: italic; }
  .pi-printed:empty { display: none; }
}
";

/// The Content-Security-Policy of a friend's page: nothing may load or be sent; the one
/// script that may run is [`SCRIPT`], by its hash.
pub fn csp() -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT.as_bytes()));
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{hash}'; \
         form-action 'none'; base-uri 'none'"
    )
}

/// The owner's question, at the top of what the friend reads (shown without JavaScript too).
pub fn ask_block(page: &FriendPage) -> String {
    page.ask.as_ref().map_or_else(String::new, |ask| {
        format!(
            "<p class=\"pi-ask\"><strong>{}:</strong> {}</p>\n",
            escape(page.words.page_ask),
            escape(ask)
        )
    })
}

/// A comment box under one record (hidden until the script shows it).
pub fn comment_box(page: &FriendPage, kind: &str, id: &str) -> String {
    format!(
        "<div class=\"pi-friend\" hidden><span class=\"pi-label\">{label}</span><textarea data-kind=\"{kind}\" \
         data-id=\"{id}\" aria-label=\"{label}\"></textarea><div class=\"pi-printed\"></div></div>\n",
        label = escape(page.words.page_comment),
        kind = escape(kind),
        id = escape(id),
    )
}

/// The reply section at the end: the owner's question and the guide with a box each, the
/// friend's name and the save button; a note for a browser without JavaScript.
pub fn reply_section(page: &FriendPage) -> String {
    let w = page.words;
    let mut h = format!(
        "<section id=\"pi-reply\" class=\"pi-friend\" hidden data-export=\"{}\" data-saved=\"{}\" \
         data-need-name=\"{}\" data-nothing=\"{}\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        escape(&page.export_id),
        escape(w.page_saved),
        escape(w.page_need_name),
        escape(w.page_nothing),
        escape(w.page_reply),
        escape(w.page_intro),
    );
    let mut questions: Vec<(String, String, String)> = Vec::new();
    if let Some(ask) = &page.ask {
        questions.push((
            super::format::ASK_PROMPT.to_string(),
            ask.clone(),
            w.owner_question.to_string(),
        ));
    }
    questions.extend(page.guide.iter().cloned());
    for (id, question, help) in &questions {
        h.push_str(&format!(
            "<div class=\"qa\"><h3>{q}</h3>\n<p class=\"note\">{help}</p>\n<textarea data-kind=\"guide\" data-id=\"{id}\" \
             data-question=\"{q}\" aria-label=\"{q}\"></textarea><div class=\"pi-printed\"></div></div>\n",
            q = escape(question),
            help = escape(help),
            id = escape(id),
        ));
    }
    h.push_str(&format!(
        "<label for=\"pi-name\">{}</label>\n<input id=\"pi-name\" type=\"text\" autocomplete=\"name\">\n\
         <button type=\"button\" id=\"pi-save\">{}</button>\n<p id=\"pi-status\" role=\"status\"></p>\n</section>\n\
         <noscript><p class=\"note\">{}</p></noscript>\n",
        escape(w.page_name),
        escape(w.page_save),
        escape(w.page_noscript),
    ));
    h
}

/// The script element, last in the body.
pub fn script_tag() -> String {
    format!("<script>{SCRIPT}</script>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_exactly_the_script_and_nothing_else() {
        let policy = csp();
        assert!(policy.starts_with("default-src 'none';"));
        let hash = policy
            .split("'sha256-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap();
        let expected =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT.as_bytes()));
        assert_eq!(hash, expected);
        assert!(!SCRIPT.contains("innerHTML") && !SCRIPT.contains("fetch("));
        assert!(!SCRIPT.contains("</script"));
    }

    #[test]
    fn boxes_escape_what_they_carry() {
        let page = FriendPage {
            export_id: "e1".into(),
            ask: Some("\"><script>alert(1)</script>".into()),
            guide: vec![(
                "colour".into(),
                "Which colour? </textarea>".into(),
                String::new(),
            )],
            words: &crate::words::friend::EN,
        };
        let html = reply_section(&page) + &ask_block(&page) + &comment_box(&page, "answer", "a\"b");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("Which colour? &lt;/textarea&gt;"), "{html}");
        assert!(html.contains("data-id=\"a&quot;b\""), "{html}");
    }
}
