#!/usr/bin/env bash
# The encrypted journal beside the plain one: the same commands on the same 10,000-session
# journal, plain and encrypted with `pi encrypt` (SQLCipher).
#
#   benches/encrypted.sh            10,000 sessions, 20 runs per quick command
#   benches/encrypted.sh 2000       a smaller journal
#   PI_BENCH_RUNS=10 PI_BENCH_SLOW_RUNS=2 benches/encrypted.sh
#   PI_BENCH_ONLY=import benches/encrypted.sh      only the import
#
# Builds release, generates the journal as benches/run.sh does (target/bench/journal-N.db,
# reused), copies it to target/bench/encrypted/plain.db and encrypted.db, times `pi encrypt`
# of the second once, then prints the median wall-clock ms of each command on both and the
# ratio. A scripted session of answers adds a session per run to both journals alike; the
# import goes into a new journal each run (an encrypted one made with `pi encrypt` first).
# Uses hyperfine (installed with apt-get when missing and possible).
set -euo pipefail
cd "$(dirname "$0")/.."

SESSIONS="${1:-10000}"
RUNS="${PI_BENCH_RUNS:-20}"
SLOW_RUNS="${PI_BENCH_SLOW_RUNS:-3}"
WORK="${PI_BENCH_DIR:-target/bench}"
DIR="$WORK/encrypted"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"

cargo build --release --quiet --bin pi --example gen_journal --example gen_export
JOURNAL="$WORK/journal-$SESSIONS.db"
if [ ! -f "$JOURNAL" ]; then
    echo "Generating $JOURNAL ..." >&2
    target/release/examples/gen_journal "$JOURNAL" "$SESSIONS"
fi
if ! command -v hyperfine >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
    && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
fi
command -v hyperfine >/dev/null 2>&1 || { echo "encrypted.sh needs hyperfine" >&2; exit 1; }

export PI_CONFIG_DIR="$DIR/config" PI_NOW=2026-11-23T10:00:00Z NO_COLOR=1
export PI_JOURNAL_PASSPHRASE="a benchmark passphrase"
PI="$PWD/target/release/pi"
PLAIN="$DIR/plain.db"
ENC="$DIR/encrypted.db"
rm -f "$PLAIN"* "$ENC"*
cp "$JOURNAL" "$PLAIN"
cp "$JOURNAL" "$ENC"
start=$(date +%s%N)
"$PI" --journal "$ENC" encrypt 2>/dev/null
end=$(date +%s%N)
printf 'pi encrypt of the %s-session journal (%s MB): %.1f s\n' "$SESSIONS" \
    "$(($(stat -c %s "$PLAIN") / 1048576))" "$(awk -v n="$((end - start))" 'BEGIN { print n / 1e9 }')"

# An answers file for the English kiezen pack: every prompt of a deep session.
ANSWERS="$DIR/answers.toml"
cat >"$ANSWERS" <<'EOF'
own-question = "What do I want to keep when the team changes?"
first-signal = "The meetings about the reorganisation made me restless."
fit = 3
patterns = "I take on the work nobody claims."
ambitions = "More depth in fewer projects."
own-pitfall = "Saying yes too quickly."
busyness = 4
conforming = 2
how-change = "Talk to my manager before the summer."
onion-stake = "My way of giving advice."
anchor = "Clear advice that people can act on."
choice = "Stay, and shape the new role."
statements = ["I stand for clear advice", "I keep my promises"]
commitment = "Ask for feedback after every workshop"
friend-topic = "Whether the new role still fits."
friend-question = "What do you see me avoid?"
EOF
# The import reads an export that examples/gen_export.rs writes (as benches/compare.sh does):
# every answer in it passes the import's checks.
# gen_export still writes the options of an older kiezen pack for `onion-layers`, which the
# import refuses; those answers are left empty here (the figures barely change).
if [ ! -f "$DIR/export-$SESSIONS.json" ]; then
    target/release/examples/gen_export "$DIR/generated-$SESSIONS.json" "$SESSIONS" >/dev/null
    perl -pe 's/("prompt_id":"onion-layers"[^}]*?"value":)\{"text":"[^"]*"\}/${1}null/g' \
        "$DIR/generated-$SESSIONS.json" >"$DIR/export-$SESSIONS.json"
    rm -f "$DIR/generated-$SESSIONS.json"
fi

# median_ms RUNS PREPARE COMMAND: the median of hyperfine's runs, in ms.
median_ms() {
    local runs="$1" prepare="$2" cmd="$3"
    hyperfine --style none --warmup "$([ "$runs" -ge 10 ] && echo 2 || echo 0)" --runs "$runs" \
        ${prepare:+--prepare "$prepare"} --export-json "$DIR/hyperfine.json" "$cmd" >/dev/null 2>&1
    sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$DIR/hyperfine.json" | head -n1 |
        awk '{ printf "%.1f", $1 * 1000 }'
}

# both NAME RUNS ARGS...: `pi --journal J ARGS` on the plain and the encrypted journal.
both() {
    local name="$1" runs="$2"
    shift 2
    local args="" arg
    for arg in "$@"; do args+=" $(printf '%q' "$arg")"; done
    local plain enc
    plain=$(median_ms "$runs" "" "$PI --journal $PLAIN$args")
    enc=$(median_ms "$runs" "" "$PI --journal $ENC$args")
    printf '| %s | %s | %s | %s |\n' "$name" "$plain" "$enc" \
        "$(awk -v a="$plain" -v b="$enc" 'BEGIN { printf "%.2f", b / a }')"
}

echo
echo "| command ($SESSIONS sessions) | plain ms | encrypted ms | encrypted / plain |"
echo "|---|---:|---:|---:|"
if [ "${PI_BENCH_ONLY:-}" != import ]; then
both '`pi --version` (start-up, no journal opened)' "$RUNS" --version
both '`pi list --limit 1` (start-up: open the journal, one row)' "$RUNS" list --limit 1
both '`pi list` (the latest 50)' "$RUNS" list
both '`pi search advies` (common word)' "$RUNS" search advies
both '`pi search zeldzaam` (rare word)' "$RUNS" search zeldzaam
both '`pi status`' "$RUNS" status
both '`pi reflect --mode kiezen --answers FILE` (a deep session, 16 answers)' "$RUNS" \
    reflect --mode kiezen --answers "$ANSWERS"
both '`pi export --since 1900 --format json -o -`' "$SLOW_RUNS" export --since 1900 --format json -o -
fi

# The import of everything into a new journal: plain, and encrypted from its start.
NEW="$DIR/new.db"
plain=$(median_ms "$SLOW_RUNS" "rm -f $NEW $NEW-wal $NEW-shm" \
    "$PI --journal $NEW import --mine $DIR/export-$SESSIONS.json")
enc=$(median_ms "$SLOW_RUNS" "rm -f $NEW $NEW-wal $NEW-shm; $PI --journal $NEW encrypt" \
    "$PI --journal $NEW import --mine $DIR/export-$SESSIONS.json")
printf '| %s | %s | %s | %s |\n' '`pi import --mine` of everything into a new journal' \
    "$plain" "$enc" "$(awk -v a="$plain" -v b="$enc" 'BEGIN { printf "%.2f", b / a }')"
rm -f "$NEW" "$NEW-wal" "$NEW-shm"
