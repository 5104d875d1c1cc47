#!/usr/bin/env bash
# Installs promtool (Debian's prometheus package) for the test that checks docs/operations/alerts.yml,
# when missing. Idempotent; the package's daemon is not started by it here (no init system runs it).
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "[ensure-promtool] promtool is missing; install it as root (apt-get install prometheus)" >&2
  exit 1
fi
echo "[ensure-promtool] installing prometheus (for promtool)" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
