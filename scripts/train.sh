#!/usr/bin/env bash
# Builds the service's class-data cache by a training run (issue 18): starts the jar once against a scratch
# database and the development identity provider, sends it the requests a first user sends (health, the
# sign-in, the profiles and files lists, the web client, the API description), stops it, and keeps what the
# JVM loaded and linked:
#   - on JDK 25 or later: an AOT cache (JEP 483/514), bootstrap/target/stemvault.aot, used with
#     -XX:AOTCache=...;
#   - on JDK 17 to 24: a dynamic AppCDS archive, bootstrap/target/stemvault.jsa, used with
#     -XX:SharedArchiveFile=....
# The cache belongs to this jar and this JDK: scripts/run.sh rebuilds it when the jar is newer, and the JVM
# itself refuses (and runs without it) a cache made for another jar or JDK.
#   JAVA=/path/to/java JAVA_OPTS='...' bash scripts/train.sh
# (default: java on PATH; train with the JVM options the service will run with); prints the flag to use.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[train] $*" >&2; }
java="${JAVA:-java}"
jar=bootstrap/target/stemvault.jar
[ -f "$jar" ] || ./mvnw -B -q -ntp package -DskipTests
feature=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${feature%%.*}" -ge 25 ]; then
  cache=bootstrap/target/stemvault.aot
  record=(-XX:AOTCacheOutput="$cache")
  use="-XX:AOTCache=$cache"
else
  cache=bootstrap/target/stemvault.jsa
  record=(-XX:ArchiveClassesAtExit="$cache")
  use="-XX:SharedArchiveFile=$cache"
fi

db=stemvault_training
port="${TRAIN_PORT:-18799}"
oidc_port="${TRAIN_OIDC_PORT:-18798}"
out=$(mktemp -d)
bash scripts/ensure-postgres.sh >/dev/null
runuser -u postgres -- psql -X -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null
bash scripts/ensure-postgres.sh "$db" >/dev/null

DEV_OIDC_PORT=$oidc_port bash scripts/dev-oidc.sh > "$out/oidc.log" 2>&1 &
oidc=$!
app=
cleanup() {
  kill "$oidc" ${app:-} 2>/dev/null || true
  runuser -u postgres -- psql -X -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT
DEV_OIDC_PORT=$oidc_port bash scripts/dev-oidc.sh --wait

log "training run of $jar on $("$java" -version 2>&1 | head -n 1)"
rm -f "$cache"
env MICRONAUT_ENVIRONMENTS=dev PORT="$port" DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" \
  GOOGLE_ISSUER="http://localhost:$oidc_port/google" STEMVAULT_MEDIA_ROOT="$out/media" LOG_LEVEL=warn \
  "$java" ${JAVA_OPTS:-} "${record[@]}" -jar "$jar" > "$out/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$port/health" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { cat "$out/app.log" >&2; exit 1; }
  sleep 0.5
done

# A first user's requests: sign in, then what the client asks for.
jar_cookies="$out/cookies"
authorize=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar_cookies" "localhost:$port/auth/login")
callback=$(curl -s -o /dev/null -w '%{redirect_url}' --data-urlencode "username=train@example.com" \
  --data-urlencode 'claims={"email":"train@example.com","email_verified":true,"name":"Train"}' "$authorize")
curl -s -o /dev/null -b "$jar_cookies" -c "$jar_cookies" "$callback"
token=$(awk '$6 == "JWT" {print $7}' "$jar_cookies")
runuser -u postgres -- psql -X -q -d "$db" <<'SQL'
UPDATE users SET role = 'admin';
INSERT INTO profiles (id, name, source_folder, created_at) VALUES (gen_random_uuid(), 'training', '/src/training', now());
INSERT INTO user_profiles SELECT u.id, p.id, now() FROM users u, profiles p;
INSERT INTO recordings (id, profile_id, output_name, display_name, description, created_at, updated_at)
SELECT gen_random_uuid(), id, 'take-' || n, 'Take ' || n, '', now(), now() FROM profiles, generate_series(1, 20) n;
INSERT INTO stems (id, recording_id, stem_type, measured_lufs, peak_amplitude, stem_gain_adjustment_db, audio_url,
                   waveform_url, file_size_bytes, duration_seconds, position)
SELECT gen_random_uuid(), r.id, t, -18, 0.9, 0, t || '.opus', t || '_waveform.png', 1000, 60, 1
FROM recordings r, unnest(ARRAY['vocals', 'drums', 'bass', 'other']) t;
SQL
mkdir -p "$out/media/training/take-1" && head -c 65536 /dev/urandom > "$out/media/training/take-1/vocals.opus"
auth=(-H "Authorization: Bearer $token")
for _ in 1 2 3; do
  for path in /health /auth/status /api/profiles /api/profiles/training /api/profiles/training/files \
              /api/profiles/training/files/take-1 "/api/profiles/training/files?limit=5" /api/admin/users \
              /api/jobs /openapi.yml /docs /; do
    curl -s -o /dev/null "${auth[@]}" "localhost:$port$path" || true
  done
  curl -s -o /dev/null "${auth[@]}" -r 0-1023 "localhost:$port/media/training/take-1/vocals.opus" || true
  curl -s -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -d '{"query":"take","mode":"fulltext"}' \
    "localhost:$port/api/search" || true
  curl -s -o /dev/null "${auth[@]}" "localhost:$port/api/profiles/no-such/files" || true
done
kill -TERM "$app"
wait "$app" 2>/dev/null || true
app=
[ -s "$cache" ] || { tail -n 20 "$out/app.log" >&2; log "no cache was written"; exit 1; }
log "wrote $cache ($(du -h "$cache" | cut -f1)); run with: $use"
echo "$use"
