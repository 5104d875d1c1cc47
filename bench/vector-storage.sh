#!/usr/bin/env bash
# Storage choices side by side (issue 33), in one run for one size:
#   1. loads N vectors of D dimensions (default 1,000,000 x 384), drawn as bench/vector-search.sh draws them (W z plus
#      noise, z in --intrinsic dimensions), one per recording in 10 profiles, and moves 1 % of the recordings to an
#      eleventh profile 'small' (the filtered case: its only member searches a profile holding 1 % of the vectors);
#   2. the exact top 10 of Q query vectors (default 200) by brute force in SQL, for the caller of 9 profiles and for
#      the member of 'small';
#   3. for each storage in turn (full, half, binary): the service is started with the space configured so, and it
#      moves the space there itself, as a deployment would (the copy into the other column, the index built
#      concurrently, the switch, the former column cleared; timed from start to end); then bytes per vector (the
#      row as stored and the space's HNSW index), recall@10 through the service (both callers), and p50/p99 of
#      POST /api/search under wrk at 1 and 8 connections (ef_search 100, the default) and of the filtered caller at 8;
#   4. the exact scan (the full-precision vectors, index scans off) at 1 and 8 connections;
#      binary is measured once for each re-rank factor of --rerank (the first one is the move's; a factor is read per
#      query, so the others only restart the service);
#   5. numpy brute force over the same vectors (the seeds' baseline), one query at a time.
#   Without full first in --storages (say --storages binary, for a width whose full-precision index would not fit
#   maintenance_work_mem), no full-precision index is built: after the truth the vectors are moved to the first storage
#   by SQL and the service's start makes its index, and the exact scan is not run (the truth's time stands for it).
# PostgreSQL gets shared_buffers 8 GB and maintenance_work_mem 4 GB for the run; both are put back. The database is
# dropped at the end unless --keep-database true. Needs root (apt, the cluster restart).
#   bash bench/vector-storage.sh [--vectors 1000000] [--dims 384] [--queries 200] [--seconds 10] [--rerank "8 32"]
#                                [--storages "full half binary"] [--intrinsic 24] [--noise 0.1] [--keep-database true]
#                                [--column-storage main]
#   --column-storage external puts the vector columns back to pgvector's own EXTERNAL storage and the table's toast
#   target back to 2 kB (before migrations V29 and V31: a vector of a row past 2 kB kept out of line in the TOAST
#   table), to compare with the service's MAIN (in the row).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

vectors=1000000
dims=384
queries=200
seconds=10
rerank="8 32"
storages="full half binary"
intrinsic=24
noise=0.1
keep_database=false
column_storage=main
while [ $# -gt 0 ]; do
  case "$1" in
    --vectors) vectors=$2 ;;
    --dims) dims=$2 ;;
    --queries) queries=$2 ;;
    --seconds) seconds=$2 ;;
    --rerank) rerank=$2 ;;
    --storages) storages=$2 ;;
    --intrinsic) intrinsic=$2 ;;
    --noise) noise=$2 ;;
    --keep-database) keep_database=$2 ;;
    --column-storage) column_storage=$2 ;;
    *) sed -n '2,/^set -e/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
  shift 2
done

db=stemvault_bench_storage
port=18082
email=bench@example.com
small_email=small@example.com
space=bench
BENCH_OUT=$(mktemp -d)
sql() { bench_psql -d "$db" "$@"; }
value() { bench_psql -d "$db" -tA "$@"; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
settings() { # the space configured with storage $1 (and re-rank factor $2 for binary)
  local s="$space:$dims:external:$1"
  [ "$1" = binary ] && s="$s:${2:-${rerank%% *}}"
  echo STEMVAULT_EMBEDDING_SPACES="$s" STEMVAULT_EMBEDDING_STORAGE_INTERVAL=2s STEMVAULT_EMBEDDING_STORAGE_GRACE=6s
}

bench_need wrk wrk
python3 -c 'import numpy' 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null; }
bench_fresh_database "$db"
bench_raise_shared_buffers 8GB
# the run's files go at the end, whatever happens (a million wide vectors as text take 14 GB)
bench_on_exit="rm -rf '$BENCH_OUT'${bench_on_exit:+; $bench_on_exit}"
sql -c "ALTER DATABASE $db SET maintenance_work_mem = '4GB'" -c "ALTER DATABASE $db SET max_parallel_maintenance_workers = $(($(nproc) - 1))"

bench_start_oidc
# shellcheck disable=SC2046
bench_start_app "$port" "$db" $(settings full)
token=$(bench_sign_in "$port" "$email")
small_token=$(bench_sign_in "$port" "$small_email")
bench_stop_app
index=$(value -c "SELECT indexname FROM pg_indexes WHERE tablename = 'embeddings' AND indexname LIKE 'embeddings_hnsw_${space}_%'")
definition=$(value -c "SELECT pg_get_indexdef('$index'::regclass)")

case "$column_storage" in
  main) ;;
  external) sql -c "ALTER TABLE embeddings ALTER COLUMN embedding SET STORAGE EXTERNAL" \
              -c "ALTER TABLE embeddings ALTER COLUMN embedding_half SET STORAGE EXTERNAL" \
              -c "ALTER TABLE embeddings RESET (toast_tuple_target)" ;;
  *) bench_log "--column-storage takes main or external"; exit 2 ;;
esac
bench_log "loading $vectors recordings with a random $dims-dimension vector each (index dropped)"
load_start=$(date +%s.%N)
sql -c "DROP INDEX \"$index\""
bench_seed_library "$db" "$vectors" "$email"
sql -v small="$small_email" <<'SQL'
INSERT INTO profiles (id, name, source_folder, created_at) VALUES (gen_random_uuid(), 'small', '/sources/small', now());
UPDATE recordings SET profile_id = (SELECT id FROM profiles WHERE name = 'small')
WHERE substr(output_name, 2)::integer % 100 = 1;
INSERT INTO user_profiles (user_id, profile_id, granted_at)
SELECT u.id, p.id, now() FROM users u, profiles p WHERE u.email = :'small' AND p.name = 'small';
SQL
sql -v dims="$dims" -c "CREATE TABLE bench_queries (id integer PRIMARY KEY, v vector($dims) NOT NULL)"
gauss="sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())"
value -c "SELECT setseed(0.4)" -c "CREATE TABLE bench_basis AS
    SELECT i, (SELECT array_agg($gauss) FROM generate_series(1, $intrinsic) WHERE i > 0)::vector AS w
    FROM generate_series(1, $dims) i" > /dev/null
sigma=$(awk -v r="$noise" -v k="$intrinsic" 'BEGIN { printf "%.6f", r * sqrt(k) }')
draw() { # a vector for each row of the FROM clause $1 whose key column is $2
  echo "SELECT $2 AS key, x.v FROM $1
    CROSS JOIN LATERAL (SELECT array_agg($gauss)::vector AS z FROM generate_series(1, $intrinsic) WHERE $2 IS NOT NULL) l
    CROSS JOIN LATERAL (SELECT array_agg(-(b.w <#> l.z) + $sigma * $gauss ORDER BY b.i)::vector AS v FROM bench_basis b) x"
}
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
first=${storages%% *}
if [ "$first" = full ]; then
  bench_log "loaded in ${load} s; building the full-precision index"
  build_start=$(date +%s.%N)
  sql -c "$definition"
  full_build=$(seconds_since "$build_start")
else
  bench_log "loaded in ${load} s; no full-precision index (--storages starts with $first)"
fi

bench_log "exact top 10 of $queries queries by brute force, for both callers"
truth_start=$(date +%s.%N)
for who in "$email" "$small_email"; do
  value -F ' ' -v email="$who" -v space="$space" -v dims="$dims" <<'SQL'
CREATE TEMP TABLE visible AS
SELECT r.output_name, e.embedding::vector(:dims) AS v
FROM embeddings e JOIN recordings r ON r.id = e.recording_id
WHERE e.space = :'space' AND e.stem_type IS NULL
  AND r.profile_id IN (SELECT m.profile_id FROM user_profiles m JOIN users u ON u.id = m.user_id WHERE u.email = :'email');
SELECT q.id, string_agg(x.output_name, ',' ORDER BY x.d, x.output_name)
FROM bench_queries q CROSS JOIN LATERAL (SELECT output_name, v <=> q.v AS d FROM visible ORDER BY d LIMIT 10) x
GROUP BY q.id ORDER BY q.id;
SQL
done > "$BENCH_OUT/truth-both.txt"
truth_seconds=$(seconds_since "$truth_start")
if [ "$first" != full ]; then
  # Without a full-precision run the space goes straight to the first storage asked for (the truth above is of the
  # full-precision vectors): the vectors into the half-precision column and the storage row by SQL; the service's
  # start then makes the missing index of that storage itself, as it does for any space (timed with the start).
  bench_log "$first: the vectors moved by SQL, the index made by the service's start (no full-precision run)"
  build_start=$(date +%s.%N)
  sql -c "UPDATE embeddings SET embedding_half = embedding::halfvec($dims), embedding = NULL WHERE space = '$space'" \
    -c "UPDATE embedding_storage SET storage = '$first', other = NULL, phase = NULL, progress = NULL WHERE space = '$space'" \
    -c "VACUUM ANALYZE embeddings"
  # shellcheck disable=SC2046
  BENCH_START_SECONDS=7200 bench_start_app "$port" "$db" $(settings "$first")
  bench_stop_app
  first_build=$(seconds_since "$build_start")
fi
head -n "$queries" "$BENCH_OUT/truth-both.txt" > "$BENCH_OUT/truth.txt"
tail -n "$queries" "$BENCH_OUT/truth-both.txt" > "$BENCH_OUT/truth-small.txt"
value -c "SELECT json_build_object('mode', 'semantic', 'space', '$space', 'vector', v::real[], 'limit', 10)
    FROM bench_queries ORDER BY id" > "$BENCH_OUT/bodies.txt"
for f in truth truth-small bodies; do
  [ "$(wc -l < "$BENCH_OUT/$f.txt")" = "$queries" ] || { bench_log "$f.txt does not hold $queries lines"; exit 1; }
done

url="http://127.0.0.1:$port/api/search"
recall() { # token truth-file: recall@10 of the service's answers, one request at a time
  python3 - "$url" "$1" "$BENCH_OUT/bodies.txt" "$2" <<'PY'
import json, sys, urllib.request
url, token, bodies, truth = sys.argv[1:5]
expected = [line.split()[1].split(",") for line in open(truth)]
found = 0
for body, want in zip(open(bodies), expected):
    req = urllib.request.Request(url, data=body.strip().encode(), method="POST", headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=600) as response:
        results = json.load(response)["results"]
    got = [hit["file"]["name"] for hit in results]
    sims = [hit["similarity"] for hit in results]
    if len(got) != 10 or sims != sorted(sims, reverse=True) or not all(0 <= s <= 1 for s in sims):
        sys.exit(f"an answer of {len(got)} results, or not best first with similarities in 0..1: {sims}")
    found += len(set(got) & set(want))
print(f"{found / (10 * len(expected)):.4f}")
PY
}
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
                               else if (v ~ /m$/) printf "%.0f", v * 60000; else printf "%.0f", v * 1000 }'; }
load_test() { # token connections seconds: "p50_ms p99_ms req/s"
  BODIES="$BENCH_OUT/bodies.txt" wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"$3s" --timeout 120s --latency -s bench/search.lua \
    -H "Authorization: Bearer $1" -H "Content-Type: application/json" "$url" > "$BENCH_OUT/wrk.txt"
  if grep -q -e "Non-2xx" -e "Socket errors" "$BENCH_OUT/wrk.txt"; then cat "$BENCH_OUT/wrk.txt" >&2; exit 1; fi
  read -r p50 p99 rps <<< "$(awk '$1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2} /Requests\/sec/ {rps = $2} END {print (p50 == "" ? "-" : p50), (p99 == "" ? "-" : p99), (rps == "" ? 0 : rps)}' "$BENCH_OUT/wrk.txt")"
  if ! grep -q "[1-9][0-9]* requests in" "$BENCH_OUT/wrk.txt"; then # none answered within the window
    echo "none none 0"; return
  fi
  if [ "$p50" = - ]; then # some answered, too few for wrk's percentiles
    echo "few few $rps"; return
  fi
  echo "$(ms "$p50") $(ms "$p99") $rps"
}
bytes() { # the average stored row (header and line pointer included) and the storage's index, per vector
  value -c "SELECT round(avg(pg_column_size(e.*)) + 28), round(pg_relation_size('$1') / count(*)::numeric)
            FROM embeddings e WHERE space = '$space'" | tr '|' ' '
}

rows=""
runs=()
for storage in $storages; do
  if [ "$storage" = binary ]; then for f in $rerank; do runs+=("binary:$f"); done; else runs+=("$storage"); fi
done
previous=""
for run in "${runs[@]}"; do
  storage=${run%%:*}
  factor=${run#*:}
  label=$storage
  [ "$storage" = binary ] && label="binary ×$factor"
  # shellcheck disable=SC2046
  bench_start_app "$port" "$db" $(settings "$storage" "$factor")
  if [ "$storage" = full ]; then
    moved="(loaded) ${full_build} s index build"
  elif [ -z "$previous" ]; then
    moved="(by SQL) ${first_build} s rewrite, and index build at the service's start"
  elif [ "$storage" = "$previous" ]; then
    moved="(as above)"
  else
    bench_log "$storage: the service moves the space"
    move_start=$(date +%s.%N)
    until [ "$(value -c "SELECT storage || coalesce(phase, '') FROM embedding_storage WHERE space = '$space'")" = "$storage" ]; do
      kill -0 "$bench_app" 2>/dev/null || { tail -n 30 "$BENCH_OUT/app.log" >&2; exit 1; }
      sleep 2
    done
    moved="$(seconds_since "$move_start") s"
    sql -c "VACUUM ANALYZE embeddings"
  fi
  name=$(value -c "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'embeddings_hnsw_${space}_%'")
  read -r row_bytes index_bytes <<< "$(bytes "$name")"
  index_size=$(value -c "SELECT pg_size_pretty(pg_relation_size('$name'))")
  r=$(recall "$token" "$BENCH_OUT/truth.txt")
  rs=$(recall "$small_token" "$BENCH_OUT/truth-small.txt")
  load_test "$token" 8 5 > /dev/null
  read -r a50 a99 arps <<< "$(load_test "$token" 1 "$seconds")"
  read -r b50 b99 brps <<< "$(load_test "$token" 8 "$seconds")"
  read -r s50 s99 srps <<< "$(load_test "$small_token" 8 "$seconds")"
  bench_stop_app
  previous=$storage
  bench_log "$label: moved in $moved, $row_bytes + $index_bytes bytes/vector, recall $r (small $rs), p50 $a50 / $b50 ms"
  printf '%s\t' "$label" "$moved" "$row_bytes" "$index_bytes" "$index_size" "$r" "$a50" "$a99" "$b50" "$b99" \
    "$s50" "$s99" "$rs" >> "$BENCH_OUT/results.txt"
  echo >> "$BENCH_OUT/results.txt"
  if [ "$storage" = full ]; then
    bench_log "the exact scan (full precision, index scans off)"
    sql -c "ALTER DATABASE $db SET enable_indexscan = off"
    # shellcheck disable=SC2046
    bench_start_app "$port" "$db" $(settings full)
    read -r e50 e99 _ <<< "$(load_test "$token" 1 "$seconds")"
    read -r f50 f99 _ <<< "$(load_test "$token" 8 "$seconds")"
    bench_stop_app
    sql -c "ALTER DATABASE $db RESET enable_indexscan"
  fi
done

bench_log "numpy brute force over the same vectors"
sql -c "\\copy (SELECT r.output_name, coalesce(e.embedding, e.embedding_half::vector) FROM embeddings e JOIN recordings r ON r.id = e.recording_id
  WHERE r.profile_id IN (SELECT m.profile_id FROM user_profiles m JOIN users u ON u.id = m.user_id WHERE u.email = '$email')) TO STDOUT" \
  > "$BENCH_OUT/vectors.txt"
numpy=$(python3 - "$BENCH_OUT/vectors.txt" "$BENCH_OUT/bodies.txt" "$BENCH_OUT/truth.txt" <<'PY'
import json, sys, time
import numpy as np
count = sum(1 for _ in open(sys.argv[1]))
names, data = [], None
for i, line in enumerate(open(sys.argv[1])):  # into one array made once: a million wide rows fit only once
    name, vector = line.rstrip("\n").split("\t")
    row = np.array(vector[1:-1].split(","), dtype=np.float32)
    if data is None:
        data = np.empty((count, row.size), dtype=np.float32)
    names.append(name)
    data[i] = row
data /= np.linalg.norm(data, axis=1, keepdims=True)
queries = [np.array(json.loads(b)["vector"], dtype=np.float32) for b in open(sys.argv[2])]
truth = [line.split()[1].split(",") for line in open(sys.argv[3])]
times, found = [], 0
for q, want in zip(queries, truth):
    start = time.perf_counter()
    scores = data @ (q / np.linalg.norm(q))
    top = np.argpartition(-scores, 10)[:10]
    top = top[np.argsort(-scores[top])]
    times.append((time.perf_counter() - start) * 1000)
    found += len({names[i] for i in top} & set(want))
times.sort()
print(f"{times[len(times) // 2]:.2f} {times[int(len(times) * 0.99)]:.2f} {found / (10 * len(truth)):.4f} {data.nbytes / len(names):.0f}")
PY
)
read -r n50 n99 nrecall nbytes <<< "$numpy"

exact() {
  case "${1:-}" in
    "") echo "not run (no full-precision run; the truth's brute force in SQL took ${truth_seconds} s for ${queries} queries of both callers)" ;;
    none) echo "none answered in ${seconds} s" ;;
    few) echo "too few answers in ${seconds} s for percentiles" ;;
    *) echo "$1 / $2" ;;
  esac
}
table=$(python3 - "$BENCH_OUT/results.txt" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
full = next((int(r[2]) + int(r[3]) for r in rows if r[0] == "full"), None)
for s, moved, row, index, size, recall, a50, a99, b50, b99, s50, s99, rs, *_ in rows:
    total = int(row) + int(index)
    share = f" ({100 * total / full:.0f} %)" if full else ""
    print(f"| {s} | {moved} | {row} + {index} = {total}{share} | {size} | {recall} | {a50} / {a99} | {b50} / {b99}"
          f" | {s50} / {s99} | {rs} |")
PY
)
heading="## Vector storage"  # (bench_write_section replaces the first section whose heading starts so)
[ "$storages" = "full half binary" ] || heading="$heading, $storages only"
[ "$column_storage" = main ] || heading="$heading, vectors out of line"
heading="$heading: $vectors × $dims"
section=$(cat <<MD
$heading

\`bash bench/vector-storage.sh --vectors $vectors --dims $dims --queries $queries --seconds $seconds --rerank "$rerank" --storages "$storages" --intrinsic $intrinsic --noise $noise --column-storage $column_storage\`
($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(value -c "SHOW server_version" | cut -d' ' -f1), pgvector
$(value -c "SELECT extversion FROM pg_extension WHERE extname = 'vector'"), shared_buffers 8 GB, maintenance_work_mem 4 GB, $(($(nproc) - 1)) parallel maintenance worker). $vectors recordings in
11 profiles with one $dims-dimension vector each, drawn as in "Vector search" (intrinsic dimension $intrinsic, noise $noise), loaded in
${load} s; the caller is a member of 9 profiles (about 89 % of the vectors); the *filtered* caller only of one holding
1 % of them. $queries query vectors; recall@10 against the exact top 10 of what each caller may see, through the
service one request at a time; latencies of \`POST /api/search\` (semantic, \`limit\` 10, ef_search 100, relaxed
iterative scan) under wrk, ${seconds} s each after 5 s of warm-up. *Moved*: the service itself moved the space from the
storage above it (copy, concurrent index build, switch, clear) while serving; $([ "$first" = full ] && echo "full precision is how it was loaded." || echo "the vectors were loaded at full precision (the truth is of them) and moved to $first by SQL, without a full-precision index.")
Vector columns stored $([ "$column_storage" = main ] && echo "MAIN (in the row wherever it fits a page; migration V29)" || echo "EXTERNAL (pgvector's own: out of line in the TOAST table past 2 kB a row; before migrations V29 and V31)").
*Bytes per vector*: the row as stored (with its header) + the space's HNSW index; the percentage is of full precision's.
Binary ×*f*: re-rank factor *f* (the best 10 × *f* by Hamming distance re-ranked by cosine).

| storage | moved in | bytes per vector (row + index) | index | recall@10 | p50 / p99 at 1 connection (ms) | at 8 (ms) | filtered caller at 8 (ms) | filtered recall@10 |
|---|---|---|---|---|---|---|---|---|
${table}
| exact scan (full precision) | | | | 1 | $(exact "${e50:-}" "${e99:-}") | $([ -z "${f50:-}" ] || exact "$f50" "$f99") | | |
| numpy brute force (one process, float32, normalised in memory) | | ${nbytes} in memory | | ${nrecall} | ${n50} / ${n99} (one query at a time) | | | |
MD
)
bench_write_section "$heading" "$section"
bench_log "written to docs/benchmarks.md"
if [ "$keep_database" != true ]; then
  bench_psql -c "DROP DATABASE $db WITH (FORCE)"
fi
