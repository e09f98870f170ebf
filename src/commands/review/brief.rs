//! Writing the appraisal brief: what goes in (`--include`/`--exclude`, and in a terminal a
//! checklist grouped by kind), then Markdown or a printable page, written whole or not at all.

use super::super::list::mode_label;
use crate::app::App;
use crate::cli::BriefFormat;
use crate::clock::local_date;
use crate::error::{CliError, CliResult, EXIT_INTERRUPTED, EXIT_OK};
use crate::flows::brief_choice::{self, AnswerItem, Filter, Item, Kind};
use crate::flows::plan_steps;
use crate::flows::review::Overview;
use crate::interchange::brief::{BriefAnswer, Parts, build};
use crate::interchange::{atomic, brief_html, brief_md};
use crate::journal::{Journal, SessionRecord};
use crate::packs::PromptKind;
use crate::ui::UiError;
use crate::words::{Words, fill};
use std::path::Path;

/// `--include` and `--exclude`, read: kinds, and sessions of the period.
#[derive(Debug, Default)]
pub(super) struct Filters {
    include: Vec<Filter>,
    exclude: Vec<Filter>,
}

impl Filters {
    /// Reads the flags; a name that is neither a kind nor a session of the period (or the
    /// previous review) is an error, before any question is asked.
    pub(super) fn resolve(
        journal: &Journal,
        view: &Overview,
        include: &[String],
        exclude: &[String],
        words: &Words,
    ) -> CliResult<Self> {
        let read = |flag: &str, values: &[String]| -> CliResult<Vec<Filter>> {
            values
                .iter()
                .map(|v| {
                    if let Some(kind) = Kind::parse(v) {
                        return Ok(Filter::Kind(kind));
                    }
                    let hex = v.trim().replace('-', "");
                    if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                        return Err(CliError::usage(fill(words.review.err_filter, &[flag, v])));
                    }
                    let session = journal.find_session(v)?;
                    let known = view.sessions.iter().any(|s| s.id == session.id)
                        || view
                            .earlier
                            .as_ref()
                            .is_some_and(|e| e.session.id == session.id);
                    if !known {
                        return Err(CliError::new(fill(
                            words.review.err_not_in_period,
                            &[
                                flag,
                                &session.id.short(),
                                &view.period.start.format("%Y-%m-%d").to_string(),
                                &(view.period.end - chrono::Duration::milliseconds(1))
                                    .format("%Y-%m-%d")
                                    .to_string(),
                            ],
                        )));
                    }
                    Ok(Filter::Session(session.id))
                })
                .collect()
        };
        Ok(Self {
            include: read("--include", include)?,
            exclude: read("--exclude", exclude)?,
        })
    }
}

/// Every item the overview holds, all of them on: the person's own view before the questions.
pub(super) fn all_items(view: &Overview) -> Vec<Item> {
    brief_choice::items(view, &[], &[], &[])
        .into_iter()
        .map(|i| Item { on: true, ..i })
        .collect()
}

/// One brief to write.
pub(super) struct Job<'a> {
    pub(super) output: &'a Path,
    pub(super) force: bool,
    pub(super) format: BriefFormat,
    pub(super) filters: &'a Filters,
    /// Whether to let the person tick what goes in.
    pub(super) checklist: bool,
}

impl Job<'_> {
    /// Writes the brief of the finished review `session`; the exit code is 130 when the
    /// person pressed Ctrl-C at the checklist (the review itself is kept).
    pub(super) fn write(
        &self,
        app: &App,
        journal: &Journal,
        session: &SessionRecord,
        view: &Overview,
    ) -> CliResult<u8> {
        let words = Words::of(session.language);
        let answers = answers(journal, session)?;
        let answer_items: Vec<AnswerItem> = answers
            .iter()
            .filter(|a| a.value.is_some())
            .map(|a| AnswerItem {
                key: a.key.clone(),
                heading: a.heading(words),
                scale: a.scale_max.is_some(),
            })
            .collect();
        let mut items = brief_choice::items(
            view,
            &answer_items,
            &self.filters.include,
            &self.filters.exclude,
        );
        if self.checklist {
            match choose(&mut items, words) {
                Ok(()) => {}
                Err(UiError::Interrupted) => {
                    app.out
                        .status(&fill(words.review_brief_later, &[&session.id.short()]));
                    return Ok(EXIT_INTERRUPTED);
                }
                Err(e) => return Err(CliError::from(e)),
            }
        }
        let selection =
            brief_choice::selection(&items, &self.filters.include, &self.filters.exclude);
        let today = local_date(&app.clock.stamp());
        let doc = build(
            view,
            &Parts {
                answers: &answers,
                selection: &selection,
                today: &today,
                mode_name: &|s| mode_label(s, words),
            },
            session.language,
        );
        let text = match self.format {
            BriefFormat::Md => brief_md::render(&doc),
            BriefFormat::Html => brief_html::render(&doc),
        };
        if self.output.as_os_str() == "-" {
            app.out.data(&text).map_err(CliError::from)?;
            return Ok(EXIT_OK);
        }
        atomic::write(self.output, text.as_bytes(), self.force, &app.protected())?;
        app.out.status(&fill(
            words.review_written,
            &[&self.output.display().to_string()],
        ));
        Ok(EXIT_OK)
    }
}

/// The review's questions in the order asked, with what was answered.
fn answers(journal: &Journal, session: &SessionRecord) -> CliResult<Vec<BriefAnswer>> {
    let packs = journal.session_packs(session.id)?;
    let given = journal.session_answers(session.id)?;
    Ok(plan_steps(&packs, session.depth)
        .into_iter()
        .map(|(pack, prompt)| {
            let answer = given
                .iter()
                .find(|a| a.pack_id == pack.id && a.prompt_id == prompt.id);
            BriefAnswer {
                key: format!("{}/{}", pack.id, prompt.id),
                prompt_id: prompt.id.clone(),
                question: answer.map_or_else(|| prompt.text.clone(), |a| a.prompt_text.clone()),
                value: answer.and_then(|a| a.value.clone()),
                scale_max: match prompt.kind {
                    PromptKind::Scale { max, .. } => Some(max),
                    _ => None,
                },
            }
        })
        .collect())
}

/// The checklist, grouped by kind, as the items are ordered.
fn choose(items: &mut [Item], words: &Words) -> Result<(), UiError> {
    if items.is_empty() {
        return Ok(());
    }
    items.sort_by_key(|i| Kind::ALL.iter().position(|k| *k == i.kind));
    let labels: Vec<String> = items
        .iter()
        .map(|i| {
            let kind = words.review.kinds[Kind::ALL.iter().position(|k| *k == i.kind).unwrap_or(0)];
            let detail: String = i.detail.split_whitespace().collect::<Vec<_>>().join(" ");
            let short: String = detail.chars().take(70).collect();
            let more = if short.len() < detail.len() {
                "…"
            } else {
                ""
            };
            format!("[{kind}] {short}{more}")
        })
        .collect();
    let on: Vec<bool> = items.iter().map(|i| i.on).collect();
    let chosen = crate::ui::pick::checklist(words.review.checklist, &labels, &on)?;
    for (item, on) in items.iter_mut().zip(chosen) {
        item.on = on;
    }
    Ok(())
}
