#!/usr/bin/env bash
# Where the CPU goes under load, once the JIT has done its work: starts Arbiter from its jar (as
# bench-compare.sh does), warms it with wrk (POSTs signed ahead, WINDOWS x 20 s), then profiles
# 20 s of POST /v1/decisions and, after 40 s of GETs to warm those, 20 s of GET
# /v1/decisions/{id} with async-profiler (CPU samples every ms, per thread). Writes
# target/profile/{post,get}.html (flame graphs) and .collapsed (folded stacks), and prints a
# summary of each (scripts/profile-summary.py): CPU by thread group, by the innermost library
# frame of the request threads, and the Arbiter frames with the most samples under them.
#
#   scripts/profile-load.sh          # 9 warm-up windows (3 minutes)
#   WINDOWS=3 scripts/profile-load.sh
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler), Linux x64 only. Needs
# wrk (Debian: apt-get install wrk) and a built jar with its test classes (mvn -B package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
home=target/profile; port=18090
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 2; }
version=4.2
ap_jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
[ -f "$ap_jar" ] || mvn -q dependency:get -Dartifact="tools.profiler:async-profiler:$version"
rm -rf "$home" && mkdir -p "$home/async-profiler"
unzip -q -o "$ap_jar" 'linux-x64/*' -d "$home/async-profiler"
lib="$PWD/$home/async-profiler/linux-x64/libasyncProfiler.so"
[ -f target/classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
jar=$(ls target/arbiter-*.jar | grep -v original | head -1)
. scripts/bench-server.sh
start_arbiter "$home" "$port" "$jar"
load() { wrk_presigned "$port" 8 "$2" "$1"; }
# jcmd reads name=value pairs itself: the agent's options go through quoted
profiler() { jcmd "$arbiter" JVMTI.agent_load "$lib" "\"$1\"" > /dev/null; }
warm_up "$home" "$port" 8 "${WINDOWS:-9}"
cat "$home"/warm-ids-*.txt > "$home/ids.txt"
presign "$home" posts "$home/posts.tsv" 16000 "profiled-$(date +%s)"
profiler "start,event=cpu,interval=1ms,threads"
echo "profiled: POST /v1/decisions"; load "$home/posts.tsv" 20s | grep -E "^Requests/sec|^status"
profiler "dump,file=$PWD/$home/post.html"
profiler "stop,file=$PWD/$home/post.collapsed,collapsed"
presign "$home" gets "$home/gets.tsv" "$home/ids.txt" 100000
load "$home/gets.tsv" 40s | grep -E "^Requests/sec" | sed 's/^/GET warm-up (40 s): /'
presign "$home" gets "$home/gets.tsv" "$home/ids.txt" 100000
profiler "start,event=cpu,interval=1ms,threads"
echo "profiled: GET /v1/decisions/{id}"; load "$home/gets.tsv" 20s | grep -E "^Requests/sec|^status"
profiler "dump,file=$PWD/$home/get.html"
profiler "stop,file=$PWD/$home/get.collapsed,collapsed"
for what in post get; do
  echo; echo "== $what"; python3 scripts/profile-summary.py "$home/$what.collapsed"
done
