//! Passphrase protection for files that leave `pi`: age with an scrypt recipient, written
//! ASCII-armored so an encrypted export survives being pasted into a mail or a chat.
//! `pi export --encrypt` seals with it and `pi import` opens with it; anyone else can open
//! the file with the `age` or `rage` command-line tools and the same passphrase.

use std::io::{Read, Write};

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use age::secrecy::SecretString;

/// The first line of an armored age file.
pub const ARMOR_HEADER: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
/// The first bytes of a binary age file (written by `age` without `--armor`).
const BINARY_HEADER: &[u8] = b"age-encryption.org/";

/// Why a file could not be sealed or opened.
#[derive(Debug, thiserror::Error)]
pub enum CryptError {
    /// The passphrase does not open the file (or the file was altered).
    #[error("wrong passphrase, or the encrypted file was altered")]
    WrongPassphrase,
    /// The file is age-encrypted, but to keys rather than to a passphrase.
    #[error("the file is encrypted to age keys, not with a passphrase")]
    NotPassphrase,
    /// The file names a scrypt work factor far beyond what this machine expects: refused
    /// rather than spending minutes and gigabytes on a file that may be hostile.
    #[error("the file asks for too much work to open (scrypt log N = {0})")]
    ExcessiveWork(u8),
    /// The bytes are not an age file, or it is truncated or damaged.
    #[error("not a readable age-encrypted file: {0}")]
    Damaged(String),
    /// The passphrase opened the file's header, but what follows is missing or altered:
    /// a file cut off in transit, not a wrong passphrase.
    #[error(
        "the encrypted file is cut off or damaged: the passphrase is right, but the file ends early or was altered"
    )]
    CutOff,
    /// A passphrase too short to protect anything shared.
    #[error(
        "the passphrase is too short ({0} character{s}); use at least {MIN_PASSPHRASE}, a few words are easiest to remember",
        s = if *.0 == 1 { "" } else { "s" }
    )]
    ShortPassphrase(usize),
    /// A passphrase of spaces alone.
    #[error("the passphrase is only spaces; use some words")]
    BlankPassphrase,
    /// An empty passphrase protects nothing.
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    /// Writing the sealed bytes failed.
    #[error("cannot write the encrypted output: {0}")]
    Io(#[from] std::io::Error),
}

/// The fewest characters a passphrase that seals a file may have.
pub const MIN_PASSPHRASE: usize = 8;

/// Checks a passphrase chosen to seal a file: at least [`MIN_PASSPHRASE`] characters, not
/// only spaces. (Opening takes any passphrase: the file may come from elsewhere.)
pub fn check_new_passphrase(passphrase: &str) -> Result<(), CryptError> {
    if passphrase.is_empty() {
        return Err(CryptError::EmptyPassphrase);
    }
    let chars = passphrase.chars().count();
    if chars < MIN_PASSPHRASE {
        return Err(CryptError::ShortPassphrase(chars));
    }
    if passphrase.trim().is_empty() {
        return Err(CryptError::BlankPassphrase);
    }
    Ok(())
}

/// Whether `bytes` look like an age file, armored or binary, so an importer can ask for a
/// passphrase instead of failing to parse JSON. Leading whitespace is allowed, as age's own
/// armor reader allows it.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let rest = &bytes[start..];
    rest.starts_with(ARMOR_HEADER.as_bytes()) || rest.starts_with(BINARY_HEADER)
}

/// Seals `plaintext` with `passphrase`, ASCII-armored. The scrypt work factor is chosen by
/// age to take about a second on this machine.
pub fn encrypt(plaintext: &[u8], passphrase: &str) -> Result<Vec<u8>, CryptError> {
    let mut out = Vec::with_capacity(plaintext.len() * 4 / 3 + 256);
    let mut sealer = Sealer::new(&mut out, passphrase)?;
    sealer.write_all(plaintext)?;
    sealer.finish()?;
    Ok(out)
}

/// Opens an age file (armored or binary) sealed with `passphrase`.
pub fn decrypt(ciphertext: &[u8], passphrase: &str) -> Result<Vec<u8>, CryptError> {
    let mut plaintext = Vec::new();
    decrypt_reader(ciphertext, passphrase)?
        .read_to_end(&mut plaintext)
        .map_err(read_error)?;
    Ok(plaintext)
}

/// Opens an age file as a stream: the plaintext is decrypted as it is read, so a large file
/// never has to sit in memory. A read error from the stream means damage or a wrong
/// passphrase; [`read_error`] says which.
pub fn decrypt_reader<'r, R: Read + 'r>(
    input: R,
    passphrase: &str,
) -> Result<Box<dyn Read + 'r>, CryptError> {
    let identity = age::scrypt::Identity::new(secret(passphrase)?);
    let decryptor =
        age::Decryptor::new_buffered(ArmoredReader::new(std::io::BufReader::new(input)))
            .map_err(map_decrypt)?;
    if !decryptor.is_scrypt() {
        return Err(CryptError::NotPassphrase);
    }
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(map_decrypt)?;
    Ok(Box::new(reader))
}

/// What a failed read of a decrypting stream means: the header opened with this passphrase,
/// so whatever goes wrong from here on is the file, not the passphrase (cut off, as a
/// truncated binary file is, or altered).
pub fn read_error(_: std::io::Error) -> CryptError {
    CryptError::CutOff
}

/// A writer that seals everything written to it, so a large export is encrypted as it is
/// streamed instead of being held in memory first. Call [`Sealer::finish`]: without it the
/// last chunk and the armor footer are missing and the file cannot be opened.
pub struct Sealer<W: Write> {
    inner: age::stream::StreamWriter<ArmoredWriter<W>>,
}

impl<W: Write> Sealer<W> {
    /// Starts a sealed, armored stream into `out`; refuses a passphrase too short to protect.
    pub fn new(out: W, passphrase: &str) -> Result<Self, CryptError> {
        check_new_passphrase(passphrase)?;
        Self::with_recipient(out, age::scrypt::Recipient::new(secret(passphrase)?))
    }

    fn with_recipient(out: W, recipient: age::scrypt::Recipient) -> Result<Self, CryptError> {
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| CryptError::Damaged(e.to_string()))?;
        let armored = ArmoredWriter::wrap_output(out, Format::AsciiArmor)?;
        Ok(Self {
            inner: encryptor.wrap_output(armored)?,
        })
    }

    /// Writes the last chunk and the armor footer, and hands back the inner writer.
    pub fn finish(self) -> Result<W, CryptError> {
        Ok(self.inner.finish()?.finish()?)
    }
}

impl<W: Write> Write for Sealer<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }

    /// Deliberately does nothing. age 0.12's armored writer counts the bytes it has
    /// buffered a second time when it is flushed (`LineEndingWriter::flush_buffered` adds
    /// them to `total_written`, which `write` already did), so a flush in the middle of the
    /// stream shifts every later line break: one armor line gets 65 characters and neither
    /// `pi` nor `age -d` can open the file. A flush cannot make a sealed stream more durable
    /// anyway: nothing written can be read before [`Sealer::finish`] writes the last chunk
    /// and the footer, and the caller flushes (and syncs) the writer `finish` hands back.
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn secret(passphrase: &str) -> Result<SecretString, CryptError> {
    if passphrase.is_empty() {
        return Err(CryptError::EmptyPassphrase);
    }
    Ok(SecretString::from(passphrase.to_owned()))
}

fn map_decrypt(e: age::DecryptError) -> CryptError {
    match e {
        age::DecryptError::DecryptionFailed
        | age::DecryptError::KeyDecryptionFailed
        | age::DecryptError::NoMatchingKeys
        | age::DecryptError::InvalidMac => CryptError::WrongPassphrase,
        age::DecryptError::ExcessiveWork { required, .. } => CryptError::ExcessiveWork(required),
        other => CryptError::Damaged(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seals with a tiny work factor so the tests take milliseconds, not seconds; the
    /// reader accepts any factor up to its own limit.
    fn quick_encrypt(plaintext: &[u8], passphrase: &str) -> Vec<u8> {
        let mut recipient = age::scrypt::Recipient::new(secret(passphrase).unwrap());
        recipient.set_work_factor(4);
        let mut out = Vec::new();
        let mut sealer = Sealer::with_recipient(&mut out, recipient).unwrap();
        sealer.write_all(plaintext).unwrap();
        sealer.finish().unwrap();
        out
    }

    #[test]
    fn round_trips_and_is_armored() {
        let json = br#"{"format":"pi-export","version":1}"#;
        let sealed = quick_encrypt(json, "correct horse");
        assert!(sealed.starts_with(ARMOR_HEADER.as_bytes()));
        assert!(is_encrypted(&sealed));
        assert!(!is_encrypted(json));
        assert_eq!(decrypt(&sealed, "correct horse").unwrap(), json);
    }

    #[test]
    fn the_public_encrypt_reads_back() {
        let sealed = encrypt(b"hello", "correct horse").unwrap();
        assert!(
            std::str::from_utf8(&sealed)
                .unwrap()
                .starts_with(ARMOR_HEADER)
        );
        assert_eq!(decrypt(&sealed, "correct horse").unwrap(), b"hello");
    }

    #[test]
    fn a_short_passphrase_does_not_seal() {
        for (short, chars) in [(" ", 1), ("abc", 3), ("1234567", 7), ("  six  ", 7)] {
            assert!(
                matches!(encrypt(b"x", short), Err(CryptError::ShortPassphrase(n)) if n == chars),
                "{short:?}"
            );
        }
        let message = CryptError::ShortPassphrase(1).to_string();
        assert!(message.starts_with("the passphrase is too short (1 character); use at least 8"));
        assert!(check_new_passphrase("eight ch").is_ok());
        assert!(matches!(
            check_new_passphrase("          "),
            Err(CryptError::BlankPassphrase)
        ));
        assert!(check_new_passphrase("é".repeat(8).as_str()).is_ok());
    }

    /// A binary (non-armored) file cut off after its header: the passphrase opened the
    /// header, so the file is reported as cut off, not the passphrase as wrong.
    #[test]
    fn a_cut_off_binary_file_is_not_a_wrong_passphrase() {
        let mut recipient = age::scrypt::Recipient::new(secret("correct horse").unwrap());
        recipient.set_work_factor(4);
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .unwrap();
        let mut binary = Vec::new();
        let mut writer = encryptor.wrap_output(&mut binary).unwrap();
        writer.write_all(&[b'x'; 200_000]).unwrap();
        writer.finish().unwrap();
        assert!(is_encrypted(&binary));
        for cut in [binary.len() - 1, binary.len() / 2, 64 * 1024 + 300] {
            assert!(
                matches!(
                    decrypt(&binary[..cut], "correct horse"),
                    Err(CryptError::CutOff)
                ),
                "cut at {cut}"
            );
        }
        assert!(matches!(
            decrypt(&binary[..binary.len() / 2], "wrong horse"),
            Err(CryptError::WrongPassphrase)
        ));
    }

    #[test]
    fn a_wrong_passphrase_fails_cleanly() {
        let sealed = quick_encrypt(b"secret", "right");
        assert!(matches!(
            decrypt(&sealed, "wrong"),
            Err(CryptError::WrongPassphrase)
        ));
    }

    #[test]
    fn damage_and_plain_text_are_reported() {
        let mut sealed = quick_encrypt(&[b'x'; 200_000], "pw");
        let n = sealed.len();
        sealed.truncate(n / 2);
        assert!(decrypt(&sealed, "pw").is_err());
        assert!(matches!(
            decrypt(b"{\"format\":1}", "pw"),
            Err(CryptError::Damaged(_))
        ));
    }

    #[test]
    fn an_empty_passphrase_is_refused() {
        assert!(matches!(
            encrypt(b"x", ""),
            Err(CryptError::EmptyPassphrase)
        ));
        assert!(matches!(
            decrypt(b"x", ""),
            Err(CryptError::EmptyPassphrase)
        ));
    }

    #[test]
    fn recognises_binary_and_indented_armor() {
        assert!(is_encrypted(b"age-encryption.org/v1\n-> scrypt"));
        assert!(is_encrypted(b"\n  -----BEGIN AGE ENCRYPTED FILE-----\n"));
        assert!(!is_encrypted(b""));
        assert!(!is_encrypted(b"-----BEGIN PGP MESSAGE-----"));
    }

    /// Every line of the armor between its header and footer, checked against the column
    /// limit of age's armor (64): a longer line makes the file unreadable for `age -d`.
    fn assert_armor_lines_fit(sealed: &[u8]) {
        let text = std::str::from_utf8(sealed).unwrap();
        for (n, line) in text.lines().enumerate() {
            assert!(
                line.len() <= 64,
                "armor line {} has {} characters",
                n + 1,
                line.len()
            );
        }
    }

    #[test]
    fn a_flush_in_the_middle_keeps_the_armor_lines_whole() {
        let mut recipient = age::scrypt::Recipient::new(secret("pw").unwrap());
        recipient.set_work_factor(4);
        let mut sealer = Sealer::with_recipient(Vec::new(), recipient).unwrap();
        let plain = vec![b'a'; 100_000];
        sealer.write_all(&plain[..70_000]).unwrap();
        sealer.flush().unwrap();
        sealer.write_all(&plain[70_000..]).unwrap();
        sealer.flush().unwrap();
        let sealed = sealer.finish().unwrap();
        assert_armor_lines_fit(&sealed);
        assert_eq!(decrypt(&sealed, "pw").unwrap(), plain);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Whatever the size, however the export is cut into writes, and wherever it is
        /// flushed, `pi` opens what it sealed and every armor line fits age's limit.
        #[test]
        fn sealed_exports_of_any_size_open_and_fit_the_armor(
            size in 0usize..=2 * 1024 * 1024,
            seed in proptest::prelude::any::<u64>(),
            cuts in proptest::collection::vec((1usize..200_000, proptest::prelude::any::<bool>()), 0..40),
        ) {
            let mut state = seed | 1;
            let plain: Vec<u8> = (0..size)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 24) as u8
                })
                .collect();
            let mut recipient = age::scrypt::Recipient::new(secret("pw").unwrap());
            recipient.set_work_factor(4);
            let mut sealer = Sealer::with_recipient(Vec::new(), recipient).unwrap();
            let mut at = 0;
            for (len, flush) in &cuts {
                let end = (at + len).min(plain.len());
                sealer.write_all(&plain[at..end]).unwrap();
                at = end;
                if *flush {
                    sealer.flush().unwrap();
                }
            }
            sealer.write_all(&plain[at..]).unwrap();
            sealer.flush().unwrap();
            let sealed = sealer.finish().unwrap();
            assert_armor_lines_fit(&sealed);
            proptest::prop_assert_eq!(decrypt(&sealed, "pw").unwrap(), plain);
        }
    }

    #[test]
    fn streams_in_pieces() {
        let mut recipient = age::scrypt::Recipient::new(secret("pw").unwrap());
        recipient.set_work_factor(4);
        let mut sealer = Sealer::with_recipient(Vec::new(), recipient).unwrap();
        for i in 0..1000 {
            writeln!(sealer, "line {i}").unwrap();
        }
        let sealed = sealer.finish().unwrap();
        let opened = String::from_utf8(decrypt(&sealed, "pw").unwrap()).unwrap();
        assert_eq!(opened.lines().count(), 1000);
    }
}
