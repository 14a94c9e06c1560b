#!/usr/bin/env bash
# Nightly backup of the team database (run by tracker-backup.service as the tracker user):
#   tracker-YYYY-MM-DD.pgdump  pg_dump custom format: the whole database, for pg_restore
#   tracker-YYYY-MM-DD.json    `tracker dump`: every table as JSON, loads into SQLite or
#                              PostgreSQL with `tracker restore`
# Keeps the last KEEP_DAYS days. Needs TRACKER_DATABASE_URL (the environment file) and
# pg_dump of the server's major version or newer (Debian: postgresql-client).
set -euo pipefail

BACKUP_DIR="${BACKUP_DIR:-/var/backups/arms-deal-tracker}"
KEEP_DAYS="${KEEP_DAYS:-14}"
TRACKER="${TRACKER:-/opt/arms-deal-tracker/.venv/bin/tracker}"

: "${TRACKER_DATABASE_URL:?set TRACKER_DATABASE_URL (source /etc/arms-deal-tracker/tracker.env)}"
# libpq takes the same URL without SQLAlchemy's driver name.
libpq_url="${TRACKER_DATABASE_URL/postgresql+psycopg:/postgresql:}"
stamp="$(date -u +%F)"
umask 077
mkdir -p "$BACKUP_DIR"

pg_dump --format=custom --file="$BACKUP_DIR/tracker-$stamp.pgdump.partial" "$libpq_url"
mv "$BACKUP_DIR/tracker-$stamp.pgdump.partial" "$BACKUP_DIR/tracker-$stamp.pgdump"
"$TRACKER" dump -o "$BACKUP_DIR/tracker-$stamp.json"

find "$BACKUP_DIR" -maxdepth 1 -name 'tracker-*' -mtime "+$KEEP_DAYS" -delete
