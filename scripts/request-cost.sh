#!/usr/bin/env bash
# What one HTTP request costs the Arbiter JVM, in counts that hardly depend on the machine's
# load: heap bytes allocated and CPU time per request, on the request threads and in the whole
# JVM (dev.arbiter.bench.RequestCost). Starts Arbiter from its jar on a fresh embedded
# PostgreSQL (127.0.0.1), warms it with W signed decisions and W reads (the Java load tool,
# scripts/load.sh), then measures M seconds of decisions and M seconds of
# GET /v1/decisions/{id} sent by wrk (requests signed ahead, scripts/presigned.lua, so the tool
# costs the machine little), and stops everything. The figures are per answered request,
# whatever rate the machine allowed; the warm-up is a count, so the JIT has seen as many
# requests in every run.
#
#   scripts/request-cost.sh [warm-up requests W] [measured seconds M] [connections]
#   scripts/request-cost.sh 4000 20 8      # the defaults
#
# With JFR=1 it also records the measured phases (settings=profile) into target/request-cost/.
set -euo pipefail
cd "$(dirname "$0")/.."

warm="${1:-4000}"
measured="${2:-20}"
clients="${3:-8}"
port="${PORT:-18280}"
home="target/request-cost"

command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 2; }
rm -rf "$home" && mkdir -p "$home"
if [ "${BUILD:-1}" != 0 ]; then
  mvn -B -q package -DskipTests
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi
jar="${JAR:-$(ls target/arbiter-*.jar | grep -v original | head -1)}"
cp="target/test-classes:target/classes:$(cat target/classpath.txt)"

. scripts/bench-server.sh
start_arbiter "$home" "$port" "$jar"
export ARBITER_KEY_FILE="$home/keys/originator.key"
presign() { java -cp "$cp" dev.arbiter.bench.PresignedRequests "$@"; }
cost() { java -cp "$cp" dev.arbiter.bench.RequestCost "$@"; }
# for $2 seconds (each line at most once), then the statuses
send() {
  wrk -t2 -c"$clients" -d"$2s" --timeout 10s -s scripts/presigned.lua "http://127.0.0.1:$port" -- "$1" 2 > "$1.out"
  grep -E "^status|^Requests/sec|ran out" "$1.out" | tr "\n" " "
  echo
}
answered() { grep -E "^status (200|201)" "$1.out" | awk '{s += $3} END {print s + 0}'; }
record() { [ "${JFR:-0}" = 1 ] && jcmd $arbiter JFR.start name=$1 settings=profile filename="$PWD/$home/$1.jfr" >/dev/null || true; }
dump() { [ "${JFR:-0}" = 1 ] && jcmd $arbiter JFR.stop name=$1 >/dev/null || true; }

run="rc$(date +%s)"
echo "warm-up: $warm decisions and $warm reads"
ARBITER_PID=$arbiter java -cp "$cp" dev.arbiter.bench.LoadTest "http://127.0.0.1:$port" "$warm" "$clients" 0 \
  | grep -E "req/s" || true
# signed ahead: more lines than the fastest rate can use (a thread that runs out says so)
presign posts "$home/posts.tsv" $(( measured * 600 )) "$run-m"
cost snapshot $arbiter "$home/before-posts"
record posts
echo "measured: decisions for $measured s"; PRESIGNED_IDS_OUT="$home/ids.txt" send "$home/posts.tsv" "$measured"
dump posts
cost since $arbiter "$home/before-posts" "$(answered "$home/posts.tsv")" "POST /v1/decisions" | tee "$home/posts.cost"

presign gets "$home/gets.tsv" "$home/ids.txt" $(( measured * 3000 ))
cost snapshot $arbiter "$home/before-gets"
record gets
echo "measured: reads for $measured s"; send "$home/gets.tsv" "$measured"
dump gets
cost since $arbiter "$home/before-gets" "$(answered "$home/gets.tsv")" "GET /v1/decisions/{id}" | tee "$home/gets.cost"
