#!/usr/bin/env bash
# HTTP load on an Arbiter that is already running (this script starts nothing):
# posts German credit applicants with fresh application ids from C concurrent clients, then
# GETs every decision it made; prints throughput and p50/p90/p99/max latency of both.
#
#   scripts/load.sh [url] [requests] [clients] [warmup]
#   scripts/load.sh http://localhost:8080 2000 4 200        # the defaults
#
# Loopback URLs only. Requests are signed with the originator key in ARBITER_KEY_FILE
# (default data/keys/originator.key, written on Arbiter's first start). The per-client rate
# limit (100 requests a second by default) would otherwise be what is measured: start the
# Arbiter under test with ARBITER_SECURITY_RATE_LIMIT=1000000.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" dev.arbiter.bench.LoadTest "$@"
