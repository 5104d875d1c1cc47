#!/usr/bin/env bash
# Runs the Stemvault worker (worker/target/stemvault-worker.jar) with these arguments, after installing
# Debian's ffmpeg when it is missing and building the jar when it is not there yet.
#   STEMVAULT_WORKER_TOKEN=... bash scripts/run-worker.sh --server https://stemvault.example \
#       --separate 'demucs -n htdemucs -o {output_dir} {input}'
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-ffmpeg.sh
jar=worker/target/stemvault-worker.jar
if [ ! -f "$jar" ]; then
  echo "[run-worker] building $jar" >&2
  ./mvnw -B -q -ntp -pl worker -am package -DskipTests -Dspotless.check.skip=true
fi
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
