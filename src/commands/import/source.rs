//! The file `pi import` and `pi friend open` read: plain or passphrase-protected, checked
//! against the limits on texts from outside before anything parses it, and readable from
//! the start as often as a reader needs (once to check, once to merge).

use crate::error::{CliError, CliResult};
use crate::interchange::encrypt;
use crate::interchange::import_json::ReadError;
use crate::interchange::limits;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// The last line of an armored age file.
const ARMOR_FOOTER: &str = "-----END AGE ENCRYPTED FILE-----";
/// Encrypted files up to this size are decrypted once into memory; larger ones are
/// decrypted again for each pass, so memory stays flat whatever the file's size.
const DECRYPT_IN_MEMORY: u64 = 48 * 1024 * 1024;

/// A file to read.
pub(in crate::commands) enum Source<'p> {
    /// Plain: streamed from disk each time it is read.
    File(&'p Path),
    /// Encrypted and small: decrypted once (the passphrase is kept for a reply to it).
    Bytes { bytes: Vec<u8>, passphrase: String },
    /// Encrypted and large: decrypted as it is streamed, each time.
    Sealed { path: &'p Path, passphrase: String },
}

fn cannot_read(label: &str, e: &std::io::Error) -> CliError {
    CliError::new(format!("cannot read {label}: {}", io_reason(e)))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => e.to_string(),
    }
}

impl<'p> Source<'p> {
    /// Opens `path`, asking for (or taking from `PI_PASSPHRASE`) the passphrase of an
    /// encrypted file, and checks the limits on its texts.
    pub(in crate::commands) fn open(path: &'p Path, label: &str) -> CliResult<Self> {
        let mut file = std::fs::File::open(path).map_err(|e| cannot_read(label, &e))?;
        let meta = file.metadata().map_err(|e| cannot_read(label, &e))?;
        if meta.is_dir() {
            return Err(CliError::new(format!(
                "cannot read {label}: it is a directory"
            )));
        }
        let mut head = Vec::with_capacity(256);
        (&mut file)
            .take(256)
            .read_to_end(&mut head)
            .map_err(|e| cannot_read(label, &e))?;
        if !encrypt::is_encrypted(&head) {
            let source = Source::File(path);
            source.check_limits(label)?;
            return Ok(source);
        }
        // A cut-off armored file would otherwise read as a wrong passphrase: say what it is.
        let armored = String::from_utf8_lossy(&head)
            .trim_start()
            .starts_with(encrypt::ARMOR_HEADER);
        if armored && !ends_with_footer(&mut file, meta.len()) {
            return Err(CliError::new(format!(
                "{label}: the encrypted file is cut off (its last line, {ARMOR_FOOTER}, is missing)"
            ))
            .hint("ask for the whole file again"));
        }
        let passphrase = match std::env::var("PI_PASSPHRASE") {
            Ok(p) if !p.is_empty() => p,
            _ => crate::ui::passphrase::ask(label)?,
        };
        let crypt = |e: encrypt::CryptError| CliError::new(format!("{label}: {e}"));
        let source = if meta.len() <= DECRYPT_IN_MEMORY {
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            file.seek(SeekFrom::Start(0))
                .and_then(|_| file.read_to_end(&mut bytes))
                .map_err(|e| cannot_read(label, &e))?;
            Source::Bytes {
                bytes: encrypt::decrypt(&bytes, &passphrase).map_err(crypt)?,
                passphrase,
            }
        } else {
            // The wrong passphrase shows at the header, before anything is streamed.
            encrypt::decrypt_reader(
                std::fs::File::open(path).map_err(|e| cannot_read(label, &e))?,
                &passphrase,
            )
            .map_err(crypt)?;
            Source::Sealed { path, passphrase }
        };
        source.check_limits(label)?;
        Ok(source)
    }

    /// Refuses a file with a text too long or nesting too deep, naming the place.
    fn check_limits(&self, label: &str) -> CliResult {
        limits::check(self.reader(label)?).map_err(|e| match e {
            limits::LimitError::Io(m) => CliError::new(format!("cannot read {label}: {m}")),
            e => CliError::new(format!("{label}:{e}")),
        })
    }

    /// A fresh reader from the start.
    pub(in crate::commands) fn reader(&self, label: &str) -> CliResult<Box<dyn Read + '_>> {
        match self {
            Source::File(path) => std::fs::File::open(path)
                .map(|f| Box::new(f) as Box<dyn Read>)
                .map_err(|e| cannot_read(label, &e)),
            Source::Bytes { bytes, .. } => Ok(Box::new(bytes.as_slice())),
            Source::Sealed { path, passphrase } => {
                let file = std::fs::File::open(path).map_err(|e| cannot_read(label, &e))?;
                let reader = encrypt::decrypt_reader(file, passphrase)
                    .map_err(|e| CliError::new(format!("{label}: {e}")))?;
                Ok(Box::new(DecryptErrors(reader)))
            }
        }
    }

    /// The passphrase that opened an encrypted file; `None` for a plain one.
    pub(in crate::commands) fn passphrase(&self) -> Option<&str> {
        match self {
            Source::File(_) => None,
            Source::Bytes { passphrase, .. } | Source::Sealed { passphrase, .. } => {
                Some(passphrase)
            }
        }
    }

    /// The first bytes of the (decrypted) file, to tell what it is.
    pub(in crate::commands) fn head(&self, label: &str) -> CliResult<Vec<u8>> {
        let mut head = Vec::with_capacity(256);
        self.reader(label)?
            .take(256)
            .read_to_end(&mut head)
            .map_err(|e| cannot_read(label, &e))?;
        Ok(head)
    }
}

/// Turns a decrypting stream's read errors into what they mean (damage, not "invalid data").
struct DecryptErrors<R>(R);

impl<R: Read> Read for DecryptErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0
            .read(buf)
            .map_err(|e| std::io::Error::other(encrypt::read_error(e).to_string()))
    }
}

/// Whether an armored file still has its last line (read from its end only).
fn ends_with_footer(file: &mut std::fs::File, len: u64) -> bool {
    let tail_len = len.min(256);
    let mut tail = Vec::with_capacity(tail_len as usize);
    file.seek(SeekFrom::Start(len - tail_len))
        .and_then(|_| file.take(tail_len).read_to_end(&mut tail))
        .is_ok()
        && String::from_utf8_lossy(&tail)
            .trim_end()
            .ends_with(ARMOR_FOOTER)
}

/// A reading error as the user sees it, naming the file.
pub(in crate::commands) fn read_error(label: &str, e: ReadError) -> CliError {
    match e {
        ReadError::Syntax { .. } => CliError::new(format!("{label}:{e}")),
        ReadError::Foreign(ref key) if ["tags", "entries", "metadata"].contains(&key.as_str()) => {
            CliError::new(format!("{label}: {e}"))
                .hint("a jrnl or Day One export? pass --from jrnl or --from dayone")
        }
        ReadError::Newer { .. } => {
            CliError::new(format!("{label}: {e}")).hint("upgrade pi to read it")
        }
        ReadError::Io(m) => CliError::new(format!("cannot read {label}: {m}")),
        ReadError::Foreign(_) | ReadError::Shape(_) | ReadError::Record(_) => {
            CliError::new(format!("{label}: {e}"))
        }
    }
}
