#!/usr/bin/env bash
# Makes a local PostgreSQL with pgvector ready: installs pgvector from Debian's source
# package when it is missing, starts the cluster when it is down, and creates the
# extension in the databases named as arguments. Idempotent: every step is skipped when
# its result is already there. Needs root for the install step (only when pgvector is
# missing).
set -euo pipefail

log() { echo "[ensure-postgres] $*" >&2; }

pg_version() {
  ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1
}

ensure_server() {
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    log "PostgreSQL is not installed; installing it from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

ensure_pgvector() {
  local v
  v=$(pg_version)
  if [ -f "/usr/share/postgresql/$v/extension/vector.control" ]; then
    return 0
  fi
  log "pgvector is missing for PostgreSQL $v; building it from Debian's source package"
  if [ "$(id -u)" != 0 ]; then
    log "installing pgvector needs root; run this script as root once"
    exit 1
  fi
  local src=/etc/apt/sources.list.d/stemvault-trixie-src.sources
  if [ ! -f "$src" ]; then
    cat >"$src" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-$v" build-essential dpkg-dev >/dev/null
  local work
  work=$(mktemp -d)
  (
    cd "$work"
    apt-get source -qq pgvector >/dev/null 2>&1
    cd pgvector-*/
    make -s PG_CONFIG="/usr/lib/postgresql/$v/bin/pg_config" >/dev/null
    make -s PG_CONFIG="/usr/lib/postgresql/$v/bin/pg_config" install >/dev/null
  )
  rm -rf "$work"
  log "pgvector installed"
}

ensure_running() {
  local v
  v=$(pg_version)
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "starting PostgreSQL $v"
    pg_ctlcluster --skip-systemctl-redirect "$v" main start
    for _ in $(seq 1 30); do
      pg_isready -q -h 127.0.0.1 -p 5432 && break
      sleep 1
    done
  fi
}

psql_su() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"
  else
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"
  fi
}

ensure_database() {
  local db=$1
  if [ "$(psql_su -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    log "creating database $db"
    psql_su -d postgres -c "CREATE DATABASE \"$db\""
  fi
  psql_su -d "$db" -c "CREATE EXTENSION IF NOT EXISTS vector"
}

# A remote database is the caller's business: only the local one is provisioned.
ensure_server
ensure_pgvector
ensure_running
for db in "$@"; do
  ensure_database "$db"
done
