#!/usr/bin/env bash
# What search that learns costs a search on a library of a realistic size (issue 32), in one run:
#   1. N recordings (default 100,000, 4 stems each) in 10 profiles with a random 384-dimension vector each, the
#      service's own HNSW index (as bench/search-statement.sh builds them); the caller sees 9 profiles;
#   2. Q query vectors (default 40), each searched once through the service, and members' acts on every
#      result of those searches written into search_feedback (30 members, one act each per result and query,
#      the first five skipped, the rest played, so that the learned order differs from today's), plus background acts on random recordings from queries never asked again
#      (B acts, default 100,000), so that a candidate's acts are many and mostly irrelevant to the query; a
#      learned model in ranker_models (the weights the offline evaluation learned);
#   3. three services at once, each warmed for BENCH_WARMUP seconds (default 120) at 8 connections:
#      "today" (STEMVAULT_FEEDBACK_RETENTION=0: no search_id, nothing logged, today's statement), "logged"
#      (the default: the search logged in its statement, ranker off), "learned" (STEMVAULT_SEARCH_RANKER=true);
#   4. wrk sends the Q searches in turn to each of them, at 1 and 8 connections, S seconds per turn, BENCH_ROUNDS
#      rounds (default 5) with the three services interleaved, each round starting with the next service, so that
#      the machine's drift falls on all three alike; a ratio is taken within each round (the turns next to each
#      other) and the median of the rounds' ratios reported.
# Writes docs/benchmarks.md ("Search that learns: its cost at ..."). Needs root (apt, the cluster restart).
# BENCH_REUSE=1 keeps the database of an earlier run with the same arguments (steps 1 and 2), for a second run of
# the same measure after a change to the service.
#   bash bench/search-feedback-cost.sh [vectors] [seconds] [queries] [background acts]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

vectors="${1:-100000}"
seconds="${2:-10}"
queries="${3:-40}"
background="${4:-100000}"
rounds="${BENCH_ROUNDS:-5}"
db=stemvault_bench_feedback
email=bench@example.com
space=bench
dims=384
BENCH_OUT=$(mktemp -d)
sql() { bench_psql -d "$db" "$@"; }
value() { bench_psql -d "$db" -tA "$@"; }
spaces=(STEMVAULT_EMBEDDING_SPACES="$space:$dims:external")

bench_need wrk wrk
built="$vectors $queries $background"
reuse=false
if [ "${BENCH_REUSE:-}" = 1 ] && [ "$(bench_psql -tA -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database
                                                         WHERE datname = '$db'")" = "$built" ]; then
  reuse=true
  bench_log "reusing $db ($built)"
  ./mvnw -B -q -ntp package -DskipTests
else
  bench_fresh_database "$db"
fi
bench_raise_shared_buffers "2GB"
bench_start_oidc
bench_start_app 18110 "$db" "${spaces[@]}"
token=$(bench_sign_in 18110 "$email")
bench_stop_app
gauss="sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())"
value -c "SELECT setseed(0.25)" -c "SELECT json_build_object('mode', 'semantic', 'space', '$space', 'vector',
            (SELECT array_agg(round(($gauss)::numeric, 6)) FROM generate_series(1, $dims) WHERE q > 0)::real[], 'limit', 10)
          FROM generate_series(1, $queries) q" | grep -v '^$' > "$BENCH_OUT/bodies.txt"
export BODIES="$BENCH_OUT/bodies.txt"

if ! $reuse; then
bench_log "loading $vectors recordings x 4 stems with a random vector each, and the index"
bench_seed_vectors "$db" "$space" "$dims" "$vectors" "$email"

bench_log "$queries searches through the service, then the members' acts on their results"
bench_start_app 18110 "$db" "${spaces[@]}"
while IFS= read -r body; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary "$body" "localhost:18110/api/search")
  [ "$status" = 200 ] || { bench_log "a search answered $status"; exit 1; }
done < "$BODIES"
bench_stop_app
[ "$(value -c "SELECT count(*) FROM searches")" = "$queries" ] || { bench_log "the searches were not logged"; exit 1; }
sql -v background="$background" <<'SQL'
SELECT setseed(0.75);
INSERT INTO users (id, email, name, role, created_at)
SELECT gen_random_uuid(), 'member-' || m || '@example.com', 'Member ' || m, 'member', now() FROM generate_series(1, 30) m;
-- every member acted once on every result of every logged search: skipped the first five, played the rest
INSERT INTO search_feedback (search_id, recording_id, action, profile_id, user_id, session_id, kind, query_text,
                             query_norm, space, query_vector, position, seconds_played, played_to_end, dwell_seconds,
                             reward, base_share, searched_at, created_at)
SELECT gen_random_uuid(), r.id, a.action, r.profile_id, u.id, gen_random_uuid(), 'search', NULL, NULL, s.space,
       s.query_vector, x.pos, a.seconds, a.to_end, a.seconds, a.reward, 1.0 / x.pos, now() - interval '1 day', now() - interval '1 day'
FROM searches s
CROSS JOIN LATERAL unnest(s.results) WITH ORDINALITY x(recording_id, pos)
JOIN recordings r ON r.id = x.recording_id
CROSS JOIN (SELECT id FROM users WHERE email LIKE 'member-%') u
CROSS JOIN LATERAL (SELECT CASE WHEN x.pos > 5 THEN 'played' ELSE 'skipped' END AS action WHERE u.id IS NOT NULL) k
CROSS JOIN LATERAL (SELECT k.action, CASE WHEN k.action = 'played' THEN 60 ELSE NULL END::real AS seconds,
                           k.action = 'played' AS to_end, CASE WHEN k.action = 'played' THEN 2 ELSE -1 END AS reward) a;
-- background: acts on random recordings from queries asked once, each its own random vector
INSERT INTO search_feedback (search_id, recording_id, action, profile_id, user_id, session_id, kind, query_text,
                             query_norm, space, query_vector, position, seconds_played, played_to_end, dwell_seconds,
                             reward, base_share, searched_at, created_at)
SELECT gen_random_uuid(), r.id, 'played', r.profile_id, (SELECT id FROM users WHERE email LIKE 'member-%' AND g > 0 LIMIT 1),
       gen_random_uuid(), 'search', NULL, NULL, 'bench',
       (SELECT array_agg(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) FROM generate_series(1, 384) WHERE g > 0)::vector,
       1 + (g % 10), 30, false, 30, 1, 0.5, now() - interval '2 days', now() - interval '2 days'
FROM generate_series(1, :background) g
CROSS JOIN (SELECT array_agg(id) AS ids, array_agg(profile_id) AS profiles, count(*) AS n FROM recordings) a
CROSS JOIN LATERAL (SELECT 1 + floor(random() * a.n)::int AS k WHERE g > 0) k
CROSS JOIN LATERAL (SELECT a.ids[k.k] AS id, a.profiles[k.k] AS profile_id) r;
INSERT INTO ranker_models (base_weight, exact_weight, similar_weight, scale, events, pairs, trained_at)
VALUES (1.0, 214.8, 528.7, 2.0, 8822, 20000, now());
VACUUM ANALYZE;
SQL
bench_psql -c "COMMENT ON DATABASE $db IS '$built'"
else
  # an earlier run's searches were logged too: keep the first Q, whose results the acts are on
  sql -c "DELETE FROM searches WHERE id NOT IN (SELECT id FROM searches ORDER BY created_at LIMIT $queries)" \
      -c "VACUUM ANALYZE searches"
fi
acts=$(value -c "SELECT count(*) FROM search_feedback")
per=$(value -c "SELECT round(avg(n), 1) FROM (SELECT count(*) n FROM search_feedback f
                 WHERE f.recording_id IN (SELECT unnest(results) FROM searches) GROUP BY recording_id) x")

declare -A port=([today]=18111 [logged]=18112 [learned]=18113) pid=()
bench_start_app "${port[today]}" "$db" "${spaces[@]}" STEMVAULT_FEEDBACK_RETENTION=0; pid[today]=$bench_app
bench_start_app "${port[logged]}" "$db" "${spaces[@]}"; pid[logged]=$bench_app
bench_start_app "${port[learned]}" "$db" "${spaces[@]}" STEMVAULT_SEARCH_RANKER=true; pid[learned]=$bench_app
bench_app=
bench_on_exit="kill ${pid[*]} 2>/dev/null || true; ${bench_on_exit:-}"
for s in today logged learned; do
  answer=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary "$(head -n 1 "$BODIES")" "localhost:${port[$s]}/api/search")
  case "$s" in
    today) echo "$answer" | grep -q '"search_id":null' || { bench_log "today's search has a search_id"; exit 1; } ;;
    *) echo "$answer" | grep -q '"search_id":"' || { bench_log "the $s search has no search_id"; exit 1; } ;;
  esac
done
# The learned service must re-rank: its answer differs from today's (the acts favour positions 6 to 10).
for s in today learned; do
  curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "$(sed -n 2p "$BODIES")" \
    "localhost:${port[$s]}/api/search" | python3 -c 'import json,sys; print([r["file"]["name"] for r in json.load(sys.stdin)["results"]])' \
    > "$BENCH_OUT/order-$s.txt"
done
cmp -s "$BENCH_OUT/order-today.txt" "$BENCH_OUT/order-learned.txt" && { bench_log "the learned service kept today's order"; exit 1; }
for s in today logged learned; do
  bench_log "$s: warming up for ${bench_warmup}s"
  wrk -t2 -c8 -d"${bench_warmup}s" -s bench/search.lua -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
    "http://127.0.0.1:${port[$s]}/api/search" > /dev/null
done

# p50 and p99 in ms of one wrk turn: turn SERVICE CONNECTIONS
turn() {
  wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"${seconds}s" --latency -s bench/search.lua -H "Authorization: Bearer $token" \
    -H "Content-Type: application/json" "http://127.0.0.1:${port[$1]}/api/search" > "$BENCH_OUT/wrk.txt"
  if grep -q -e "Non-2xx" -e "Socket errors" "$BENCH_OUT/wrk.txt"; then cat "$BENCH_OUT/wrk.txt" >&2; exit 1; fi
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
       /Requests\/sec/ {rps = $2} $1 == "50%" {p50 = ms($2)} $1 == "99%" {p99 = ms($2)} END {print p50, p99, rps}' "$BENCH_OUT/wrk.txt"
}
: > "$BENCH_OUT/turns.txt"
for c in 1 8; do
  for round in $(seq 1 "$rounds"); do
    services=(today logged learned)
    for k in 0 1 2; do
      s=${services[$(( (round - 1 + k) % 3 ))]}
      bench_log "round $round, $c connection(s): $s"
      echo "$c $round $s $(turn "$s" "$c")" >> "$BENCH_OUT/turns.txt"
    done
  done
done
kill "${pid[@]}"; wait "${pid[@]}" 2>/dev/null || true

rows=$(python3 - "$BENCH_OUT/turns.txt" <<'PY'
import statistics, sys
turns, rounds = {}, {}
for line in open(sys.argv[1]):
    c, r, s, p50, p99, rps = line.split()
    turns.setdefault((int(c), s), []).append((float(p50), float(p99), float(rps)))
    rounds.setdefault((int(c), int(r)), {})[s] = float(p50)
for c in (1, 8):
    m = {s: [statistics.median(x[i] for x in turns[(c, s)]) for i in range(3)] for s in ("today", "logged", "learned")}
    t = m["today"]
    ratio = lambda a, b: statistics.median(v[a] / v[b] for (k, _), v in rounds.items() if k == c)
    print(f"| {c} | {t[0]:.2f} / {t[1]:.2f} / {t[2]:.0f} | {m['logged'][0]:.2f} / {m['logged'][1]:.2f} / {m['logged'][2]:.0f}"
          f" | {m['learned'][0]:.2f} / {m['learned'][1]:.2f} / {m['learned'][2]:.0f}"
          f" | **{ratio('logged', 'today'):.2f}** | **{ratio('learned', 'today'):.2f}** | {ratio('learned', 'logged'):.2f} |")
PY
)
raw=$(awk '{printf "%s c=%s round %s %s %.2f", (NR > 1 ? ";" : ""), $1, $2, $3, $4}' "$BENCH_OUT/turns.txt")
section="## Search that learns: its cost at $vectors recordings

\`bash bench/search-feedback-cost.sh $vectors $seconds $queries $background\` ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores): $vectors
recordings with 4 stems and a random $dims-dimension vector each in 10 profiles (the caller sees 9), the service's
HNSW index (ef_search 100), as in \"Search against its own statement\". $queries query vectors were each searched once
through the service; then $acts acts are in \`search_feedback\`: 30 members acted once on each of those searches'
results (skipped the first five and played the rest, so that the learned order differs from today's; written by
SQL, the route being tested elsewhere), and
$background acts on random recordings came from queries never asked again (each with its own random query vector,
so that they are read and found dissimilar); a candidate of the measured searches carries $per acts on average.
Three services run at once against that database: *today* (\`STEMVAULT_FEEDBACK_RETENTION=0\`: nothing logged,
no \`search_id\`, the statement as before issue 32), *logged* (the default: the search logged by its own
statement) and *learned* (\`STEMVAULT_SEARCH_RANKER=true\`, with a model in \`ranker_models\`; the script checks
that it re-ranks). Each was warmed for ${bench_warmup} s at 8 connections; then wrk sent the $queries searches in
turn (\`POST /api/search\`, semantic, \`limit\` 10) to each, ${seconds} s per turn, $rounds rounds with the three
interleaved, each round starting with the next service. Latencies and req/s are the median turn's; a ratio is
taken within each round, between turns next to each other, and the median of the $rounds rounds' ratios is shown.

| connections | today p50 / p99 (ms) / req/s | logged p50 / p99 / req/s | learned p50 / p99 / req/s | logged / today (p50) | learned / today (p50) | learned / logged (p50) |
|---|---|---|---|---|---|---|
${rows}

Every turn's p50 (ms), in the order run:${raw}."
bench_write_section "## Search that learns: its cost at" "$section"
bench_log "written to docs/benchmarks.md"
