//! A long answer written in the person's own `$VISUAL`/`$EDITOR`: the file it is written
//! in, and how the answer is read back.
//!
//! The file lives in a private directory of pi's own beside the journal (0700, the file
//! 0600 from its first byte, held while the editor runs), so an answer never lingers in the
//! system's shared temporary directory; a file a killed pi leaves there is removed at the
//! next start (see [`crate::leftovers`]). The question and its help are in the file as a
//! note between two marker lines nobody types by accident; everything else in the file is
//! the answer, exactly as written (a line starting with `#`, leading indentation), apart
//! from one trailing newline.

use crate::words::Words;
use std::io::Write;
use std::path::Path;

/// The editor the user configured, if any.
pub fn configured() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

/// What the file holds before the person writes: an empty first line to write on, then
/// the note with the question and its help.
pub fn template(words: &Words, question: &str, help: Option<&str>) -> String {
    let mut text = String::from("\n");
    text.push_str(words.editor_note_open);
    text.push('\n');
    for line in question.lines().chain(help.iter().flat_map(|h| h.lines())) {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(words.editor_note_close);
    text.push('\n');
    text
}

/// The answer in `text`, the file as saved: everything but the note (from its opening line
/// to its closing line; to the end when the closing line was deleted), without one
/// trailing newline. The empty first line the template offers is not part of an answer
/// written below the note.
pub fn answer(words: &Words, text: &str) -> String {
    let lines = line_spans(text);
    let is = |span: &(usize, usize, usize), marker: &str| text[span.0..span.1].trim_end() == marker;
    let Some(open) = lines.iter().position(|l| is(l, words.editor_note_open)) else {
        return without_final_newline(text).to_string();
    };
    let before = &text[..lines[open].0];
    let after = match lines[open..]
        .iter()
        .position(|l| is(l, words.editor_note_close))
    {
        Some(close) => &text[lines[open + close].2..],
        None => "",
    };
    let answer = if before.trim().is_empty() {
        after.to_string()
    } else if after.trim().is_empty() {
        before.to_string()
    } else {
        format!("{before}{after}")
    };
    without_final_newline(&answer).to_string()
}

/// Each line's start, end (without its line break) and the start of the next line.
fn line_spans(text: &str) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        spans.push((start, end, (end + 1).min(text.len())));
        start = end + 1;
    }
    spans
}

fn without_final_newline(text: &str) -> &str {
    text.strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text)
}

/// Opens `template` in `editor` in a private file in `dir` named after the prompt, and
/// returns what was saved; `None` when the file is unchanged (the editor closed without
/// saving, or returned at once, the classic way to lose an answer). Content is compared
/// rather than modification times, which are too coarse.
pub fn run(
    editor: &str,
    dir: &Path,
    prompt_id: &str,
    template: &str,
) -> std::io::Result<Option<String>> {
    create_private_dir(dir)?;
    let safe_id: String = prompt_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    let prefix = format!("{}{safe_id}-", crate::leftovers::ANSWER_PREFIX);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".md");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut file = builder.tempfile_in(dir)?;
    crate::leftovers::hold(file.as_file());
    file.write_all(template.as_bytes())?;
    file.flush()?;
    let words = shell_words::split(editor).unwrap_or_else(|_| vec![editor.to_string()]);
    let Some((program, args)) = words.split_first() else {
        return Ok(None);
    };
    let status = std::process::Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot start the editor '{editor}': {e}"))
        })?;
    if !status.success() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(file.path())?;
    Ok(Some(text).filter(|t| t != template))
}

/// Creates `dir` readable by its owner only, or makes an existing one so.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;

    fn words() -> &'static Words {
        Words::of(Language::En)
    }

    #[test]
    fn an_answer_is_kept_exactly_as_written() {
        let w = words();
        let t = template(w, "What gives you your colour?", Some("Think of a week."));
        assert!(t.contains("What gives you your colour?\nThink of a week.\n"));
        let written = "# Not a heading\n    indented\n\n#hashtag\n";
        let saved = t.replacen('\n', written, 1);
        assert_eq!(
            answer(w, &saved),
            "# Not a heading\n    indented\n\n#hashtag"
        );
    }

    #[test]
    fn an_answer_below_the_note_or_without_it() {
        let w = words();
        let t = template(w, "Q?", None);
        assert_eq!(answer(w, &format!("{t}  Below.\n")), "  Below.");
        assert_eq!(answer(w, "Just text\n"), "Just text");
        assert_eq!(answer(w, "No newline"), "No newline");
        assert_eq!(answer(w, "Windows\r\n"), "Windows");
        assert_eq!(answer(w, &t), "");
        // The closing line deleted: the note runs to the end.
        let open_only = format!("Mine.\n{}\nQ?\n", w.editor_note_open);
        assert_eq!(answer(w, &open_only), "Mine.");
        // Above and below: both, as written.
        assert_eq!(
            answer(w, &format!("Top.\n{}Bottom.\n", &t[1..])),
            "Top.\nBottom."
        );
    }

    #[test]
    fn the_note_markers_never_look_like_an_answer() {
        for language in [Language::En, Language::Nl] {
            let w = Words::of(language);
            assert_ne!(w.editor_note_open, w.editor_note_close);
            assert!(w.editor_note_open.starts_with("~~~ pi:"));
            assert!(w.editor_note_close.starts_with("~~~ pi:"));
        }
    }
}
