#!/usr/bin/env bash
# Backs up Arbiter's database with pg_dump (docs/operations.md, "Backup and restore").
#
#   scripts/backup.sh OUTPUT_FILE
#
# Connects as libpq's environment says (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD or
# ~/.pgpass); log in as the schema owner (ARBITER_DB_OWNER_USERNAME) or a superuser. Writes one
# consistent snapshot in pg_dump's custom format to OUTPUT_FILE (mode 600: it holds the sealed
# personal data and the chain), then lists the archive to prove it reads back. pg_dump must be of
# the server's major version or newer. The master key and the audit signing key are NOT in the
# dump: keep them in your secret store; a restored database is useless without the master key.
#
# Restore into an empty database created as README's "Database roles" says:
#   pg_restore --exit-on-error --single-transaction --dbname=arbiter OUTPUT_FILE
set -euo pipefail

if [[ $# -ne 1 ]]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
output="$1"
umask 077
pg_dump --format=custom --no-password --file="$output.partial"
pg_restore --list "$output.partial" > /dev/null
mv "$output.partial" "$output"
echo "backed up ${PGDATABASE:-database} to $output ($(wc -c < "$output") bytes)"
