#!/usr/bin/env bash
# Benchmark of POST /api/search against pgbench running the identical statement (issue 18), in one run:
#   1. N recordings (default 100,000, 4 stems each) in 10 profiles with a random 384-dimension vector each, the
#      service's own HNSW index built after the load; the caller is a member of 9 profiles;
#   2. one semantic search is sent to the service with statement logging on for the database, and the
#      statement it ran is read back from PostgreSQL's log with its parameters: that exact text and those
#      values become the pgbench script (-M prepared, like the service's server-side prepared statement;
#      the NULL parameters are written in as NULL, pgbench having no way to bind one);
#   3. after BENCH_WARMUP seconds (default 120) of that load for the JIT, wrk sends that same request and
#      pgbench runs that statement, at 1 and at 8 connections, S seconds each (with the service's CPU time
#      per request);
#   4. both again with plan_cache_mode = force_generic_plan (the service through STEMVAULT_DB_PLAN_CACHE_MODE,
#      pgbench through PGOPTIONS).
# PostgreSQL's shared_buffers is raised to 2 GB for the run (the index in shared memory) and put back after.
# Writes docs/benchmarks.md ("Search against its own statement"). Needs root (apt, the cluster restart).
#   bash bench/search-statement.sh [vectors] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

vectors="${1:-100000}"
seconds="${2:-20}"
db=stemvault_bench_search
port=18095
email=bench@example.com
space=bench
dims=384
BENCH_OUT=$(mktemp -d)
sql() { bench_psql -d "$db" "$@"; }
value() { bench_psql -d "$db" -tA "$@"; }
# The search as before issue 32 (nothing logged): pgbench cannot repeat a statement that logs the search under
# its own id (the id is the primary key); bench/search-feedback-cost.sh measures what the log costs.
spaces=(STEMVAULT_EMBEDDING_SPACES="$space:$dims:external" STEMVAULT_FEEDBACK_RETENTION=0)

bench_need wrk wrk
bench_fresh_database "$db"
# The index must fit in shared memory, as a deployment configures it (docs/search.md): 2 GB for this
# run, put back when the script ends; both take a restart of the local cluster.
bench_raise_shared_buffers "2GB"
bench_start_oidc
bench_start_app "$port" "$db" "${spaces[@]}"
token=$(bench_sign_in "$port" "$email")
bench_stop_app
bench_log "loading $vectors recordings x 4 stems with a random vector each, and the index"
bench_seed_vectors "$db" "$space" "$dims" "$vectors" "$email"
index=$(value -c "SELECT indexname FROM pg_indexes WHERE tablename = 'embeddings' AND indexname LIKE 'embeddings_hnsw_${space}_%'")
gauss="sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())"

body=$(value -c "SELECT json_build_object('mode', 'semantic', 'space', '$space', 'vector',
                   (SELECT array_agg(round(($gauss)::numeric, 6)) FROM generate_series(1, $dims))::real[], 'limit', 10)")
echo "$body" > "$BENCH_OUT/body.json"
url="http://127.0.0.1:$port/api/search"

# The statement the service runs, with its values, from PostgreSQL's own log.
log=$(ls -t /var/log/postgresql/postgresql-*-main.log | head -n 1)
sql -c "ALTER DATABASE $db SET log_statement = 'all'"
bench_start_app "$port" "$db" "${spaces[@]}"
mark=$(wc -l < "$log")
status=$(curl -s -o "$BENCH_OUT/answer.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data-binary @"$BENCH_OUT/body.json" "$url")
[ "$status" = 200 ] || { cat "$BENCH_OUT/answer.json" >&2; bench_log "search answered $status"; exit 1; }
sleep 1
sql -c "ALTER DATABASE $db RESET log_statement"
bench_stop_app
tail -n +"$((mark + 1))" "$log" > "$BENCH_OUT/pg.log"
python3 - "$BENCH_OUT/pg.log" "$BENCH_OUT/search.sql" "$BENCH_OUT/vars.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
# Entries start with a timestamp; continuation lines of a statement follow.
entries = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", text)
statement = params = None
for i, e in enumerate(entries):
    m = re.search(r"LOG:  execute [^:]*: (.*)", e, re.S)
    if m and "semantic AS" in m.group(1):
        statement = m.group(1).strip()
        for d in entries[i + 1:i + 3]:
            p = re.search(r"DETAIL:  [Pp]arameters: (.*)", d, re.S)
            if p:
                params = p.group(1).strip()
                break
        break
if statement is None or params is None:
    sys.exit("the search statement was not found in the log")
values = {}
for m in re.finditer(r"\$(\d+) = (NULL|'((?:[^']|'')*)')", params):
    values[int(m.group(1))] = None if m.group(2) == "NULL" else m.group(3).replace("''", "'")
def put(m):
    n = int(m.group(1))
    return "NULL" if values.get(n) is None else ":p%d" % n
sql = re.sub(r"\$(\d+)", put, statement)
open(sys.argv[2], "w").write(sql + ";\n")
with open(sys.argv[3], "w") as f:
    for n, v in sorted(values.items()):
        if v is not None:
            f.write("p%d=%s\n" % (n, v))
PY
pgvars=()
while IFS= read -r line; do pgvars+=(-D "$line"); done < "$BENCH_OUT/vars.txt"
# pgbench reads a script as one line per command: the statement on one line.
tr '\n' ' ' < "$BENCH_OUT/search.sql" > "$BENCH_OUT/search1.sql"; echo >> "$BENCH_OUT/search1.sql"
pgbench -h 127.0.0.1 -U postgres -n -M prepared -t 1 "${pgvars[@]}" -f "$BENCH_OUT/search1.sql" "$db" > /dev/null \
  || { bench_log "pgbench cannot run the statement"; exit 1; }

wrk_run() { # connections: "rps p50 jvm_cpu_ms_per_request"
  local cpu
  cpu=$(bench_cpu_ms "$bench_app")
  wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"${seconds}s" --latency -s bench/search.lua \
    -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$url" > "$BENCH_OUT/wrk-$1.txt"
  cpu=$(( $(bench_cpu_ms "$bench_app") - cpu ))
  if grep -q -e "Non-2xx" -e "Socket errors" "$BENCH_OUT/wrk-$1.txt"; then cat "$BENCH_OUT/wrk-$1.txt" >&2; exit 1; fi
  awk -v cpu="$cpu" '/Requests\/sec/ {rps = $2} $1 == "50%" {p50 = $2} / requests in / {n = $1}
    END {printf "%s %s %.2f\n", rps, p50, cpu / n}' "$BENCH_OUT/wrk-$1.txt"
}
pg_run() { # connections: "tps latency_ms"
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$seconds" "${pgvars[@]}" \
    -f "$BENCH_OUT/search1.sql" "$db" > "$BENCH_OUT/pg-$1.txt"
  awk '/^tps/ {tps = $3} /latency average/ {lat = $4} END {print tps, lat}' "$BENCH_OUT/pg-$1.txt"
}
# pgbench's sessions get the settings the service's connections get (connection-init-sql).
session="-c hnsw.ef_search=100 -c hnsw.iterative_scan=relaxed_order -c jit=off -c statement_timeout=10s"
cp "$BENCH_OUT/body.json" "$BENCH_OUT/bodies.txt"
export BODIES="$BENCH_OUT/bodies.txt"
rows=""
for mode in auto force_generic_plan; do
  bench_start_app "$port" "$db" "${spaces[@]}" STEMVAULT_DB_PLAN_CACHE_MODE="$mode"
  bench_log "$mode: warming up for ${bench_warmup}s"
  wrk -t2 -c8 -d"${bench_warmup}s" -s bench/search.lua -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$url" > /dev/null
  for c in 1 8; do
    bench_log "$mode: wrk and pgbench at $c connection(s), ${seconds}s each"
    before=$(value -c "SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = '$index'")
    read -r rps p50 jvm <<<"$(wrk_run "$c")"
    sleep 1
    [ "$(value -c "SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = '$index'")" -gt "$before" ] \
      || { bench_log "the service's searches did not use $index"; exit 1; }
    read -r tps lat <<<"$(PGOPTIONS="$session -c plan_cache_mode=$mode" pg_run "$c")"
    ratio=$(python3 -c "print(f'{$rps / $tps:.2f}')")
    rows+="| $mode | $c | $rps | $p50 | $jvm ms | $tps | $lat ms | **$ratio** |"$'\n'
  done
  bench_stop_app
done

section="## Search against its own statement: POST /api/search vs pgbench

\`bash bench/search-statement.sh $vectors $seconds\` ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores): $vectors recordings with 4 stems
and a random $dims-dimension vector each, in 10 profiles (the caller sees 9), the service's HNSW index. One semantic
search (\`limit\` 10, feedback off: \`STEMVAULT_FEEDBACK_RETENTION=0\`, so the search is not logged) is sent to the
service with statement logging on; the statement PostgreSQL received, with its
values, is the pgbench script (\`-M prepared\`, with the service's session settings: ef_search 100, relaxed
iterative scan, no JIT), so both sides run the identical statement: the viewer's session,
user and visible profiles, the vector bound once, the ordered index scan, the recordings and their stems, in one
statement and one round trip. wrk repeats the same request. ${seconds} s per line, in one run, each mode after
${bench_warmup} s of the same load at 8 connections (the JIT's warm-up); shared_buffers
$(value -c "SHOW shared_buffers"), so that the index ($(value -c "SELECT pg_size_pretty(pg_relation_size('$index'))")) is served from shared memory.

| plan_cache_mode | connections | service req/s | service p50 | service JVM CPU per request | pgbench tps | pgbench mean latency | service / pgbench (target >= 0.8) |
|---|---|---|---|---|---|---|---|
${rows}"
bench_write_section "## Search against its own statement" "$section"
bench_log "written to docs/benchmarks.md"
