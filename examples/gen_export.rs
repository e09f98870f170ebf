//! Generates a realistic `pi` JSON export for the comparative benchmarks (`benches/compare.sh`),
//! to be read with `pi import`, so the journal is built through pi's real write path:
//!
//! ```sh
//! cargo run --release --example gen_export -- OUT.json SESSIONS [--jrnl FILE] [--jrnl-json FILE]
//!     [--seed N]
//! ```
//!
//! SESSIONS sessions spread over three decades (1996 to 2026), in Dutch and English, each with
//! the answers of the built-in packs it walks (about 30: the project pack and a mode pack,
//! or the review or orientations pack), free text of realistic length, answer revisions,
//! statements that later `onderhouden` sessions keep, let go or revise, and commitments that
//! later sessions follow up. About 1% of the answers with text hold the word
//! [`RARE`] (`zeldzaamwoord`), for searches that find a known handful.
//!
//! The file is streamed with pi's own JSON writer and the types of
//! `pi::interchange::format`, one record at a time, so memory stays flat at any size. The
//! same seed gives the same file, byte for byte. Every record is a pure function of the seed
//! and its session's number, so statements and commitments (which come after all sessions in
//! the format) are derived again in later passes instead of being held in memory.
//!
//! `--jrnl FILE` also writes the same content in jrnl's plain-text journal format (one entry
//! per session: `[YYYY-MM-DD HH:MM] title @mode @context`, then each answered question and
//! its current answer), for jrnl configured with `timeformat: "%Y-%m-%d %H:%M"`. Times there
//! are UTC: run jrnl with `TZ=UTC`. `--jrnl-json FILE` writes it as `jrnl --export json`
//! would (`{"entries": [{"title", "body", "date", "time", "tags", "starred"}], "tags": {..}}`),
//! for `pi import --from jrnl`, with the times in UTC: import it with `TZ=UTC`.

use chrono::{DateTime, Duration, Utc};
use pi::clock::format_stamp;
use pi::domain::{AnswerValue, Depth, Language, Mode};
use pi::interchange::export::Document;
use pi::interchange::export_json::JsonExport;
use pi::interchange::format::{
    Answer, Commitment, CommitmentEvent, EXPORT_FORMAT, FORMAT_VERSION, Header, PackSnapshot,
    Session, Statement, StatementEvent,
};
use pi::packs::{Pack, PackRegistry, Prompt, PromptKind};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// The word about 1% of the answers with text contain.
const RARE: &str = "zeldzaamwoord";
/// Per mille of text and list answers that contain [`RARE`] (about 1% of all answers).
const RARE_PER_MILLE: u64 = 16;
/// Per mille of answers revised later in the session.
const REVISED_PER_MILLE: u64 = 100;
/// Per mille of ordinary prompts skipped.
const SKIPPED_PER_MILLE: u64 = 30;

// ---------------------------------------------------------------------------------------
// Words. Sentences are built from an opener, a clause and a closer; Dutch puts the verb
// after an opener (inversion), so its clauses come in two word orders.

const ORGS_EN: &[&str] = &[
    "the municipality",
    "the hospital",
    "the water board",
    "the ministry",
    "the housing association",
    "the school board",
    "our biggest client",
    "the province",
    "the start-up",
    "the care cooperative",
    "the regional library",
    "the energy cooperative",
];
const PERSONS_EN: &[&str] = &[
    "my manager",
    "a colleague",
    "the project leader",
    "the client",
    "my mentor",
    "the new intern",
    "the director",
    "a friend from my network",
    "the team",
    "the alderman",
];
const OPENERS_EN: &[&str] = &[
    "In the project with {org}",
    "Last week",
    "During the team meeting",
    "When the client called back",
    "Looking back on this year",
    "At the start of the assignment",
    "Since the reorganisation",
    "In the steering group",
    "Working with {person}",
    "After the evaluation",
    "On the train home",
    "In my one-to-one with {person}",
    "Halfway through the project",
    "When the deadline moved",
    "For the first time in years",
];
const CLAUSES_EN: &[&str] = &[
    "I noticed that I",
    "I realised that I",
    "it struck me how often I",
    "{person} told me that I",
    "I found out that I",
    "it became clear that I",
    "I was surprised that I",
    "I saw again that I",
];
const VPS_EN: &[&str] = &[
    "take the lead when nobody else does",
    "explain complicated things in plain words",
    "lose energy in long meetings without a decision",
    "keep asking what the client really needs",
    "say yes before I have thought it through",
    "feel responsible for the whole chain",
    "want to understand the policy before I act on it",
    "hold back my opinion when the pressure rises",
    "enjoy mentoring the new colleagues",
    "rely on my network more than on the method",
    "care more about quality than about speed",
    "avoid the conflict with {person}",
    "bring calm when the team is under pressure",
    "draw a map of the situation before anyone else",
    "need time alone to think things over",
    "doubt my own expertise in front of specialists",
    "work out the ideas of others with real pleasure",
    "leave the finances to someone else",
    "translate between the citizens and {org}",
    "protect the craft against the next reorganisation",
];
const CLOSERS_EN: &[&str] = &[
    "and that felt right",
    "which I want to do more often",
    "but I am not sure it still fits me",
    "and it cost me more energy than I expected",
    "and the team seemed to value it",
    "which made me proud",
    "and I want to talk about it with {person}",
    "so I will try a different approach next time",
    "and that says something about my craft",
    "even though nobody asked me to",
    "while the budget was already gone",
    "and {person} noticed it too",
];
const ROLES_EN: &[&str] = &[
    "Senior policy adviser",
    "Project leader in spatial planning",
    "Team lead of the intake desk",
    "Independent consultant",
    "Nurse practitioner",
    "Teacher and mentor",
    "Programme manager for the energy transition",
    "Legal adviser at {org}",
    "Data analyst with a public mission",
    "Coach for young professionals",
];
const ITEMS_EN: &[&str] = &[
    "the weekly check-in with {person}",
    "clear agreements about my role",
    "time to read up on the field",
    "a manager who backs me",
    "fewer meetings without a decision",
    "the mentoring programme",
    "the project with {org}",
    "feedback from clients",
    "a quiet place to write",
    "the intervision group",
    "room to say no",
    "a colleague who challenges me",
    "the course on negotiation",
    "my own budget for experiments",
];
const STANDS_EN: &[&str] = &[
    "clear advice",
    "honest feedback",
    "quality over speed",
    "the voice of the client",
    "calm under pressure",
    "learning in public",
    "work that matters to people",
    "plain language",
    "keeping my promises",
    "public value over targets",
];
const COMMITMENTS_EN: &[&str] = &[
    "Ask {person} for feedback after every workshop",
    "Block two hours a week for reading",
    "Say no to one new request this month",
    "Write down one decision a day and why",
    "Have coffee with someone outside my team every week",
    "Prepare the steering group together with {person}",
    "Finish the advice for {org} before starting anything new",
    "Try one meeting a week without my laptop",
];
const NOTES_EN: &[&str] = &[
    "It worked better than I thought.",
    "I did it twice, then forgot.",
    "Not the right moment; the project stopped.",
    "Done, and I want to keep doing it.",
    "Too ambitious for this period.",
    "It changed how the team works with me.",
];

const ORGS_NL: &[&str] = &[
    "de gemeente",
    "het ziekenhuis",
    "het waterschap",
    "het ministerie",
    "de woningcorporatie",
    "het schoolbestuur",
    "onze grootste klant",
    "de provincie",
    "de start-up",
    "de zorgcoöperatie",
    "de bibliotheek in de regio",
    "het café van de wijkraad",
];
const PERSONS_NL: &[&str] = &[
    "mijn leidinggevende",
    "een collega",
    "de projectleider",
    "de klant",
    "mijn mentor",
    "de nieuwe stagiair",
    "de directeur",
    "een vriendin uit mijn netwerk",
    "het team",
    "de wethouder",
];
const OPENERS_NL: &[&str] = &[
    "In het project met {org}",
    "Vorige week",
    "Tijdens het teamoverleg",
    "Toen de klant terugbelde",
    "Terugkijkend op dit jaar",
    "Aan het begin van de opdracht",
    "Sinds de reorganisatie",
    "In de stuurgroep",
    "In de samenwerking met {person}",
    "Na de evaluatie",
    "In de trein naar huis",
    "In mijn één-op-één met {person}",
    "Halverwege het project",
    "Toen de deadline verschoof",
    "Voor het eerst in jaren",
];
/// (after an opener, at the start of a sentence)
const CLAUSES_NL: &[(&str, &str)] = &[
    ("merkte ik dat ik", "Ik merkte dat ik"),
    ("besefte ik dat ik", "Ik besefte dat ik"),
    ("viel het me op hoe vaak ik", "Het viel me op hoe vaak ik"),
    ("zei {person} dat ik", "{Person} zei dat ik"),
    ("ontdekte ik dat ik", "Ik ontdekte dat ik"),
    ("werd het duidelijk dat ik", "Het werd duidelijk dat ik"),
    ("verbaasde het me dat ik", "Het verbaasde me dat ik"),
    ("zag ik opnieuw dat ik", "Ik zag opnieuw dat ik"),
];
const VPS_NL: &[&str] = &[
    "de leiding neem als niemand anders dat doet",
    "ingewikkelde dingen in gewone woorden uitleg",
    "energie verlies in lange overleggen zonder besluit",
    "blijf vragen wat de klant echt nodig heeft",
    "ja zeg voordat ik erover heb nagedacht",
    "me verantwoordelijk voel voor de hele keten",
    "het beleid wil begrijpen voordat ik handel",
    "mijn mening inslik als de druk oploopt",
    "het leuk vind om nieuwe collega's te begeleiden",
    "meer op mijn netwerk vertrouw dan op de methode",
    "kwaliteit belangrijker vind dan snelheid",
    "het conflict met {person} uit de weg ga",
    "rust breng als het team onder druk staat",
    "eerder dan anderen een kaart van de situatie maak",
    "tijd voor mezelf nodig heb om na te denken",
    "aan mijn eigen expertise twijfel tegenover specialisten",
    "de ideeën van anderen graag verder uitwerk",
    "de financiën liever aan een ander overlaat",
    "vertaal tussen de bewoners en {org}",
    "het vak bescherm tegen de volgende reorganisatie",
];
const CLOSERS_NL: &[&str] = &[
    "en dat voelde goed",
    "wat ik vaker wil doen",
    "maar ik weet niet of het nog bij me past",
    "en dat kostte meer energie dan ik dacht",
    "en het team leek dat te waarderen",
    "waar ik trots op ben",
    "en daar wil ik met {person} over praten",
    "dus volgende keer probeer ik het anders",
    "en dat zegt iets over mijn vak",
    "ook al vroeg niemand me erom",
    "terwijl het budget al op was",
    "en {person} zag het ook",
];
const ROLES_NL: &[&str] = &[
    "Senior beleidsadviseur",
    "Projectleider ruimtelijke ordening",
    "Teamleider van de intakebalie",
    "Zelfstandig adviseur",
    "Verpleegkundig specialist",
    "Docent en mentor",
    "Programmamanager energietransitie",
    "Juridisch adviseur bij {org}",
    "Data-analist met een publieke opdracht",
    "Coach voor jonge professionals",
];
const ITEMS_NL: &[&str] = &[
    "het wekelijkse gesprek met {person}",
    "heldere afspraken over mijn rol",
    "tijd om het vakgebied bij te houden",
    "een leidinggevende die achter me staat",
    "minder overleg zonder besluit",
    "het mentorprogramma",
    "het project met {org}",
    "feedback van klanten",
    "een rustige plek om te schrijven",
    "de intervisiegroep",
    "ruimte om nee te zeggen",
    "een collega die me uitdaagt",
    "de cursus onderhandelen",
    "een eigen budget voor experimenten",
];
const STANDS_NL: &[&str] = &[
    "helder advies",
    "eerlijke feedback",
    "kwaliteit boven snelheid",
    "de stem van de klant",
    "rust onder druk",
    "samen leren",
    "werk dat ertoe doet voor mensen",
    "gewone taal",
    "afspraak is afspraak",
    "publieke waarde boven targets",
];
const COMMITMENTS_NL: &[&str] = &[
    "Vraag {person} om feedback na elke workshop",
    "Blok twee uur per week om te lezen",
    "Zeg deze maand nee tegen één nieuw verzoek",
    "Schrijf elke dag één besluit op en waarom",
    "Drink elke week koffie met iemand buiten mijn team",
    "Bereid de stuurgroep voor samen met {person}",
    "Rond het advies voor {org} af voordat ik iets nieuws begin",
    "Probeer één overleg per week zonder laptop",
];
const NOTES_NL: &[&str] = &[
    "Het werkte beter dan ik dacht.",
    "Twee keer gedaan, toen vergeten.",
    "Niet het goede moment; het project stopte.",
    "Gedaan, en ik wil het blijven doen.",
    "Te ambitieus voor deze periode.",
    "Het veranderde hoe het team met me werkt.",
];
const PROJECTS: &[&str] = &[
    "Nieuwbouw Zuidas",
    "Intake redesign",
    "Klantreis gemeente Utrecht",
    "Fusie zorgcoöperatie",
    "Data platform",
    "Wijkaanpak Noord",
    "Onboarding programme",
    "Reorganisatie financiën",
    "Pilot thuiszorg",
    "Tender waterschap",
    "Leergang adviesvaardigheden",
    "Energy transition roadmap",
    "Herinrichting stationsplein",
    "Customer service review",
    "Omgevingswet",
    "Café-gesprekken met bewoners",
    "Ideeënbus 2.0",
    "Hospital merger",
    "Schoolplein vergroening",
    "Digital archive",
];

// ---------------------------------------------------------------------------------------
// Randomness: every value is a pure function of the seed, a session number and a stream.

/// SplitMix64: small, fast and good enough; the same sequence for the same start.
struct Rng(u64);

impl Rng {
    /// A generator for one (session, stream) pair.
    fn of(seed: u64, n: u64, stream: u64) -> Self {
        let mut r = Rng(seed
            ^ n.wrapping_mul(0xA076_1D64_78BD_642F)
            ^ stream.wrapping_mul(0xE703_7ED1_A0B4_28DB));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    /// A UUID (version 4 in form) from this generator: the same every run.
    fn uuid(&mut self) -> String {
        let bytes = (u128::from(self.next()) << 64 | u128::from(self.next())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .simple()
            .to_string()
    }
}

/// The words of one language.
struct Lexicon {
    orgs: &'static [&'static str],
    persons: &'static [&'static str],
    openers: &'static [&'static str],
    vps: &'static [&'static str],
    closers: &'static [&'static str],
    roles: &'static [&'static str],
    items: &'static [&'static str],
    stands: &'static [&'static str],
    commitments: &'static [&'static str],
    notes: &'static [&'static str],
}

const EN: Lexicon = Lexicon {
    orgs: ORGS_EN,
    persons: PERSONS_EN,
    openers: OPENERS_EN,
    vps: VPS_EN,
    closers: CLOSERS_EN,
    roles: ROLES_EN,
    items: ITEMS_EN,
    stands: STANDS_EN,
    commitments: COMMITMENTS_EN,
    notes: NOTES_EN,
};

const NL: Lexicon = Lexicon {
    orgs: ORGS_NL,
    persons: PERSONS_NL,
    openers: OPENERS_NL,
    vps: VPS_NL,
    closers: CLOSERS_NL,
    roles: ROLES_NL,
    items: ITEMS_NL,
    stands: STANDS_NL,
    commitments: COMMITMENTS_NL,
    notes: NOTES_NL,
};

fn lexicon(language: Language) -> &'static Lexicon {
    match language {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// Fills `{org}`, `{person}` and `{Person}`.
fn fill(rng: &mut Rng, lex: &Lexicon, template: &str) -> String {
    let mut out = template.to_string();
    if out.contains("{org}") {
        out = out.replace("{org}", rng.pick(lex.orgs));
    }
    if out.contains("{person}") {
        out = out.replace("{person}", rng.pick(lex.persons));
    }
    if out.contains("{Person}") {
        out = out.replace("{Person}", &capitalise(rng.pick(lex.persons)));
    }
    out
}

/// One sentence of reflection in `language`.
fn sentence(rng: &mut Rng, language: Language) -> String {
    let lex = lexicon(language);
    let opener = rng.chance(600).then(|| rng.pick(lex.openers));
    let vp = rng.pick(lex.vps);
    let closer = rng.chance(700).then(|| rng.pick(lex.closers));
    let clause = match language {
        Language::En => {
            let c = rng.pick(CLAUSES_EN);
            match opener {
                Some(o) => format!("{o}, {c}"),
                None => capitalise(c),
            }
        }
        Language::Nl => {
            let (inverted, plain) = CLAUSES_NL[rng.below(CLAUSES_NL.len() as u64) as usize];
            match opener {
                Some(o) => format!("{o} {inverted}"),
                None => plain.to_string(),
            }
        }
    };
    let text = match closer {
        Some(c) => format!("{clause} {vp}, {c}."),
        None => format!("{clause} {vp}."),
    };
    capitalise(&fill(rng, lex, &text))
}

/// A few sentences, as one paragraph or two.
fn long_text(rng: &mut Rng, language: Language) -> String {
    let count = 2 + rng.below(5) as usize;
    let mut text = String::new();
    for i in 0..count {
        if i > 0 {
            text.push_str(if i == 3 && rng.chance(400) {
                "\n\n"
            } else {
                " "
            });
        }
        text.push_str(&sentence(rng, language));
    }
    text
}

/// Puts [`RARE`] somewhere inside `text`, between two words.
fn add_rare(rng: &mut Rng, text: &mut String) {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    if spaces.is_empty() {
        text.push(' ');
        text.push_str(RARE);
    } else {
        let at = spaces[rng.below(spaces.len() as u64) as usize];
        text.insert_str(at, &format!(" {RARE}"));
    }
}

// ---------------------------------------------------------------------------------------
// The plan of each session: cheap to compute for any session number, so later passes can
// look ahead (which session tidies a statement, which one follows up a commitment).

const META: u64 = 0;
const CONTENT: u64 = 1;
const STATEMENTS: u64 = 2;
const COMMITMENT: u64 = 3;
const TIDY: u64 = 4;

/// The packs of this generator, by language.
struct Packs<'r> {
    project: [&'r Pack; 2],
    modes: [[&'r Pack; 2]; 3],
    review: [&'r Pack; 2],
    orientations: [&'r Pack; 2],
}

fn lang_index(language: Language) -> usize {
    match language {
        Language::Nl => 0,
        Language::En => 1,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Reflect(Mode),
    Review,
    Orientations,
}

/// What a session is, without its content.
struct Plan<'r> {
    kind: Kind,
    language: Language,
    depth: Depth,
    context: String,
    packs: Vec<&'r Pack>,
    /// (pack index, prompt) in the order asked.
    prompts: Vec<(usize, &'r Prompt)>,
    /// How many of `prompts` were answered (all but in the last, paused session).
    answered: usize,
    started: DateTime<Utc>,
    finished: bool,
}

struct Generator<'r> {
    seed: u64,
    sessions: u64,
    start: DateTime<Utc>,
    /// Seconds between the starts of two sessions, on average.
    step: i64,
    packs: Packs<'r>,
}

impl<'r> Generator<'r> {
    fn started(&self, n: u64) -> DateTime<Utc> {
        let mut rng = Rng::of(self.seed, n, META);
        let jitter = rng.below((self.step / 2).max(1) as u64) as i64;
        self.start + Duration::seconds(n as i64 * self.step + jitter)
    }

    fn kind(&self, n: u64) -> Kind {
        let mut rng = Rng::of(self.seed, n, META);
        rng.next(); // the jitter
        match rng.below(100) {
            0..=2 => Kind::Review,
            3..=5 => Kind::Orientations,
            _ => Kind::Reflect(match rng.below(100) {
                0..=29 => Mode::Verkennen,
                30..=64 => Mode::Onderhouden,
                _ => Mode::Kiezen,
            }),
        }
    }

    fn plan(&self, n: u64) -> Plan<'r> {
        let mut rng = Rng::of(self.seed, n, META);
        rng.next(); // the jitter
        rng.next(); // the kind
        rng.next(); // the mode
        let kind = self.kind(n);
        let language = if rng.chance(600) {
            Language::Nl
        } else {
            Language::En
        };
        let depth = if rng.chance(920) {
            Depth::Deep
        } else {
            Depth::Quick
        };
        let l = lang_index(language);
        let (context, packs) = match kind {
            Kind::Reflect(mode) => {
                let main = self.packs.modes[mode_index(mode)][l];
                if rng.chance(950) {
                    let context = rng.pick(PROJECTS).to_string();
                    (context, vec![self.packs.project[l], main])
                } else {
                    (String::new(), vec![main])
                }
            }
            Kind::Review => (String::new(), vec![self.packs.review[l]]),
            Kind::Orientations => (String::new(), vec![self.packs.orientations[l]]),
        };
        let prompts: Vec<(usize, &'r Prompt)> = packs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.prompts_for(depth).map(move |q| (i, q)))
            .collect();
        let finished = n + 1 < self.sessions;
        let answered = if finished {
            prompts.len()
        } else {
            prompts.len() / 2
        };
        Plan {
            kind,
            language,
            depth,
            context,
            packs,
            prompts,
            answered,
            started: self.started(n),
            finished,
        }
    }

    /// When the `k`th answer of a session was given: two and a half minutes apart.
    fn answered_at(started: DateTime<Utc>, k: usize) -> DateTime<Utc> {
        started + Duration::seconds(150 * (k as i64 + 1))
    }

    /// Where in session `n` a prompt of this kind was answered, if it was.
    fn answered_kind(plan: &Plan<'_>, kind: &str) -> Option<usize> {
        plan.prompts[..plan.answered]
            .iter()
            .position(|(_, p)| p.kind.id() == kind)
    }

    /// The statements session `n` wrote (none when it did not answer a statements prompt).
    fn statements_of(&self, n: u64, plan: &Plan<'_>) -> Vec<String> {
        if Self::answered_kind(plan, "statements").is_none() {
            return Vec::new();
        }
        let mut rng = Rng::of(self.seed, n, STATEMENTS);
        let lex = lexicon(plan.language);
        let count = 2 + rng.below(3) as usize;
        // Distinct wordings: a few consecutive ones from a random place in the list.
        let first = rng.below(lex.stands.len() as u64) as usize;
        (0..count)
            .map(|i| {
                let stand = lex.stands[(first + i * 3) % lex.stands.len()];
                match plan.language {
                    Language::En => format!("I stand for {stand}"),
                    Language::Nl => format!("Ik sta voor {stand}"),
                }
            })
            .collect()
    }

    /// The first session after `n` that tidies statements (an `onderhouden` session that
    /// reached its tidy prompt), if any.
    fn tidied_by(&self, n: u64) -> Option<(u64, DateTime<Utc>)> {
        let mut m = n + 1;
        while m < self.sessions {
            if self.kind(m) == Kind::Reflect(Mode::Onderhouden) {
                let plan = self.plan(m);
                return Self::answered_kind(&plan, "tidy")
                    .map(|k| (m, Self::answered_at(plan.started, k)));
            }
            m += 1;
        }
        None
    }

    /// What a tidy walk decided about statement `i` of session `n`: 0 keep, 1 let go, 2
    /// revise (with the new wording).
    fn decision(&self, n: u64, i: usize, language: Language) -> (u8, String) {
        let mut rng = Rng::of(self.seed, n, TIDY + ((i as u64) << 8));
        let roll = rng.below(100);
        let lex = lexicon(language);
        let new = match language {
            Language::En => format!("I stand for {}", rng.pick(lex.stands)),
            Language::Nl => format!("Ik sta voor {}", rng.pick(lex.stands)),
        };
        match roll {
            0..=69 => (0, new),
            70..=89 => (1, new),
            _ => (2, new),
        }
    }

    /// The sessions whose statements session `m` tidies: those since the previous
    /// `onderhouden` session.
    fn tidy_targets(&self, m: u64) -> Vec<u64> {
        let mut targets = Vec::new();
        let mut n = m;
        while n > 0 {
            n -= 1;
            if self.kind(n) == Kind::Reflect(Mode::Onderhouden) {
                // Its own statements wait for the next walk, which is this one.
                targets.push(n);
                break;
            }
            targets.push(n);
        }
        targets.reverse();
        targets
    }

    /// The commitment session `n` set: its text and look-back date.
    fn commitment_of(&self, n: u64, plan: &Plan<'_>) -> Option<(String, chrono::NaiveDate)> {
        Self::answered_kind(plan, "commitment")?;
        let mut rng = Rng::of(self.seed, n, COMMITMENT);
        let lex = lexicon(plan.language);
        let template = rng_pick(&mut rng, lex.commitments);
        let text = fill(&mut rng, lex, template);
        let back = plan.started.date_naive() + Duration::days(30 + rng.below(90) as i64);
        Some((text, back))
    }

    /// The first session that started on or after `date`.
    fn first_on_or_after(&self, date: chrono::NaiveDate) -> Option<u64> {
        let at = date.and_hms_opt(0, 0, 0)?.and_utc();
        let guess = ((at - self.start).num_seconds() / self.step - 1).max(0) as u64;
        let mut m = guess;
        while m < self.sessions {
            if self.started(m) >= at {
                return Some(m);
            }
            m += 1;
        }
        None
    }
}

fn rng_pick(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.below(items.len() as u64) as usize]
}

fn mode_index(mode: Mode) -> usize {
    match mode {
        Mode::Verkennen => 0,
        Mode::Onderhouden => 1,
        Mode::Kiezen => 2,
    }
}

// ---------------------------------------------------------------------------------------
// The three passes.

#[derive(Default)]
struct Counts {
    answers: u64,
    revisions: u64,
    skipped: u64,
    rare: u64,
    statements: u64,
    commitments: u64,
}

/// The same content as a jrnl entry: what both of jrnl's formats are written from.
struct JrnlEntry {
    started: DateTime<Utc>,
    /// The mode or kind, with the context after a colon.
    title: String,
    /// `@mode` and `@context`.
    tags: Vec<String>,
    /// Each answered question and its current answer, separated by blank lines.
    body: String,
}

impl JrnlEntry {
    /// jrnl's plain-text journal: `[YYYY-MM-DD HH:MM] title @tags`, then the body.
    fn plain(&self) -> String {
        format!(
            "[{}] {} {}\n{}",
            self.started.format("%Y-%m-%d %H:%M"),
            self.title,
            self.tags.join(" "),
            self.body
        )
    }

    /// One entry of `jrnl --export json` (jrnl 4): date and time apart, in the writer's
    /// local time (UTC here), the body without its trailing newline.
    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "title": self.title,
            "body": self.body.trim_end(),
            "date": self.started.format("%Y-%m-%d").to_string(),
            "time": self.started.format("%H:%M").to_string(),
            "tags": self.tags,
            "starred": false,
        })
    }
}

/// One session with every answer revision, and its jrnl entry.
fn session(g: &Generator<'_>, n: u64, counts: &mut Counts) -> (Session, JrnlEntry) {
    let plan = g.plan(n);
    let mut rng = Rng::of(g.seed, n, CONTENT);
    let id = rng.uuid();
    let lex = lexicon(plan.language);
    let mut answers = Vec::with_capacity(plan.answered + 4);
    let mut jrnl = String::new();
    for (k, (pack_index, prompt)) in plan.prompts[..plan.answered].iter().enumerate() {
        let pack = plan.packs[*pack_index];
        let at = Generator::answered_at(plan.started, k);
        let ordinary = !matches!(
            prompt.kind,
            PromptKind::Statements | PromptKind::Tidy | PromptKind::Commitment
        );
        let value = if ordinary && rng.chance(SKIPPED_PER_MILLE) {
            None
        } else {
            match &prompt.kind {
                PromptKind::ShortText => {
                    let role = rng_pick(&mut rng, lex.roles);
                    Some(AnswerValue::Text(fill(&mut rng, lex, role)))
                }
                PromptKind::LongText => Some(AnswerValue::Text(long_text(&mut rng, plan.language))),
                PromptKind::Scale { min, max, .. } => Some(AnswerValue::Number(
                    min + rng.below(u64::try_from(max - min + 1).unwrap_or(1)) as i64,
                )),
                PromptKind::Choice { options } => Some(AnswerValue::Text(
                    options[rng.below(options.len() as u64) as usize].clone(),
                )),
                PromptKind::List => {
                    let count = 2 + rng.below(4);
                    Some(AnswerValue::Items(
                        (0..count)
                            .map(|_| {
                                let item = rng_pick(&mut rng, lex.items);
                                capitalise(&fill(&mut rng, lex, item))
                            })
                            .collect(),
                    ))
                }
                PromptKind::Statements => Some(AnswerValue::Items(g.statements_of(n, &plan))),
                PromptKind::Commitment => g
                    .commitment_of(n, &plan)
                    .map(|(text, _)| AnswerValue::Text(text)),
                PromptKind::Tidy => {
                    let lines = tidy_lines(g, n);
                    (!lines.is_empty()).then_some(AnswerValue::Items(lines))
                }
            }
        };
        let wordy = matches!(
            prompt.kind,
            PromptKind::ShortText | PromptKind::LongText | PromptKind::List
        );
        let value = value.map(|mut v| {
            if wordy && rng.chance(RARE_PER_MILLE) {
                counts.rare += 1;
                match &mut v {
                    AnswerValue::Text(t) => add_rare(&mut rng, t),
                    AnswerValue::Items(items) => {
                        let i = rng.below(items.len() as u64) as usize;
                        add_rare(&mut rng, &mut items[i]);
                    }
                    AnswerValue::Number(_) => {}
                }
            }
            v
        });
        if value.is_none() {
            counts.skipped += 1;
        }
        answers.push(Answer {
            id: rng.uuid(),
            pack_id: pack.id.clone(),
            pack_version: pack.version.to_string(),
            prompt_id: prompt.id.clone(),
            prompt_kind: prompt.kind.id().to_string(),
            prompt_text: prompt.text.clone(),
            value,
            replaces: None,
            created_at: format_stamp(at),
        });
    }
    counts.answers += answers.len() as u64;

    // Revisions: going back at the end of the session to rewrite an earlier answer.
    let mut last = Generator::answered_at(plan.started, plan.answered);
    let originals = answers.len();
    for i in 0..originals {
        let ordinary = !matches!(
            answers[i].prompt_kind.as_str(),
            "statements" | "tidy" | "commitment"
        );
        if !ordinary || answers[i].value.is_none() || !rng.chance(REVISED_PER_MILLE) {
            continue;
        }
        let value = match (&plan.prompts[i].1.kind, answers[i].value.clone()) {
            (_, Some(AnswerValue::Text(mut t))) if answers[i].prompt_kind != "choice" => {
                t.push(' ');
                t.push_str(&sentence(&mut rng, plan.language));
                Some(AnswerValue::Text(t))
            }
            (PromptKind::Choice { options }, _) => Some(AnswerValue::Text(
                options[rng.below(options.len() as u64) as usize].clone(),
            )),
            (_, Some(AnswerValue::Items(mut items))) => {
                let item = rng_pick(&mut rng, lex.items);
                items.push(capitalise(&fill(&mut rng, lex, item)));
                Some(AnswerValue::Items(items))
            }
            (PromptKind::Scale { min, max, .. }, _) => Some(AnswerValue::Number(
                min + rng.below(u64::try_from(max - min + 1).unwrap_or(1)) as i64,
            )),
            _ => continue,
        };
        last += Duration::seconds(60);
        let revision = Answer {
            id: rng.uuid(),
            value,
            replaces: Some(answers[i].id.clone()),
            created_at: format_stamp(last),
            ..answers[i].clone()
        };
        answers.push(revision);
        counts.revisions += 1;
    }
    counts.answers += (answers.len() - originals) as u64;

    // jrnl: the current revision of each answered prompt.
    let (title, tags) = match plan.kind {
        Kind::Reflect(mode) => (capitalise(mode.id()), vec![mode.id().to_string()]),
        Kind::Review => ("Review".to_string(), vec!["review".to_string()]),
        Kind::Orientations => ("Orientations".to_string(), vec!["orientations".to_string()]),
    };
    let mut tags: Vec<String> = tags.into_iter().map(|t| format!("@{t}")).collect();
    if !plan.context.is_empty() {
        tags.push(format!("@{}", slug(&plan.context)));
    }
    let title = if plan.context.is_empty() {
        title
    } else {
        format!("{title}: {}", plan.context)
    };
    let replaced: std::collections::HashSet<&str> = answers
        .iter()
        .filter_map(|a| a.replaces.as_deref())
        .collect();
    for a in answers.iter().filter(|a| !replaced.contains(a.id.as_str())) {
        let Some(value) = &a.value else { continue };
        jrnl.push_str(&a.prompt_text);
        jrnl.push('\n');
        match value {
            AnswerValue::Text(t) => jrnl.push_str(t),
            AnswerValue::Number(x) => jrnl.push_str(&x.to_string()),
            AnswerValue::Items(items) => {
                jrnl.push_str(
                    &items
                        .iter()
                        .map(|i| format!("- {i}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
        }
        jrnl.push_str("\n\n");
    }

    let main = plan.packs[plan.packs.len() - 1];
    let session = Session {
        id,
        kind: match plan.kind {
            Kind::Review => "review",
            _ => "reflect",
        }
        .to_string(),
        mode: match plan.kind {
            Kind::Reflect(mode) => Some(mode.id().to_string()),
            _ => None,
        },
        pack_id: main.id.clone(),
        pack_version: main.version.to_string(),
        context: plan.context.clone(),
        language: plan.language.code().to_string(),
        depth: plan.depth.id().to_string(),
        prompt_count: plan.prompts.len() as i64,
        started_at: format_stamp(plan.started),
        finished_at: plan
            .finished
            .then(|| format_stamp(last + Duration::seconds(60))),
        status: if plan.finished {
            "finished"
        } else {
            "in_progress"
        }
        .to_string(),
        starred: false,
        packs: plan.packs.iter().map(|p| p.hash.clone()).collect(),
        answers,
    };
    let entry = JrnlEntry {
        started: plan.started,
        title,
        tags,
        body: jrnl,
    };
    (session, entry)
}

/// Where a file is written before it is renamed into place: its name plus `.part`.
fn part(path: &std::path::Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

/// A jrnl tag from a context: lower case, letters and digits joined by `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The summary lines of session `m`'s tidy walk (as `pi` writes them).
fn tidy_lines(g: &Generator<'_>, m: u64) -> Vec<String> {
    let mut lines = Vec::new();
    for n in g.tidy_targets(m) {
        let plan = g.plan(n);
        for (i, text) in g.statements_of(n, &plan).into_iter().enumerate() {
            let (decision, new) = g.decision(n, i, plan.language);
            lines.push(match decision {
                0 => format!("kept: {text}"),
                1 => format!("let go: {text}"),
                _ => format!("revised: {text} -> {new}"),
            });
        }
    }
    lines
}

/// The statements session `n` wrote, with what later happened to them, and the new
/// wordings its own tidy walk wrote.
fn statements(g: &Generator<'_>, n: u64, out: &mut Vec<Statement>) {
    let plan = g.plan(n);
    let texts = g.statements_of(n, &plan);
    if texts.is_empty() {
        return;
    }
    let mut rng = Rng::of(g.seed, n, STATEMENTS + 0x80);
    // The session's id is the first UUID of its content stream.
    let session_id = Rng::of(g.seed, n, CONTENT).uuid();
    let k = Generator::answered_kind(&plan, "statements").unwrap_or(0);
    let written = format_stamp(Generator::answered_at(plan.started, k));
    let tidy = g.tidied_by(n);
    for (i, text) in texts.into_iter().enumerate() {
        let id = rng.uuid();
        let mut events = vec![StatementEvent {
            id: rng.uuid(),
            event: "written".into(),
            session_id: Some(session_id.clone()),
            created_at: written.clone(),
        }];
        let mut revised = None;
        if let Some((m, at)) = tidy {
            let m_session = Rng::of(g.seed, m, CONTENT).uuid();
            let at = format_stamp(at);
            let (decision, new) = g.decision(n, i, plan.language);
            events.push(StatementEvent {
                id: rng.uuid(),
                event: ["kept", "let_go", "revised"][decision as usize].into(),
                session_id: Some(m_session.clone()),
                created_at: at.clone(),
            });
            if decision == 2 {
                revised = Some(Statement {
                    id: rng.uuid(),
                    text: new,
                    session_id: Some(m_session.clone()),
                    replaces: Some(id.clone()),
                    created_at: at.clone(),
                    events: vec![StatementEvent {
                        id: rng.uuid(),
                        event: "written".into(),
                        session_id: Some(m_session),
                        created_at: at,
                    }],
                });
            }
        }
        out.push(Statement {
            id,
            text,
            session_id: Some(session_id.clone()),
            replaces: None,
            created_at: written.clone(),
            events,
        });
        out.extend(revised);
    }
}

/// The commitment session `n` set, with its follow-up.
fn commitment(g: &Generator<'_>, n: u64) -> Option<Commitment> {
    let plan = g.plan(n);
    let (text, back) = g.commitment_of(n, &plan)?;
    let k = Generator::answered_kind(&plan, "commitment")?;
    let mut rng = Rng::of(g.seed, n, COMMITMENT + 0x80);
    let session_id = Rng::of(g.seed, n, CONTENT).uuid();
    let mut events = Vec::new();
    if let Some(m) = g.first_on_or_after(back)
        && rng.below(100) >= 3
    {
        let later = g.plan(m);
        let note = rng
            .chance(400)
            .then(|| rng_pick(&mut rng, lexicon(later.language).notes).to_string());
        events.push(CommitmentEvent {
            id: rng.uuid(),
            status: if rng.below(4) == 0 { "dropped" } else { "done" }.into(),
            note,
            session_id: Some(Rng::of(g.seed, m, CONTENT).uuid()),
            created_at: format_stamp(later.started + Duration::seconds(30)),
        });
    }
    Some(Commitment {
        id: rng.uuid(),
        session_id: Some(session_id),
        text,
        look_back: Some(back.format("%Y-%m-%d").to_string()),
        created_at: format_stamp(Generator::answered_at(plan.started, k)),
        events,
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let mut jrnl_path: Option<PathBuf> = None;
    let mut jrnl_json_path: Option<PathBuf> = None;
    let mut seed: u64 = 0x5EED_0F1D;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jrnl" => jrnl_path = Some(args.next().ok_or("--jrnl needs a FILE")?.into()),
            "--jrnl-json" => {
                jrnl_json_path = Some(args.next().ok_or("--jrnl-json needs a FILE")?.into());
            }
            "--seed" => seed = args.next().ok_or("--seed needs a number")?.parse()?,
            _ => positional.push(arg),
        }
    }
    let usage = "usage: gen_export OUT.json SESSIONS [--jrnl FILE] [--jrnl-json FILE] [--seed N]";
    let out_path = PathBuf::from(positional.first().ok_or(usage)?);
    let sessions: u64 = positional.get(1).ok_or(usage)?.parse()?;
    if sessions == 0 {
        return Err("SESSIONS must be at least 1".into());
    }

    let registry = PackRegistry::built_in().map_err(|e| e.to_string())?;
    let find = |id: &str| -> Result<[&Pack; 2], String> {
        let get = |l| {
            registry
                .find(id, l)
                .ok_or_else(|| format!("no built-in pack {id}"))
        };
        Ok([get(Language::Nl)?, get(Language::En)?])
    };
    let mode_pack = |m: Mode| -> Result<[&Pack; 2], String> {
        let get = |l| {
            registry
                .for_mode(m, l)
                .ok_or_else(|| format!("no pack for {}", m.id()))
        };
        Ok([get(Language::Nl)?, get(Language::En)?])
    };
    let packs = Packs {
        project: find("project")?,
        modes: [
            mode_pack(Mode::Verkennen)?,
            mode_pack(Mode::Onderhouden)?,
            mode_pack(Mode::Kiezen)?,
        ],
        review: find("review")?,
        orientations: find("orientations")?,
    };
    let mut snapshots: Vec<PackSnapshot> = Vec::new();
    for pair in [packs.project, packs.review, packs.orientations]
        .iter()
        .chain(packs.modes.iter())
    {
        for p in pair {
            snapshots.push(PackSnapshot {
                hash: p.hash.clone(),
                pack_id: p.id.clone(),
                version: p.version.to_string(),
                language: p.language.code().to_string(),
                toml: p.text.clone(),
            });
        }
    }

    let start = pi::clock::parse_stamp("1996-01-08T08:00:00Z").ok_or("bad start")?;
    let end = pi::clock::parse_stamp("2026-11-01T08:00:00Z").ok_or("bad end")?;
    let g = Generator {
        seed,
        sessions,
        start,
        step: ((end - start).num_seconds() / sessions as i64).max(1),
        packs,
    };

    let tmp = out_path.with_extension("json.part");
    let file = std::fs::File::create(&tmp)?;
    let header = Header {
        format: EXPORT_FORMAT.into(),
        version: FORMAT_VERSION,
        export_id: Rng::of(seed, u64::MAX, META).uuid(),
        exported_at: "2026-11-23T10:00:00.000Z".into(),
        pi_version: env!("CARGO_PKG_VERSION").into(),
        journal_id: Some(Rng::of(seed, u64::MAX - 1, META).uuid()),
        journal_name: Some("benchmark".into()),
        ask: None,
    };
    let mut doc = JsonExport::new(BufWriter::with_capacity(1 << 20, file), header);
    let mut jrnl = match &jrnl_path {
        Some(p) => Some((
            BufWriter::with_capacity(1 << 20, std::fs::File::create(part(p))?),
            p.clone(),
        )),
        None => None,
    };
    let mut jrnl_json = match &jrnl_json_path {
        Some(p) => {
            let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(part(p))?);
            w.write_all(b"{\"entries\": [")?;
            Some((w, p.clone()))
        }
        None => None,
    };
    let mut tag_counts: std::collections::BTreeMap<String, u64> = Default::default();
    let mut counts = Counts::default();

    doc.start(&snapshots)?;
    for n in 0..sessions {
        let (s, entry) = session(&g, n, &mut counts);
        doc.session(&s)?;
        if let Some((w, _)) = jrnl.as_mut() {
            w.write_all(entry.plain().as_bytes())?;
        }
        if let Some((w, _)) = jrnl_json.as_mut() {
            w.write_all(if n == 0 { b"\n  " } else { b",\n  " })?;
            serde_json::to_writer(&mut *w, &entry.json())?;
            for tag in &entry.tags {
                *tag_counts.entry(tag.clone()).or_default() += 1;
            }
        }
    }
    let mut batch = Vec::new();
    for n in 0..sessions {
        statements(&g, n, &mut batch);
        for s in batch.drain(..) {
            counts.statements += 1;
            doc.statement(&s)?;
        }
    }
    for n in 0..sessions {
        if let Some(c) = commitment(&g, n) {
            counts.commitments += 1;
            doc.commitment(&c)?;
        }
    }
    doc.finish()?;
    let file = doc.into_inner().into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, &out_path)?;
    if let Some((mut w, path)) = jrnl_json {
        write!(
            w,
            "\n], \"tags\": {}}}\n",
            serde_json::to_string(&tag_counts)?
        )?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(part(&path), &path)?;
    }
    if let Some((w, path)) = jrnl {
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(part(&path), &path)?;
    }
    eprintln!(
        "Wrote {sessions} sessions, {} answers ({} revisions, {} skipped, {} with '{RARE}'), \
         {} statements and {} commitments to {}.",
        counts.answers,
        counts.revisions,
        counts.skipped,
        counts.rare,
        counts.statements,
        counts.commitments,
        out_path.display()
    );
    Ok(())
}
