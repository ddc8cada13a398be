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

. scripts/bench-server.sh
start_arbiter "$home" "$port" "$jar" ARBITER_PEOPLE_FIRST_ADMIN_FILE="$home/keys/console-admin.password"

owner_password=$(sed -n 's/^owner_password=//p' "$home/keys/postgres.credentials")

if [ "$keep" != keep ]; then
  # real decisions, signed and stored by Arbiter itself (then read back once each)
  ARBITER_KEY_FILE="$home/keys/originator.key" java -cp "$cp" dev.arbiter.bench.LoadTest \
    "http://127.0.0.1:$port" "$real" 2 0 | tail -3
  sleep 5 # let the chain linker link them
fi
java -cp "$cp" dev.arbiter.bench.ConsoleLoad "http://127.0.0.1:$port" \
  "jdbc:postgresql://127.0.0.1:$pg_port/postgres" "$owner_password" "$target" "$samples" | tee "$home/result.txt"
