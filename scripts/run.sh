#!/usr/bin/env bash
# Starts Stemvault on http://localhost:${PORT:-8080} with a ready database.
#   - DATABASE_URL set: that database is used (it must have pgvector, or let the service create it).
#   - otherwise, where a Docker engine answers: docker compose up (PostgreSQL with pgvector, the development
#     identity provider and the service).
#   - otherwise: the local PostgreSQL, with pgvector installed when missing and a database 'stemvault'.
# Runs in the 'dev' environment unless MICRONAUT_ENVIRONMENTS says otherwise. In dev, unless GOOGLE_ISSUER
# is set, it also starts the development identity provider (scripts/dev-oidc.sh) on http://localhost:9090
# and stops it when the service stops. With STEMVAULT_MEDIA_STORE=s3 and no STEMVAULT_S3_ENDPOINT, it
# starts a development S3 server (scripts/dev-s3.sh, S3Proxy) on http://127.0.0.1:9000 the same way.
# It also runs a local worker (unless STEMVAULT_LOCAL_WORKER=false) with a worker token it mints and revokes
# when it stops: the separation is STEMVAULT_SEPARATE, by default scripts/separate-ffmpeg.sh, a plain
# ffmpeg-filter split that is not a model.
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
# Rebuilt when a source file is newer than the jar (an unchanged jar keeps its class-data cache).
if [ ! -f "$jar" ] || [ -n "$(git ls-files -z 2>/dev/null | xargs -0 -r find 2>/dev/null -newer "$jar" -print -quit)" ] \
   || ! git rev-parse --git-dir >/dev/null 2>&1; then
  log "building $jar"
  ./mvnw -B -q -ntp package -DskipTests
fi
if [ "${STEMVAULT_LOCAL_WORKER:-true}" = true ] && [ ! -f worker/target/stemvault-worker.jar ]; then
  log "building worker/target/stemvault-worker.jar"
  ./mvnw -B -q -ntp -pl worker -am package -DskipTests
fi

# The JVM: $JAVA, else $JAVA_HOME's, else java on PATH; with the defaults for a small container unless
# JAVA_OPTS says otherwise (see docs/operations.md, "Start-up and memory").
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
java="${java:-java}"
export JAVA="$java" JAVA_OPTS="${JAVA_OPTS:-$(cat scripts/jvm-options)}"
# The class-data cache of a training run (scripts/train.sh): the AOT cache on JDK 25 and later, AppCDS
# before; made again when the jar is newer. Against a database of your own (DATABASE_URL) nothing is
# trained here: run scripts/train.sh on a machine with a local PostgreSQL.
feature=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${feature%%.*}" -ge 25 ]; then cache=bootstrap/target/stemvault.aot; use="-XX:AOTCache=$cache"
else cache=bootstrap/target/stemvault.jsa; use="-XX:SharedArchiveFile=$cache"; fi
if [ "${STEMVAULT_TRAIN:-true}" = true ] && [ -z "${DATABASE_URL:-}" ] && { [ ! -f "$cache" ] || [ "$jar" -nt "$cache" ]; }; then
  log "training run for the class-data cache ($cache)"
  bash scripts/train.sh >/dev/null || { log "training failed: starting without the cache"; rm -f "$cache"; }
fi
[ -f "$cache" ] && [ ! "$jar" -nt "$cache" ] || use=

helpers=()
token_id=
# One way out, however the script ends: stop what it started, and revoke the local worker's token
# (the command line reaches the database itself, so it works with the service already stopped).
cleanup() {
  for p in "${helpers[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$token_id" ]; then
    "$java" -jar "$jar" revoke-worker-token "$token_id" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT INT TERM

if [[ ",$MICRONAUT_ENVIRONMENTS," == *",dev,"* ]] && [ -z "${GOOGLE_ISSUER:-}" ]; then
  bash scripts/dev-oidc.sh &
  helpers+=($!)
  bash scripts/dev-oidc.sh --wait
  log "development identity provider ready: sign in at http://localhost:${PORT:-8080}/auth/login with any email"
fi

if [ "${STEMVAULT_MEDIA_STORE:-local}" = s3 ] && [ -z "${STEMVAULT_S3_ENDPOINT:-}" ]; then
  bash scripts/dev-s3.sh &
  helpers+=($!)
  bash scripts/dev-s3.sh --wait
  export STEMVAULT_S3_ENDPOINT="http://127.0.0.1:${DEV_S3_PORT:-9000}"
  export STEMVAULT_S3_BUCKET="${STEMVAULT_S3_BUCKET:-stemvault}"
  export STEMVAULT_S3_ACCESS_KEY=stemvault-dev STEMVAULT_S3_SECRET_KEY=stemvault-dev-secret
  export STEMVAULT_S3_CREATE_BUCKET=true
  log "development S3 server ready: media in the bucket $STEMVAULT_S3_BUCKET at $STEMVAULT_S3_ENDPOINT"
fi

log "starting on http://localhost:${PORT:-8080} (environments: $MICRONAUT_ENVIRONMENTS)"
if [ "${STEMVAULT_LOCAL_WORKER:-true}" != true ]; then
  "$java" $JAVA_OPTS $use -jar "$jar"
  exit $?
fi

# A local worker, so that an upload becomes stems on this machine: by default the plain ffmpeg-filter
# split of scripts/separate-ffmpeg.sh (not a model); STEMVAULT_SEPARATE switches to a real separator
# (e.g. 'demucs -n htdemucs -o {output_dir} {input}'). STEMVAULT_LOCAL_WORKER=false runs none.
"$java" $JAVA_OPTS $use -jar "$jar" &
service=$!
helpers+=($service)
port="${PORT:-8080}"
for _ in $(seq 1 120); do
  curl -fsS "http://localhost:$port/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$service" 2>/dev/null || { wait "$service"; exit $?; }
  sleep 1
done
bash scripts/ensure-ffmpeg.sh >&2
minted=$("$java" -jar "$jar" mint-worker-token --name "local-${HOSTNAME:-machine}-$$" --days 30 2>/dev/null)
token_id=$(sed -n 's/^id: //p' <<<"$minted")
export STEMVAULT_WORKER_TOKEN=$(sed -n 's/^token: //p' <<<"$minted")
if [ -z "$STEMVAULT_WORKER_TOKEN" ]; then
  log "could not mint a worker token: running without a local worker"
else
  separate="${STEMVAULT_SEPARATE:-}"
  [ -n "$separate" ] || separate="bash $(pwd)/scripts/separate-ffmpeg.sh {input} {output_dir}"
  # it takes separations, take-away mixes and analyses (renders and analyses need no model)
  "$java" -jar worker/target/stemvault-worker.jar --server "http://localhost:$port" --separate "$separate" \
    --kinds separate,render,analyze &
  helpers+=($!) # the token ends with the run: cleanup revokes it
  log "local worker running: ${STEMVAULT_SEPARATE:+$STEMVAULT_SEPARATE}${STEMVAULT_SEPARATE:-the ffmpeg-filter split (scripts/separate-ffmpeg.sh; not a model)}"
fi
wait "$service"
