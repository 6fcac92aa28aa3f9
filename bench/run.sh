#!/usr/bin/env bash
# Reruns the benchmarks of docs/benchmarks.md, as whole processes, with public tools:
#   hyperfine (Debian package `hyperfine`), GNU time (`time`), and optionally Taskwarrior 2.6
#   (`taskwarrior`) for the side-by-side comparison.
#
#   bench/run.sh              # all sizes: 1,000, 10,000 and 100,000 prospects
#   SIZES="1000" bench/run.sh # a quick run
#
# Results go to $BENCH_OUT (default: target/bench): medians-SIZE.md (medians, the figures of
# docs/benchmarks.md), times-SIZE.md (means), memory.txt, and the busy-day, import and
# Taskwarrior tables. Nothing here is run by the test suite: timings are not tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-30}
OUT=${BENCH_OUT:-target/bench}
DAY=2026-11-23
export FOLLOWUP_NOW="${DAY}T08:00"
unset FOLLOWUP_CADENCE

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install hyperfine time)" >&2; exit 2; }
done

mkdir -p "$OUT"
rm -f "$OUT"/*.db "$OUT"/*.db-wal "$OUT"/*.db-shm
cargo build --release --locked --quiet --bin followup --example generate-pipeline
followup=$PWD/target/release/followup
generate=$PWD/target/release/examples/generate-pipeline
has() { "$followup" "$1" --help >/dev/null 2>&1; }

peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

# hyperfine's markdown gives means; the issue's figures are medians, which its JSON holds.
medians() {
    python3 - "$1" "$2" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
with open(sys.argv[2], "w") as out:
    out.write("| command | median ms | min ms | max ms |\n|:---|---:|---:|---:|\n")
    for r in results:
        command = r["command"].replace(sys.argv[1].rsplit("/", 1)[0] + "/", "")
        out.write(f"| `{command}` | {r['median']*1000:.1f} | {r['min']*1000:.1f} | {r['max']*1000:.1f} |\n")
PY
}

: > "$OUT/memory.txt"
for size in $SIZES; do
    db=$OUT/book-$size.db
    echo "== $size prospects: generating"
    "$generate" "$size" "$db"
    # One prospect with fifty attempts, for `show`; its agreed date keeps it off today's list.
    long=$(FOLLOWUP_DB=$db "$followup" add "Fifty Attempts" --json | sed -n 's/^  "id": \([0-9]*\),$/\1/p')
    for week in $(seq 50 -1 1); do
        FOLLOWUP_DB=$db "$followup" log "$long" --at "$(date -d "$DAY - $week week" +%F)T10:00" >/dev/null
    done
    FOLLOWUP_DB=$db "$followup" log "$long" --outcome replied --next 2027-01-15 >/dev/null
    # `log` writes: time it on a copy so the other commands see the generated book.
    cp "$db" "$db.log.db"

    commands=(
        "$followup --db $db today"
        "$followup --db $db today --json"
        "$followup --db $db.log.db log 1"
        "$followup --db $db show $long"
        "$followup --db $db list --status active"
    )
    has stats && commands+=("$followup --db $db stats")
    has agenda && commands+=("$followup --db $db agenda --days 10")
    hyperfine --warmup 3 --runs "$RUNS" -N --style basic \
        --export-markdown "$OUT/times-$size.md" --export-json "$OUT/times-$size.json" "${commands[@]}"
    medians "$OUT/times-$size.json" "$OUT/medians-$size.md"

    for args in "today" "today --json" "show $long" "list --status active" \
        "list --status all --json" "export" "stats" "agenda --days 10"; do
        # shellcheck disable=SC2086
        echo "$size prospects, $args: $(peak_kb "$followup" --db "$db" $args) KB" >> "$OUT/memory.txt"
    done
done

echo "== a pathological day: 5,000 actions due among 100,000 prospects"
"$generate" 100000 "$OUT/busy.db" 5000
hyperfine --warmup 2 --runs 10 -N --style basic --export-markdown "$OUT/busy.md" \
    --export-json "$OUT/busy.json" \
    "$followup --db $OUT/busy.db today" "$followup --db $OUT/busy.db today --json"
medians "$OUT/busy.json" "$OUT/medians-busy.md"
echo "busy day, today: $(peak_kb "$followup" --db "$OUT/busy.db" today) KB" >> "$OUT/memory.txt"

if has import && has export; then
    echo "== import of 100,000 prospects"
    FOLLOWUP_DB="$OUT/book-100000.db" "$followup" export --format csv --status all > "$OUT/book.csv" || true
    if [ -s "$OUT/book.csv" ]; then
        hyperfine --runs 5 -N --style basic --export-markdown "$OUT/import.md" \
            --export-json "$OUT/import.json" \
            --prepare "rm -f $OUT/import.db $OUT/import.db-wal $OUT/import.db-shm" \
            "$followup --db $OUT/import.db import $OUT/book.csv"
        medians "$OUT/import.json" "$OUT/medians-import.md"
    fi
fi

if has import; then
    # Issue 15's target: a million leads from a CRM's CSV into a new book, 10 s and 100 MB.
    rows=${IMPORT_ROWS:-1000000}
    echo "== import of $rows leads from CSV into a new book"
    python3 bench/leads.py "$rows" "$OUT/leads.csv"
    fresh="rm -f $OUT/leads.db $OUT/leads.db-wal $OUT/leads.db-shm $OUT/leads.db-journal"
    hyperfine --runs 3 -N --style basic --export-markdown "$OUT/import-leads.md" \
        --export-json "$OUT/import-leads.json" --prepare "$fresh" \
        "$followup --db $OUT/leads.db import $OUT/leads.csv"
    medians "$OUT/import-leads.json" "$OUT/medians-import-leads.md"
    $fresh
    echo "import of $rows leads: $(peak_kb "$followup" --db "$OUT/leads.db" import "$OUT/leads.csv") KB" >> "$OUT/memory.txt"
    # About 90 MB of CSV and 300 MB of book: not worth keeping.
    $fresh
    rm -f "$OUT/leads.csv"
fi

if command -v task >/dev/null; then
    echo "== Taskwarrior $(task --version): the due items of 10,000 pending tasks"
    export TASKDATA=$OUT/taskdata TASKRC=$OUT/taskrc
    rm -rf "$TASKDATA" && mkdir -p "$TASKDATA"
    printf 'data.location=%s\nconfirmation=off\nverbose=nothing\ngc=off\n' "$TASKDATA" > "$TASKRC"
    python3 - "$OUT/tasks.json" <<'PY'
import json, sys
tasks = []
for i in range(10000):
    # Fifty due on the benchmark day, the rest spread over the coming months.
    due = "20261123T080000Z" if i % 200 == 0 else "2027%02d%02dT080000Z" % (1 + i % 12, 1 + i % 28)
    tasks.append({"description": f"Call prospect {i}", "status": "pending", "entry": "20260101T000000Z",
                  "due": due, "uuid": "00000000-0000-4000-8000-%012d" % i})
json.dump(tasks, open(sys.argv[1], "w"))
PY
    task import "$OUT/tasks.json" >/dev/null 2>&1
    hyperfine --warmup 3 --runs "$RUNS" -N --style basic --export-markdown "$OUT/taskwarrior.md" \
        --export-json "$OUT/taskwarrior.json" \
        "task rc.gc=off due.before:2026-11-24 list" \
        "$followup --db $OUT/book-10000.db today"
    medians "$OUT/taskwarrior.json" "$OUT/medians-taskwarrior.md"
fi

echo "== results in $OUT"
