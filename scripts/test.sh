#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL with pgvector.
#   - TEST_DATABASE_URL set: that database is used as it is.
#   - otherwise, on a machine with a local PostgreSQL (or where one can be installed): pgvector is
#     installed when missing, the cluster started when down, and a fresh database stemvault_test made.
#   - otherwise the tests themselves use Testcontainers (pgvector/pgvector:pg16) when Docker answers,
#     and fail with one line saying how to provide a database when it does not.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[test] $*" >&2; }

# On a fresh machine the Debian packages the tests need (pgvector, built from its source package; Chromium
# and ChromeDriver; ffmpeg; promtool) install while Maven downloads and compiles, which needs none of
# them; the tests start once both are done. On a machine that has them, nothing waits.
fresh() {
  local v
  v=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
  ! { [ -n "$v" ] && [ -f "/usr/share/postgresql/$v/extension/vector.control" ] \
      && [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
      && command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null && command -v promtool >/dev/null \
      && command -v aubio >/dev/null && command -v bpm >/dev/null; }
}
if [ "$(id -u)" = 0 ] && fresh; then
  installs_log=$(mktemp)
  log "installing what the tests need, beside Maven's downloads and compilation (log: $installs_log)"
  # One package-list update and two installs for all of it (each ensure script alone would update the
  # lists again); the scripts then find everything but pgvector's build already done.
  ( v=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
      ${v:+"postgresql-server-dev-$v"} build-essential dpkg-dev >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg aubio-tools bpm-tools \
      prometheus >/dev/null
    bash scripts/ensure-postgres.sh && bash scripts/ensure-browser.sh && bash scripts/ensure-ffmpeg.sh \
      && bash scripts/ensure-promtool.sh ) > "$installs_log" 2>&1 &
  installs=$!
  ./mvnw -B -q -ntp -T 2 test-compile -Dspotless.check.skip=true
  wait "$installs" || { cat "$installs_log" >&2; log "the installs failed"; exit 1; }
fi

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if command -v pg_lsclusters >/dev/null 2>&1 || [ "$(id -u)" = 0 ]; then
    bash scripts/ensure-postgres.sh
    psql_su() {
      if [ "$(id -u)" = 0 ]; then runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@";
      else psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; fi
    }
    log "creating a fresh database stemvault_test"
    psql_su -d postgres -c "DROP DATABASE IF EXISTS stemvault_test WITH (FORCE)"
    bash scripts/ensure-postgres.sh stemvault_test
    export TEST_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/stemvault_test?user=postgres"
  else
    log "no TEST_DATABASE_URL and no local PostgreSQL: the tests will try Testcontainers"
  fi
fi

# The real-browser tests drive Debian's Chromium through its ChromeDriver.
bash scripts/ensure-browser.sh
# The worker converts, measures and draws stems with Debian's ffmpeg, and analyses takes with aubio
# and bpm-tools.
bash scripts/ensure-ffmpeg.sh
# The alert rules in docs/operations are checked with promtool.
bash scripts/ensure-promtool.sh

# Two modules at a time: the adapters' suites (PostgreSQL, S3, files, web, worker) overlap; only
# adapters-postgres and bootstrap use the database, and bootstrap waits for every other module.
./mvnw -B -ntp -T 2 verify "$@"
