#!/usr/bin/env bash
# Arbiter's signed, durable HTTP decisions beside raw PostgreSQL commits, one after the other in
# one run on one machine: starts Arbiter from its jar on a fresh embedded PostgreSQL (fsync and
# synchronous commit on), runs scripts/load.sh with C clients, then pgbench with C clients
# committing one ~3 KB JSONB row per transaction into the same server, and prints both and
# their ratio. Everything listens on 127.0.0.1 and is stopped at the end.
#
# With soak-seconds above zero it then soaks the same Arbiter (scripts/soak.sh): that many seconds
# at 70 % of the decisions/s just measured, open loop, a line a minute with p99 and heap after GC.
# The transactions PostgreSQL committed during the HTTP load are printed per decision too.
#
#   scripts/bench-compare.sh [requests] [clients] [pgbench-seconds] [soak-seconds]
#   scripts/bench-compare.sh 4000 8 20 0        # the defaults
#   scripts/bench-compare.sh 4000 8 20 600      # and a ten-minute soak
#
# With OPEN seconds (at most 240: requests signed ahead expire after 5 minutes) and wrk on the PATH,
# it then sends that many seconds of decisions open loop at 70 % of wrk's decisions/s, signed
# ahead (bench.PresignedSoak: the tool costs a quarter of soak.sh's CPU per request), a line
# every 10 s with p50/p99 from each request's due time, after 10 s at the same rate while the
# tool's own JVM starts (printed on a line of their own, left out of the 10 s lines).
#
# With wrk on the PATH, WARM seconds (default 180) of wrk POSTs come before any measurement, so
# that what is measured is the JIT's steady state; WARM=0 skips them.
#
# Arbiter runs on `java` from the PATH, or on $JAVA; its settings come from the environment as
# usual (ARBITER_DB_POOL_SIZE=16, SPRING_THREADS_VIRTUAL_ENABLED=true on Java 21 or newer).
set -euo pipefail
cd "$(dirname "$0")/.."

requests="${1:-4000}"
clients="${2:-8}"
seconds="${3:-20}"
soak="${4:-0}"
port=18080
home="target/bench-compare"

command -v pgbench >/dev/null || { echo "pgbench is needed (Debian: apt-get install postgresql-client)" >&2; exit 2; }
rm -rf "$home" && mkdir -p "$home"
mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
jar=$(ls target/arbiter-*.jar | grep -v original | head -1)

. scripts/bench-server.sh
start_arbiter "$home" "$port" "$jar"

export PGPASSWORD=$(sed -n 's/^superuser_password=//p' "$home/keys/postgres.credentials")
commits() { psql -qtA -h 127.0.0.1 -p "$pg_port" -U postgres postgres \
  -c "select xact_commit from pg_stat_database where datname = current_database()"; }
decided() { psql -qtA -h 127.0.0.1 -p "$pg_port" -U postgres postgres -c "select count(*) from decision"; }
xact0=$(commits); decided0=$(decided)

# Warm-up: the JIT of an application this size (Spring, Jackson, Drools, PgJDBC, Tomcat) takes
# minutes of load on 2 cores before C2 has compiled what the requests run; measured before that,
# decisions/s is what the compiler leaves over (docs/benchmarks.md, "Steady state"). With wrk on
# the PATH, WARM seconds (default 180) of POSTs in 20-second windows come first, a line each, so
# the climb to the plateau is on the record; WARM=0 measures the cold JVM as earlier runs did.
warm="${WARM:-180}"
if command -v wrk >/dev/null && [ "${WRK:-1}" != 0 ] && [ "$warm" -gt 0 ]; then
  warm_up "$home" "$port" "$clients" $(( (warm + 19) / 20 ))
fi

ARBITER_PID=$arbiter ARBITER_PG_DATA="$home/postgres" ARBITER_KEY_FILE="$home/keys/originator.key" scripts/load.sh "http://127.0.0.1:$port" "$requests" "$clients" 500 \
  | tee "$home/load.txt"
decisions=$(grep "POST /v1/decisions" "$home/load.txt" | sed -E 's/.*= *([0-9.]+) req\/s.*/\1/')
sleep 2 # the statistics collector hears from backends at most every half second
xact1=$(commits); decided1=$(decided)

# With wrk on the PATH (Debian: apt-get install wrk), the same server is loaded again by wrk with
# requests signed ahead of time (dev.arbiter.bench.PresignedRequests, scripts/presigned.lua): the
# load tool then costs almost no CPU, so more of the 2 cores is left to Arbiter and PostgreSQL.
wrk_decisions=""
if command -v wrk >/dev/null && [ "${WRK:-1}" != 0 ]; then
  presign "$home" posts "$home/posts.tsv" $(( seconds * 1500 )) "wrk-$(date +%s)"
  echo "wrk: POST /v1/decisions, $clients connections, ${seconds} s, requests signed ahead"
  PRESIGNED_IDS_OUT="$home/ids.txt" wrk_presigned "$port" "$clients" "${seconds}s" "$home/posts.tsv" | tee "$home/wrk-posts.txt"
  wrk_decisions=$(grep -E "^Requests/sec" "$home/wrk-posts.txt" | awk '{print $2}')
  presign "$home" gets "$home/gets.tsv" "$home/ids.txt" $(( seconds * 5000 ))
  if [ "$warm" -gt 0 ]; then
    # the GET path's own code compiled first: 40 s of the same GETs, not counted
    wrk_presigned "$port" "$clients" 40s "$home/gets.tsv" \
      | grep -E "^Requests/sec" | sed 's/^/GET warm-up (40 s, not counted): /'
    presign "$home" gets "$home/gets.tsv" "$home/ids.txt" $(( seconds * 5000 ))
  fi
  echo "wrk: GET /v1/decisions/{id}, $clients connections, round the decisions just made"
  wrk_presigned "$port" "$clients" "${seconds}s" "$home/gets.tsv" | tee "$home/wrk-gets.txt"
  wrk_gets=$(grep -E "^Requests/sec" "$home/wrk-gets.txt" | awk '{print $2}')
fi
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
if [ -n "$wrk_decisions" ]; then
  printf '%-44s %12.1f\n' "Arbiter under wrk (signed ahead): decisions" "$wrk_decisions"
  printf '%-44s %12.1f\n' "Arbiter under wrk (signed ahead): GETs" "$wrk_gets"
  python3 -c "print('%-44s %11.1f %%' % ('wrk decisions as a share of raw commits', 100 * $wrk_decisions / $commits))"
fi
# every transaction committed while load.sh ran (its warm-up posts, the posts, the GETs and
# the background jobs), divided by the decisions it stored: a rough figure; the exact count per
# decision is TransactionsPerDecisionIT's (docs/benchmarks.md)
python3 -c "print('%-44s %12.2f' % ('transactions per stored decision, all load', ($xact1 - $xact0) / max(1, $decided1 - $decided0)))"

if [ "$soak" -gt 0 ]; then
  rate=$(python3 -c "print(max(1, int(0.7 * $decisions)))")
  echo
  ARBITER_KEY_FILE="$home/keys/originator.key" scripts/soak.sh "http://127.0.0.1:$port" "$rate" "$soak" \
    $(( soak >= 120 ? 60 : 10 )) | tee "$home/soak.txt"
fi

if [ "${OPEN:-0}" -gt 0 ] && [ -n "${wrk_decisions:-}" ]; then
  rate=$(python3 -c "print(max(1, int(0.7 * $wrk_decisions)))")
  echo
  open_warmup=10
  presign "$home" posts "$home/open.tsv" $((rate * (open_warmup + OPEN))) "open-$(date +%s)"
  java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" dev.arbiter.bench.PresignedSoak \
    "http://127.0.0.1:$port" "$home/open.tsv" "$rate" "$OPEN" 10 64 "$open_warmup" | tee "$home/open.txt"
fi
