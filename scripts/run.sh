#!/usr/bin/env bash
# Starts Stemvault on http://localhost:${PORT:-8080} with a ready database.
#   - DATABASE_URL set: that database is used (it must have pgvector, or let the service create it).
#   - otherwise, where a Docker engine answers: docker compose up (PostgreSQL with pgvector, the development
#     identity provider and the service).
#   - otherwise: the local PostgreSQL, with pgvector installed when missing and a database 'stemvault'.
# Runs in the 'dev' environment unless MICRONAUT_ENVIRONMENTS says otherwise. In dev, unless GOOGLE_ISSUER
# is set, it also starts the development identity provider (scripts/dev-oidc.sh) on http://localhost:9090
# and stops it when the service stops.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[run] $*" >&2; }

export MICRONAUT_ENVIRONMENTS="${MICRONAUT_ENVIRONMENTS:-dev}"

if [ -z "${DATABASE_URL:-}" ] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  log "a Docker engine answers: starting PostgreSQL with pgvector, the identity provider and the service"
  exec docker compose up --build
fi

if [ -z "${DATABASE_URL:-}" ]; then
  bash scripts/ensure-postgres.sh stemvault
fi

jar=bootstrap/target/stemvault.jar
log "building $jar"
./mvnw -B -q -ntp package -DskipTests

if [[ ",$MICRONAUT_ENVIRONMENTS," == *",dev,"* ]] && [ -z "${GOOGLE_ISSUER:-}" ]; then
  bash scripts/dev-oidc.sh &
  oidc=$!
  trap 'kill $oidc 2>/dev/null || true' EXIT INT TERM
  bash scripts/dev-oidc.sh --wait
  log "development identity provider ready: sign in at http://localhost:${PORT:-8080}/auth/login with any email"
fi

log "starting on http://localhost:${PORT:-8080} (environments: $MICRONAUT_ENVIRONMENTS)"
java ${JAVA_OPTS:-} -jar "$jar"
