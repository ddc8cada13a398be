#!/usr/bin/env bash
# The console's screens timed with a million stored decisions: starts Arbiter from its jar on a
# fresh embedded PostgreSQL under target/console-load (127.0.0.1 only), decides a few hundred
# German credit applications through the signed API, multiplies them in SQL to the target count
# (dev.arbiter.bench.ConsoleLoad), signs people in through the console's form and prints the
# median and p90 server response time of each screen beside the load average. Stops Arbiter at
# the end. A second run with the same data directory skips the seeding: pass keep as the fourth
# argument to reuse it.
#
#   scripts/console-load.sh [decisions] [samples] [real-decisions] [keep]
#   scripts/console-load.sh 1000000 25 300          # the defaults
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-1000000}"
samples="${2:-25}"
real="${3:-300}"
keep="${4:-}"
port=18090
home="target/console-load"

if [ "$keep" != keep ]; then rm -rf "$home"; fi
mkdir -p "$home"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q package -DskipTests
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi
# copies of the jar and the classes, so a build during the run does not change them under it
cp "$(ls target/arbiter-*.jar | grep -v original | head -1)" "$home/arbiter.jar"
jar="$home/arbiter.jar"
rm -rf "$home/classes" "$home/test-classes"
cp -r target/classes "$home/classes" && cp -r target/test-classes "$home/test-classes"
cp="$home/test-classes:$home/classes:$(cat target/classpath.txt)"

ARBITER_DB_DATA_DIR="$home/postgres" ARBITER_SECURITY_KEYS_DIR="$home/keys" ARBITER_SECURITY_RATE_LIMIT=1000000 \
  ARBITER_AUDIT_CHECKPOINT_FILE="$home/checkpoints.jsonl" ARBITER_AUDIT_SIGNING_KEY_FILE="$home/signing.key" \
  ARBITER_PEOPLE_FIRST_ADMIN_FILE="$home/keys/console-admin.password" \
  SERVER_ADDRESS=127.0.0.1 SERVER_PORT=$port "${JAVA:-java}" -jar "$jar" > "$home/arbiter.log" 2>&1 &
arbiter=$!
trap 'kill $arbiter 2>/dev/null; wait $arbiter 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  grep -q "Arbiter is ready" "$home/arbiter.log" && break
  kill -0 $arbiter 2>/dev/null || { tail -20 "$home/arbiter.log"; exit 1; }
  sleep 1
done

pg_port=$(grep -o "Started embedded PostgreSQL.*127.0.0.1:[0-9]*" "$home/arbiter.log" | grep -o "[0-9]*$" | tail -1)
owner_password=$(sed -n 's/^owner_password=//p' "$home/keys/postgres.credentials")

if [ "$keep" != keep ]; then
  # real decisions, signed and stored by Arbiter itself (then read back once each)
  ARBITER_KEY_FILE="$home/keys/originator.key" java -cp "$cp" dev.arbiter.bench.LoadTest \
    "http://127.0.0.1:$port" "$real" 2 0 | tail -3
  sleep 5 # let the chain linker link them
fi
java -cp "$cp" dev.arbiter.bench.ConsoleLoad "http://127.0.0.1:$port" \
  "jdbc:postgresql://127.0.0.1:$pg_port/postgres" "$owner_password" "$target" "$samples" | tee "$home/result.txt"
