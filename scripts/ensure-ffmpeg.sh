#!/usr/bin/env bash
# Installs Debian's ffmpeg (ffmpeg and ffprobe), which the worker converts, measures and draws stems
# with, when missing. Idempotent.
set -euo pipefail
if command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "[ensure-ffmpeg] ffmpeg is missing; install it as root (apt-get install ffmpeg)" >&2
  exit 1
fi
echo "[ensure-ffmpeg] installing ffmpeg" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
