#!/usr/bin/env bash
# Runs the development identity provider: a real OpenID Connect server (no.nav.security:mock-oauth2-server)
# on loopback, issuer http://localhost:${DEV_OIDC_PORT:-9090}/google, with a sign-in page that takes any
# email. Used by scripts/run.sh in the dev environment; never in production.
#   bash scripts/dev-oidc.sh          runs in the foreground
#   bash scripts/dev-oidc.sh --wait   also, from another shell: waits until its discovery document answers
set -euo pipefail
cd "$(dirname "$0")/.."

port="${DEV_OIDC_PORT:-9090}"
discovery="http://localhost:$port/google/.well-known/openid-configuration"

if [ "${1:-}" = "--wait" ]; then
  for _ in $(seq 1 120); do
    curl -sf "$discovery" >/dev/null 2>&1 && exit 0
    sleep 0.5
  done
  echo "[dev-oidc] the development identity provider did not answer at $discovery" >&2
  exit 1
fi

classpath=scripts/dev-oidc/target/classpath.txt
if [ ! -s "$classpath" ]; then
  ./mvnw -B -q -ntp -f scripts/dev-oidc/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
config=$(printf '{"interactiveLogin": true, "httpServer": "NettyWrapper", "loginPagePath": "%s"}' \
  "$PWD/scripts/dev-oidc/login.html")
echo "[dev-oidc] development identity provider on http://localhost:$port/google" >&2
SERVER_HOSTNAME=127.0.0.1 SERVER_PORT="$port" JSON_CONFIG="$config" \
  exec java -cp "$(cat "$classpath")" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt
