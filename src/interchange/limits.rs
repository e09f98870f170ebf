//! The limits on a file from outside, checked in one streaming pass before it is parsed: no
//! text longer than [`MAX_TEXT_CHARS`] and no nesting deeper than [`MAX_DEPTH`]. A parser
//! holds a whole string in memory before anyone can look at its length, so a 191 MB answer
//! would cost gigabytes; this pass reads the bytes once, keeps only a few counters and the
//! path to where it is, and names the place of the first text that is too long.

use std::io::{BufRead, BufReader, Read};

/// The longest text `pi` takes from a file: far above any real answer (a long answer is
/// a few thousand characters), far below what could hurt.
pub const MAX_TEXT_CHARS: usize = 1_000_000;
/// The deepest nesting of arrays and objects a file may have (pi's own exports use five).
pub const MAX_DEPTH: usize = 32;
/// How much of an object key is kept to name a place.
const KEY_CHARS: usize = 40;

/// Why a file was refused before it was parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// One text is too long.
    #[error(
        "{line}:{column}: {path}: a text of more than {} characters; pi takes texts of up to {} characters",
        group(MAX_TEXT_CHARS),
        group(MAX_TEXT_CHARS)
    )]
    TextTooLong {
        path: String,
        line: usize,
        column: usize,
    },
    /// Arrays or objects nested too deep.
    #[error("{line}:{column}: {path}: nested more than {MAX_DEPTH} levels deep")]
    TooDeep {
        path: String,
        line: usize,
        column: usize,
    },
    /// The file could not be read.
    #[error("{0}")]
    Io(String),
}

/// `1000000` as `1,000,000`.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Where the scanner is: inside an object (with the key it last read) or an array.
enum Frame {
    Object { key: String, wants_key: bool },
    Array { index: usize },
}

/// Reads `input` to its end and checks the limits; leaves the syntax to the parser.
pub fn check(input: impl Read) -> Result<(), LimitError> {
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let mut scan = Scanner::default();
    loop {
        let chunk = reader
            .fill_buf()
            .map_err(|e| LimitError::Io(e.to_string()))?;
        if chunk.is_empty() {
            return Ok(());
        }
        let n = chunk.len();
        scan.feed(chunk)?;
        reader.consume(n);
    }
}

#[derive(Default)]
struct Scanner {
    stack: Vec<Frame>,
    line: usize,
    column: usize,
    in_string: bool,
    escaped: bool,
    /// Hex digits of a `\u` escape still to come.
    hex_left: u8,
    /// Characters of the current string so far.
    chars: usize,
    /// Whether the current string is an object key (kept, shortened, to name places).
    is_key: bool,
    key_bytes: Vec<u8>,
    /// Line and column where the current string started.
    start: (usize, usize),
}

impl Scanner {
    fn feed(&mut self, bytes: &[u8]) -> Result<(), LimitError> {
        for &b in bytes {
            if b == b'\n' {
                self.line += 1;
                self.column = 0;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
            }
            if self.in_string {
                self.string_byte(b)?;
                continue;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.chars = 0;
                    self.start = (self.line + 1, self.column);
                    self.is_key = matches!(
                        self.stack.last(),
                        Some(Frame::Object {
                            wants_key: true,
                            ..
                        })
                    );
                    self.key_bytes.clear();
                }
                b'{' | b'[' => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(LimitError::TooDeep {
                            path: self.path(),
                            line: self.line + 1,
                            column: self.column,
                        });
                    }
                    self.stack.push(if b == b'{' {
                        Frame::Object {
                            key: String::new(),
                            wants_key: true,
                        }
                    } else {
                        Frame::Array { index: 0 }
                    });
                }
                b'}' | b']' => {
                    self.stack.pop();
                }
                b':' => {
                    if let Some(Frame::Object { wants_key, .. }) = self.stack.last_mut() {
                        *wants_key = false;
                    }
                }
                b',' => match self.stack.last_mut() {
                    Some(Frame::Object { wants_key, .. }) => *wants_key = true,
                    Some(Frame::Array { index }) => *index += 1,
                    None => {}
                },
                _ => {}
            }
        }
        Ok(())
    }

    fn string_byte(&mut self, b: u8) -> Result<(), LimitError> {
        if self.hex_left > 0 {
            self.hex_left -= 1;
            return Ok(());
        }
        if self.escaped {
            self.escaped = false;
            if b == b'u' {
                self.hex_left = 4;
            }
            return self.count(b);
        }
        match b {
            b'\\' => {
                self.escaped = true;
                Ok(())
            }
            b'"' => {
                self.in_string = false;
                if self.is_key {
                    let key = String::from_utf8_lossy(&self.key_bytes).into_owned();
                    if let Some(Frame::Object { key: k, .. }) = self.stack.last_mut() {
                        *k = key;
                    }
                }
                Ok(())
            }
            _ if b & 0xC0 == 0x80 => {
                if self.is_key && self.key_bytes.len() < KEY_CHARS * 4 {
                    self.key_bytes.push(b);
                }
                Ok(())
            }
            _ => self.count(b),
        }
    }

    /// Counts one character of the current string.
    fn count(&mut self, b: u8) -> Result<(), LimitError> {
        self.chars += 1;
        if self.is_key && self.chars <= KEY_CHARS {
            self.key_bytes.push(b);
        }
        if self.chars > MAX_TEXT_CHARS {
            let mut path = self.path();
            if self.is_key {
                path.push_str(" (a field name)");
            }
            return Err(LimitError::TextTooLong {
                path,
                line: self.start.0,
                column: self.start.1,
            });
        }
        Ok(())
    }

    /// `sessions[3].answers[12].value`: where the scanner is, as the parser's messages say it.
    fn path(&self) -> String {
        let mut out = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Array { index } => out.push_str(&format!("[{index}]")),
                Frame::Object { key, wants_key } => {
                    if !*wants_key || !key.is_empty() {
                        if !out.is_empty() {
                            out.push('.');
                        }
                        let safe: String = key
                            .chars()
                            .filter(|c| !c.is_control())
                            .take(KEY_CHARS)
                            .collect();
                        out.push_str(&safe);
                    }
                }
            }
        }
        if out.is_empty() {
            "the file".to_string()
        } else {
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long(n: usize) -> String {
        "é".repeat(n)
    }

    #[test]
    fn ordinary_files_pass() {
        let json = r#"{"format":"pi-export","sessions":[{"answers":[{"value":{"text":"a \"quoted\" \u00e9 word"}}]}]}"#;
        assert_eq!(check(json.as_bytes()), Ok(()));
    }

    #[test]
    fn a_text_at_the_limit_passes_and_one_more_is_refused_with_its_place() {
        let ok = format!(r#"{{"entries":[{{"body":"{}"}}]}}"#, long(MAX_TEXT_CHARS));
        assert_eq!(check(ok.as_bytes()), Ok(()));
        let bad = format!(
            "{{\"entries\":[{{\"title\":\"x\"}},\n {{\"body\":\"{}\"}}]}}",
            long(MAX_TEXT_CHARS + 1)
        );
        let err = check(bad.as_bytes()).unwrap_err();
        assert_eq!(
            err,
            LimitError::TextTooLong {
                path: "entries[1].body".into(),
                line: 2,
                column: 10
            }
        );
        assert!(err.to_string().contains("more than 1,000,000 characters"));
    }

    #[test]
    fn escapes_count_as_one_character() {
        let ok = format!(r#"["{}"]"#, "\\u00e9".repeat(MAX_TEXT_CHARS));
        assert_eq!(check(ok.as_bytes()), Ok(()));
        let bad = format!(r#"["{}"]"#, "\\n".repeat(MAX_TEXT_CHARS + 1));
        assert!(matches!(
            check(bad.as_bytes()),
            Err(LimitError::TextTooLong { .. })
        ));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(matches!(
            check(deep.as_bytes()),
            Err(LimitError::TooDeep { .. })
        ));
        assert_eq!(check("[".repeat(MAX_DEPTH).as_bytes()), Ok(()));
    }

    #[test]
    fn a_huge_key_is_named_without_being_echoed() {
        let bad = format!(r#"{{"{}": 1}}"#, "k".repeat(MAX_TEXT_CHARS + 1));
        let message = check(bad.as_bytes()).unwrap_err().to_string();
        assert!(message.len() < 300, "{message}");
        assert!(message.contains("a field name"), "{message}");
    }
}
