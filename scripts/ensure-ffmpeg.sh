#!/usr/bin/env bash
# Installs the worker's audio tools from Debian when missing: ffmpeg (and ffprobe), which the worker
# converts, measures and draws stems with; aubio-tools (aubio onset) and bpm-tools (bpm), which its
# built-in analysis finds onsets and the tempo with. Idempotent.
set -euo pipefail
if command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 \
    && command -v aubio >/dev/null 2>&1 && command -v bpm >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "[ensure-ffmpeg] ffmpeg, aubio or bpm is missing; install them as root" \
    "(apt-get install ffmpeg aubio-tools bpm-tools)" >&2
  exit 1
fi
echo "[ensure-ffmpeg] installing ffmpeg, aubio-tools and bpm-tools" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg aubio-tools bpm-tools >/dev/null
