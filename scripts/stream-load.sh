#!/usr/bin/env bash
# Open-loop load on an Arbiter that is already running (this script starts nothing): offers
# decisions at fixed rates over K WebSocket connections to GET /v1/stream and, at the same
# rate and concurrency, over K HTTP clients to POST /v1/decisions; latency runs from each
# decision's intended send time to its answer. Prints throughput and p50/p90/p99/max per run.
#
#   scripts/stream-load.sh [url] [connections] [rates] [seconds] [ws|http|both]
#   scripts/stream-load.sh http://localhost:8080 8 100,200 10 both     # the defaults
#
# Loopback URLs only. Signs with the originator key in ARBITER_KEY_FILE (default
# data/keys/originator.key). Start the Arbiter under test with ARBITER_SECURITY_RATE_LIMIT=1000000,
# or the per-client rate limit is what is measured over HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" dev.arbiter.bench.StreamLoadTest "$@"
