//! pi's own words in Dutch and English: menus, mode names, summaries and messages for the user.
//!
//! A struct of fields rather than string keys, so a missing translation is a compile error.

use crate::domain::{Language, Mode};

pub mod friend;
pub mod review;

/// Every sentence pi says in a flow, in one language.
#[derive(Debug)]
pub struct Words {
    pub context_question: &'static str,
    pub context_help: &'static str,
    pub mode_question: &'static str,
    pub mode_names: [&'static str; 3],
    pub mode_lines: [&'static str; 3],
    pub suggest_option: &'static str,
    pub suggest_explicit: &'static str,
    pub suggest_explicit_options: [&'static str; 3],
    pub suggest_change: &'static str,
    pub suggest_result: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub depth_question: &'static str,
    pub depth_quick: &'static str,
    pub depth_deep: &'static str,
    pub menu_answer: &'static str,
    pub menu_help: &'static str,
    pub menu_skip: &'static str,
    pub menu_pause: &'static str,
    pub menu_title: &'static str,
    pub no_help: &'static str,
    pub empty_hint: &'static str,
    pub list_hint: &'static str,
    pub long_hint: &'static str,
    pub editor_hint: &'static str,
    pub editor_unsaved: &'static str,
    /// The line that opens pi's note in the editor file (never part of an answer).
    pub editor_note_open: &'static str,
    /// The line that closes it.
    pub editor_note_close: &'static str,
    /// Shown above a prompt `pi edit` asks again.
    pub edit_hint: &'static str,
    /// How the lines of an answer come back to be changed one by one.
    pub edit_lines_hint: &'static str,
    /// The menu item that leaves a choice as it was.
    pub edit_keep: &'static str,
    /// The question of `pi edit --statement`.
    pub edit_wording: &'static str,
    /// Which of a session's answers to revise.
    pub edit_which: &'static str,
    /// After `pi edit`: "Saved a new version of … ."
    pub edit_saved: &'static str,
    /// After `pi edit`: nothing changed.
    pub edit_unchanged: &'static str,
    /// After `pi edit --statement`.
    pub edit_reworded: &'static str,
    pub scale_hint: &'static str,
    pub scale_invalid: &'static str,
    pub statements_hint: &'static str,
    pub commitment_date: &'static str,
    pub commitment_date_invalid: &'static str,
    pub tidy_none: &'static str,
    pub tidy_intro: &'static str,
    pub tidy_keep: &'static str,
    pub tidy_let_go: &'static str,
    pub tidy_restore: &'static str,
    pub tidy_revise: &'static str,
    pub tidy_new_wording: &'static str,
    pub tidy_let_go_label: &'static str,
    pub follow_up_intro: &'static str,
    pub follow_up_question: &'static str,
    pub follow_up_done: &'static str,
    pub follow_up_dropped: &'static str,
    pub follow_up_open: &'static str,
    pub follow_up_note: &'static str,
    pub timeline_title: &'static str,
    pub timeline_empty: &'static str,
    pub paused: &'static str,
    pub resume_hint: &'static str,
    pub finished: &'static str,
    pub summary_answered: &'static str,
    pub summary_skipped: &'static str,
    pub summary_statements: &'static str,
    pub summary_commitment: &'static str,
    pub summary_kept: &'static str,
    pub resuming: &'static str,
    pub brief_title: &'static str,
    pub brief_prepared: &'static str,
    pub brief_glance: &'static str,
    pub brief_sessions: &'static str,
    pub brief_no_sessions: &'static str,
    pub brief_contexts: &'static str,
    pub brief_statements: &'static str,
    pub brief_new: &'static str,
    pub brief_changes: &'static str,
    pub brief_written: &'static str,
    pub brief_let_go: &'static str,
    pub brief_restored: &'static str,
    pub brief_revised: &'static str,
    pub brief_no_changes: &'static str,
    pub brief_commitments: &'static str,
    pub brief_done: &'static str,
    pub brief_dropped: &'static str,
    pub brief_open: &'static str,
    pub brief_trends: &'static str,
    pub brief_answers: &'static str,
    pub brief_skipped: &'static str,
    pub review_period: &'static str,
    pub review_written: &'static str,
    pub review_brief_later: &'static str,
    pub err_no_terminal: &'static str,
    pub hint_answers_file: &'static str,
    pub err_nothing_yet: &'static str,
    pub hint_start: &'static str,
    pub err_none_in_progress: &'static str,
    pub hint_list: &'static str,
    pub err_finished: &'static str,
    pub err_no_mode_pack: &'static str,
    pub no_sessions: &'static str,
    /// The yearly review's overview, checklist and brief.
    pub review: &'static review::ReviewWords,
    /// The friend's side of sharing.
    pub friend: &'static friend::FriendWords,
}

impl Words {
    /// The words of a language.
    pub fn of(language: Language) -> &'static Words {
        match language {
            Language::Nl => &NL,
            Language::En => &EN,
        }
    }

    /// A mode's name in this language.
    pub fn mode_name(&self, mode: Mode) -> &'static str {
        self.mode_names[mode as usize]
    }

    /// A mode's one line on when it fits.
    pub fn mode_line(&self, mode: Mode) -> &'static str {
        self.mode_lines[mode as usize]
    }
}

/// Fills `{}` placeholders in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push_str(args.get(i).copied().unwrap_or(""));
        out.push_str(part);
    }
    out
}

static EN: Words = Words {
    context_question: "What is this session about? (a project that ended, a new role; Enter to leave it open)",
    context_help: "The context helps you find this session again years from now.",
    mode_question: "How do you want to work today?",
    mode_names: [
        "explore and acknowledge",
        "maintain and tidy up",
        "choose and turn",
    ],
    mode_lines: [
        "make explicit, perhaps for the first time, who you are in your work and what gives you your colour",
        "look again at the picture you made earlier: what stays, what goes, what is new",
        "something no longer fits or change is forced on you: look at your patterns and choose",
    ],
    suggest_option: "help me choose (two short questions)",
    suggest_explicit: "Have you ever put into words how you relate to your profession?",
    suggest_explicit_options: ["yes, recently", "yes, but long ago", "no, never"],
    suggest_change: "Is something pushing for a change right now, such as a new job, a reorganisation, or work that no longer fits?",
    suggest_result: "Suggestion: {}. The choice is yours.",
    yes: "yes",
    no: "no",
    depth_question: "How much time do you want to take?",
    depth_quick: "quick: about ten minutes",
    depth_deep: "deep: up to an hour, every question",
    menu_answer: "answer after all",
    menu_help: "why this question?",
    menu_skip: "skip this question",
    menu_pause: "pause, and continue later with `pi resume`",
    menu_title: "No answer given. What would you like to do?",
    no_help: "This question has no explanation.",
    empty_hint: "(Enter on an empty line for options: skip, why, pause)",
    list_hint: "One item per line; an empty line ends the list.",
    long_hint: "Write as much as you like; an empty line ends the answer.",
    editor_hint: "Opening your editor; save and close it when you are done.",
    editor_unsaved: "The editor closed without saving; nothing was kept.",
    editor_note_open: "~~~ pi: from this line to the closing ~~~ line is a note, not part of your answer ~~~",
    editor_note_close: "~~~ pi: end of the note; what you write above or below it is your answer, exactly ~~~",
    edit_hint: "Your answer as it stands; change it and press Enter. Empty leaves it as it was.",
    edit_lines_hint: "Each line comes back to change: Enter keeps it, an emptied line is left out. Then add lines; an empty line ends.",
    edit_keep: "(leave it as it is)",
    edit_wording: "The new wording (empty leaves it as it is)",
    edit_which: "Which answer do you want to revise?",
    edit_saved: "Saved a new version of your answer to \"{}\"; the earlier one is kept (`pi show {} --history`).",
    edit_unchanged: "Nothing changed; no new version was saved.",
    edit_reworded: "Re-worded statement {} as {}; the earlier wording is kept (`pi statements --all`).",
    scale_hint: "A whole number from {} ({}) to {} ({})",
    scale_invalid: "Please type a whole number from {} to {}.",
    statements_hint: "One statement per line, such as \"I stand for ...\" or \"What is not mine: ...\"; an empty line ends.",
    commitment_date: "When do you want to look back on it? (YYYY-MM-DD, Enter for no date)",
    commitment_date_invalid: "Please give a date as YYYY-MM-DD, or press Enter.",
    tidy_none: "You have no statements yet; the walk is empty this time.",
    tidy_intro: "Statement {} of {}:",
    tidy_keep: "keep it",
    tidy_let_go: "let it go",
    tidy_restore: "restore it to honour",
    tidy_revise: "revise its wording",
    tidy_new_wording: "The new wording",
    tidy_let_go_label: "(let go earlier)",
    follow_up_intro: "Last time you set these commitments. How did they go?",
    follow_up_question: "What became of it?",
    follow_up_done: "done",
    follow_up_dropped: "dropped",
    follow_up_open: "still open",
    follow_up_note: "A line on what happened (Enter to leave it)",
    timeline_title: "Your earlier sessions:",
    timeline_empty: "This is your first session; there is no history to show yet.",
    paused: "Paused. Everything you answered is saved.",
    resume_hint: "Continue with `pi resume` whenever you like.",
    finished: "Session finished.",
    summary_answered: "{} of {} questions answered",
    summary_skipped: "{} skipped",
    summary_statements: "{} statements written",
    summary_commitment: "Commitment: {}",
    summary_kept: "Kept in {} (session {}).",
    resuming: "Resuming the session of {} ({}), at question {} of {}.",
    brief_title: "Appraisal brief",
    brief_prepared: "Prepared with pi on {} from my own journal, covering {} to {}.",
    brief_glance: "The period at a glance",
    brief_sessions: "{} reflection sessions",
    brief_no_sessions: "No reflection sessions in this period.",
    brief_contexts: "About",
    brief_statements: "What I stand for now",
    brief_new: "new",
    brief_changes: "How my statements changed",
    brief_written: "written",
    brief_let_go: "let go",
    brief_restored: "restored",
    brief_revised: "revised",
    brief_no_changes: "No statements changed in this period.",
    brief_commitments: "Commitments",
    brief_done: "done",
    brief_dropped: "dropped",
    brief_open: "still open",
    brief_trends: "Trends in my self-assessments",
    brief_answers: "My reflection on this period",
    brief_skipped: "(not answered)",
    review_period: "Looking back from {} to {}.",
    review_written: "Brief written to {}.",
    review_brief_later: "The brief is written when the review is finished: `pi review --session {}`.",
    err_no_terminal: "{} asks its questions in a terminal, and there is none here",
    hint_answers_file: "answer from a file instead: {} --answers FILE (see `{} --help`)",
    err_nothing_yet: "there is nothing to resume: the journal has no sessions yet",
    hint_start: "start one with `pi reflect`",
    err_none_in_progress: "there is nothing to resume: no session is in progress",
    hint_list: "`pi list` shows your sessions; `pi reflect` starts a new one",
    err_finished: "session {} is finished; there is nothing left to resume",
    err_no_mode_pack: "there is no pack for mode {} in language {}",
    no_sessions: "No sessions yet. Start one with `pi reflect`.",
    review: &review::EN,
    friend: &friend::EN,
};

static NL: Words = Words {
    context_question: "Waar gaat deze sessie over? (een afgerond project, een nieuwe rol; Enter om open te laten)",
    context_help: "Met de context vind je deze sessie over jaren terug.",
    mode_question: "Hoe wil je vandaag werken?",
    mode_names: [
        "verkennen en erkennen",
        "onderhouden en opruimen",
        "kiezen en keren",
    ],
    mode_lines: [
        "maak, misschien voor het eerst, expliciet wie je bent in je werk en wat jou je kleur geeft",
        "kijk opnieuw naar het beeld dat je eerder maakte: wat blijft, wat gaat, wat is nieuw",
        "iets past niet meer of verandering dient zich aan: bekijk je patronen en kies",
    ],
    suggest_option: "help me kiezen (twee korte vragen)",
    suggest_explicit: "Heb je ooit onder woorden gebracht hoe jij je tot je vak verhoudt?",
    suggest_explicit_options: [
        "ja, kort geleden",
        "ja, maar lang geleden",
        "nee, nog nooit",
    ],
    suggest_change: "Dringt zich nu een verandering op, zoals een nieuwe baan, een reorganisatie of werk dat niet meer past?",
    suggest_result: "Suggestie: {}. De keuze is aan jou.",
    yes: "ja",
    no: "nee",
    depth_question: "Hoeveel tijd wil je nemen?",
    depth_quick: "kort: ongeveer tien minuten",
    depth_deep: "diep: tot een uur, alle vragen",
    menu_answer: "toch antwoorden",
    menu_help: "waarom deze vraag?",
    menu_skip: "deze vraag overslaan",
    menu_pause: "pauzeren, en later verder met `pi resume`",
    menu_title: "Geen antwoord gegeven. Wat wil je doen?",
    no_help: "Bij deze vraag staat geen toelichting.",
    empty_hint: "(Enter op een lege regel voor opties: overslaan, waarom, pauzeren)",
    list_hint: "Eén punt per regel; een lege regel sluit de lijst af.",
    long_hint: "Schrijf zoveel je wilt; een lege regel sluit het antwoord af.",
    editor_hint: "Je editor gaat open; sla op en sluit hem als je klaar bent.",
    editor_unsaved: "De editor sloot zonder op te slaan; er is niets bewaard.",
    editor_note_open: "~~~ pi: vanaf deze regel tot de afsluitende ~~~-regel staat een toelichting, geen deel van je antwoord ~~~",
    editor_note_close: "~~~ pi: einde van de toelichting; wat je erboven of eronder schrijft is je antwoord, precies zo ~~~",
    edit_hint: "Je antwoord zoals het nu is; pas het aan en druk op Enter. Leeg laat het zoals het was.",
    edit_lines_hint: "Elke regel komt terug om aan te passen: Enter houdt hem, een leeggemaakte regel valt weg. Voeg daarna regels toe; een lege regel sluit af.",
    edit_keep: "(laat het zoals het is)",
    edit_wording: "De nieuwe verwoording (leeg laat hem zoals hij is)",
    edit_which: "Welk antwoord wil je herzien?",
    edit_saved: "Nieuwe versie van je antwoord op \"{}\" bewaard; de vorige blijft bewaard (`pi show {} --history`).",
    edit_unchanged: "Er is niets veranderd; er is geen nieuwe versie bewaard.",
    edit_reworded: "Uitspraak {} anders verwoord als {}; de vorige verwoording blijft bewaard (`pi statements --all`).",
    scale_hint: "Een heel getal van {} ({}) tot {} ({})",
    scale_invalid: "Typ een heel getal van {} tot {}.",
    statements_hint: "Eén uitspraak per regel, zoals \"Ik sta voor ...\" of \"Wat niet van mij is: ...\"; een lege regel sluit af.",
    commitment_date: "Wanneer wil je erop terugkijken? (JJJJ-MM-DD, Enter voor geen datum)",
    commitment_date_invalid: "Geef een datum als JJJJ-MM-DD, of druk op Enter.",
    tidy_none: "Je hebt nog geen uitspraken; de ronde is deze keer leeg.",
    tidy_intro: "Uitspraak {} van {}:",
    tidy_keep: "houden",
    tidy_let_go: "loslaten",
    tidy_restore: "in ere herstellen",
    tidy_revise: "anders verwoorden",
    tidy_new_wording: "De nieuwe verwoording",
    tidy_let_go_label: "(eerder losgelaten)",
    follow_up_intro: "Vorige keer nam je je dit voor. Hoe is het gegaan?",
    follow_up_question: "Wat is ervan geworden?",
    follow_up_done: "gedaan",
    follow_up_dropped: "losgelaten",
    follow_up_open: "staat nog open",
    follow_up_note: "Een regel over wat er gebeurde (Enter om over te slaan)",
    timeline_title: "Je eerdere sessies:",
    timeline_empty: "Dit is je eerste sessie; er is nog geen geschiedenis om te tonen.",
    paused: "Gepauzeerd. Alles wat je hebt beantwoord, is bewaard.",
    resume_hint: "Ga verder met `pi resume` wanneer je wilt.",
    finished: "Sessie afgerond.",
    summary_answered: "{} van {} vragen beantwoord",
    summary_skipped: "{} overgeslagen",
    summary_statements: "{} uitspraken geschreven",
    summary_commitment: "Voornemen: {}",
    summary_kept: "Bewaard in {} (sessie {}).",
    resuming: "Verder met de sessie van {} ({}), bij vraag {} van {}.",
    brief_title: "Voorbereiding jaargesprek",
    brief_prepared: "Voorbereid met pi op {} uit mijn eigen dagboek, over {} tot {}.",
    brief_glance: "De periode in vogelvlucht",
    brief_sessions: "{} reflectiesessies",
    brief_no_sessions: "Geen reflectiesessies in deze periode.",
    brief_contexts: "Over",
    brief_statements: "Waar ik nu voor sta",
    brief_new: "nieuw",
    brief_changes: "Hoe mijn uitspraken veranderden",
    brief_written: "geschreven",
    brief_let_go: "losgelaten",
    brief_restored: "hersteld",
    brief_revised: "herschreven",
    brief_no_changes: "In deze periode veranderden er geen uitspraken.",
    brief_commitments: "Voornemens",
    brief_done: "gedaan",
    brief_dropped: "losgelaten",
    brief_open: "staat nog open",
    brief_trends: "Trends in mijn zelfbeoordelingen",
    brief_answers: "Mijn terugblik op deze periode",
    brief_skipped: "(niet beantwoord)",
    review_period: "Terugblik van {} tot {}.",
    review_written: "Voorbereiding geschreven naar {}.",
    review_brief_later: "De voorbereiding wordt geschreven als de terugblik af is: `pi review --session {}`.",
    err_no_terminal: "{} stelt zijn vragen in een terminal, en die is hier niet",
    hint_answers_file: "antwoord dan vanuit een bestand: {} --answers BESTAND (zie `{} --help`)",
    err_nothing_yet: "er is niets om verder te gaan: het dagboek heeft nog geen sessies",
    hint_start: "begin er een met `pi reflect`",
    err_none_in_progress: "er is niets om verder te gaan: er loopt geen sessie",
    hint_list: "`pi list` toont je sessies; `pi reflect` begint een nieuwe",
    err_finished: "sessie {} is afgerond; er valt niets meer te hervatten",
    err_no_mode_pack: "er is geen pakket voor modus {} in taal {}",
    no_sessions: "Nog geen sessies. Begin er een met `pi reflect`.",
    review: &review::NL,
    friend: &friend::NL,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_placeholders_in_order() {
        assert_eq!(fill("{} of {}", &["3", "7"]), "3 of 7");
        assert_eq!(fill("none", &["x"]), "none");
    }

    #[test]
    fn templates_have_the_same_placeholders_in_both_languages() {
        let pairs = [
            (EN.scale_hint, NL.scale_hint),
            (EN.summary_answered, NL.summary_answered),
            (EN.resuming, NL.resuming),
            (EN.summary_kept, NL.summary_kept),
            (EN.tidy_intro, NL.tidy_intro),
            (EN.edit_saved, NL.edit_saved),
            (EN.edit_reworded, NL.edit_reworded),
        ];
        for (en, nl) in pairs {
            assert_eq!(
                en.matches("{}").count(),
                nl.matches("{}").count(),
                "{en} / {nl}"
            );
        }
    }
}
