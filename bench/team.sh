#!/usr/bin/env bash
# The team benchmark of docs/benchmarks.md: 20 reps sharing 200,000 prospects and about
# 2,000,000 attempts in one PostgreSQL database, on a throwaway local cluster (Debian package
# `postgresql`: initdb and pg_ctl; as root the cluster runs as the `postgres` user).
#
#   bench/team.sh                       # the issue's size
#   PROSPECTS=20000 RUNS=5 bench/team.sh  # a quick run
#   POOLER=1 bench/team.sh              # and again through PgBouncer (apt-get install pgbouncer)
#   KEEP=1 ...                          # leave the cluster (and pooler) running afterwards
#
# Measures, as whole processes with hyperfine: `today` and `stats` for one rep (connected as
# their own role, so row-level security applies), `today --team`, `stats --by-rep` and `stats`
# for the manager. With POOLER=1, then a bare `psql -c 'select 1'` (the floor), a rep's
# `today` and `today --json` and the manager's `today --team`, each straight to the server
# and through a PgBouncer in session mode (docs/team.md, "Through a pooler"), in one table.
# Results go to $BENCH_OUT (default: target/bench-team); the generated book is kept beside
# them ($BOOK, default $BENCH_OUT-book-$PROSPECTS.db) and reused. Timings are not tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PROSPECTS=${PROSPECTS:-200000}
REPS=${REPS:-20}
RUNS=${RUNS:-20}
OUT=$(realpath -m "${BENCH_OUT:-target/bench-team}")
DAY=2026-11-23
export FOLLOWUP_NOW="${DAY}T08:00"
unset FOLLOWUP_CADENCE FOLLOWUP_DB FOLLOWUP_REP

POOLER=${POOLER:-0}
tools=(hyperfine initdb pg_ctl psql sqlite3)
if [ "$POOLER" = 1 ]; then tools+=(pgbouncer); fi
for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null || {
        echo "bench: $tool is missing (apt-get install hyperfine postgresql sqlite3 pgbouncer)" >&2
        exit 2
    }
done

# PROFILE=dev tries the script quickly on a debug build; the figures are from release builds.
PROFILE=${PROFILE:-release}
# FOLLOWUP_BIN=PATH measures a binary built elsewhere (another commit), with an existing book.
build=$PWD/target/$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
generate=$build/examples/generate-pipeline
if [ -n "${FOLLOWUP_BIN:-}" ]; then
    followup=$(realpath "$FOLLOWUP_BIN")
else
    cargo build --profile "$PROFILE" --locked --quiet --bin followup --example generate-pipeline
    followup=$build/followup
fi

# The cluster: a socket only, no fsync (a benchmark, not a store of record).
pg=$OUT/pg
as_owner=()
if [ "$(id -u)" = 0 ]; then as_owner=(runuser -u postgres --); fi
if [ -f "$pg/postmaster.pid" ]; then "${as_owner[@]}" pg_ctl -D "$pg" stop -m fast >/dev/null || true; fi
if [ -f "$pg/pooler/pgbouncer.pid" ]; then kill "$(cat "$pg/pooler/pgbouncer.pid")" || true; fi
rm -rf "$OUT" && mkdir -p "$OUT"
if [ "$(id -u)" = 0 ]; then chown postgres "$OUT"; fi
"${as_owner[@]}" initdb -D "$pg" -U postgres --auth=trust >/dev/null
"${as_owner[@]}" pg_ctl -D "$pg" -l "$pg/log" -w start \
    -o "-k $pg -c listen_addresses= -c fsync=off -c synchronous_commit=off" >/dev/null
# KEEP=1 leaves the cluster (and the pooler) running for a look at the server's log.
stop_all() {
    if [ "${KEEP:-0}" = 1 ]; then
        echo "== left running: ${as_owner[*]} pg_ctl -D $pg stop; kill \$(cat $pg/pooler/pgbouncer.pid)"
        return
    fi
    if [ -f "$pg/pooler/pgbouncer.pid" ]; then kill "$(cat "$pg/pooler/pgbouncer.pid")" || true; fi
    "${as_owner[@]}" pg_ctl -D "$pg" stop -m fast >/dev/null
}
trap stop_all EXIT
psql_admin() { psql -h "$pg" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_admin -d postgres -c "CREATE DATABASE team"
url() { echo "postgresql:///team?host=$pg&user=$1"; }
admin=$(url postgres)

# The generated book is kept beside the results, so that a rerun skips the generation.
book=$(realpath -m "${BOOK:-$OUT-book-$PROSPECTS.db}")
if [ ! -f "$book" ]; then
    echo "== generating $PROSPECTS prospects"
    "$generate" "$PROSPECTS" "$book"
fi
# The schema, made by followup itself; then the generated rows, copied table by table.
"$followup" --db "$admin" list >/dev/null
for table in prospects attempts attempt_effects meta; do
    columns=$(sqlite3 "$book" "SELECT group_concat(name, ', ') FROM pragma_table_info('$table')")
    sqlite3 -csv "$book" "SELECT $columns FROM $table" |
        psql_admin -d team -c "\\copy $table ($columns) FROM STDIN WITH (FORMAT csv)"
done
psql_admin -d team -c "
    SELECT setval(pg_get_serial_sequence('prospects', 'id'), max(id)) FROM prospects;
    SELECT setval(pg_get_serial_sequence('attempts', 'id'), max(id)) FROM attempts;
    ANALYZE;" >/dev/null

echo "== a manager and $REPS reps"
"$followup" --db "$admin" team init --name "Maria Manager" --email maria@team.example >/dev/null
for n in $(seq 1 "$REPS"); do
    "$followup" --db "$admin" rep add "Rep $n" --email "rep$n@team.example" --role "rep$n" \
        --create-role >/dev/null
done
# Every prospect to a rep, one in 21 left in the pool; each touch logged by the file's owner.
psql_admin -d team -c "
    UPDATE prospects SET owner = r.id FROM reps r
        WHERE r.email = 'rep' || (1 + prospects.id % $REPS) || '@team.example'
          AND prospects.id % 21 <> 0;
    UPDATE attempts SET rep = p.owner FROM prospects p WHERE p.id = attempts.prospect_id;
    DELETE FROM meta WHERE key = 'rules_fingerprint';" >/dev/null
# The rows were copied behind followup's back: with the rules' fingerprint gone, the manager's
# next command stores every file's due date and the figures `stats` sums (who logged each
# touch included), as after `team cadence set`.
echo "== storing the figures of stats"
start=$EPOCHREALTIME
"$followup" --db "$admin" stats >/dev/null
awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "stored in %.1f s\n", b - a }'
psql_admin -d team -c "VACUUM ANALYZE" >/dev/null
psql_admin -d team -Atc "SELECT count(*) || ' prospects, ' || (SELECT count(*) FROM attempts) || ' attempts' FROM prospects"

commands=(
    "$followup --db $(url rep3) today"
    "$followup --db $(url rep3) today --json"
    "$followup --db $admin today --team"
)
if "$followup" stats --help | grep -q -- --by-rep; then
    commands+=("$followup --db $admin stats --by-rep")
fi
commands+=("$followup --db $admin stats" "$followup --db $(url rep3) stats")
hyperfine --warmup 3 --runs "$RUNS" -N --style basic \
    --export-markdown "$OUT/team.md" --export-json "$OUT/team.json" "${commands[@]}"
python3 - "$OUT/team.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    command = r["command"].split("/followup ", 1)[-1]
    print(f"| `{command}` | {r['median']*1000:.1f} | {r['min']*1000:.1f} | {r['max']*1000:.1f} |")
PY

if [ "$POOLER" = 1 ]; then
    # PgBouncer on a socket beside the server's: session mode (one client process, one server
    # process for its whole session), the server processes kept warm between processes.
    # Trust, as the cluster: the auth file only names who may come in.
    pooled=$pg/pooler
    mkdir -p "$pooled"
    { echo '"postgres" ""'; for n in $(seq 1 "$REPS"); do echo "\"rep$n\" \"\""; done; } \
        >"$pooled/users.txt"
    cat >"$pooled/pgbouncer.ini" <<INI
[databases]
team = host=$pg port=5432
[pgbouncer]
listen_addr =
listen_port = 6432
unix_socket_dir = $pooled
auth_type = trust
auth_file = $pooled/users.txt
pool_mode = session
server_reset_query = DISCARD ALL
logfile = $pooled/pgbouncer.log
pidfile = $pooled/pgbouncer.pid
INI
    if [ "$(id -u)" = 0 ]; then chown -R postgres "$pooled"; fi
    "${as_owner[@]}" pgbouncer -d "$pooled/pgbouncer.ini"
    for _ in $(seq 1 100); do [ -S "$pooled/.s.PGSQL.6432" ] && break; sleep 0.1; done
    pooled_url() { echo "postgresql:///team?host=$pooled&port=6432&user=$1"; }
    # The real psql: Debian's /usr/bin/psql is a Perl wrapper that adds tens of ms.
    real_psql=$(dirname "$(realpath "$(command -v initdb)")")/psql
    [ -x "$real_psql" ] || real_psql=$(command -v psql)
    runs=()
    for route in direct pooled; do
        if [ $route = direct ]; then socket=(-h "$pg"); u=url; else socket=(-h "$pooled" -p 6432); u=pooled_url; fi
        runs+=(-n "$route: psql -X -c 'select 1' as rep3"
            "$real_psql ${socket[*]} -U rep3 -d team -X -q -c 'select 1'"
            -n "$route: today as rep3" "$followup --db $($u rep3) today"
            -n "$route: today --json as rep3" "$followup --db $($u rep3) today --json"
            -n "$route: today --team as the manager" "$followup --db $($u postgres) today --team")
    done
    echo "== straight to the server and through PgBouncer (session mode)"
    hyperfine --warmup 3 --runs "$RUNS" -N --style basic --output=null \
        --export-json "$OUT/pooler.json" "${runs[@]}" >"$OUT/pooler.txt"
    python3 - "$OUT/pooler.json" <<'PY' | tee "$OUT/pooler.md"
import json, sys
rows = {}
for r in json.load(open(sys.argv[1]))["results"]:
    route, command = r["command"].split(": ", 1)
    rows.setdefault(command, {})[route] = r
print("| command | direct median ms | (min to max) | pooled median ms | (min to max) |")
print("|:---|---:|:---|---:|:---|")
for command, by in rows.items():
    cells = []
    for route in ("direct", "pooled"):
        r = by[route]
        cells += [f"{r['median']*1000:.1f}", f"{r['min']*1000:.1f} to {r['max']*1000:.1f}"]
    print(f"| `{command}` | " + " | ".join(cells) + " |")
PY
fi
echo "== results in $OUT"
