#!/usr/bin/env bash
# Benchmark of start-up and idle memory (issue 18): the service launched 5 times in each of four ways, with the
# JVM options of scripts/jvm-options, against a local database already migrated and the development identity
# provider: JDK 17 as it is, JDK 17 with the AppCDS archive of scripts/train.sh, JDK 25 as it is, JDK 25 with
# its AOT cache. For each launch: "Startup completed in" (Micronaut's own figure), launch to the first 200 of
# /health (the JVM's start included), and the resident set 5 s after that first 200. Medians of the 5.
# Writes docs/benchmarks.md ("Start-up and idle memory").
#   bash bench/startup.sh [runs] [jdk25-home]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

runs="${1:-5}"
jdk25="${2:-/usr/lib/jvm/temurin-25-jdk-amd64}"
db=stemvault_bench_startup
port=18094
BENCH_OUT=$(mktemp -d)
options=$(cat scripts/jvm-options)

bench_fresh_database "$db"
bench_start_oidc
JAVA=java JAVA_OPTS="$options" bash scripts/train.sh > /dev/null
JAVA="$jdk25/bin/java" JAVA_OPTS="$options" bash scripts/train.sh > /dev/null

launch() { # java flags...: prints "startup_ms first200_ms rss_mb"
  local java=$1 start pid first rss
  shift
  start=$(date +%s%N)
  env MICRONAUT_ENVIRONMENTS=dev PORT="$port" DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" \
    GOOGLE_ISSUER="http://localhost:$DEV_OIDC_PORT/google" STEMVAULT_MEDIA_ROOT="$BENCH_OUT/media" \
    "$java" $options "$@" -jar bootstrap/target/stemvault.jar > "$BENCH_OUT/launch.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "localhost:$port/health"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$BENCH_OUT/launch.log" >&2; exit 1; }
    sleep 0.01
  done
  first=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  grep -q "Class data sharing\|Unable to use\|AOT cache.*not" "$BENCH_OUT/launch.log" && { bench_log "the cache was refused:"; grep -i "shar\|aot" "$BENCH_OUT/launch.log" >&2; exit 1; }
  echo "$(grep -o 'Startup completed in [0-9]*ms' "$BENCH_OUT/launch.log" | grep -o '[0-9]*') $first $rss"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
measure() { # label java flags...
  local label=$1 i results=()
  shift
  launch "$@" > /dev/null  # one launch to warm the page cache
  for i in $(seq 1 "$runs"); do results+=("$(launch "$@")"); done
  printf '%s\n' "${results[@]}" > "$BENCH_OUT/$label.txt"
  echo "$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median) $(printf '%s\n' "${results[@]}" | awk '{print $2}' | median) $(printf '%s\n' "${results[@]}" | awk '{print $3}' | median)"
}
bench_log "JDK 17"; read -r a1 b1 c1 <<<"$(measure j17 java)"
bench_log "JDK 17, AppCDS"; read -r a2 b2 c2 <<<"$(measure j17cds java -XX:SharedArchiveFile=bootstrap/target/stemvault.jsa -Xshare:on)"
bench_log "JDK 25"; read -r a3 b3 c3 <<<"$(measure j25 "$jdk25/bin/java")"
bench_log "JDK 25, AOT cache"; read -r a4 b4 c4 <<<"$(measure j25aot "$jdk25/bin/java" -XX:AOTCache=bootstrap/target/stemvault.aot -XX:AOTMode=on)"
ok() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "yes" : "no" }'; }

section="## Start-up and idle memory

\`bash bench/startup.sh $runs\` ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores): the service launched $runs times each way (after one
launch to warm the page cache), medians. JVM options of \`scripts/jvm-options\`: \`$options\`. The database is
local and migrated; the development identity provider answers the discovery fetch. Caches from
\`scripts/train.sh\` (a training run: sign-in, profiles, files, media, search, docs, web client).

| JVM | \"Startup completed in\" ms | launch to first 200 ms | idle RSS MB |
|---|---|---|---|
| JDK 17 | $a1 | $b1 | $c1 |
| JDK 17 + AppCDS (\`-XX:SharedArchiveFile\`) | $a2 | $b2 | $c2 |
| JDK 25 | $a3 | $b3 | $c3 |
| JDK 25 + AOT cache (\`-XX:AOTCache\`) | **$a4** | **$b4** | **$c4** |
| target | <= 1500 ($(ok "$a4" 1500)) | <= 2000 ($(ok "$b4" 2000)) | <= 200 ($(ok "$c4" 200)) |

Every launch (startup ms, first 200 ms, RSS MB), JDK 25 with the AOT cache: $(tr '\n' ';' < "$BENCH_OUT/j25aot.txt")
JDK 17 with AppCDS: $(tr '\n' ';' < "$BENCH_OUT/j17cds.txt")"
bench_write_section "## Start-up and idle memory" "$section"
bench_log "written to docs/benchmarks.md"
