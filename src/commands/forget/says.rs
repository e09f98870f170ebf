//! What `pi forget` says, in Dutch and English: what will go, the question, what happened,
//! and which backups still hold it.

use crate::domain::Language;

/// A counted word: (one, many).
pub(super) type Unit = (&'static str, &'static str);

/// "1 answer", "3 answers".
pub(super) fn count(n: usize, unit: Unit) -> String {
    format!("{n} {}", if n == 1 { unit.0 } else { unit.1 })
}

/// Every sentence of `pi forget`, in one language. `{}` are filled in order.
pub(super) struct Says {
    pub intro: &'static str,
    pub session: &'static str,
    pub session_rest: &'static str,
    pub answer: &'static str,
    pub statement: &'static str,
    pub commitment: &'static str,
    pub friends: &'static str,
    pub trimmed: &'static str,
    pub answers: Unit,
    pub versions: Unit,
    pub wordings: Unit,
    pub commitments: Unit,
    pub follow_ups: Unit,
    pub comments: Unit,
    pub lists: Unit,
    pub exported: &'static str,
    pub lasting: &'static str,
    pub question: &'static str,
    pub declined: &'static str,
    pub done: &'static str,
    pub log_busy: &'static str,
    pub backups_hold: &'static str,
    pub backups_unreadable: &'static str,
    pub purge_question: &'static str,
    pub purged: &'static str,
    pub purge_hint: &'static str,
    pub no_backup_holds: &'static str,
    pub elsewhere: &'static str,
    pub no_terminal: &'static str,
    pub hint_yes: &'static str,
    pub nothing_forgotten: &'static str,
}

static EN: Says = Says {
    intro: "This forgets, for good:",
    session: "the session of {} ({})",
    session_rest: "with everything written in it, and what was decided and followed up in it",
    answer: "your answer to \u{201c}{}\u{201d} in the session of {} ({})",
    statement: "the statement \u{201c}{}\u{201d} ({})",
    commitment: "the commitment \u{201c}{}\u{201d} and the answer that set it",
    friends: "{} of professional friends",
    trimmed: "the forgotten statements, taken out of {}",
    answers: ("answer", "answers"),
    versions: ("version", "versions"),
    wordings: ("statement wording", "statement wordings"),
    commitments: ("commitment", "commitments"),
    follow_ups: ("follow-up", "follow-ups"),
    comments: ("comment", "comments"),
    lists: (
        "other answer that lists them",
        "other answers that list them",
    ),
    exported: "It was in exports you made on {}; those files are beyond pi's reach.",
    lasting: "This cannot be undone. Only the ids and today's date are kept, so that no import brings it back.",
    question: "Forget it?",
    declined: "Nothing was forgotten.",
    done: "Forgotten: gone from {} and its -wal and -shm files.",
    log_busy: "Another pi has the journal open, so an older copy of the changed pages may stay in {}-wal until it closes; the next pi forget empties it.",
    backups_hold: "These backups, made before, still hold it:",
    backups_unreadable: "These backups could not be read, so they may hold it:",
    purge_question: "Delete these backups?",
    purged: "Deleted {} (overwritten first).",
    purge_hint: "Delete them with `pi forget --purge-backups`, or yourself.",
    no_backup_holds: "No backup pi knows of holds anything you forgot.",
    elsewhere: "Copies made elsewhere (`pi backup DIR`, by hand, a system backup) are beyond pi's knowledge.",
    no_terminal: "pi forget asks before it forgets, and there is no terminal here to ask",
    hint_yes: "add --yes to forget without being asked: pi forget ... --yes",
    nothing_forgotten: "Nothing has been forgotten in this journal yet.",
};

static NL: Says = Says {
    intro: "Dit vergeet, voorgoed:",
    session: "de sessie van {} ({})",
    session_rest: "met alles wat erin geschreven is, en wat erin besloten en opgevolgd is",
    answer: "je antwoord op \u{201c}{}\u{201d} in de sessie van {} ({})",
    statement: "de uitspraak \u{201c}{}\u{201d} ({})",
    commitment: "het voornemen \u{201c}{}\u{201d} en het antwoord waarin je het nam",
    friends: "{} van vakgenoten",
    trimmed: "de vergeten uitspraken, gehaald uit {}",
    answers: ("antwoord", "antwoorden"),
    versions: ("versie", "versies"),
    wordings: (
        "verwoording van een uitspraak",
        "verwoordingen van uitspraken",
    ),
    commitments: ("voornemen", "voornemens"),
    follow_ups: ("opvolging", "opvolgingen"),
    comments: ("reactie", "reacties"),
    lists: (
        "ander antwoord dat ze opsomt",
        "andere antwoorden die ze opsommen",
    ),
    exported: "Het zat in exports die je maakte op {}; die bestanden kan pi niet bereiken.",
    lasting: "Dit kan niet ongedaan worden. Alleen de id's en de datum van vandaag blijven bewaard, zodat geen import het terugbrengt.",
    question: "Vergeten?",
    declined: "Er is niets vergeten.",
    done: "Vergeten: weg uit {} en de bijbehorende -wal- en -shm-bestanden.",
    log_busy: "Een andere pi heeft het dagboek open, dus een oudere kopie van de gewijzigde pagina's kan in {}-wal blijven tot die sluit; de volgende pi forget maakt het leeg.",
    backups_hold: "Deze back-ups, eerder gemaakt, bevatten het nog:",
    backups_unreadable: "Deze back-ups konden niet gelezen worden, dus ze bevatten het misschien:",
    purge_question: "Deze back-ups verwijderen?",
    purged: "{} verwijderd (eerst overschreven).",
    purge_hint: "Verwijder ze met `pi forget --purge-backups`, of zelf.",
    no_backup_holds: "Geen back-up die pi kent bevat nog iets wat je vergat.",
    elsewhere: "Kopieën die elders zijn gemaakt (`pi backup MAP`, met de hand, een systeemback-up) kent pi niet.",
    no_terminal: "pi forget vraagt het eerst, en hier is geen terminal om het te vragen",
    hint_yes: "voeg --yes toe om te vergeten zonder te vragen: pi forget ... --yes",
    nothing_forgotten: "In dit dagboek is nog niets vergeten.",
};

/// The sentences of `language`.
pub(super) fn says(language: Language) -> &'static Says {
    match language {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_fill_the_same_places() {
        let pairs = |s: &Says| {
            [
                s.session,
                s.answer,
                s.statement,
                s.commitment,
                s.friends,
                s.trimmed,
                s.exported,
                s.done,
                s.log_busy,
                s.purged,
            ]
            .map(|t| t.matches("{}").count())
        };
        assert_eq!(pairs(&EN), pairs(&NL));
    }
}
