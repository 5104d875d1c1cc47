#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an empty database and a new local media folder.
#   bash scripts/restore.sh BACKUP_DIR
# DATABASE_URL names the database to restore into (create it first, empty: e.g.
# psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE stemvault_restored'); STEMVAULT_MEDIA_ROOT the media
# folder to create (it must not exist yet). Then start the service on both, and run `media verify`.
# Needs pg_restore (Debian: postgresql-client) and pgvector installed on the target server.
set -euo pipefail

from="${1:?usage: restore.sh BACKUP_DIR}"
[ -f "$from/stemvault.dump" ] || { echo "[restore] no $from/stemvault.dump" >&2; exit 2; }
url="${DATABASE_URL:?DATABASE_URL: the (empty) database to restore into}"
url="${url#jdbc:}"

if [ "${STEMVAULT_MEDIA_STORE:-local}" = local ] && [ -d "$from/media" ]; then
  media="${STEMVAULT_MEDIA_ROOT:-media}"
  if [ -e "$media" ] && [ -n "$(ls -A "$media")" ]; then
    echo "[restore] $media holds files already: restore into a new media folder" >&2
    exit 2
  fi
fi

pg_restore --no-owner --no-privileges --exit-on-error --dbname="$url" "$from/stemvault.dump"
echo "[restore] database restored" >&2

if [ "${STEMVAULT_MEDIA_STORE:-local}" = local ] && [ -d "$from/media" ]; then
  mkdir -p "$media"
  cp -a "$from/media/." "$media/"
  echo "[restore] media: $media" >&2
fi
