# Shared steps of the benchmark scripts; sourced, never run. Each script runs from the project root.

bench_log() { echo "[bench] $*" >&2; }

# Seconds of load before a measured run, so that the JIT has compiled the hot paths (on 2 cores it shares
# the CPU with PostgreSQL and wrk, and a service started a minute ago is still compiling): BENCH_WARMUP.
bench_warmup="${BENCH_WARMUP:-120}"

# CPU time (ms) the process PID has used so far: bench_cpu_ms PID
bench_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

# Installs the Debian packages named when their command is missing: bench_need wrk wrk gnuplot gnuplot-nox
bench_need() {
  while [ $# -gt 1 ]; do
    command -v "$1" >/dev/null || {
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
    }
    shift 2
  done
}

# A fresh database with pgvector, and the service's jar built: bench_fresh_database NAME
bench_fresh_database() {
  bash scripts/ensure-postgres.sh
  runuser -u postgres -- psql -X -q -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
  bash scripts/ensure-postgres.sh "$1"
  ./mvnw -B -q -ntp package -DskipTests
}

bench_psql() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# The development identity provider on port 19090, stopped when the script exits (with the service).
bench_start_oidc() {
  export DEV_OIDC_PORT=19090
  bash scripts/dev-oidc.sh > "$BENCH_OUT/oidc.log" 2>&1 &
  bench_oidc=$!
  trap bench_cleanup EXIT
  bash scripts/dev-oidc.sh --wait
}

bench_cleanup() {
  kill "${bench_oidc:-}" "${bench_app:-}" 2>/dev/null || true
  if [ -n "${bench_on_exit:-}" ]; then eval "$bench_on_exit"; fi
}

# Starts the service in the dev environment on PORT against database DB, with any further VAR=value settings,
# and waits until it answers: bench_start_app PORT DB [VAR=value ...]. The JVM: $BENCH_JAVA, else java.
bench_start_app() {
  local port=$1 db=$2
  shift 2
  env MICRONAUT_ENVIRONMENTS=dev PORT="$port" DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" \
    GOOGLE_ISSUER="http://localhost:$DEV_OIDC_PORT/google" LOG_LEVEL=warn "$@" \
    "${BENCH_JAVA:-java}" -Xms512m -Xmx1g -jar bootstrap/target/stemvault.jar >> "$BENCH_OUT/app.log" 2>&1 &
  bench_app=$!
  for _ in $(seq 1 "${BENCH_START_SECONDS:-120}"); do # longer where the start builds an index
    curl -sf "localhost:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "$bench_app" 2>/dev/null || break
    sleep 1
  done
  tail -n 20 "$BENCH_OUT/app.log" >&2
  bench_log "the service did not start"
  exit 1
}

bench_stop_app() {
  kill "${bench_app:-}" 2>/dev/null || true
  wait "${bench_app:-}" 2>/dev/null || true
  bench_app=
}

# Signs EMAIL in through the development identity provider and prints the session token: bench_sign_in PORT EMAIL
bench_sign_in() {
  local port=$1 email=$2 jar="$BENCH_OUT/cookies" authorize callback token
  authorize=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" "localhost:$port/auth/login")
  callback=$(curl -s -o /dev/null -w '%{redirect_url}' --data-urlencode "username=$email" \
    --data-urlencode "claims={\"email\":\"$email\",\"email_verified\":true,\"name\":\"Bench\"}" "$authorize")
  curl -s -o /dev/null -b "$jar" -c "$jar" "$callback"
  token=$(awk '$6 == "JWT" {print $7}' "$jar")
  [ -n "$token" ] || { bench_log "sign-in failed"; exit 1; }
  echo "$token"
}

# Replaces the section of docs/benchmarks.md whose heading starts with HEADING (or appends it):
# bench_write_section "## Files list: " "$markdown"
bench_write_section() {
  python3 - "$1" "$2" <<'PY'
import re, sys, pathlib
path = pathlib.Path("docs/benchmarks.md")
text = path.read_text() if path.exists() else ("# Benchmarks\n\nEach section is written by the script it names; figures "
    "are from one run on this machine, which is noisy: compare ratios measured in the same run.\n")
heading, section = sys.argv[1], sys.argv[2].strip() + "\n"
pattern = re.compile(re.escape(heading) + r".*?(?=\n## |\Z)", re.S)
text = pattern.sub(lambda m: section.rstrip("\n"), text, count=1) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
path.write_text(text)
PY
}

# Raises PostgreSQL's shared_buffers to SIZE for this run when it is smaller (a restart of the local cluster),
# and puts it back (another restart) when the script exits: bench_raise_shared_buffers 2GB
bench_restart_postgres() {
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -n | tail -n 1)" main restart
  bash scripts/ensure-postgres.sh
}
bench_raise_shared_buffers() {
  if [ "$(bench_psql -tA -c "SELECT setting::bigint * 8192 < pg_size_bytes('$1') FROM pg_settings WHERE name = 'shared_buffers'")" = t ]; then
    bench_log "shared_buffers to $1 for this run (restarting PostgreSQL)"
    bench_psql -c "ALTER SYSTEM SET shared_buffers = '$1'"
    bench_restart_postgres
    bench_on_exit="bench_psql -c 'ALTER SYSTEM RESET shared_buffers' && bench_restart_postgres"
  fi
}

# One profile 'bench' that every user is a member of, with one recording 'take-1' whose stem 'vocals' is
# vocals.opus of SIZE bytes: bench_seed_take DB SIZE
bench_seed_take() {
  bench_psql -d "$1" -v size="$2" <<'SQL'
INSERT INTO profiles (id, name, source_folder, created_at) VALUES (gen_random_uuid(), 'bench', '/src/bench', now());
INSERT INTO user_profiles SELECT u.id, p.id, now() FROM users u, profiles p;
INSERT INTO recordings (id, profile_id, output_name, display_name, description, created_at, updated_at)
SELECT gen_random_uuid(), id, 'take-1', 'Take', '', now(), now() FROM profiles;
INSERT INTO stems (id, recording_id, stem_type, measured_lufs, peak_amplitude, stem_gain_adjustment_db, audio_url,
                   waveform_url, file_size_bytes, duration_seconds, position)
SELECT gen_random_uuid(), id, 'vocals', -18, 0.9, 0, 'vocals.opus', 'vocals_waveform.png', :size, 600, 1 FROM recordings;
VACUUM ANALYZE;
SQL
}

# The library the vector benchmarks search: profiles band-0 to band-9, EMAIL a member of all but band-9, N
# recordings spread over them (v0000001 ...), 4 stems each: bench_seed_library DB N EMAIL
bench_seed_library() {
  bench_psql -d "$1" -v n="$2" -v email="$3" <<'SQL'
INSERT INTO profiles (id, name, source_folder, created_at)
SELECT gen_random_uuid(), 'band-' || p, '/sources/' || p, now() FROM generate_series(0, 9) p;
INSERT INTO user_profiles (user_id, profile_id, granted_at)
SELECT u.id, p.id, now() FROM users u, profiles p WHERE u.email = :'email' AND p.name <> 'band-9';
INSERT INTO recordings (id, profile_id, output_name, display_name, description, created_at, updated_at)
SELECT gen_random_uuid(), p.id, 'v' || lpad(g::text, 7, '0'), 'Take ' || g, 'a rehearsal take',
       now() - g * interval '1 minute', now()
FROM generate_series(1, :n) g JOIN profiles p ON p.name = 'band-' || (g % 10);
INSERT INTO stems (id, recording_id, stem_type, measured_lufs, peak_amplitude, stem_gain_adjustment_db, audio_url,
                   waveform_url, file_size_bytes, duration_seconds, position)
SELECT gen_random_uuid(), r.id, t.type, -18.5, 0.9, 3.1, t.type || '.opus', t.type || '_waveform.png', 3456789, 184.3, t.pos
FROM recordings r, (VALUES ('vocals', 1), ('drums', 2), ('bass', 3), ('other', 4)) t(type, pos);
SQL
}

# The library of bench_seed_library with one random vector (DIMS Gaussian components) per recording in SPACE, and the
# space's HNSW index as the service made it (taken from the database, dropped for the load and built again after
# it): bench_seed_vectors DB SPACE DIMS N EMAIL. The service must have started once on DB with the space configured.
bench_seed_vectors() {
  local db=$1 space=$2 dims=$3 n=$4 email=$5 index definition
  index=$(bench_psql -d "$db" -tA -c "SELECT indexname FROM pg_indexes WHERE tablename = 'embeddings' AND indexname LIKE 'embeddings_hnsw_${space}_%'")
  definition=$(bench_psql -d "$db" -tA -c "SELECT pg_get_indexdef('$index'::regclass)")
  bench_psql -d "$db" -c "DROP INDEX \"$index\""
  bench_seed_library "$db" "$n" "$email"
  bench_psql -d "$db" <<SQL
SELECT setseed(0.5);
INSERT INTO embeddings (id, recording_id, stem_type, space, dimensions, embedding, source, updated_at)
SELECT gen_random_uuid(), r.id, NULL, '$space', $dims,
       (SELECT array_agg(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) FROM generate_series(1, $dims)
        WHERE r.id IS NOT NULL)::vector, 'bench', now()
FROM recordings r;
SQL
  bench_log "building the index"
  bench_psql -d "$db" -c "SET maintenance_work_mem = '2GB'" -c "$definition" -c "VACUUM ANALYZE"
}
