//! Where things live and which language to speak: platform directories, environment, the
//! config file and flags, in that order of precedence (flags win).

use crate::domain::Language;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The user's settings file (`config.toml` in the config directory).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// `nl` or `en`: the language of packs and of pi's own words.
    pub language: Option<String>,
    /// The month (1 to 12) of the yearly appraisal: `pi status` reminds of `pi review` then.
    /// Read as any TOML value and checked in [`Config::resolve`], so that a wrong value gets
    /// an error that names the key.
    pub review_month: Option<toml::Value>,
    /// After how many weeks without a reflection `pi status` says one is due (default 8).
    pub remind_after_weeks: Option<toml::Value>,
    /// Whether `pi reflect` offers to encrypt a new journal (default true); pi writes
    /// `false` once it has asked, so it asks only once.
    pub offer_encryption: Option<bool>,
}

/// Weeks without a reflection before `pi status` suggests one, when the config file is silent.
pub const DEFAULT_REMIND_AFTER_WEEKS: u32 = 8;

/// Resolved locations and settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The journal file.
    pub journal: PathBuf,
    /// The directory of `config.toml` and `packs/`.
    pub config_dir: PathBuf,
    /// The language in force.
    pub language: Language,
    /// The month of the yearly review, if the user set one.
    pub review_month: Option<u32>,
    /// Weeks without a reflection before one is due.
    pub remind_after_weeks: u32,
    /// Whether `pi reflect` may still offer to encrypt a new journal.
    pub offer_encryption: bool,
}

impl Config {
    /// The directory user packs are read from.
    pub fn packs_dir(&self) -> PathBuf {
        self.config_dir.join("packs")
    }

    /// Resolves everything. `journal` and `lang` come from flags (or `PI_JOURNAL`).
    pub fn resolve(journal: Option<PathBuf>, lang: Option<Language>) -> Result<Self, String> {
        let dirs = directories::ProjectDirs::from("", "", "pi");
        let config_dir = match std::env::var_os("PI_CONFIG_DIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => dirs
                .as_ref()
                .map(|d| d.config_dir().to_path_buf())
                .ok_or("cannot find a home directory for pi's configuration; set PI_CONFIG_DIR")?,
        };
        let journal = match journal {
            Some(path) => path,
            None => dirs
                .as_ref()
                .map(|d| d.data_dir().join("journal.db"))
                .ok_or("cannot find a home directory for the journal; pass --journal or set PI_JOURNAL")?,
        };
        let file = read_config_file(&config_dir.join("config.toml"))?;
        let language = match lang {
            Some(l) => l,
            None => match file.language.as_deref() {
                Some(code) => code.parse().map_err(|e| {
                    format!(
                        "{}: language: {e}",
                        config_dir.join("config.toml").display()
                    )
                })?,
                None => language_from_locale(),
            },
        };
        let file_path = config_dir.join("config.toml");
        let review_month = file
            .review_month
            .as_ref()
            .map(|v| whole_number(v, 1..=12, &file_path, "review_month", "a month number"))
            .transpose()?;
        let remind_after_weeks = file
            .remind_after_weeks
            .as_ref()
            .map(|v| {
                whole_number(
                    v,
                    1..=520,
                    &file_path,
                    "remind_after_weeks",
                    "a number of weeks",
                )
            })
            .transpose()?
            .unwrap_or(DEFAULT_REMIND_AFTER_WEEKS);
        Ok(Self {
            journal,
            config_dir,
            language,
            review_month,
            remind_after_weeks,
            offer_encryption: file.offer_encryption.unwrap_or(true),
        })
    }

    /// Writes `offer_encryption = false` into config.toml (made if missing; any line that set
    /// it before is replaced, everything else kept), so the question is asked only once.
    /// Temp file, sync, rename: the config is never half-written.
    pub fn remember_encryption_offered(&self) -> Result<(), String> {
        let path = self.config_dir.join("config.toml");
        let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        let old = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(fail(e)),
        };
        let kept: String = old
            .lines()
            .filter(|l| !l.trim_start().starts_with("offer_encryption"))
            .map(|l| format!("{l}\n"))
            .collect();
        // At the top: a key below a [table] header would belong to that table.
        let text = format!(
            "# pi asked once whether to encrypt a new journal; `pi encrypt` does it any time.\n\
             offer_encryption = false\n{kept}"
        );
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&self.config_dir).map_err(fail)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".pi-write-")
            .tempfile_in(&self.config_dir)
            .map_err(fail)?;
        std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        tmp.persist(&path).map_err(|e| fail(e.error))?;
        Ok(())
    }
}

/// A config value that must be a whole number in `range`; the error names the file and key.
fn whole_number(
    value: &toml::Value,
    range: std::ops::RangeInclusive<u32>,
    path: &Path,
    key: &str,
    what: &str,
) -> Result<u32, String> {
    value
        .as_integer()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "{}: {key}: expected {what} from {} to {}, not {value}",
                path.display(),
                range.start(),
                range.end()
            )
        })
}

fn read_config_file(path: &Path) -> Result<ConfigFile, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|s| crate::packs::Location::at(&path.display().to_string(), &text, s.start));
            match at {
                Some(at) => format!("{at}: {}", e.message().trim()),
                None => format!("{}: {}", path.display(), e.message().trim()),
            }
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ConfigFile::default()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// The language of the environment's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), English otherwise.
fn language_from_locale() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Language::from_locale(&v))
        .unwrap_or(Language::En)
}
