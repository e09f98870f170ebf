#!/usr/bin/env bash
# Comparative benchmarks: pi against jrnl (the most popular CLI journal) and against the
# sqlite3 shell running the same queries on the same journal file (the floor).
#
#   benches/compare.sh            journals of 1,000 and 10,000 sessions (about 7 minutes)
#   benches/compare.sh --large    also 100,000 sessions (pi only; about 9 minutes more)
#   benches/compare.sh --no-jrnl  leave jrnl out (no network needed)
#   benches/run.sh --compare      the same, after run.sh's own benchmarks
#
# For each size, examples/gen_export.rs writes a pi JSON export (and the same content as a
# jrnl plain-text journal); `pi import` of that export builds the journal, so the real write
# path is used, and is measured itself. Every command is timed as a whole process with
# hyperfine (median, standard deviation, min and max over several runs) and its peak memory
# taken with GNU time (maximum resident set size). Results: target/bench/compare/results.md.
#
# Everything lives under target/bench/compare (PI_BENCH_DIR/compare): the journals are always
# named with --journal, and PI_JOURNAL, PI_CONFIG_DIR and the XDG directories point there too,
# so ~/.local/share/pi is never touched. jrnl is installed from PyPI into
# target/bench/jrnl-venv (PI_BENCH_DIR/jrnl-venv) and reads a config file in a temporary
# directory; its journal is checked to be unchanged afterwards.
#
# Environment: PI_BENCH_RUNS (runs of quick commands, default 20), PI_BENCH_SLOW_RUNS (export
# and import, default 5 and 3), PI_BENCH_JRNL_RUNS (default 3), PI_BENCH_SIZES (default
# "1000 10000"), PI_BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

LARGE=0
JRNL_ON=1
for arg in "$@"; do
    case "$arg" in
    --large) LARGE=1 ;;
    --no-jrnl) JRNL_ON=0 ;;
    -h | --help)
        awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
        exit 0
        ;;
    *)
        echo "compare.sh: unknown argument '$arg' (try --help)" >&2
        exit 2
        ;;
    esac
done

RUNS="${PI_BENCH_RUNS:-20}"
EXPORT_RUNS="${PI_BENCH_SLOW_RUNS:-5}"
IMPORT_RUNS="${PI_BENCH_SLOW_RUNS:-3}"
JRNL_RUNS="${PI_BENCH_JRNL_RUNS:-3}"
SIZES="${PI_BENCH_SIZES:-1000 10000}"
[ "$LARGE" = 1 ] && SIZES="$SIZES 100000"
WORD=zeldzaamwoord # in about 1% of the generated answers
TAG=kiezen         # a mode, and jrnl's tag for it
PROMPT=fit         # a scale prompt of the kiezen and review packs

WORK="${PI_BENCH_DIR:-target/bench}"
mkdir -p "$WORK/compare"
CMP="$(cd "$WORK/compare" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# Nothing of pi's or jrnl's may land in the user's own directories.
export PI_CONFIG_DIR="$CMP/config" PI_JOURNAL="$CMP/none.db" PI_NOW=2026-11-23T10:00:00Z
export NO_COLOR=1 TZ=UTC XDG_DATA_HOME="$CMP/xdg/data" XDG_CONFIG_HOME="$CMP/xdg/config"
export XDG_CACHE_HOME="$CMP/xdg/cache" XDG_STATE_HOME="$CMP/xdg/state"
mkdir -p "$PI_CONFIG_DIR" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"

say() { printf '%s\n' "$*" >&2; }

# need COMMAND PACKAGE: installs PACKAGE with apt-get when COMMAND is missing (as root).
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        say "Installing $2 ..."
        apt-get install -y -qq "$2" >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$2" >/dev/null 2>&1; } || true
    fi
    command -v "$1" >/dev/null 2>&1 || { say "compare.sh: needs $1 (package $2)"; exit 1; }
}
need hyperfine hyperfine
need sqlite3 sqlite3
need python3 python3
[ -x /usr/bin/time ] || need /usr/bin/time time
[ -x /usr/bin/time ] || { say "compare.sh: needs GNU time in /usr/bin/time"; exit 1; }

say "Building release ..."
cargo build --release --quiet --bin pi --example gen_export
PI="$PWD/target/release/pi"
GEN="$PWD/target/release/examples/gen_export"

JRNL=""
if [ "$JRNL_ON" = 1 ]; then
    VENV="$(cd "$WORK" && pwd)/jrnl-venv"
    if [ ! -x "$VENV/bin/jrnl" ]; then
        say "Installing jrnl into $VENV ..."
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install --quiet jrnl
    fi
    JRNL="$VENV/bin/jrnl"
    JRNL_VERSION="$("$VENV/bin/python" -c 'import jrnl; print(jrnl.__version__)')"
fi

{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "pi: $("$PI" --version) ($(git rev-parse --short HEAD 2>/dev/null || echo '?') plus uncommitted work)"
    echo "hyperfine: $(hyperfine --version | awk '{print $2}')"
    echo "sqlite3: $(sqlite3 --version | awk '{print $1}')"
    [ -n "$JRNL" ] && echo "jrnl: $JRNL_VERSION ($("$VENV/bin/python" --version))"
    echo "cpu: $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$CMP/environment.txt"

# measure SIZE KEY RUNS WARMUP COMMAND...: hyperfine's statistics into SIZE-KEY.json, then one
# more run under GNU time for the peak memory (SIZE-KEY.mem, in KB).
measure() {
    local size="$1" key="$2" runs="$3" warmup="$4"
    shift 4
    local cmd="" arg
    for arg in "$@"; do cmd+="$(printf '%q' "$arg") "; done
    say "  [$size] $key: $*"
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" \
        --export-json "$CMP/$size-$key.json" "$cmd" >/dev/null
    /usr/bin/time -f %M -o "$CMP/$size-$key.mem" "$@" >/dev/null 2>&1 || true
}

for N in $SIZES; do
    EXPORT="$CMP/export-$N.json"
    JTXT="$CMP/jrnl-$N.txt"
    DB="$CMP/journal-$N.db"
    export PI_JOURNAL="$DB"
    rm -f "$CMP/$N"-*.json "$CMP/$N"-*.mem

    # The generated content: same seed, same files; made again only when the generator is new.
    want_jrnl=0
    [ -n "$JRNL" ] && [ "$N" -le 10000 ] && want_jrnl=1
    if [ ! -f "$EXPORT" ] || [ "$GEN" -nt "$EXPORT" ] || { [ "$want_jrnl" = 1 ] && [ ! -f "$JTXT" ]; }; then
        say "Generating $N sessions ..."
        if [ "$want_jrnl" = 1 ]; then
            "$GEN" "$EXPORT" "$N" --jrnl "$JTXT" 2>"$CMP/gen-$N.txt"
        else
            "$GEN" "$EXPORT" "$N" 2>"$CMP/gen-$N.txt"
        fi
    fi

    # pi import of everything, into a fresh journal each run; the last run's journal stays.
    say "  [$N] import (each run into a new journal) ..."
    hyperfine -N --style none --runs "$([ "$N" -gt 10000 ] && echo 1 || echo "$IMPORT_RUNS")" \
        --prepare "rm -f $DB $DB-wal $DB-shm" --export-json "$CMP/$N-pi-import.json" \
        "/usr/bin/time -f %M -o $CMP/$N-pi-import.mem $PI --journal $DB import --mine $EXPORT" >/dev/null

    q() { sqlite3 -readonly "$DB" "$1"; }
    SHOW_ID="$(q "SELECT id FROM sessions WHERE status = 'finished' ORDER BY started_at DESC LIMIT 1")"
    {
        echo "sessions: $(q 'SELECT count(*) FROM sessions')"
        echo "answers: $(q 'SELECT count(*) FROM answers')"
        echo "answers with $WORD: $(q "SELECT count(*) || ' (' || round(100.0 * count(*) / (SELECT count(*) FROM answers), 2) || '%)' FROM answers WHERE value LIKE '%$WORD%'")"
        echo "statements: $(q 'SELECT count(*) FROM statements')"
        echo "commitments: $(q 'SELECT count(*) FROM commitments')"
        echo "answers to $PROMPT: $(q "SELECT count(*) FROM answers WHERE prompt_id = '$PROMPT'")"
        echo "journal MB: $(($(stat -c %s "$DB") / 1048576))"
        echo "export MB: $(($(stat -c %s "$EXPORT") / 1048576))"
        [ -f "$JTXT" ] && echo "jrnl MB: $(($(stat -c %s "$JTXT") / 1048576))"
        echo "first session: $(q 'SELECT min(started_at) FROM sessions')"
        echo "last session: $(q 'SELECT max(started_at) FROM sessions')"
    } >"$CMP/facts-$N.txt"

    R="$RUNS"
    ER="$EXPORT_RUNS"
    if [ "$N" -gt 10000 ]; then
        R=5
        ER=2
    fi
    J=(--journal "$DB")
    measure "$N" pi-version "$R" 3 "$PI" --version
    measure "$N" pi-list "$R" 2 "$PI" "${J[@]}" list
    if "$PI" list --help | grep -q -- '--all'; then
        measure "$N" pi-list-all "$R" 2 "$PI" "${J[@]}" list --all
    fi
    measure "$N" pi-list10 "$R" 2 "$PI" "${J[@]}" list --limit 10
    if "$PI" list --help | grep -q -- '--mode'; then
        measure "$N" pi-list-mode "$R" 2 "$PI" "${J[@]}" list --mode "$TAG"
    fi
    measure "$N" pi-show "$R" 2 "$PI" "${J[@]}" show "$SHOW_ID"
    measure "$N" pi-search "$R" 2 "$PI" "${J[@]}" search "$WORD"
    measure "$N" pi-search-mode "$R" 2 "$PI" "${J[@]}" search "$WORD" --mode "$TAG"
    if "$PI" --help | grep -q '^  diff '; then
        measure "$N" pi-diff "$R" 2 "$PI" "${J[@]}" diff
    fi
    measure "$N" pi-history "$R" 2 "$PI" "${J[@]}" history "$PROMPT"
    measure "$N" pi-status "$R" 2 "$PI" "${J[@]}" status
    measure "$N" pi-export "$ER" 1 "$PI" "${J[@]}" export --since 1900 --format json \
        --statements --commitments -o "$CMP/out-$N.json" --force
    if [ "$want_jrnl" = 1 ]; then
        # What jrnl's export and tag filter are compared with.
        measure "$N" pi-export-stdout "$ER" 1 "$PI" "${J[@]}" export --since 1900 --format json \
            --statements --commitments -o -
        measure "$N" pi-export-mode "$ER" 1 "$PI" "${J[@]}" export --mode "$TAG"
    fi
    rm -f "$CMP/out-$N.json"

    # The floor: the same queries in the sqlite3 shell, on the same file (the SQL pi runs,
    # with the parameters written in; kept in compare/sql/ to read or run by hand).
    COLS="s.id, s.kind, s.mode, s.pack_id, s.pack_version, s.context, s.language, s.depth,
       s.prompt_count, s.started_at, s.finished_at, s.status,
       (SELECT count(*) FROM answers a WHERE a.session_id = s.id AND a.skipped = 0
          AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id))"
    ACOLS="a.id, a.session_id, a.pack_id, a.pack_version, a.prompt_id, a.prompt_kind,
       a.prompt_text, a.value, a.skipped, a.replaces, a.created_at"
    search_sql() {
        cat <<EOF
SELECT search_index.kind, search_index.record_id, s.id, search_index.date, s.mode, s.pack_id,
       COALESCE(s.context, ''), a.prompt_id, a.prompt_text, search_index.body,
       snippet(search_index, 0, '[', ']', '...', 16)
FROM search_index
LEFT JOIN sessions s ON s.id = search_index.session_id
LEFT JOIN answers a ON search_index.kind = 'answer' AND a.id = search_index.record_id
WHERE search_index MATCH '$1'
  AND (search_index.kind <> 'answer'
       OR NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = search_index.record_id))
ORDER BY search_index.rowid DESC
LIMIT 51;
EOF
    }
    SQL="$CMP/sql"
    mkdir -p "$SQL"
    echo "SELECT $COLS FROM sessions s ORDER BY s.started_at DESC, s.rowid DESC;" >"$SQL/list.sql"
    echo "SELECT $COLS FROM sessions s ORDER BY s.started_at DESC, s.rowid DESC LIMIT 50;" >"$SQL/list50.sql"
    echo "SELECT $COLS FROM sessions s ORDER BY s.started_at DESC, s.rowid DESC LIMIT 10;" >"$SQL/list10.sql"
    {
        echo "SELECT $COLS FROM sessions s WHERE s.id = '$SHOW_ID';"
        echo "SELECT $ACOLS FROM answers a WHERE a.session_id = '$SHOW_ID' ORDER BY a.created_at, a.rowid;"
    } >"$SQL/show-$N.sql"
    search_sql "body : (\"$WORD\")" >"$SQL/search.sql"
    search_sql "body : (\"$WORD\") AND facets : \"mode$TAG\"" >"$SQL/search-mode.sql"
    cat >"$SQL/history.sql" <<EOF
SELECT $ACOLS, s.started_at, s.mode, s.context
FROM answers a JOIN sessions s ON s.id = a.session_id
WHERE a.prompt_id IN ('$PROMPT') AND a.skipped = 0
  AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id)
ORDER BY s.started_at, a.created_at, a.rowid;
EOF
    S=(sqlite3 -batch -readonly "$DB")
    measure "$N" sql-list "$R" 2 "${S[@]}" ".read $SQL/list.sql"
    measure "$N" sql-list50 "$R" 2 "${S[@]}" ".read $SQL/list50.sql"
    measure "$N" sql-list10 "$R" 2 "${S[@]}" ".read $SQL/list10.sql"
    measure "$N" sql-show "$R" 2 "${S[@]}" ".read $SQL/show-$N.sql"
    measure "$N" sql-search "$R" 2 "${S[@]}" ".read $SQL/search.sql"
    measure "$N" sql-search-mode "$R" 2 "${S[@]}" ".read $SQL/search-mode.sql"
    measure "$N" sql-history "$R" 2 "${S[@]}" ".read $SQL/history.sql"

    # jrnl, on the same content in its own plain-text format.
    if [ "$want_jrnl" = 1 ]; then
        cfg="$TMP/jrnl-$N.yaml"
        cat >"$cfg" <<EOF
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $JTXT
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: '$JRNL_VERSION'
EOF
        before="$(md5sum <"$JTXT")"
        JR=("$JRNL" --config-file "$cfg")
        measure "$N" jrnl-list10 "$JRNL_RUNS" 0 "${JR[@]}" -n 10
        measure "$N" jrnl-search "$JRNL_RUNS" 0 "${JR[@]}" -contains "$WORD"
        measure "$N" jrnl-tag "$JRNL_RUNS" 0 "${JR[@]}" "@$TAG"
        measure "$N" jrnl-tag-search "$JRNL_RUNS" 0 "${JR[@]}" -and -contains "$WORD" "@$TAG"
        measure "$N" jrnl-export "$JRNL_RUNS" 0 "${JR[@]}" --format json
        [ "$before" = "$(md5sum <"$JTXT")" ] || say "compare.sh: jrnl changed $JTXT!"
    fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$CMP/environment.txt"

python3 - "$CMP" $SIZES <<'PY'
import json, os, sys

cmp, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]

def stats(size, key):
    path = os.path.join(cmp, f"{size}-{key}.json")
    if not os.path.exists(path):
        return None
    r = json.load(open(path))["results"][0]
    mem = os.path.join(cmp, f"{size}-{key}.mem")
    kb = None
    if os.path.exists(mem):
        try:
            kb = int(open(mem).read().split()[-1])
        except (ValueError, IndexError):
            pass
    return dict(median=r["median"], stddev=r.get("stddev") or 0.0, min=r["min"],
                max=r["max"], runs=len(r["times"]), mb=kb / 1024 if kb else None)

def mb(s):
    return f"{s['mb']:.1f}" if s["mb"] else "?"

def ms(s):
    v = s * 1000
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"

def ratio(a, b):
    return f"{a / b:.2f}" if a / b >= 0.01 else f"{a / b:.4f}"

OPS = [
    ("pi-version", "`pi --version` (start-up)", None, None),
    ("pi-list", "`pi list` (the latest 50)", "sql-list50", None),
    ("pi-list-all", "`pi list --all`", "sql-list", None),
    ("pi-list10", "`pi list --limit 10`", "sql-list10", "jrnl-list10"),
    ("pi-list-mode", "`pi list --mode kiezen`", None, "jrnl-tag"),
    ("pi-show", "`pi show ID`", "sql-show", None),
    ("pi-search", "`pi search zeldzaamwoord`", "sql-search", "jrnl-search"),
    ("pi-search-mode", "`pi search zeldzaamwoord --mode kiezen`", "sql-search-mode", "jrnl-tag-search"),
    ("pi-diff", "`pi diff`", None, None),
    ("pi-history", "`pi history fit`", "sql-history", None),
    ("pi-status", "`pi status`", None, None),
    ("pi-export", "`pi export --since 1900 --format json --statements --commitments -o FILE`", None, None),
    ("pi-export-stdout", "the same, `-o -`", None, "jrnl-export"),
    ("pi-export-mode", "`pi export --mode kiezen` (Markdown, every kiezen session in full)", None, "jrnl-tag"),
    ("pi-import", "`pi import` of everything, into a new journal", None, None),
]
JRNL_NAMES = {
    "jrnl-list10": "`jrnl -n 10`",
    "jrnl-search": "`jrnl -contains zeldzaamwoord`",
    "jrnl-tag": "`jrnl @kiezen`",
    "jrnl-tag-search": "`jrnl -and -contains zeldzaamwoord @kiezen`",
    "jrnl-export": "`jrnl --format json`",
}

out = []
for f in ("environment.txt",):
    out.append("```\n" + open(os.path.join(cmp, f)).read().strip() + "\n```\n")
for size in sizes:
    facts = os.path.join(cmp, f"facts-{size}.txt")
    out.append(f"### {size:,} sessions\n")
    if os.path.exists(facts):
        out.append("```\n" + open(facts).read().strip() + "\n```\n")
    out.append("| command | median ms | ± σ | min–max ms | runs | peak MB | sqlite3 ms | pi / sqlite3 |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for key, name, floor, _ in OPS:
        s = stats(size, key)
        if not s:
            continue
        f = stats(size, floor) if floor else None
        out.append(
            f"| {name} | {ms(s['median'])} | {ms(s['stddev'])} | {ms(s['min'])}–{ms(s['max'])} "
            f"| {s['runs']} | {mb(s)} | "
            + (f"{ms(f['median'])} | {ratio(s['median'], f['median'])} |" if f else "| |")
        )
    rows = []
    for key, name, _, jkey in OPS:
        s, j = stats(size, key), stats(size, jkey) if jkey else None
        if s and j:
            rows.append(
                f"| {JRNL_NAMES[jkey]} | {ms(j['median'])} | {ms(j['stddev'])} | {j['runs']} "
                f"| {mb(j)} | {name} | {ms(s['median'])} | {ratio(s['median'], j['median'])} "
                f"| {j['median'] / s['median']:,.0f}× |"
            )
    if rows:
        out.append("")
        out.append("| jrnl | median ms | ± σ | runs | peak MB | pi | median ms | pi / jrnl | pi faster |")
        out.append("|---|---:|---:|---:|---:|---|---:|---:|---:|")
        out.extend(rows)
    out.append("")

# Targets, at 10,000 sessions (or the largest size measured below that).
t = 10000 if 10000 in sizes else max(s for s in sizes if s <= 10000)
out.append(f"### Targets at {t:,} sessions\n")
out.append("| target | measured | verdict |")
out.append("|---|---|---|")
def target(name, key, limit):
    s = stats(t, key)
    if not s:
        return
    v = s["median"]
    verdict = "met" if v < limit else f"missed by {ms(v - limit)} ms ({v / limit:.1f}× the target)"
    out.append(f"| {name} under {ms(limit)} ms | {ms(v)} ms | {verdict} |")
target("start-up", "pi-version", 0.005)
for key, name in [("pi-list", "list"), ("pi-list-all", "list --all"),
                  ("pi-list10", "list --limit 10"), ("pi-show", "show"),
                  ("pi-diff", "diff"), ("pi-history", "history"), ("pi-status", "status"),
                  ("pi-search", "search")]:
    target(name, key, 0.050)
target("export of everything", "pi-export", 3.0)
for key, name in [("pi-export", "export"), ("pi-import", "import")]:
    mems = [(n, stats(n, key)) for n in sizes]
    mems = [(n, s["mb"]) for n, s in mems if s and s["mb"]]
    if len(mems) >= 2:
        (n0, m0), (n1, m1) = mems[0], mems[-1]
        flat = m1 / m0 < 1.5
        out.append(f"| {name} memory flat in journal size | {m0:.1f} MB at {n0:,}, {m1:.1f} MB at {n1:,} "
                   f"| {'met' if flat else 'missed'} |")
for key, name, _, jkey in OPS:
    s, j = stats(t, key), stats(t, jkey) if jkey else None
    if s and j:
        x = j["median"] / s["median"]
        out.append(f"| 20× faster than {JRNL_NAMES[jkey]}: {name} | {x:,.0f}× | "
                   f"{'met' if x >= 20 else 'missed'} |")

text = "\n".join(out) + "\n"
open(os.path.join(cmp, "results.md"), "w").write(text)
print(text)
PY
say "Results: $CMP/results.md"
