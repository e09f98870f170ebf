//! The questions about the journal's encryption, in Dutch and English: a table of its own,
//! like the completion words, so a missing translation is a compile error.

use crate::domain::Language;

/// What pi asks about encrypting the journal, in one language.
#[derive(Debug)]
pub struct CipherWords {
    /// The hidden prompt for the passphrase of the encrypted journal.
    pub passphrase: &'static str,
    /// The hidden prompt for a new passphrase.
    pub new_passphrase: &'static str,
    /// The prompt to type it again.
    pub again: &'static str,
    /// When the two differ.
    pub mismatch: &'static str,
    /// Said before the question on a new journal: what encrypting means.
    pub offer_note: &'static str,
    /// The question on a new journal.
    pub offer: &'static str,
    /// Said after a new journal was made encrypted.
    pub encrypted_new: &'static str,
    /// The question whether to remove plaintext copies.
    pub remove_copies: &'static str,
}

/// The words of a language.
pub fn of(language: Language) -> &'static CipherWords {
    match language {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

static EN: CipherWords = CipherWords {
    passphrase: "Passphrase of your journal",
    new_passphrase: "A passphrase for your journal (at least 8 characters; a few words are easiest to remember)",
    again: "The same passphrase again",
    mismatch: "The two did not match; try again.",
    offer_note: "Your journal will hold what you write about your work, your manager and your doubts. Encrypted, nobody who gets hold of the file can read it without your passphrase; but if you forget the passphrase, you cannot read it either. This is asked once; `pi encrypt` and `pi decrypt` change it any time.",
    offer: "Encrypt your new journal with a passphrase?",
    encrypted_new: "Your journal is encrypted. pi asks for the passphrase each time it opens it; scripts can set PI_JOURNAL_PASSPHRASE.",
    remove_copies: "Remove these plain copies now (overwritten with zeros, then deleted)?",
};

static NL: CipherWords = CipherWords {
    passphrase: "Wachtwoordzin van je dagboek",
    new_passphrase: "Een wachtwoordzin voor je dagboek (minstens 8 tekens; een paar woorden onthoud je het makkelijkst)",
    again: "Nog eens dezelfde wachtwoordzin",
    mismatch: "De twee waren niet gelijk; probeer het opnieuw.",
    offer_note: "In je dagboek komt te staan wat je schrijft over je werk, je leidinggevende en je twijfels. Versleuteld kan niemand die het bestand in handen krijgt het lezen zonder je wachtwoordzin; maar vergeet je die, dan kun jij het ook niet meer lezen. Dit wordt één keer gevraagd; met `pi encrypt` en `pi decrypt` verander je het altijd.",
    offer: "Je nieuwe dagboek versleutelen met een wachtwoordzin?",
    encrypted_new: "Je dagboek is versleuteld. pi vraagt de wachtwoordzin elke keer dat het het opent; scripts kunnen PI_JOURNAL_PASSPHRASE zetten.",
    remove_copies: "Deze onversleutelde kopieën nu verwijderen (eerst met nullen overschreven)?",
};
