#!/usr/bin/env bash
# Time from launching README's first command (mvn -q spring-boot:run) until the first POST of
# examples/application.json answers 201: on a fresh data directory (cold: initdb, migrations)
# and on a restart over the same directory (warm). Stops the application after each run.
#
#   scripts/time-to-first-decision.sh [runs] [port] [mvn|jar|cds]   # defaults: 3 runs, port 18437, mvn
#
# The sources are compiled once before the first run, so the times do not include a first
# compile (they do include Maven's own start and its up-to-date checks). With `jar` the
# application is packaged once and launched as `java -jar target/arbiter-*.jar` instead (on
# $JAVA if set, with $JAVA_OPTS), which is how a server runs it. With `cds` it is launched from
# the extracted jar with the class-data-sharing archive (or, on Java 25, the AOT cache) that
# scripts/cds.sh makes first. $ARBITER_JAR names a jar to time instead of building this checkout's
# (e.g. another checkout's, to compare). Besides the wall time, each run prints the CPU time the
# JVM itself had used when the first decision was answered (less dependent on the machine's load).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
port="${2:-18437}"
launcher="${3:-mvn}"
url="http://127.0.0.1:${port}/v1/decisions"
work="$(mktemp -d /tmp/arbiter-ttfd.XXXXXX)"

if curl -s -o /dev/null "http://127.0.0.1:${port}/"; then
    echo "port ${port} is already in use; pass another one" >&2
    exit 1
fi
if [ -n "${ARBITER_JAR:-}" ] && [ "$launcher" != mvn ]; then
    jar="$ARBITER_JAR"
else
    mvn -B -q test-compile
    if [ "$launcher" != mvn ]; then
        mvn -B -q package -DskipTests
        jar="$(ls target/arbiter-*.jar | grep -v original | head -1)"
    fi
fi
jvm_opts="${JAVA_OPTS:-}"
if [ "$launcher" = cds ]; then
    scripts/cds.sh "$jar" "$((port + 1))"
    feature="$("${JAVA:-java}" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    jvm_opts="$jvm_opts $(cat "target/cds-${feature}/java-options")"
    jar="$(pwd)/target/cds-${feature}/app/$(basename "$jar")"
fi

# the launched command's process group (setsid), kept in a file because runs happen in subshells
pidfile="${work}/app.pid"
stop_app() {
    [ -s "$pidfile" ] || return 0
    local app
    app="$(cat "$pidfile")"
    kill -TERM -- "-$app" 2>/dev/null || true
    for _ in $(seq 1 300); do
        if ! kill -0 -- "-$app" 2>/dev/null; then
            : >"$pidfile"
            return 0
        fi
        sleep 0.1
    done
    echo "application did not stop within 30 s; killing its process group" >&2
    kill -KILL -- "-$app" 2>/dev/null || true
    : >"$pidfile"
}
trap stop_app EXIT

# one timed start: prints the seconds from launch to the first 201
time_one() {
    local data="$1" label="$2" body log start now code app
    body="$(sed "s/\"A-2026-000123\"/\"ttfd-${label}-$(date +%s%N)\"/" examples/application.json)"
    log="${work}/${label}.log"
    start="$(date +%s%N)"
    printf '%s' "$body" >"${work}/${label}.json"
    if [ "$launcher" != mvn ]; then
        # shellcheck disable=SC2086
        setsid "${JAVA:-java}" $jvm_opts -jar "$jar" "--arbiter.db.data-dir=${data}" \
            "--arbiter.security.keys-dir=${data}-keys" "--server.port=${port}" >"$log" 2>&1 &
    else
        setsid mvn -q spring-boot:run \
            "-Dspring-boot.run.arguments=--arbiter.db.data-dir=${data} --arbiter.security.keys-dir=${data}-keys --server.port=${port}" >"$log" 2>&1 &
    fi
    app=$!
    echo "$app" >"$pidfile"
    while true; do
        # signed as the local originator, whose key file appears once Arbiter has started
        code="$(ARBITER_URL="http://127.0.0.1:${port}" scripts/arbiter-curl -k "${data}-keys/originator.key" \
            POST /v1/decisions "${work}/${label}.json" -o /dev/null -w '%{http_code}' 2>/dev/null || true)"
        if [ "$code" = "201" ]; then
            break
        fi
        if ! kill -0 "$app" 2>/dev/null; then
            echo "application exited before answering; log: $log" >&2
            tail -20 "$log" >&2
            stop_app
            exit 1
        fi
        sleep 0.05
    done
    now="$(date +%s%N)"
    # CPU of the launched process so far (utime + stime, in clock ticks): the JVM's under `java -jar`
    cpu="$(awk '{ print $14 + $15 }' "/proc/${app}/stat" 2>/dev/null || echo 0)"
    stop_app
    awk -v ns="$((now - start))" -v cpu="$cpu" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f %.2f\n", ns / 1e9, cpu / hz }'
}

# what Spring Boot reports for itself, i.e. without Maven's start and the first request
spring_start() { sed -n 's/.*Started ArbiterApplication in \([0-9.]*\) seconds.*/\1/p' "${work}/$1.log"; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

cold=()
warm=()
warm_cpu=()
for r in $(seq 1 "$runs"); do
    data="${work}/data-${r}/postgres"
    read -r c c_cpu < <(time_one "$data" "cold-${r}")
    read -r w w_cpu < <(time_one "$data" "warm-${r}")
    echo "run ${r}: cold ${c} s, warm restart ${w} s   (Spring's own start: $(spring_start "cold-${r}") s and $(spring_start "warm-${r}") s; JVM CPU to the first decision: ${c_cpu} s and ${w_cpu} s)"
    cold+=("$c")
    warm+=("$w")
    warm_cpu+=("$w_cpu")
done
echo "median of ${runs}: cold $(printf '%s\n' "${cold[@]}" | median) s, warm restart $(printf '%s\n' "${warm[@]}" | median) s (JVM CPU $(printf '%s\n' "${warm_cpu[@]}" | median) s)"
echo "logs and data directories: ${work}"
