#!/usr/bin/env bash
# Soak: signed decisions over HTTP at a fixed arrival rate on an Arbiter that is already running
# (this script starts nothing), open loop with latency from the intended send time; prints, every
# interval, the interval's p50/p99/max and errors and Arbiter's heap after GC.
#
#   scripts/soak.sh [url] [rate] [seconds] [interval-seconds]
#   scripts/soak.sh http://localhost:8080 100 600 60       # the defaults: ten minutes, a line a minute
#
# Loopback URLs only; the key and the rate limit as for scripts/load.sh (start Arbiter with
# ARBITER_SECURITY_RATE_LIMIT=1000000). Pick the rate as 70 % of what scripts/load.sh measured.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" dev.arbiter.bench.SoakTest "$@"
