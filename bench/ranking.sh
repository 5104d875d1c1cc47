#!/usr/bin/env bash
# The offline evaluation of search that learns (issue 32): RankingBench generates a library of 1,200
# recordings whose relevance to 60 topics is known, simulates a member (position-biased looks, plays by
# relevance, noise) over 3,000 training searches through the real search statement and feedback route code,
# trains the ranker (train-ranker's code) at five points, and measures nDCG@10 and MRR of the learned ranker
# against today's ranking on held-out searches (repeated, near-repeated and new queries), then the cost of a
# search at 1 and 8 threads, today's statement against the learned one, in the same run.
# Writes docs/benchmarks.md (section "Search that learns").
#   bash bench/ranking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

db=stemvault_bench_ranking
bench_fresh_database "$db"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bench_log "building, then 3,000 simulated searches with their feedback (a few minutes)"
./mvnw -B -q -ntp install -DskipTests -Dspotless.check.skip=true
TEST_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" STEMVAULT_BENCH_OUT="$out/result.txt" \
  ./mvnw -B -q -ntp -o -pl bootstrap surefire:test -Dtest=RankingBench -Dsurefire.failIfNoSpecifiedTests=false >&2
cat "$out/result.txt" >&2
v() { awk -v k="$1" '$1 == k {$1 = ""; sub(/^ /, ""); print}' "$out/result.txt"; }
col() { echo "$1" | awk -v c="$2" '{print $c}'; }
gain() { python3 -c "print(f'{($2 - $1) / $1 * 100:+.1f} %')" ; }
rep=$(v today_repeated); near=$(v today_near); new=$(v today_new)
last=$(awk '$1 == "curve"' "$out/result.txt" | tail -1)
curve=$(awk '$1 == "curve" {printf "| %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s |\n", $2, $3, $4, $5, $6, $7, $8, $9, $10}' "$out/result.txt")
lat1=$(awk '$1 == "latency" && $2 == 1' "$out/result.txt")
lat8=$(awk '$1 == "latency" && $2 == 8' "$out/result.txt")
ratio() { python3 -c "print(f'{$2 / $1:.2f}')"; }
bench_write_section "## Search that learns: an offline evaluation" "$(cat <<MD
## Search that learns: an offline evaluation

\`bash bench/ranking.sh\`, $(date -u +%F), this 2-core machine, PostgreSQL $(runuser -u postgres -- psql -XtAc 'show server_version' | awk '{print $1}'), JDK
$(java -version 2>&1 | head -1 | awk -F'"' '{print $2}'). \`RankingBench\` (bootstrap tests; not part of the suite) generates 1,200 recordings of
60 topics in 32 dimensions: each has a hidden true vector (its topic plus noise) and a stored embedding (the
true vector plus more noise: the embedding model's error), so today's semantic ranking is good but not right;
a recording's relevance to a topic is graded from the true vectors (3, 2, 1 for the topic's best 3, next 5,
next 10). **The simulated member** looks at position k with probability 1/k, plays a looked-at result with
probability 0.85 / 0.55 / 0.25 / 0.05 by relevance 3 / 2 / 1 / 0 (to its end at 3, else 5–40 s; the last is
noise) and skips it otherwise; 30 members. **Training** searches (3,000, in time order) ask about 40 known
topics, in the topic's own words or one of three other wordings (vector cosine about 0.9); every search and
act goes through the real search statement and the feedback statement. At each point of the curve the ranker
is trained (\`train-ranker\`'s code) on all acts so far and evaluated on **held-out** searches made after them:
the 40 known topics' own queries (*repeated*), a fourth wording of each, never searched (*near-repeated*),
and the 20 topics never searched (*new*). Learned: \`STEMVAULT_SEARCH_RANKER=true\`, pool 20, min-events 5.
MRR is of the first of the topic's best three (relevance 3) in the top 10.

| held-out queries | today's nDCG@10 / MRR | learned, after all training | gain in nDCG@10 |
|---|---|---|---|
| repeated (40) | $(col "$rep" 1) / $(col "$rep" 2) | **$(col "$last" 4)** / $(col "$last" 5) | $(gain $(col "$rep" 1) $(col "$last" 4)) |
| near-repeated (40) | $(col "$near" 1) / $(col "$near" 2) | **$(col "$last" 6)** / $(col "$last" 7) | $(gain $(col "$near" 1) $(col "$last" 6)) |
| new (20) | $(col "$new" 1) / $(col "$new" 2) | **$(col "$last" 8)** / $(col "$last" 9) | $(gain $(col "$new" 1) $(col "$last" 8)) |

**Learning curve** (nDCG@10 and MRR of the learned ranker on the same held-out searches, after so many
training searches and recorded acts; the weights learned, base / exact / similar):

| training searches | acts | repeated nDCG | MRR | near nDCG | MRR | new nDCG | MRR | weights |
|---|---|---|---|---|---|---|---|---|
$curve

**Cost per search**, in-process (\`Search.search\`: the statement through the connection pool and the
re-ranking; no HTTP), 2,000 searches over the held-out queries after 500 to warm up, today's statement (no
log) against the learned one (the log written, 20 candidates with their signals, the re-ranking):

| threads | today p50 / p99 (ms) | logged, ranker off: p50 / p99 | learned p50 / p99 (ms) | logged / today (p50) | learned / today (p50) |
|---|---|---|---|---|---|
| 1 | $(col "$lat1" 3) / $(col "$lat1" 4) | $(col "$lat1" 9) / $(col "$lat1" 10) | $(col "$lat1" 5) / $(col "$lat1" 6) | **$(ratio $(col "$lat1" 3) $(col "$lat1" 9))** | **$(ratio $(col "$lat1" 3) $(col "$lat1" 5))** |
| 8 | $(col "$lat8" 3) / $(col "$lat8" 4) | $(col "$lat8" 9) / $(col "$lat8" 10) | $(col "$lat8" 5) / $(col "$lat8" 6) | **$(ratio $(col "$lat8" 3) $(col "$lat8" 9))** | **$(ratio $(col "$lat8" 3) $(col "$lat8" 5))** |

Today's figure is the mean of two runs, one before and one after the learned one (their p50s:
$(col "$lat1" 7) and $(col "$lat1" 8) ms at 1 thread, $(col "$lat8" 7) and $(col "$lat8" 8) ms at 8).
MD
)"
bench_log "written to docs/benchmarks.md"
