//! The words of the yearly review's overview, its checklist and its brief, in Dutch and
//! English: short headings of the brief's own instead of the questions it draws on.

/// What the review and its brief say, in one language.
#[derive(Debug)]
pub struct ReviewWords {
    /// The file name's stem of a brief: `jaargesprek`, `appraisal-brief`.
    pub file_stem: &'static str,
    pub projects: &'static str,
    pub reflection: &'static str,
    pub stand_for: &'static str,
    pub commitments: &'static str,
    pub scales: &'static str,
    pub earlier_title: &'static str,
    pub earlier_label: &'static str,
    pub new: &'static str,
    pub kept: &'static str,
    pub restored: &'static str,
    pub let_go: &'static str,
    pub revised_from: &'static str,
    pub set_on: &'static str,
    pub done: &'static str,
    pub dropped: &'static str,
    pub open: &'static str,
    pub open_since: &'static str,
    pub look_back: &'static str,
    pub of: &'static str,
    pub since_review: &'static str,
    pub over_period: &'static str,
    pub unchanged: &'static str,
    pub checklist: &'static str,
    pub checklist_none: &'static str,
    /// The checklist's group names, in the order of `brief_choice::Kind::ALL`.
    pub kinds: [&'static str; 7],
    /// Short headings for the built-in project questions: (prompt id, heading).
    pub project_headings: [(&'static str, &'static str); 10],
    /// Short headings for the built-in review questions: (prompt id, heading).
    pub answer_headings: [(&'static str, &'static str); 16],
    /// Short names for the built-in scale questions: (prompt id, name).
    pub scale_names: [(&'static str, &'static str); 2],
    pub err_filter: &'static str,
    pub err_not_in_period: &'static str,
}

/// English.
pub static EN: ReviewWords = ReviewWords {
    file_stem: "appraisal-brief",
    projects: "Projects and assignments",
    reflection: "Looking back on the period",
    stand_for: "What I stand for",
    commitments: "Intentions and what became of them",
    scales: "Self-assessments",
    earlier_title: "At my previous review ({})",
    earlier_label: "Previous review ({})",
    new: "new",
    kept: "kept",
    restored: "restored",
    let_go: "let go",
    revised_from: "reworded from “{}”",
    set_on: "set {}",
    done: "done",
    dropped: "dropped",
    open: "still open",
    open_since: "still open, set {}",
    look_back: "look back {}",
    of: "{} of {}",
    since_review: "{} since the previous review",
    over_period: "{} over the period",
    unchanged: "unchanged",
    checklist: "What goes into the brief? (space: tick or untick, enter: done)",
    checklist_none: "Nothing from the period to choose from; the brief holds your answers.",
    kinds: [
        "project",
        "answer",
        "statement",
        "let go",
        "intention",
        "self-assessment, private",
        "previous review",
    ],
    project_headings: [
        ("asked", "What it asked of me"),
        ("room", "Room to be myself"),
        ("most-least-self", "Most and least myself"),
        ("key-moment", "A key moment"),
        ("other-side", "The other side"),
        ("essence", "The real issue"),
        ("again-differently", "The same next time, and differently"),
        ("alternatives", "Other ways of acting"),
        ("chosen", "What I will try"),
        ("craft", "What it taught me about my craft"),
    ],
    answer_headings: [
        ("goals-lookback", "Goals and agreements"),
        ("proud", "What I am proud of"),
        ("projects", "Projects and what they achieved"),
        ("impact", "Where my work made a difference"),
        ("collaboration", "Helping others along"),
        ("unseen", "Work that went unnoticed"),
        ("feedback", "What others told me"),
        ("learned", "What I learned"),
        ("most-yourself", "When I was most myself"),
        ("untapped", "What more I have to offer"),
        ("fit", "How my work fits me"),
        ("their-view", "What the organisation asks of me"),
        ("develop", "What I want to develop"),
        ("needs", "What I need"),
        ("agenda", "For the conversation"),
        ("commitment", "My intention"),
    ],
    scale_names: [
        ("fit", "How my work fits me"),
        ("room", "Room to be myself in projects"),
    ],
    err_filter: "{}: '{}' is neither a kind (projects, answers, statements, let-go, commitments, scales, earlier) nor a session id",
    err_not_in_period: "{}: session {} is not part of the period reviewed ({} to {})",
};

/// Dutch.
pub static NL: ReviewWords = ReviewWords {
    file_stem: "jaargesprek",
    projects: "Projecten en opdrachten",
    reflection: "Terugblik op de periode",
    stand_for: "Waar ik voor sta",
    commitments: "Voornemens en wat ervan werd",
    scales: "Zelfbeoordelingen",
    earlier_title: "Bij mijn vorige terugblik ({})",
    earlier_label: "Vorige terugblik ({})",
    new: "nieuw",
    kept: "behouden",
    restored: "in ere hersteld",
    let_go: "losgelaten",
    revised_from: "anders verwoord, was “{}”",
    set_on: "gesteld op {}",
    done: "gedaan",
    dropped: "losgelaten",
    open: "staat nog open",
    open_since: "staat nog open, gesteld op {}",
    look_back: "terugkijken op {}",
    of: "{} van {}",
    since_review: "{} sinds de vorige terugblik",
    over_period: "{} in deze periode",
    unchanged: "gelijk gebleven",
    checklist: "Wat neem je op in de voorbereiding? (spatie: aan of uit, enter: klaar)",
    checklist_none: "Uit de periode valt niets te kiezen; de voorbereiding bevat je antwoorden.",
    kinds: [
        "project",
        "antwoord",
        "uitspraak",
        "losgelaten",
        "voornemen",
        "zelfbeoordeling, privé",
        "vorige terugblik",
    ],
    project_headings: [
        ("asked", "Wat het van mij vroeg"),
        ("room", "Ruimte om mezelf te zijn"),
        ("most-least-self", "Het meest en het minst mezelf"),
        ("key-moment", "Een sleutelmoment"),
        ("other-side", "De kant van de ander"),
        ("essence", "De eigenlijke kwestie"),
        ("again-differently", "Weer zo, en anders"),
        ("alternatives", "Andere manieren van handelen"),
        ("chosen", "Wat ik ga proberen"),
        ("craft", "Wat het me leerde over mijn vak"),
    ],
    answer_headings: [
        ("goals-lookback", "Doelen en afspraken"),
        ("proud", "Waar ik trots op ben"),
        ("projects", "Projecten en wat ze opleverden"),
        ("impact", "Waar mijn werk verschil maakte"),
        ("collaboration", "Anderen verder helpen"),
        ("unseen", "Werk dat onopgemerkt bleef"),
        ("feedback", "Wat anderen me vertelden"),
        ("learned", "Wat ik leerde"),
        ("most-yourself", "Wanneer ik het meest mezelf was"),
        ("untapped", "Wat ik nog meer te bieden heb"),
        ("fit", "Hoe mijn werk bij me past"),
        ("their-view", "Wat de organisatie van me vraagt"),
        ("develop", "Wat ik wil ontwikkelen"),
        ("needs", "Wat ik nodig heb"),
        ("agenda", "Voor het gesprek"),
        ("commitment", "Mijn voornemen"),
    ],
    scale_names: [
        ("fit", "Hoe mijn werk bij me past"),
        ("room", "Ruimte om mezelf te zijn in projecten"),
    ],
    err_filter: "{}: '{}' is geen soort (projects, answers, statements, let-go, commitments, scales, earlier) en geen sessie-id",
    err_not_in_period: "{}: sessie {} valt buiten de periode van de terugblik ({} tot {})",
};

/// A short heading from `table` for `prompt_id`, else the question cut at its first sentence.
pub fn heading(table: &[(&str, &'static str)], prompt_id: &str, question: &str) -> String {
    if let Some((_, h)) = table.iter().find(|(id, _)| *id == prompt_id) {
        return (*h).to_string();
    }
    first_sentence(question)
}

/// A question up to and including its first `?` (or up to its first `.` or `:`): the
/// instructions after it are for answering, not for a reader of the brief.
pub fn first_sentence(question: &str) -> String {
    let q = question.trim();
    let end = q
        .char_indices()
        .find(|(_, c)| matches!(c, '?' | '.' | ':'))
        .map_or(q.len(), |(i, c)| if c == '?' { i + 1 } else { i });
    q[..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_short_and_of_their_own() {
        assert_eq!(
            heading(
                &EN.answer_headings,
                "proud",
                "Looking back, what are you proud of?"
            ),
            "What I am proud of"
        );
        assert_eq!(
            heading(
                &EN.answer_headings,
                "mine",
                "What did you learn? Think of a moment."
            ),
            "What did you learn?"
        );
        assert_eq!(
            first_sentence("Name three things: one per line"),
            "Name three things"
        );
    }

    #[test]
    fn both_languages_name_the_same_prompts_and_placeholders() {
        for (en, nl) in EN.answer_headings.iter().zip(NL.answer_headings.iter()) {
            assert_eq!(en.0, nl.0);
        }
        for (en, nl) in EN.project_headings.iter().zip(NL.project_headings.iter()) {
            assert_eq!(en.0, nl.0);
        }
        for (en, nl) in [
            (EN.of, NL.of),
            (EN.since_review, NL.since_review),
            (EN.err_filter, NL.err_filter),
            (EN.err_not_in_period, NL.err_not_in_period),
            (EN.revised_from, NL.revised_from),
            (EN.earlier_title, NL.earlier_title),
        ] {
            assert_eq!(en.matches("{}").count(), nl.matches("{}").count(), "{en}");
        }
    }
}
