//! Making journal text safe for a shell's completion menu: one short line, without control
//! characters (escape sequences, newlines, tabs) or the invisible characters that reorder or
//! hide text (bidi overrides and isolates, zero-width marks).

/// `text` as one line of at most `max` characters: controls and line breaks become spaces,
/// runs of white space one space, invisible formatting characters vanish, and a cut is
/// marked with `…`.
pub fn one_line(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    let mut chars = 0;
    let mut pending_space = false;
    let mut cut = false;
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = chars > 0;
            continue;
        }
        let needed = usize::from(pending_space) + 1;
        if chars + needed > max {
            cut = true;
            break;
        }
        if pending_space {
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        out.push(c);
        chars += 1;
    }
    if cut {
        while chars + 1 > max && out.pop().is_some() {
            chars -= 1;
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('…');
    }
    out
}

/// Characters that change how the text around them is shown without showing themselves.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                  // soft hyphen
        | '\u{061C}'                // Arabic letter mark
        | '\u{180E}'                // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}'   // zero-width space, joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}'   // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}'   // bidi isolates, deprecated formatting
        | '\u{FEFF}'                // byte order mark
        | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
    )
}

/// Whether `id` may be offered as a value to type: a pack, prompt or version id of plain
/// characters, so no shell reads it as syntax.
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'+'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_never_reach_the_shell() {
        let hostile = "Project\u{1b}[31m X\n\trm -rf\u{202E}gnp.exe\u{2066}\u{7}\u{9b}2J";
        let line = one_line(hostile, 200);
        assert!(!line.chars().any(|c| c.is_control() || is_invisible(c)));
        assert_eq!(line, "Project [31m X rm -rfgnp.exe 2J");
    }

    #[test]
    fn long_text_is_cut_on_a_character_with_an_ellipsis() {
        assert_eq!(one_line("  één  twee   drie ", 40), "één twee drie");
        assert_eq!(one_line("één twee drie vier", 10), "één twee…");
        assert_eq!(one_line("abcdefghijkl", 5), "abcd…");
        assert_eq!(one_line("", 5), "");
        assert_eq!(one_line("\u{202E}\n", 5), "");
    }

    #[test]
    fn only_plain_ids_are_offered() {
        assert!(is_plain_id("turning-points"));
        assert!(is_plain_id("1.0.0-beta+2"));
        assert!(!is_plain_id("a b"));
        assert!(!is_plain_id("$(reboot)"));
        assert!(!is_plain_id("x\u{1b}"));
        assert!(!is_plain_id(""));
    }
}
