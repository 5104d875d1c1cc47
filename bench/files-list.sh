#!/usr/bin/env bash
# Benchmark of the hot path GET /api/profiles/{p}/files: 50 profiles x 200 analysed recordings x 4 stems, a signed-in
# member of every profile, wrk at 16 connections for 30 s against the service, then pgbench running the
# identical SQL (the one statement the service sends per request) at 16 clients for 30 s, in one run; then the
# 304 path (the same request with its current ETag) the same way, and the unchanged statement's plan.
# Writes the figures to docs/benchmarks.md (section "Files list"). Needs root the first time (apt).
#   bash bench/files-list.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seconds="${1:-30}"
db=stemvault_bench
port=18080
BENCH_OUT=$(mktemp -d)

bench_need wrk wrk
bench_fresh_database "$db"
bench_start_oidc
bench_start_app "$port" "$db"

bench_log "signing in through the development identity provider"
token=$(bench_sign_in "$port" bench@example.com)

bench_log "loading 50 profiles x 200 analysed recordings x 4 stems"
runuser -u postgres -- psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO profiles (id, name, source_folder, created_at)
SELECT gen_random_uuid(), 'profile-' || p, '/sources/' || p, now() FROM generate_series(1, 50) p;
INSERT INTO recordings (id, profile_id, output_name, display_name, description, created_at, updated_at)
SELECT gen_random_uuid(), pr.id, 'take-' || r, 'Take ' || r, 'a rehearsal take', now() - r * interval '1 hour', now()
FROM profiles pr, generate_series(1, 200) r;
INSERT INTO stems (id, recording_id, stem_type, measured_lufs, peak_amplitude, stem_gain_adjustment_db, audio_url,
                   waveform_url, file_size_bytes, duration_seconds, position)
SELECT gen_random_uuid(), r.id, t.type, -18.5, 0.9, 3.1, t.type || '.opus', t.type || '_waveform.png', 3456789, 184.3, t.pos
FROM recordings r, (VALUES ('vocals', 1), ('drums', 2), ('bass', 3), ('other', 4)) t(type, pos);
-- Every take analysed, as a library after the worker's analysis is: the answer carries tempo, key and stability.
INSERT INTO recording_analyses (recording_id, tempo_bpm, tempo_confidence, musical_key, key_confidence, stability,
                                beats, downbeats, window_seconds, tempo_curve, window_keys, tool, analyzed_at)
SELECT r.id, 80 + (abs(hashtext(r.output_name)) % 800) / 10.0, 0.9, 'A minor', 0.7, 0.95,
       ARRAY(SELECT g * 0.5 FROM generate_series(1, 368) g)::real[], ARRAY(SELECT g * 2.0 FROM generate_series(1, 92) g)::real[],
       10, array_fill(120::real, ARRAY[19]), array_fill('A minor'::text, ARRAY[19]), 'bench', now()
FROM recordings r;
INSERT INTO user_profiles (user_id, profile_id, granted_at) SELECT u.id, p.id, now() FROM users u, profiles p;
SQL
# As autovacuum would after a bulk load (the version triggers leave old profile row versions behind).
runuser -u postgres -- psql -X -q -d "$db" -c "VACUUM ANALYZE"

user_id=$(runuser -u postgres -- psql -X -tA -d "$db" -c "SELECT id FROM users WHERE email = 'bench@example.com'")
session_id=$(runuser -u postgres -- psql -X -tA -d "$db" -c "SELECT id FROM sessions WHERE user_id = '$user_id' ORDER BY opened_at DESC LIMIT 1")
profile=profile-17
url="http://127.0.0.1:$port/api/profiles/$profile/files"
status=$(curl -s -o "$BENCH_OUT/body.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$url")
[ "$status" = 200 ] || { echo "[bench] the files list answered $status" >&2; exit 1; }
bytes=$(wc -c < "$BENCH_OUT/body.json")

bench_log "warming up for ${bench_warmup}s"
wrk -t2 -c16 -d"${bench_warmup}s" -H "Authorization: Bearer $token" "$url" > /dev/null
bench_log "wrk: 16 connections, ${seconds}s"
wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$url" | tee "$BENCH_OUT/wrk.txt"

# The same statement the service sends per request, with the same values (the session's user, its admin
# right, the membership check, the page and the stems, in one round trip).
cat > "$BENCH_OUT/files.sql" <<SQL
WITH viewer AS (
    SELECT u.id, (u.role = 'admin' OR u.email = ANY ('{}'::text[])) AS admin
    FROM users u JOIN sessions s ON s.user_id = u.id WHERE u.id = '$user_id' AND s.id = '$session_id'
), visible AS NOT MATERIALIZED (
    SELECT p.* FROM profiles p, viewer v
    WHERE v.admin OR EXISTS (SELECT 1 FROM user_profiles m WHERE m.profile_id = p.id AND m.user_id = v.id)
), chosen AS (
    SELECT p.id, p.version, (:any::boolean OR p.version = ANY (:versions::bigint[])) AS unchanged
    FROM visible p WHERE p.name = '$profile'
), page AS (
    SELECT r.* FROM recordings r JOIN chosen c ON r.profile_id = c.id AND NOT c.unchanged
    WHERE (NULL::timestamptz IS NULL OR (r.created_at, r.id) < (NULL::timestamptz, NULL::uuid))
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT NULL
)
SELECT EXISTS (SELECT 1 FROM viewer) AS user_exists, c.id AS visible_profile,
       c.version AS profile_version, c.unchanged,
       r.id, r.profile_id, r.audio_file_id, r.output_name, r.display_name, r.description,
       r.created_at, r.updated_at, r.location_id, r.date_recorded, r.status,
       (SELECT l.name FROM locations l WHERE l.id = r.location_id) AS location_name,
       CASE WHEN r.status = 'error' THEN (SELECT coalesce(j.error, j.status) FROM jobs j
           WHERE j.audio_file_id = r.audio_file_id) END AS error_message,
       s.stem_type, s.measured_lufs, s.peak_amplitude, s.stem_gain_adjustment_db, s.audio_url,
       s.waveform_url, s.file_size_bytes, s.duration_seconds, r.tempo_bpm AS measured_bpm,
       r.musical_key AS measured_key, r.stability AS measured_stability
FROM (SELECT 1) AS one
LEFT JOIN chosen c ON true
LEFT JOIN page r ON true
LEFT JOIN LATERAL (SELECT * FROM stems s WHERE s.recording_id = r.id ORDER BY s.position OFFSET 0) s ON true
ORDER BY r.created_at DESC, r.id DESC, s.position;
SQL
bench_log "pgbench: 16 clients, ${seconds}s, the identical SQL"
pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 16 -j 2 -T "$seconds" -D any=false -D "versions={}" \
  -f "$BENCH_OUT/files.sql" "$db" | tee "$BENCH_OUT/pgbench.txt"

# The 304 path: the same request with the tag the first answer carried.
etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $token" "$url" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H "If-None-Match: $etag" "$url")
[ "$status" = 304 ] || { echo "[bench] If-None-Match $etag answered $status" >&2; exit 1; }
version=$(echo "$etag" | sed 's/^"v1\.\([0-9]*\)"$/\1/')
bench_log "wrk: 16 connections, ${seconds}s, If-None-Match $etag"
wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" -H "If-None-Match: $etag" "$url" \
  | tee "$BENCH_OUT/wrk304.txt"
bench_log "pgbench: 16 clients, ${seconds}s, the same statement knowing the version"
pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 16 -j 2 -T "$seconds" -D any=false -D "versions={$version}" \
  -f "$BENCH_OUT/files.sql" "$db" | tee "$BENCH_OUT/pgbench304.txt"
# What the unchanged statement reads: the recordings' scan must never run.
sed -e "s/:any/false/; s/:versions/'{$version}'/" "$BENCH_OUT/files.sql" | sed '1s/^/EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) /' \
  | runuser -u postgres -- psql -X -q -d "$db" > "$BENCH_OUT/plan304.txt"
grep -q "Index Scan.*recordings.*(never executed)\|Scan.*on recordings.*(never executed)" "$BENCH_OUT/plan304.txt" \
  || { cat "$BENCH_OUT/plan304.txt" >&2; echo "[bench] the unchanged statement read recordings" >&2; exit 1; }

rps=$(awk '/Requests\/sec/ {print $2}' "$BENCH_OUT/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$BENCH_OUT/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$BENCH_OUT/wrk.txt")
tps=$(awk '/^tps/ {print $3}' "$BENCH_OUT/pgbench.txt")
lat=$(awk '/latency average/ {print $4}' "$BENCH_OUT/pgbench.txt")
ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { printf "%.2f", a / b }')
rps304=$(awk '/Requests\/sec/ {print $2}' "$BENCH_OUT/wrk304.txt")
p50_304=$(awk '$1 == "50%" {print $2}' "$BENCH_OUT/wrk304.txt")
p99_304=$(awk '$1 == "99%" {print $2}' "$BENCH_OUT/wrk304.txt")
tps304=$(awk '/^tps/ {print $3}' "$BENCH_OUT/pgbench304.txt")
ratio304=$(awk -v a="$rps304" -v b="$tps304" 'BEGIN { printf "%.2f", a / b }')

section=$(cat <<MD
## Files list: GET /api/profiles/{profile}/files

Measured $(date -u +%Y-%m-%dT%H:%MZ) on this machine ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB), the service on
$("${BENCH_JAVA:-java}" -version 2>&1 | head -n 1 | sed 's/"//g'),
PostgreSQL, wrk and pgbench all on it. Data: 50 profiles x 200 recordings x 4 stems, every take analysed; the list of one profile is
200 recordings with 800 stems, ${bytes} bytes of JSON. The caller is a member with a bearer session token. The
service is measured after ${bench_warmup} s of the same load (the JIT's warm-up).

| what | figure |
|---|---|
| service, wrk 16 connections ${seconds} s | ${rps} req/s, p50 ${p50}, p99 ${p99} |
| the same SQL, pgbench 16 clients ${seconds} s (the one statement per request, prepared) | ${tps} tps, mean latency ${lat} ms |
| ratio service / pgbench | **${ratio}** (target >= 0.8) |
| 304 path: service with the current \`If-None-Match\`, wrk 16 connections ${seconds} s | **${rps304} req/s** (target >= 3,000), p50 ${p50_304}, p99 ${p99_304} |
| the same statement knowing the version, pgbench 16 clients ${seconds} s | ${tps304} tps; ratio service / pgbench ${ratio304} |

The unchanged statement's plan (\`EXPLAIN ANALYZE\`; the script fails unless the recordings' scan is never executed):
\`\`\`
$(grep -E "recordings|stems|Limit|Result" "$BENCH_OUT/plan304.txt" | head -n 12)
\`\`\`

Command: \`${BENCH_JAVA:+BENCH_JAVA=$BENCH_JAVA }bash bench/files-list.sh ${seconds}\`

wrk:
\`\`\`
$(cat "$BENCH_OUT/wrk.txt")
\`\`\`
MD
)
bench_write_section "## Files list: " "$section"
bench_log "written to docs/benchmarks.md: ${rps} req/s, p99 ${p99}, pgbench ${tps} tps, ratio ${ratio}"
