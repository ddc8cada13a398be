# Sourced by the benchmark scripts (bench-compare.sh, console-load.sh, request-cost.sh,
# db-cost.sh, profile-load.sh): starts Arbiter from a jar with its data, keys and log under one
# directory (embedded PostgreSQL, the rate limit raised, everything on 127.0.0.1), waits until it
# is ready, and stops it when the calling script exits. Sets $arbiter (the JVM's pid) and
# $pg_port (its PostgreSQL's port). The other functions load it with wrk and requests signed
# ahead (they need target/classpath.txt, the test classpath).
#
#   start_arbiter <home> <port> <jar> [NAME=value ...]   # further settings for this Arbiter
#   presign <home> posts|gets ...                         # bench.PresignedRequests with <home>'s originator key
#   wrk_presigned <port> <connections> <duration> <file>  # wrk over a file of presigned requests
#   warm_up <home> <port> <connections> <windows>         # that many 20 s windows of POSTs, a line each;
#                                                         # the 201s' decision ids in <home>/warm-ids-<n>.txt
start_arbiter() {
  local home="$1" port="$2" jar="$3"
  shift 3
  env ARBITER_DB_DATA_DIR="$home/postgres" ARBITER_SECURITY_KEYS_DIR="$home/keys" ARBITER_SECURITY_RATE_LIMIT=1000000 \
    ARBITER_AUDIT_CHECKPOINT_FILE="$home/checkpoints.jsonl" ARBITER_AUDIT_SIGNING_KEY_FILE="$home/signing.key" \
    SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$port" "$@" "${JAVA:-java}" -jar "$jar" > "$home/arbiter.log" 2>&1 &
  arbiter=$!
  trap 'kill $arbiter 2>/dev/null; wait $arbiter 2>/dev/null || true' EXIT
  for _ in $(seq 1 180); do
    grep -q "Arbiter is ready" "$home/arbiter.log" && break
    kill -0 $arbiter 2>/dev/null || { tail -20 "$home/arbiter.log"; exit 1; }
    sleep 1
  done
  pg_port=$(grep -o "Started embedded PostgreSQL.*127.0.0.1:[0-9]*" "$home/arbiter.log" | grep -o "[0-9]*$" | head -1)
}

presign() {
  local home="$1"
  shift
  ARBITER_KEY_FILE="$home/keys/originator.key" \
    java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" dev.arbiter.bench.PresignedRequests "$@"
}

wrk_presigned() {
  wrk -t2 -c"$2" -d"$3" --timeout 10s -s scripts/presigned.lua "http://127.0.0.1:$1" -- "$4" 2
}

warm_up() {
  local home="$1" port="$2" connections="$3" windows="$4" w rate
  for w in $(seq 1 "$windows"); do
    presign "$home" posts "$home/warm.tsv" 30000 "warm$w-$(date +%s)"
    rate=$(PRESIGNED_IDS_OUT="$home/warm-ids-$w.txt" wrk_presigned "$port" "$connections" 20s "$home/warm.tsv" \
      | grep -E "^Requests/sec" | awk '{print $2}')
    echo "warm-up window $w (20 s, wrk, $connections connections): $rate decisions/s"
  done
  rm -f "$home/warm.tsv"
}
