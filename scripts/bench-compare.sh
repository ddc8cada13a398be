#!/usr/bin/env bash
# Arbiter's signed, durable HTTP decisions beside raw PostgreSQL commits, one after the other in
# one run on one machine: starts Arbiter from its jar on a fresh embedded PostgreSQL (fsync and
# synchronous commit on), runs scripts/load.sh with C clients, then pgbench with C clients
# committing one ~3 KB JSONB row per transaction into the same server, and prints both and
# their ratio. Everything listens on 127.0.0.1 and is stopped at the end.
#
#   scripts/bench-compare.sh [requests] [clients] [pgbench-seconds]
#   scripts/bench-compare.sh 4000 8 20          # the defaults
set -euo pipefail
cd "$(dirname "$0")/.."

requests="${1:-4000}"
clients="${2:-8}"
seconds="${3:-20}"
port=18080
home="target/bench-compare"

command -v pgbench >/dev/null || { echo "pgbench is needed (Debian: apt-get install postgresql-client)" >&2; exit 2; }
rm -rf "$home" && mkdir -p "$home"
mvn -B -q package -DskipTests
jar=$(ls target/arbiter-*.jar | grep -v original | head -1)

ARBITER_DB_DATA_DIR="$home/postgres" ARBITER_SECURITY_KEYS_DIR="$home/keys" ARBITER_SECURITY_RATE_LIMIT=1000000 \
  ARBITER_AUDIT_CHECKPOINT_FILE="$home/checkpoints.jsonl" ARBITER_AUDIT_SIGNING_KEY_FILE="$home/signing.key" \
  SERVER_ADDRESS=127.0.0.1 SERVER_PORT=$port java -jar "$jar" > "$home/arbiter.log" 2>&1 &
arbiter=$!
trap 'kill $arbiter 2>/dev/null; wait $arbiter 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "Arbiter is ready" "$home/arbiter.log" && break
  kill -0 $arbiter 2>/dev/null || { tail -20 "$home/arbiter.log"; exit 1; }
  sleep 1
done

ARBITER_KEY_FILE="$home/keys/originator.key" scripts/load.sh "http://127.0.0.1:$port" "$requests" "$clients" 500 \
  | tee "$home/load.txt"
decisions=$(grep "POST /v1/decisions" "$home/load.txt" | sed -E 's/.*= *([0-9.]+) req\/s.*/\1/')

pg_port=$(grep -o "Started embedded PostgreSQL.*127.0.0.1:[0-9]*" "$home/arbiter.log" | grep -o "[0-9]*$" | head -1)
export PGPASSWORD=$(sed -n 's/^superuser_password=//p' "$home/keys/postgres.credentials")
payload=$(python3 -c 'import json; print(json.dumps({"f%d" % i: "x" * 24 for i in range(100)}))')
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres postgres -c "create table bench_row (id bigserial primary key, body jsonb not null)"
printf "insert into bench_row (body) values ('%s'::jsonb);\n" "$payload" > "$home/pgbench.sql"
pgbench -n -c "$clients" -j 2 -T "$seconds" -f "$home/pgbench.sql" -h 127.0.0.1 -p "$pg_port" -U postgres postgres \
  | tee "$home/pgbench.txt"
commits=$(grep -E "^tps = " "$home/pgbench.txt" | sed -E 's/tps = ([0-9.]+).*/\1/')

printf '\n%-44s %12s\n' "$clients clients, fsync and synchronous commit on" "per second"
printf '%-44s %12.1f\n' "Arbiter: signed, stored decisions (HTTP)" "$decisions"
printf '%-44s %12.1f\n' "pgbench: one ~3 KB JSONB row per commit" "$commits"
python3 -c "print('%-44s %11.1f %%' % ('decisions as a share of raw commits', 100 * $decisions / $commits))"
