#!/usr/bin/env bash
# Benchmark of vector search (issue 7), in one run:
#   1. loads N random 384-dimension vectors (default 200,000; see below for how they are drawn), one per recording
#      (4 stems each) in 10 profiles,
#      with the index dropped, then builds the service's own HNSW index (its definition read back from the
#      catalogue) with maintenance_work_mem 4 GB, and reports the build time;
#   2. computes the exact top 10 of Q query vectors (default 200) by brute force in SQL, within the 9 profiles
#      the signed-in caller is a member of (the 10th holds a tenth of the vectors and must never show);
#   3. for each ef_search: restarts the service with it, measures recall@10 of POST /api/search (vector mode)
#      against the exact top 10, then p50/p99 under wrk at 8 connections;
#   4. the same queries as exact scans: the service again, with PostgreSQL told not to use index scans
#      (pgvector's way to search exactly), under the same wrk load;
#   5. writes the figures to docs/benchmarks.md and a plot of recall against p50 latency to
#      docs/vector-search-<N>-<kind>.png.
# PostgreSQL's shared_buffers is raised to 8 GB for the run (so that the index is served from shared memory, as a
# deployment would configure it) and put back when the script ends; both take a restart of the local cluster.
# The benchmark's database (several GB at 1,000,000 vectors) is dropped at the end unless --keep-database true.
# Needs root (apt, the cluster restart).
#   bash bench/vector-search.sh [--vectors 1000000] [--queries 200] [--seconds 20] [--exact-seconds 60]
#                               [--ef-search "20 40 100 200 400"] [--m 16] [--ef-construction 64]
#                               [--intrinsic 24] [--noise 0.1] [--shared-buffers 8GB] [--keep-database true]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

vectors=200000
queries=200
seconds=20
exact_seconds=60
efs="20 40 100 200 400"
m=16
ef_construction=64
intrinsic=24
noise=0.1
shared_buffers=8GB
keep_database=false
while [ $# -gt 0 ]; do
  case "$1" in
    --vectors) vectors=$2 ;;
    --queries) queries=$2 ;;
    --seconds) seconds=$2 ;;
    --exact-seconds) exact_seconds=$2 ;;
    --ef-search) efs=$2 ;;
    --m) m=$2 ;;
    --ef-construction) ef_construction=$2 ;;
    --intrinsic) intrinsic=$2 ;;
    --noise) noise=$2 ;;
    --shared-buffers) shared_buffers=$2 ;;
    --keep-database) keep_database=$2 ;;
    *) sed -n '2,/^set -e/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
  shift 2
done

db=stemvault_bench_vectors
port=18081
email=bench@example.com
space=bench
dims=384
BENCH_OUT=$(mktemp -d)
if [ "$intrinsic" -gt 0 ]; then kind="intrinsic dimension $intrinsic"; tag="k$intrinsic"; else kind=isotropic; tag=isotropic; fi
plot="docs/vector-search-$vectors-$tag.png"
hnsw=(STEMVAULT_EMBEDDING_SPACES="$space:$dims:external" STEMVAULT_HNSW_M="$m"
      STEMVAULT_HNSW_EF_CONSTRUCTION="$ef_construction")
sql() { bench_psql -d "$db" "$@"; }
value() { bench_psql -d "$db" -tA "$@"; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

bench_need wrk wrk gnuplot gnuplot-nox
bench_fresh_database "$db"

bench_raise_shared_buffers "$shared_buffers"

bench_start_oidc
bench_start_app "$port" "$db" "${hnsw[@]}"
token=$(bench_sign_in "$port" "$email")
bench_stop_app
index=$(value -c "SELECT indexname FROM pg_indexes WHERE tablename = 'embeddings' AND indexname LIKE 'embeddings_hnsw_${space}_%'")
definition=$(value -c "SELECT pg_get_indexdef('$index'::regclass)")
[ -n "$definition" ] || { bench_log "the service made no index for space $space"; exit 1; }

bench_log "loading $vectors recordings x 4 stems with a random $dims-dimension vector each (index dropped)"
load_start=$(date +%s.%N)
sql -c "DROP INDEX \"$index\""
bench_seed_library "$db" "$vectors" "$email"
sql -v dims="$dims" <<'SQL'
-- Query vectors, drawn like the data but not part of it.
CREATE TABLE bench_queries (id integer PRIMARY KEY, v vector(:dims) NOT NULL);
SQL
# Two sessions fill the vectors (half the recordings each), seeded so that runs draw the same vectors. With
# --intrinsic K (default 24) a vector is W z + noise: z a standard normal point in K dimensions, W a fixed random
# 384 x K matrix, plus independent normal noise of --noise (default 0.1) times the signal's spread in every
# component; real embeddings likewise lie near a low-dimensional set. With --intrinsic 0 every component is an
# independent standard normal: uniformly random directions, where nearest neighbours barely stand out (the
# worst case for any approximate index).
gauss="sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())"
if [ "$intrinsic" -gt 0 ]; then
  value -c "SELECT setseed(0.4)" -c "CREATE TABLE bench_basis AS
      SELECT i, (SELECT array_agg($gauss) FROM generate_series(1, $intrinsic) WHERE i > 0)::vector AS w
      FROM generate_series(1, $dims) i" > /dev/null
  sigma=$(awk -v r="$noise" -v k="$intrinsic" 'BEGIN { printf "%.6f", r * sqrt(k) }')
  draw() { # a vector for each row of the FROM clause $1 whose key column is $2
    echo "SELECT $2 AS key, x.v FROM $1
      CROSS JOIN LATERAL (SELECT array_agg($gauss)::vector AS z FROM generate_series(1, $intrinsic) WHERE $2 IS NOT NULL) l
      CROSS JOIN LATERAL (SELECT array_agg(-(b.w <#> l.z) + $sigma * $gauss ORDER BY b.i)::vector AS v FROM bench_basis b) x"
  }
  data="W z plus noise, z a standard normal point in $intrinsic dimensions, W a fixed random $dims x $intrinsic matrix,
the noise $noise times the signal's spread in every component (real embeddings likewise lie near a low-dimensional set)"
else
  draw() {
    echo "SELECT $2 AS key, (SELECT array_agg($gauss) FROM generate_series(1, $dims) WHERE $2 IS NOT NULL)::vector AS v FROM $1"
  }
  data="independent standard normal components, i.e. uniformly random directions, where the nearest neighbours
barely stand out from the rest (the worst case for any approximate index)"
fi
fillers=()
for half in 0 1; do
  value -c "SELECT setseed(0.$((half + 1)))" -c "
    INSERT INTO embeddings (id, recording_id, stem_type, space, dimensions, embedding, source, updated_at)
    SELECT gen_random_uuid(), d.key, NULL, '$space', $dims, d.v, 'bench', now()
    FROM ($(draw "recordings r" r.id) WHERE substr(r.output_name, 2)::integer % 2 = $half) d" > /dev/null &
  fillers+=($!)
done
value -c "SELECT setseed(0.3)" -c "INSERT INTO bench_queries SELECT key, v FROM ($(draw "generate_series(1, $queries) q" q)) d" \
  > /dev/null
for filler in "${fillers[@]}"; do wait "$filler"; done
sql -c "VACUUM ANALYZE"
load=$(seconds_since "$load_start")
bench_log "loaded in ${load} s"

bench_log "building the index: $definition"
build_start=$(date +%s.%N)
sql -c "SET maintenance_work_mem = '4GB'" -c "SET max_parallel_maintenance_workers = $(($(nproc) - 1))" -c "$definition"
build=$(seconds_since "$build_start")
sizes=$(value -c "SELECT pg_size_pretty(pg_table_size('embeddings')) || ' table, ' || pg_size_pretty(pg_relation_size('$index')) || ' index'")
bench_log "index built in ${build} s ($sizes)"

bench_log "exact top 10 of $queries queries by brute force, within the caller's profiles"
truth_start=$(date +%s.%N)
value -F ' ' -v email="$email" -v space="$space" -v dims="$dims" > "$BENCH_OUT/truth.txt" <<'SQL'
CREATE TEMP TABLE visible AS
SELECT r.output_name, e.embedding::vector(:dims) AS v
FROM embeddings e JOIN recordings r ON r.id = e.recording_id
WHERE e.space = :'space' AND e.stem_type IS NULL
  AND r.profile_id IN (SELECT m.profile_id FROM user_profiles m JOIN users u ON u.id = m.user_id WHERE u.email = :'email');
SELECT q.id, string_agg(x.output_name, ',' ORDER BY x.d, x.output_name)
FROM bench_queries q CROSS JOIN LATERAL (SELECT output_name, v <=> q.v AS d FROM visible ORDER BY d LIMIT 10) x
GROUP BY q.id ORDER BY q.id;
SQL
truth=$(seconds_since "$truth_start")
value -c "SELECT json_build_object('mode', 'semantic', 'space', '$space', 'vector', v::real[], 'limit', 10)
    FROM bench_queries ORDER BY id" > "$BENCH_OUT/bodies.txt"
for f in truth bodies; do
  [ "$(wc -l < "$BENCH_OUT/$f.txt")" = "$queries" ] || { bench_log "$f.txt does not hold $queries lines"; exit 1; }
done

url="http://127.0.0.1:$port/api/search"
# Recall@10 of the service's answers against the exact top 10, one request at a time.
recall() {
  python3 - "$url" "$token" "$BENCH_OUT/bodies.txt" "$BENCH_OUT/truth.txt" <<'PY'
import json, sys, urllib.request
url, token, bodies, truth = sys.argv[1:5]
expected = [line.split()[1].split(",") for line in open(truth)]
found = 0
for body, want in zip(open(bodies), expected):
    req = urllib.request.Request(url, data=body.strip().encode(), method="POST", headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=600) as response:
        got = [hit["file"]["name"] for hit in json.load(response)["results"]]
    if len(got) != 10 or any(name[1:].isdigit() and int(name[1:]) % 10 == 9 for name in got):
        sys.exit(f"answer of {len(got)} results or from the profile the caller may not see: {got}")
    found += len(set(got) & set(want))
print(f"{found / (10 * len(expected)):.4f}")
PY
}
# wrk at 8 connections over the query bodies: "p50 p99 requests/s" (fails on any answer but 2xx).
load_test() {
  local secs=$1 name=$2
  BODIES="$BENCH_OUT/bodies.txt" wrk -t2 -c8 -d"${secs}s" --timeout 120s --latency -s bench/search.lua \
    -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$url" > "$BENCH_OUT/wrk-$name.txt"
  if grep -q -e "Non-2xx" -e "Socket errors" "$BENCH_OUT/wrk-$name.txt"; then
    cat "$BENCH_OUT/wrk-$name.txt" >&2
    bench_log "errors under load ($name)"
    exit 1
  fi
  awk '$1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2} /Requests\/sec/ {rps = $2} END {print p50, p99, rps}' \
    "$BENCH_OUT/wrk-$name.txt"
}
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
                               else if (v ~ /m$/) printf "%.0f", v * 60000; else printf "%.0f", v * 1000 }'; }
index_scans() { value -c "SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = '$index'"; }

: > "$BENCH_OUT/results.txt"
for ef in $efs; do
  bench_start_app "$port" "$db" "${hnsw[@]}" STEMVAULT_HNSW_EF_SEARCH="$ef"
  before=$(index_scans)
  r=$(recall)
  load_test 5 "warm-$ef" > /dev/null
  result=$(load_test "$seconds" "ef-$ef")
  read -r p50 p99 rps <<< "$result"
  [ "$(index_scans)" -gt "$before" ] || { bench_log "the service did not use $index"; exit 1; }
  bench_stop_app
  bench_log "ef_search $ef: recall@10 $r, p50 $p50, p99 $p99, $rps req/s"
  echo "$ef $r $(ms "$p50") $(ms "$p99") $rps" >> "$BENCH_OUT/results.txt"
done

bench_log "the same queries as exact scans (index scans off), wrk ${exact_seconds} s"
sql -c "ALTER DATABASE $db SET enable_indexscan = off"
bench_start_app "$port" "$db" "${hnsw[@]}"
before=$(index_scans)
result=$(load_test "$exact_seconds" exact)
read -r p50 p99 rps <<< "$result"
[ "$(index_scans)" = "$before" ] || { bench_log "the exact run used $index"; exit 1; }
bench_stop_app
sql -c "ALTER DATABASE $db RESET enable_indexscan"
exact_p50=$(ms "$p50")
exact_p99=$(ms "$p99")
exact_rps=$rps
exact_requests=$(awk '/requests in/ {print $1}' "$BENCH_OUT/wrk-exact.txt")
bench_log "exact: p50 $p50, p99 $p99, $rps req/s"

rows=$(awk -v e="$exact_p50" '{ printf "| %s | %s | %s | %s | %s | %.0fx |\n", $1, $2, $3, $4, $5, e / $3 }' "$BENCH_OUT/results.txt")
best=$(awk -v e="$exact_p50" '$2 >= 0.95 && (b == "" || $3 < bp) { b = $1; bp = $3; br = $2 }
  END { if (b == "") print "none of the ef_search values reaches recall@10 0.95";
        else printf "ef_search %s: recall@10 %s at p50 %s ms, %.0fx faster than the exact scan", b, br, bp, e / bp }' \
  "$BENCH_OUT/results.txt")

cat > "$BENCH_OUT/plot.gp" <<GP
set terminal pngcairo size 900,560 font ",11" noenhanced
set output "$plot"
set title "POST /api/search (vector mode), 8 connections: $vectors random $dims-d vectors, $kind\nHNSW m=$m, ef_construction=$ef_construction; dashed: the targets (p50 10 ms, recall@10 0.95)"
set xlabel "p50 latency (ms, log scale)"
set ylabel "recall@10 against exact search"
set logscale x
set xrange [$(awk -v e="$exact_p50" 'BEGIN { m = 10 } $3 < m { m = $3 } END { printf "%.2f", m / 1.5 }' "$BENCH_OUT/results.txt"):$(awk -v e="$exact_p50" 'BEGIN { printf "%.0f", e * 1.5 }')]
set grid
set key bottom right
set yrange [*:1.02]
set arrow from 10, graph 0 to 10, graph 1 nohead dashtype 2 lc rgb "#aa0000"
set arrow from graph 0, first 0.95 to graph 1, first 0.95 nohead dashtype 2 lc rgb "#aa0000"
plot "$BENCH_OUT/results.txt" using 3:2 with linespoints pt 7 lw 2 title "HNSW, by ef_search", \
     "" using 3:2:(sprintf("  ef %d", \$1)) with labels left offset 0.5,-0.6 notitle, \
     "-" using 1:2 with points pt 5 ps 1.5 title "exact scan (p50 $exact_p50 ms)"
$exact_p50 1
e
GP
gnuplot "$BENCH_OUT/plot.gp"

section=$(cat <<MD
## Vector search: $vectors vectors, $kind

Measured $(date -u +%Y-%m-%dT%H:%MZ) on this machine ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB), service,
PostgreSQL $(value -c "SHOW server_version" | cut -d' ' -f1) with pgvector $(value -c "SELECT extversion FROM pg_extension WHERE extname = 'vector'") (shared_buffers $(value -c "SHOW shared_buffers")), wrk and the load all on it.
Data: $vectors recordings (4 stems each) in 10 profiles, one random $dims-dimension vector each: $data.
The caller is a member of 9 profiles, so a tenth of the vectors must never appear. $queries query vectors are drawn
the same way. Every request is \`POST /api/search\` with \`{"mode": "semantic", "space", "vector", "limit": 10}\`
and a bearer session; answers carry the recordings with their stems.

| step | figure |
|---|---|
| load (recordings, stems, vectors; index dropped) | ${load} s |
| HNSW index build (m=$m, ef_construction=$ef_construction, maintenance_work_mem 4 GB, $(($(nproc) - 1)) parallel worker) | **${build} s** ($sizes) |
| exact top 10 of the $queries queries in SQL (the reference) | ${truth} s |

Recall@10 is measured through the service, one request at a time; latencies under wrk, 8 connections, ${seconds} s
per ef_search after 5 s of warm-up. The exact scan is the same service and statement with index scans turned
off (${exact_seconds} s, ${exact_requests} requests).

| ef_search | recall@10 | p50 (ms) | p99 (ms) | req/s | exact p50 / this p50 |
|---|---|---|---|---|---|
${rows}
| exact scan | 1 | ${exact_p50} | ${exact_p99} | ${exact_rps} | 1x |

Best ef_search with recall@10 >= 0.95: ${best}.
Target (issue 7, at 1,000,000 vectors): recall@10 >= 0.95 at p50 <= 10 ms and >= 20x faster than the exact scan.

![recall against latency]($(basename "$plot"))

Command: \`bash bench/vector-search.sh --vectors $vectors --queries $queries --seconds $seconds --exact-seconds $exact_seconds --ef-search "$efs" --m $m --ef-construction $ef_construction --intrinsic $intrinsic --noise $noise\`
MD
)
bench_write_section "## Vector search: $vectors vectors, $kind" "$section"
bench_log "written to docs/benchmarks.md and $plot"
if [ "$keep_database" != true ]; then
  bench_psql -c "DROP DATABASE $db WITH (FORCE)"
fi
