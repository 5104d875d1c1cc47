#!/usr/bin/env bash
# Backs up a running Stemvault: its database (pg_dump, custom format, consistent as of one snapshot) and
# then its local media store, into a new folder.
#   bash scripts/backup.sh BACKUP_DIR
# Reads DATABASE_URL (a JDBC URL with user/password parameters, or postgres://user:password@host:port/db;
# default: the local database 'stemvault' as user postgres) and STEMVAULT_MEDIA_ROOT (default: media).
# Needs pg_dump of the server's major version or newer (Debian: postgresql-client). With
# STEMVAULT_MEDIA_STORE=s3 the bucket is not copied here: copy it with the bucket's own tools (docs/operations.md, "Backup and restore").
set -euo pipefail

out="${1:?usage: backup.sh BACKUP_DIR (a folder that does not exist yet)}"
if [ -e "$out" ]; then
  echo "[backup] $out exists: a backup goes into a new folder" >&2
  exit 2
fi
url="${DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/stemvault?user=postgres}"
url="${url#jdbc:}"

mkdir -p "$out"
# The database first: a recording completed after the dump leaves only unlisted files in the copy, which
# `media verify` on the restored instance reports; never the reverse.
pg_dump --format=custom --no-owner --no-privileges --file="$out/stemvault.dump" "$url"
echo "[backup] database: $out/stemvault.dump" >&2

if [ "${STEMVAULT_MEDIA_STORE:-local}" = local ]; then
  media="${STEMVAULT_MEDIA_ROOT:-media}"
  if [ -d "$media" ]; then
    cp -a "$media" "$out/media"
  else
    mkdir "$out/media"
  fi
  echo "[backup] media: $out/media (from $media)" >&2
else
  echo "[backup] media are in the bucket ${STEMVAULT_S3_BUCKET:-?}: copy it with the bucket's tools" >&2
fi
