//! Errors in pack files, each with the place it was found.

use std::fmt;

/// Where in which file a problem is: line and column are 1-based and present when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user would name it (a path, or `built-in:NAME`).
    pub file: String,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
}

impl Location {
    /// The location of a byte offset in `text`.
    pub fn at(file: &str, text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        Self {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
        }
    }

    /// A location that names only the file.
    pub fn file(file: &str) -> Self {
        Self {
            file: file.to_string(),
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// One problem in a pack file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct PackError {
    /// Where.
    pub location: Location,
    /// What, in one line.
    pub message: String,
}

/// Every problem found in one or more pack files, so authors can fix them all in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackErrors(pub Vec<PackError>);

impl fmt::Display for PackErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [] => f.write_str("invalid prompt pack"),
            [one] => write!(f, "invalid prompt pack: {one}"),
            [first, rest @ ..] => write!(
                f,
                "invalid prompt pack: {first} (and {} more; see `pi packs validate`)",
                rest.len()
            ),
        }
    }
}

impl std::error::Error for PackErrors {}

impl From<PackError> for PackErrors {
    fn from(e: PackError) -> Self {
        PackErrors(vec![e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        let loc = Location::at("p.toml", text, text.find('=').unwrap());
        assert_eq!(loc.to_string(), "p.toml:1:3");
        let loc = Location::at("p.toml", text, text.rfind('=').unwrap());
        assert_eq!(loc.to_string(), "p.toml:2:4");
    }
}
