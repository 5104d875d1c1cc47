#!/usr/bin/env bash
# Starts Stemvault on http://localhost:${PORT:-8080} with a ready database.
#   - DATABASE_URL set: that database is used (it must have pgvector, or let the service create it).
#   - otherwise, where a Docker engine answers: docker compose up (PostgreSQL with pgvector + the service).
#   - otherwise: the local PostgreSQL, with pgvector installed when missing and a database 'stemvault'.
# Runs in the 'dev' environment unless MICRONAUT_ENVIRONMENTS says otherwise (dev ships a signing key;
# anything else needs STEMVAULT_JWT_SECRET).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[run] $*" >&2; }

export MICRONAUT_ENVIRONMENTS="${MICRONAUT_ENVIRONMENTS:-dev}"

if [ -z "${DATABASE_URL:-}" ] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  log "a Docker engine answers: starting PostgreSQL with pgvector and the service with docker compose"
  exec docker compose up --build
fi

if [ -z "${DATABASE_URL:-}" ]; then
  bash scripts/ensure-postgres.sh stemvault
fi

jar=bootstrap/target/stemvault.jar
log "building $jar"
./mvnw -B -q -ntp package -DskipTests
log "starting on http://localhost:${PORT:-8080} (environments: $MICRONAUT_ENVIRONMENTS)"
exec java ${JAVA_OPTS:-} -jar "$jar"
