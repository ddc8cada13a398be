#!/usr/bin/env bash
# What a stored decision costs PostgreSQL once the JVM is warm: starts Arbiter from its jar on a
# fresh embedded PostgreSQL with pg_stat_statements loaded (planning tracked too), warms it with
# wrk (POSTs signed ahead, WINDOWS x 20 s), then for one 20-second window of the same load prints
# the CPU per decision of PostgreSQL's processes and of the JVM (from /proc), the CPU by
# PostgreSQL process, and per statement: execution and planning time per decision, calls and
# WAL bytes per call. Everything listens on 127.0.0.1 and is stopped at the end.
#
#   scripts/db-cost.sh            # 6 warm-up windows
#   WINDOWS=9 scripts/db-cost.sh
#
# Needs wrk, psql (Debian: apt-get install wrk postgresql-client) and a built jar with its test
# classes (mvn -B package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
home=target/db-cost; port=18092
command -v wrk >/dev/null && command -v psql >/dev/null || { echo "wrk and psql are needed" >&2; exit 2; }
rm -rf "$home" && mkdir -p "$home"
[ -f target/classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
jar=$(ls target/arbiter-*.jar | grep -v original | head -1)
. scripts/bench-server.sh
# a first start creates the cluster; the second loads pg_stat_statements into it
start_arbiter "$home" "$port" "$jar"
kill $arbiter; wait $arbiter || true
printf "\nshared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track_planning = on\n" >> "$home/postgres/postgresql.conf"
start_arbiter "$home" "$port" "$jar"
export PGPASSWORD=$(sed -n 's/^superuser_password=//p' "$home/keys/postgres.credentials")
q() { psql -qtA -h 127.0.0.1 -p "$pg_port" -U postgres postgres -c "$1"; }
q "create extension if not exists pg_stat_statements"
warm_up "$home" "$port" 8 "${WINDOWS:-6}"
presign "$home" posts "$home/posts.tsv" 16000 "measured-$(date +%s)"
snapshot() { # pid, CPU ticks and command line of every PostgreSQL process, then of the JVM
  for p in $(pgrep -f postgres) $arbiter; do
    [ -r /proc/$p/stat ] || continue
    printf '%s %s %s\n' "$p" "$(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null)" "$(tr '\0' ' ' < /proc/$p/cmdline | cut -c1-70)"
  done > "$1"
}
q "select pg_stat_statements_reset()" >/dev/null
snapshot "$home/cpu0.txt"; d0=$(q "select count(*) from decision")
wrk_presigned "$port" 8 20s "$home/posts.tsv" | grep -E "^Requests/sec|^status"
snapshot "$home/cpu1.txt"; d1=$(q "select count(*) from decision")
n=$((d1 - d0)); ticks=$(getconf CLK_TCK)
python3 - "$home" "$arbiter" "$n" "$ticks" <<'PY'
import re, sys, collections
home, jvm, n, hz = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def read(f):
    rows = {}
    for line in open(home + "/" + f):
        pid, ticks, cmd = (line.rstrip("\n").split(" ", 2) + [""])[:3]
        if ticks:
            rows[pid] = (int(ticks), cmd)
    return rows
before, after = read("cpu0.txt"), read("cpu1.txt")
by_process, pg, java = collections.Counter(), 0, 0
for pid, (ticks, cmd) in after.items():
    spent = ticks - before.get(pid, (0, cmd))[0]
    if pid == jvm:
        java += spent
    else:
        pg += spent
        by_process[re.sub(r"\d+", "N", cmd)] += spent
ms = lambda t: 1000.0 * t / hz / max(n, 1)
print("decisions stored in the window: %d" % n)
print("CPU per decision: PostgreSQL %.3f ms, Arbiter's JVM %.3f ms" % (ms(pg), ms(java)))
for cmd, t in by_process.most_common(6):
    print("  %.3f ms  %s" % (ms(t), cmd))
PY
echo "per statement (Arbiter's role and its triggers): exec ms per decision | calls per decision | plan ms per decision | WAL bytes per call | query"
q "select round((total_exec_time / $n)::numeric, 4), round(calls::numeric / $n, 2), round((total_plan_time / $n)::numeric, 4),
          round(wal_bytes::numeric / greatest(calls, 1)), left(regexp_replace(query, '\s+', ' ', 'g'), 120)
     from pg_stat_statements where query not like '%pg_stat_statements%' and query not like 'select count(*) from decision'
    order by total_exec_time + total_plan_time desc limit 15"
