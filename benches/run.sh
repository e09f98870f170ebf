#!/usr/bin/env bash
# Benchmarks of pi against its floor: the sqlite3 shell doing the same work on the same file.
#
#   benches/run.sh              everything (about 25 minutes on a quiet 2-core machine)
#   benches/run.sh --small      leave out the 100,000-session part (about 8 minutes)
#   benches/run.sh --import-only  only the imports of 10,000 sessions
#   benches/run.sh --compare    then benches/compare.sh: pi against jrnl
#
# Every line is one command, run in pairs with its floor (`examples/bench_pair.rs`: pi, then
# the floor, then the floor, then pi, ...), so load from other work on the machine falls on
# both alike: the median and standard deviation (ms) and the peak memory (MB) of each side,
# and the ratio of the medians. The floor is the sqlite3 shell (`sqlite3 -readonly`) running
# the SQL that pi runs for that command (benches/floor/*.sql, with the parameters written
# in): for export, nested json_group_array queries that write the same JSON; for import, the
# same rows inserted into an empty journal with the same schema, triggers and pragmas (one
# INSERT ... SELECT per table, so the shell parses no SQL per row).
#
# Journals and files (target/bench/, made once and reused; PI_BENCH_DIR moves them):
#   journal-10000.db        examples/gen_journal: 10,004 sessions of pi's own kind (271k answers)
#   export-N.json, jrnl-N.json   examples/gen_export: a pi export and the same content as
#                           `jrnl --export json`, N = 10,000 and 100,000 sessions
#   imported-100000.db      what `pi import export-100000.json` made (made again every run:
#                           the import is measured)
# Results are appended to target/bench/results.tsv (one line per command, tab-separated).
#
# Environment: PI_BENCH_RUNS (pairs of quick commands, default 20), PI_BENCH_SLOW_RUNS (export
# and import, default 3), PI_BENCH_DIR, PI_BENCH_PI (another pi binary to measure, e.g. one
# built from an earlier commit; the journals must be of a version it reads).
set -euo pipefail
cd "$(dirname "$0")/.."

SMALL=0
COMPARE=0
ONLY_IMPORT=0
for arg in "$@"; do
    case "$arg" in
    --small) SMALL=1 ;;
    --import-only) ONLY_IMPORT=1 SMALL=1 ;;
    --compare) COMPARE=1 ;;
    -h | --help)
        awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
        exit 0
        ;;
    *)
        echo "run.sh: unknown argument '$arg' (try --help)" >&2
        exit 2
        ;;
    esac
done
RUNS="${PI_BENCH_RUNS:-20}"
SLOW="${PI_BENCH_SLOW_RUNS:-3}"
WORK="${PI_BENCH_DIR:-target/bench}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
export PI_BENCH_DIR="$WORK"
FLOOR_SQL="$PWD/benches/floor"
TMP="$WORK/tmp"
rm -rf "$TMP"
mkdir -p "$TMP"

say() { printf '%s\n' "$*" >&2; }
command -v sqlite3 >/dev/null 2>&1 || {
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        apt-get install -y -qq sqlite3 >/dev/null 2>&1 || true
    fi
    command -v sqlite3 >/dev/null 2>&1 || { say "run.sh: needs the sqlite3 shell (package sqlite3)"; exit 1; }
}

say "Building release ..."
cargo build --release --quiet --bin pi --example gen_journal --example gen_export --example bench_pair
PI="${PI_BENCH_PI:-$PWD/target/release/pi}"
PI="$(cd "$(dirname "$PI")" && pwd)/$(basename "$PI")"
PAIR="$PWD/target/release/examples/bench_pair"

# Nothing of pi's lands in the user's own directories; every run sees the same moment.
export PI_CONFIG_DIR="$WORK/config" PI_JOURNAL="$WORK/none.db" PI_NOW=2026-11-23T10:00:00Z
export NO_COLOR=1 TZ=UTC XDG_DATA_HOME="$WORK/xdg/data" XDG_CONFIG_HOME="$WORK/xdg/config"
mkdir -p "$PI_CONFIG_DIR" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
TODAY=2026-11-23

J10="$WORK/journal-10000.db"
if [ ! -f "$J10" ]; then
    say "Generating $J10 ..."
    target/release/examples/gen_journal "$J10" 10000
fi
SIZES=10000
[ "$SMALL" = 1 ] || SIZES="10000 100000"
for n in $SIZES; do
    if [ ! -f "$WORK/export-$n.json" ] || [ ! -f "$WORK/jrnl-$n.json" ] ||
        [ target/release/examples/gen_export -nt "$WORK/export-$n.json" ]; then
        say "Generating $WORK/export-$n.json and jrnl-$n.json ..."
        target/release/examples/gen_export "$WORK/export-$n.json" "$n" \
            --jrnl-json "$WORK/jrnl-$n.json" 2>"$WORK/gen-$n.txt"
    fi
done

RESULTS="$WORK/results.tsv"
{
    echo "# $(date -u +%Y-%m-%dT%H:%MZ) pi $("$PI" --version | awk '{print $2}') ($PI, tree $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' plus uncommitted work')), sqlite3 $(sqlite3 --version | awk '{print $1}'), $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), load $(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'command\tpi_median_ms\tpi_sd_ms\tpi_min_ms\tpi_max_ms\tpi_peak_mb\tfloor_median_ms\tfloor_sd_ms\tfloor_min_ms\tfloor_max_ms\tfloor_peak_mb\tratio\truns\n'
} >>"$RESULTS"
printf '%-48s %8s %7s %7s  %8s %7s %7s  %6s\n' "command" "pi ms" "± σ" "MB" "floor ms" "± σ" "MB" "ratio"

# pair NAME RUNS [bench_pair options] -- PI ARGS... [:: FLOOR ARGS...]
pair() {
    local name="$1" runs="$2"
    shift 2
    "$PAIR" --runs "$runs" --warmup "$([ "$runs" -ge 10 ] && echo 2 || echo 1)" --out "$RESULTS" "$name" "$@"
}

# sql DB: the sqlite3 shell on DB, read-only, as the floor runs it.
q() { sqlite3 -readonly "$1" "$2"; }

# floor_sql DB NAME KEY=VALUE...: benches/floor/NAME.sql with @KEY@ replaced by VALUE, written
# to $TMP; prints its path.
floor_sql() {
    local db="$1" name="$2"
    shift 2
    local out="$TMP/$(basename "$db" .db)-$name.sql"
    cp "$FLOOR_SQL/$name.sql" "$out"
    local kv
    for kv in "$@"; do
        KEY="${kv%%=*}" VALUE="${kv#*=}" perl -0pi -e 's/\@\Q$ENV{KEY}\E\@/$ENV{VALUE}/g' "$out"
    done
    echo "$out"
}

# reads DB WORD: the commands people run every day, against DB.
reads() {
    local db="$1" word="$2" runs="$3"
    local tag
    tag="$(basename "$db" .db)"
    local J=(--journal "$db")
    local S=(sqlite3 -batch -readonly "$db")
    local session
    session="$(q "$db" "SELECT id FROM sessions WHERE status = 'finished' ORDER BY started_at DESC, rowid DESC LIMIT 1")"
    local revisions="" statements=""
    local id
    for id in $(q "$db" "SELECT a.id FROM answers a WHERE a.session_id = '$session' AND a.replaces IS NOT NULL AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id) ORDER BY a.created_at, a.rowid"); do
        revisions+="$(sed "s/@ANSWER@/$id/g" "$FLOOR_SQL/show-revision.sql")"$'\n'
    done
    for id in $(q "$db" "SELECT id FROM statements WHERE session_id = '$session' ORDER BY created_at, rowid"); do
        statements+="$(sed "s/@STATEMENT@/$id/g" "$FLOOR_SQL/show-statement.sql")"$'\n'
    done
    # pi diff compares the two latest finished sessions of the newest finished one's mode.
    local new old from until
    new="$(q "$db" "SELECT id FROM sessions WHERE status = 'finished' AND mode IS NOT NULL ORDER BY started_at DESC, rowid DESC LIMIT 1")"
    old="$(q "$db" "SELECT id FROM sessions WHERE status = 'finished' AND mode = (SELECT mode FROM sessions WHERE id = '$new') AND id <> '$new' ORDER BY started_at DESC, rowid DESC LIMIT 1")"
    from="$(q "$db" "SELECT started_at FROM sessions WHERE id = '$old'")"
    until="$(q "$db" "SELECT finished_at FROM sessions WHERE id = '$new'")"

    pair "start-up: pi --version [$tag]" "$runs" -- "$PI" --version :: sqlite3 -version
    pair "pi list (the latest 50) [$tag]" "$runs" -- "$PI" "${J[@]}" list \
        :: "${S[@]}" ".read $(floor_sql "$db" list LIMIT=50)"
    pair "pi list --limit 10 [$tag]" "$runs" -- "$PI" "${J[@]}" list --limit 10 \
        :: "${S[@]}" ".read $(floor_sql "$db" list LIMIT=10)"
    pair "pi show ID [$tag]" "$runs" -- "$PI" "${J[@]}" show "${session:0:8}" \
        :: "${S[@]}" ".read $(floor_sql "$db" show SESSION="$session" PREFIX="${session:0:8}" \
            REVISIONS="$revisions" STATEMENT_COMMENTS="$statements")"
    pair "pi search $word [$tag]" "$runs" -- "$PI" "${J[@]}" search "$word" \
        :: "${S[@]}" ".read $(floor_sql "$db" search WORD="$word")"
    pair "pi history fit [$tag]" "$runs" -- "$PI" "${J[@]}" history fit \
        :: "${S[@]}" ".read $(floor_sql "$db" history PROMPT=fit)"
    pair "pi diff [$tag]" "$runs" -- "$PI" "${J[@]}" diff \
        :: "${S[@]}" ".read $(floor_sql "$db" diff OLD="$old" NEW="$new" FROM="$from" UNTIL="$until")"
    pair "pi status [$tag]" "$runs" -- "$PI" "${J[@]}" status \
        :: "${S[@]}" ".read $(floor_sql "$db" status TODAY="$TODAY")"
}

# export DB RUNS: everything as JSON to stdout (/dev/null). A JSON export notes in the journal
# what it shared; those notes are removed before each run so every run does the same work.
export_everything() {
    local db="$1" runs="$2"
    pair "pi export --since 1900 --format json -s -c -o - [$(basename "$db" .db)]" "$runs" \
        --prepare-a "sqlite3 '$db' 'DELETE FROM export_items; DELETE FROM exports;' >/dev/null" \
        -- "$PI" --journal "$db" export --since 1900 --format json --statements --commitments -o - \
        :: sqlite3 -batch -readonly "$db" ".read $FLOOR_SQL/export.sql"
    sqlite3 "$db" 'DELETE FROM export_items; DELETE FROM exports; PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
}

# An empty journal with the latest schema: the floor of an import inserts into a copy of it.
EMPTY="$WORK/empty.db"
rm -f "$EMPTY" "$EMPTY-wal" "$EMPTY-shm"
printf '{"format":"pi-export","version":2,"export_id":"00000000000000000000000000000000","exported_at":"2026-11-23T10:00:00.000Z","pi_version":"0.1.0","pack_snapshots":[],"sessions":[],"statements":[],"commitments":[]}\n' >"$TMP/empty.json"
"$PI" --journal "$EMPTY" import "$TMP/empty.json" --mine 2>/dev/null
sqlite3 "$EMPTY" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

# import NAME FILE RUNS [pi import options]: into a new journal each run, paired with the
# sqlite3 shell inserting the same rows, one INSERT ... SELECT per table from the journal of
# one more run made first (benches/floor/import.sql).
import_pair() {
    local name="$1" file="$2" runs="$3"
    shift 3
    local db="$TMP/import.db" floor="$TMP/floor.db" source="$TMP/source.db"
    rm -f "$db" "$db-wal" "$db-shm" "$source" "$source-wal" "$source-shm"
    "$PI" --journal "$source" import "$file" "$@" 2>/dev/null
    sqlite3 "$source" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    pair "$name" "$runs" --warmup 0 \
        --prepare-a "rm -f '$db' '$db-wal' '$db-shm'" \
        --prepare-b "rm -f '$floor-wal' '$floor-shm' && cp '$EMPTY' '$floor'" \
        -- "$PI" --journal "$db" import "$file" "$@" \
        :: sqlite3 -batch "$floor" ".read $(floor_sql "$source" import SOURCE="$source")"
    rm -f "$db" "$db-wal" "$db-shm" "$floor" "$floor-wal" "$floor-shm" "$source" "$source-wal" "$source-shm"
}

if [ "$ONLY_IMPORT" = 0 ]; then
    say "== 10,000 sessions of pi's own kind ($J10)"
    reads "$J10" zeldzaam "$RUNS"
    export_everything "$J10" "$SLOW"
fi

say "== import of 10,000 sessions / entries"
import_pair "pi import export-10000.json (pi export)" "$WORK/export-10000.json" "$SLOW" --mine
import_pair "pi import --from jrnl jrnl-10000.json" "$WORK/jrnl-10000.json" "$SLOW" --from jrnl

if [ "$SMALL" = 0 ]; then
    say "== 100,000 sessions"
    J100="$WORK/imported-100000.db"
    rm -f "$J100" "$J100-wal" "$J100-shm"
    # One run each: its time and peak memory. The pi export's journal is kept for what follows.
    pair "pi import export-100000.json (pi export)" 1 --warmup 0 -- \
        "$PI" --journal "$J100" import "$WORK/export-100000.json" --mine
    sqlite3 "$J100" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    pair "pi import --from jrnl jrnl-100000.json" 1 --warmup 0 \
        --prepare-a "rm -f '$TMP/jrnl.db' '$TMP/jrnl.db-wal' '$TMP/jrnl.db-shm'" -- \
        "$PI" --journal "$TMP/jrnl.db" import "$WORK/jrnl-100000.json" --from jrnl
    rm -f "$TMP/jrnl.db" "$TMP/jrnl.db-wal" "$TMP/jrnl.db-shm"
    reads "$J100" zeldzaamwoord 5
    export_everything "$J100" "$SLOW"
fi
if [ "$ONLY_IMPORT" = 0 ]; then
    # The call a shell makes at a Tab (fish's form, with descriptions): it must stay well
    # under 20 ms, since it runs while a person waits at the prompt.
    say "== completions at a Tab, 10,000 sessions"
    for words in "st" "show ''" "show 3" "show 3f" "resume ''" "review --session ''" \
        "history ''" "packs show ''"; do
        eval "set -- $words"
        pair "Tab: pi $words" "$RUNS" -- env PI_COMPLETE=fish PI_JOURNAL="$J10" "$PI" -- pi "$@"
    done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
say "Results: $RESULTS"

if [ "$COMPARE" = 1 ]; then
    benches/compare.sh
fi
