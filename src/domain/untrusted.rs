//! Text from outside `pi` kept in its place. An import, a friend's reply, a jrnl or Day One
//! entry or a received export may carry terminal control sequences (`ESC[2J` clears the
//! screen, an OSC sequence sets the window title, `ESC[1A ESC[2K` overwrites the line above)
//! or bidi overrides that reverse the text after them. [`visible`] is the one function that
//! makes all of them harmless and visible before such text reaches a terminal or a document
//! meant for people; the journal itself keeps every text exactly as it came.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` changes how a terminal or a bidi-aware renderer treats the text after it:
/// a C0 control other than newline and tab, DEL, a C1 control, or an explicit bidi
/// embedding, override or isolate (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character and bidi override made visible: a C0 control or
/// DEL becomes its Unicode control picture (ESC shows as `␛`, so `ESC[2J` reads `␛[2J`),
/// a C1 control or bidi override becomes `<U+202E>`. Newlines and tabs stay, and a
/// Windows line ending (`\r\n`) becomes a plain newline. Borrowed when nothing changes.
pub fn visible(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// [`visible`] for a whole screen of `pi`'s own output, in which outside text was already
/// made visible: `pi`'s own colour and style sequences (`ESC[…m`) pass, everything else is
/// made visible. The safety net under every command's output, so a text a renderer forgot
/// to pass through [`visible`] can still do no more than change a colour.
pub fn visible_except_styles(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

/// A JSON document with every C1 control, DEL and bidi override inside its strings written
/// as a `\uXXXX` escape: the same data for any JSON reader, harmless on a terminal. (The
/// JSON writer already escapes C0 controls; these characters can only occur inside strings.)
pub fn json_escaped(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn clean(text: &str, keep_styles: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if keep_styles && c == '\x1b' {
            let style = style_len(rest);
            if style > 0 {
                out.push_str(&rest[..style]);
                rest = &rest[style..];
                continue;
            }
        }
        rest = &rest[c.len_utf8()..];
        match c {
            c if !is_unsafe(c) => out.push(c),
            '\r' if rest.starts_with('\n') => {}
            '\0'..='\x1f' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('?')),
            '\x7f' => out.push('\u{2421}'),
            c => {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

/// The length of an SGR sequence (`ESC [ digits and semicolons m`) at the start of `text`,
/// or 0 when it does not start with one.
fn style_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !bytes.starts_with(b"\x1b[") {
        return 0;
    }
    let params = bytes[2..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    if params <= 32 && bytes.get(2 + params) == Some(&b'm') {
        3 + params
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_become_visible() {
        assert_eq!(visible("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(visible("\x1b]0;owned\x07"), "␛]0;owned␇");
        assert_eq!(visible("x\x1b[1A\x1b[2Ky"), "x␛[1A␛[2Ky");
        assert_eq!(visible("abc\u{202e}fed"), "abc<U+202E>fed");
        assert_eq!(visible("\u{2066}i\u{2069}"), "<U+2066>i<U+2069>");
        assert_eq!(visible("csi\u{9b}2J"), "csi<U+009B>2J");
        assert_eq!(visible("del\x7f"), "del␡");
        assert_eq!(visible("over\rwrite"), "over␍write");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in [
            "",
            "plain",
            "two\nlines\tand a tab",
            "Één café — 😀",
            "مرحبا بالعالم",
        ] {
            assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
        }
        assert_eq!(visible("windows\r\nline"), "windows\nline");
    }

    #[test]
    fn styles_pass_only_in_the_safety_net() {
        let styled = "\x1b[1mbold\x1b[0m \x1b[2J";
        assert_eq!(visible_except_styles(styled), "\x1b[1mbold\x1b[0m ␛[2J");
        assert_eq!(visible(styled), "␛[1mbold␛[0m ␛[2J");
        assert_eq!(visible_except_styles("\x1b[1;38;5;9m"), "\x1b[1;38;5;9m");
        assert_eq!(visible_except_styles("\x1b[?25l"), "␛[?25l");
        assert_eq!(visible_except_styles("\x1b"), "␛");
    }

    #[test]
    fn json_keeps_its_meaning() {
        let json = serde_json::to_string("a\u{202e}b\u{9b}c\x1b").unwrap();
        let escaped = json_escaped(&json);
        assert!(!escaped.chars().any(is_unsafe), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{202e}b\u{9b}c\x1b");
    }

    #[test]
    fn nothing_unsafe_survives_any_text() {
        let mut all = String::new();
        for c in (0u32..0x300)
            .chain(0x2000..0x2100)
            .filter_map(char::from_u32)
        {
            all.push(c);
        }
        let shown = visible(&all);
        assert!(
            !shown
                .chars()
                .any(|c| is_unsafe(c) && c != '\n' && c != '\t'),
            "{shown}"
        );
        assert!(!visible_except_styles(&all).contains('\x1b'));
    }
}
