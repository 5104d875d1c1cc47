#!/usr/bin/env bash
# Benchmark of uploads and the processing queue, in one run against one service:
#  - upload throughput: POST /api/upload of 50 MB WAV files (each new), MB/s, median of 5, against `cat` of the
#    same bytes into the media store's folder (the limit: the disk), median of 5;
#  - the queue: claim + complete round trips per second with 8 concurrent pull workers on N jobs (one small stem
#    each; the completion saves the recording as in production);
#  - job change -> long-poll answer latency, p50/p99 over 200 rounds (a held status request, then a heartbeat).
# Writes docs/benchmarks.md (section "Uploads and jobs"). Needs root the first time (apt).
#   bash bench/jobs.sh [jobs]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

jobs="${1:-4000}"
db=stemvault_bench
port=18081
BENCH_OUT=$(mktemp -d)
media="$BENCH_OUT/media"
mkdir -p "$media"
bench_on_exit="rm -rf '$BENCH_OUT'"

bench_need python3 python3 bc bc curl curl
bench_fresh_database "$db"
bench_start_oidc
bench_start_app "$port" "$db" STEMVAULT_MEDIA_ROOT="$media" STEMVAULT_ADMIN_EMAILS=bench@example.com

bench_log "signing in; a profile; a worker token"
token=$(bench_sign_in "$port" bench@example.com)
cli() { DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" MICRONAUT_ENVIRONMENTS=dev \
  java -jar bootstrap/target/stemvault.jar "$@"; }
cli create-profile bench --source-folder /srv/bench >/dev/null
worker=$(cli mint-worker-token --name bench | awk '/^token:/ {print $2}')

bench_log "uploads: 5 x 50 MB, and cat of the same bytes to the media folder"
upload_times=()
cat_times=()
for i in 1 2 3 4 5; do
  file="$BENCH_OUT/take-$i.wav"
  { printf 'RIFF\xff\xff\xff\xffWAVEfmt '; head -c $((50 * 1024 * 1024 - 16)) /dev/urandom; } > "$file"
  sync
  t=$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" -F "data=@$file" \
    "localhost:$port/api/upload/bench")
  upload_times+=("$t")
  start=$(date +%s.%N)
  cat "$file" > "$media/cat-$i.bin"
  sync
  end=$(date +%s.%N)
  cat_times+=("$(echo "$end - $start" | bc -l)")
  rm -f "$media/cat-$i.bin" "$file"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
upload_s=$(median "${upload_times[@]}")
cat_s=$(median "${cat_times[@]}")
upload_mbs=$(echo "50 / $upload_s" | bc -l | xargs printf '%.0f')
cat_mbs=$(echo "50 / $cat_s" | bc -l | xargs printf '%.0f')
ratio=$(echo "$upload_mbs / $cat_mbs" | bc -l | xargs printf '%.2f')
bench_log "upload ${upload_mbs} MB/s, cat ${cat_mbs} MB/s"

bench_log "the queue: $jobs jobs, 8 pull workers"
bench_psql -d "$db" <<SQL
WITH p AS (SELECT id, name FROM profiles WHERE name = 'bench'),
a AS (
  INSERT INTO audio_files (id, profile_id, file_hash, filename, storage_url, file_size_bytes, duration_seconds, created_at)
  SELECT gen_random_uuid(), p.id, encode(sha256(('bench-' || g)::bytea), 'hex'), 'take.wav', NULL, 1, NULL, now()
  FROM p, generate_series(1, $jobs) g
  RETURNING id, profile_id, file_hash
)
INSERT INTO jobs (id, profile_id, audio_file_id, output_name, filename, input_key, status, attempts, max_attempts,
                  not_before, created_at, updated_at)
SELECT gen_random_uuid(), a.profile_id, a.id, 'take_' || left(a.file_hash, 8), 'take.wav',
       'inputs/bench/take.wav', 'queued', 0, 3, now(), clock_timestamp(), now()
FROM a;
SQL
queue=$(python3 bench/jobs.py queue "$port" "$worker" 8)
bench_log "queue: $queue"

bench_log "long-poll latency: 200 rounds"
bench_psql -d "$db" <<SQL
WITH p AS (SELECT id FROM profiles WHERE name = 'bench'),
a AS (
  INSERT INTO audio_files (id, profile_id, file_hash, filename, file_size_bytes, created_at)
  SELECT gen_random_uuid(), p.id, repeat('e', 64), 'poll.wav', 1, now() FROM p RETURNING id, profile_id
)
INSERT INTO jobs (id, profile_id, audio_file_id, output_name, filename, input_key, status, max_attempts, not_before,
                  created_at, updated_at)
SELECT gen_random_uuid(), a.profile_id, a.id, 'poll_eeeeeeee', 'poll.wav', 'inputs/bench/poll.wav', 'queued', 3,
       now(), now(), now() FROM a;
SQL
poll=$(python3 bench/jobs.py poll "$port" "$worker" "$token" 200)
bench_log "long-poll: $poll"

field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
bench_write_section "## Uploads and jobs" "$(cat <<MD
## Uploads and jobs

\`bash bench/jobs.sh $jobs\`, $(date -u +%Y-%m-%d), this 2-core machine; one service (JDK $(java -version 2>&1 | awk -F'"' '/version/ {print $2}'), -Xmx1g), the
local media store on the same disk as the limit's copy.

| what | figure | limit or peer (same run) | ratio |
|---|---|---|---|
| upload of a 50 MB file (multipart, streamed into the store while hashed), median of 5 | **${upload_mbs} MB/s** | \`cat\` of the same bytes into the media folder: ${cat_mbs} MB/s | ${ratio} |
| claim + complete round trips, 8 concurrent pull workers, $(field "$queue" jobs) jobs | **$(field "$queue" per_second) jobs/s** ($(field "$queue" seconds) s) | | |
| job change → held status request answered, 200 rounds | **p50 $(field "$poll" p50_ms) ms, p99 $(field "$poll" p99_ms) ms** (max $(field "$poll" max_ms) ms) | the heartbeat that made the change: p50 $(field "$poll" heartbeat_p50_ms) ms round trip | |

The latency is measured from sending the heartbeat (so it includes that request and its commit) to the held
\`GET /api/jobs/{id}/status?wait=30\` answering: PostgreSQL's NOTIFY from the jobs trigger reaches the instance's
listening connection, which wakes the request without a thread having waited.
MD
)"
bench_log "written to docs/benchmarks.md"
