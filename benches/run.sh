#!/usr/bin/env bash
# Benchmarks of pi against a large generated journal.
#
#   benches/run.sh            10,000 sessions (about 270,000 answers), 20 runs per command
#   benches/run.sh 2000       a smaller journal
#   PI_BENCH_RUNS=50 benches/run.sh
#   benches/run.sh --compare  then benches/compare.sh: pi against jrnl and the sqlite3 shell
#
# Builds release, generates the journal once (target/bench/, reused on later runs), and prints
# the median wall-clock time of each command. Uses hyperfine when it is there (and installs it
# with apt-get when missing and possible); otherwise a loop around `date +%s%N`.
# Add a section per group of commands at the end; each calls `bench NAME COMMAND...`.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPARE=0
if [ "${1:-}" = --compare ]; then
    COMPARE=1
    shift
fi
SESSIONS="${1:-10000}"
RUNS="${PI_BENCH_RUNS:-20}"
WORK="${PI_BENCH_DIR:-target/bench}"
mkdir -p "$WORK"

cargo build --release --quiet --bin pi --example gen_journal
JOURNAL="$WORK/journal-$SESSIONS.db"
if [ ! -f "$JOURNAL" ]; then
    echo "Generating $JOURNAL ..." >&2
    target/release/examples/gen_journal "$JOURNAL" "$SESSIONS"
fi

# Every run sees the same fixed moment, no config file and no colour.
export PI_JOURNAL="$JOURNAL" PI_CONFIG_DIR="$WORK/config" PI_NOW=2026-11-23T10:00:00Z NO_COLOR=1
PI="$PWD/target/release/pi"

if ! command -v hyperfine >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
    && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
fi

printf '%-52s %12s\n' "command (journal: $SESSIONS sessions)" "median ms"

# bench NAME ARGS...: runs `pi ARGS...` $RUNS times after two warm-up runs, prints the median.
# A command that exits non-zero stops the script, unless BENCH_EXIT names its exit code.
bench() {
    local name="$1"
    shift
    local median
    if command -v hyperfine >/dev/null 2>&1; then
        local cmd="$PI"
        local arg
        for arg in "$@"; do cmd+=" $(printf '%q' "$arg")"; done
        if [ -n "${BENCH_EXIT:-}" ]; then
            cmd="$cmd; test \$? -eq $BENCH_EXIT"
        fi
        hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$WORK/hyperfine.json" \
            "$cmd" >/dev/null 2>&1
        median=$(sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$WORK/hyperfine.json" | head -n1)
        median=$(awk -v s="$median" 'BEGIN { printf "%.1f", s * 1000 }')
    else
        local times=() i start end
        "$PI" "$@" >/dev/null 2>&1 || true
        "$PI" "$@" >/dev/null 2>&1 || true
        for ((i = 0; i < RUNS; i++)); do
            start=$(date +%s%N)
            "$PI" "$@" >/dev/null 2>&1 || true
            end=$(date +%s%N)
            times+=("$(((end - start) / 1000))")
        done
        median=$(printf '%s\n' "${times[@]}" | sort -n |
            awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }')
    fi
    printf '%-52s %12s\n' "$name" "$median"
}

# bench_complete NAME WORDS...: like bench, for the call a shell makes at a Tab:
# `PI_COMPLETE=fish pi -- pi WORDS...` (fish's form, with descriptions), the last word being
# what is typed so far.
bench_complete() {
    local name="$1"
    shift
    local median
    if command -v hyperfine >/dev/null 2>&1; then
        local cmd="PI_COMPLETE=fish $PI -- pi"
        local arg
        for arg in "$@"; do cmd+=" $(printf '%q' "$arg")"; done
        hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$WORK/hyperfine.json" \
            "$cmd" >/dev/null 2>&1
        median=$(sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$WORK/hyperfine.json" | head -n1)
        median=$(awk -v s="$median" 'BEGIN { printf "%.1f", s * 1000 }')
    else
        local times=() i start end
        for ((i = 0; i < RUNS + 2; i++)); do
            start=$(date +%s%N)
            PI_COMPLETE=fish "$PI" -- pi "$@" >/dev/null 2>&1 || true
            end=$(date +%s%N)
            ((i < 2)) || times+=("$(((end - start) / 1000))")
        done
        median=$(printf '%s\n' "${times[@]}" | sort -n |
            awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }')
    fi
    printf '%-52s %12s\n' "$name" "$median"
}

## search, history, status
bench "pi search advies (common word)" search advies
bench "pi search zeldzaam (rare word)" search zeldzaam
bench "pi search reorg* (prefix)" search 'reorg*'
bench "pi search een advies --mode kiezen --since/--until" \
    search een advies --mode kiezen --since 2020-03 --until 2021-02
bench "pi search advies --json --limit 500" search advies --json --limit 500
bench "pi history fit (scale, ~3,300 answers)" history fit
bench "pi history colour (text, ~3,300 answers)" history colour
bench "pi history --statements" history --statements
bench "pi status" status
bench "pi status (no journal)" --journal "$WORK/none.db" status
BENCH_EXIT=10 bench "pi status --quiet (exit 10: commitments are due)" status --quiet

## shell completion: what one Tab costs (the shell runs pi once per Tab)
bench_complete "Tab: pi st (commands only, no journal read)" st
bench_complete "Tab: pi show (the 100 newest sessions)" show ''
bench_complete "Tab: pi show 3 (one digit: ~650 sessions)" show 3
bench_complete "Tab: pi show 3f (~40 sessions)" show 3f
bench_complete "Tab: pi resume (paused sessions)" resume ''
bench_complete "Tab: pi review --session (reviews)" review --session ''
bench_complete "Tab: pi history (every prompt answered)" history ''
bench_complete "Tab: pi packs show (built-in packs + journal)" packs show ''

## export (to stdout, which bench sends to /dev/null)
bench "pi export --since 1900 --format json -o -" export --since 1900 --format json -o -
bench "pi export ... json --statements --commitments" \
    export --since 1900 --format json --statements --commitments -o -
bench "pi export --since 1900 --format html -o -" export --since 1900 --format html -o -
bench "pi export --since 1900 (md)" export --since 1900

# Peak memory (GNU time's maximum resident set size) of an export of everything: it should
# stay flat however large the journal, because export streams record by record.
if [ -x /usr/bin/time ]; then
    for format in json html md; do
        kb=$(/usr/bin/time -v "$PI" export --since 1900 --format "$format" --statements \
            --commitments -o - 2>&1 >/dev/null | awk '/Maximum resident set size/ { print $NF }')
        printf '%-52s %9s MB\n' "peak memory: pi export --since 1900 --format $format" \
            "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
    done
fi

## diff (the selection reads newest first in pages, or in growing date windows for --since)
bench "pi diff (two latest sessions of one mode)" diff
bench "pi diff --format json" diff --format json
bench "pi diff --format md" diff --format md
bench "pi diff --mode kiezen" diff --mode kiezen
bench "pi diff --since 2y (first and last of a period)" diff --since 2y
bench "pi diff --since 2024 --until 2024-06 --mode onderhouden" \
    diff --since 2024 --until 2024-06 --mode onderhouden

## comparisons (keep this last): benches/compare.sh, behind --compare
if [ "$COMPARE" = 1 ]; then
    benches/compare.sh
fi
