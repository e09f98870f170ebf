//! Escaping user text for CommonMark, so nothing a person wrote can break a document's
//! structure (a line starting with `#` stays text, not a heading).

/// Escapes one line of inline text: characters with meaning anywhere in CommonMark. Control
/// characters and bidi overrides are made visible first, so an unclosed override cannot
/// reverse the rest of the line (or pi's own words after it) and `cat` shows no escapes.
pub fn inline(text: &str) -> String {
    let out = span(text);
    let trimmed = out.trim_start();
    // Block markers only matter at the start of a line.
    match trimmed.chars().next() {
        Some('#' | '-' | '+' | '=') => format!("\\{trimmed}"),
        Some(c) if c.is_ascii_digit() => escape_ordered(trimmed),
        _ => trimmed.to_string(),
    }
}

/// Escapes a piece of text for the middle of a line: the characters with inline meaning,
/// control characters and bidi overrides made visible, line breaks as spaces. [`inline`] adds
/// the rules for the start of a line.
pub fn span(text: &str) -> String {
    let text = crate::domain::untrusted::visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes multi-line text as paragraphs, keeping the person's line breaks.
pub fn block(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.trim().is_empty() {
                String::new()
            } else {
                inline(line)
            }
        })
        .collect::<Vec<_>>()
        .join("  \n")
        .replace("  \n  \n", "\n\n")
}

fn escape_ordered(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line[digits..].chars().next() {
        Some('.' | ')') => format!("{}\\{}", &line[..digits], &line[digits..]),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_characters_are_escaped() {
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("- not a list"), "\\- not a list");
        assert_eq!(inline("1. not ordered"), "1\\. not ordered");
        assert_eq!(inline("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(inline("a *b* [c](d)"), "a \\*b\\* \\[c\\](d)");
    }

    #[test]
    fn controls_and_bidi_overrides_are_made_visible() {
        assert_eq!(inline("a\u{202e}b\x1b[2J"), "a\\<U+202E\\>b␛\\[2J");
        assert_eq!(block("one\u{2067}\ntwo"), "one\\<U+2067\\>  \ntwo");
    }

    #[test]
    fn blocks_keep_line_breaks() {
        assert_eq!(block("one\ntwo"), "one  \ntwo");
        assert_eq!(block("# one\n\n- two"), "\\# one\n\n\\- two");
    }
}
