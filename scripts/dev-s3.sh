#!/usr/bin/env bash
# Runs a development S3-compatible server on loopback: S3Proxy (org.gaul:s3proxy from Maven Central) with
# its filesystem backend under ${DEV_S3_DIR:-target/dev-s3}, on http://127.0.0.1:${DEV_S3_PORT:-9000},
# access key stemvault-dev / secret stemvault-dev-secret. Used by scripts/run.sh when
# STEMVAULT_MEDIA_STORE=s3 is chosen without STEMVAULT_S3_ENDPOINT; never in production.
#   bash scripts/dev-s3.sh          runs in the foreground
#   bash scripts/dev-s3.sh --wait   also, from another shell: waits until it answers
set -euo pipefail
cd "$(dirname "$0")/.."

port="${DEV_S3_PORT:-9000}"
if [ "${1:-}" = "--wait" ]; then
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && exit 0
    sleep 0.5
  done
  echo "[dev-s3] the development S3 server did not answer on port $port" >&2
  exit 1
fi

version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' pom.xml)
jar="target/dev-s3/s3proxy-$version.jar"
if [ ! -s "$jar" ]; then
  ./mvnw -B -q -ntp dependency:copy -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" \
    -DoutputDirectory=target/dev-s3 -Dmdep.stripClassifier=true
  mv "target/dev-s3/s3proxy-$version.jar" "$jar" 2>/dev/null || true
fi
data="${DEV_S3_DIR:-target/dev-s3}/data"
mkdir -p "$data"
conf=target/dev-s3/s3proxy.conf
cat > "$conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=stemvault-dev
s3proxy.credential=stemvault-dev-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$(cd "$data" && pwd)
CONF
echo "[dev-s3] development S3 server on http://127.0.0.1:$port (data in $data)" >&2
exec java -Xmx256m -jar "$jar" --properties "$conf"
