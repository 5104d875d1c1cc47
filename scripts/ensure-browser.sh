#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the real-browser tests, when missing. Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "[ensure-browser] chromium and chromium-driver are missing; install them as root (apt-get install chromium chromium-driver)" >&2
  exit 1
fi
echo "[ensure-browser] installing chromium and chromium-driver" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
