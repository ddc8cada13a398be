# Sourced by the benchmark scripts (bench-compare.sh, console-load.sh, request-cost.sh): starts
# Arbiter from a jar with its data, keys and log under one directory (embedded PostgreSQL, the
# rate limit raised, everything on 127.0.0.1), waits until it is ready, and stops it when the
# calling script exits. Sets $arbiter (the JVM's pid) and $pg_port (its PostgreSQL's port).
#
#   start_arbiter <home> <port> <jar> [NAME=value ...]   # further settings for this Arbiter
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
