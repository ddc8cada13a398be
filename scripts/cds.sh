#!/usr/bin/env bash
# Builds a class-data-sharing archive for Arbiter's jar and prints the line that launches with it.
#
#   scripts/cds.sh [jar] [port]   # defaults: target/arbiter-*.jar (packaged if absent), port 18438
#
# Steps: the jar is extracted with Spring Boot's tools jar mode (an application jar beside lib/,
# which class-data sharing needs: it cannot map classes out of nested jars), then Arbiter makes
# one training run on that layout on a fresh data directory: it starts, answers one signed
# decision (so the classes of Drools' compile, the web server and a decision are in) and stops,
# and the JVM writes the classes it loaded (or the archive) on its way out. On Java 17 to 24 (`java`
# from the PATH, or $JAVA) it is a static AppCDS archive of those classes (-Xshare:dump, used with
# -XX:SharedArchiveFile); on
# Java 25 and later an AOT cache (-XX:AOTCacheOutput, used with -XX:AOTCache), which also keeps
# classes linked and method profiles. Everything goes to target/cds-<java feature version>/; the
# JVM options to launch with are also written to its java-options file.
#
# An archive belongs to the JDK and the jar it was made with: make it again after either changes
# (the JVM otherwise says so and starts without it). Launch from the repository's root, as
# always (the shipped rules and engine/ are read from there).
set -euo pipefail
cd "$(dirname "$0")/.."

java="${JAVA:-java}"
port="${2:-18438}"
jar="${1:-}"
if [ -z "$jar" ]; then
    jar="$(ls target/arbiter-*.jar 2>/dev/null | grep -v original | head -1 || true)"
    if [ -z "$jar" ]; then
        mvn -B -q package -DskipTests
        jar="$(ls target/arbiter-*.jar | grep -v original | head -1)"
    fi
fi
feature="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
out="$(pwd)/target/cds-${feature}"
if curl -s -o /dev/null "http://127.0.0.1:${port}/"; then
    echo "port ${port} is already in use; pass another one" >&2
    exit 1
fi

rm -rf "$out"
mkdir -p "$out"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$out/app" >/dev/null
app_jar="$out/app/$(basename "$jar")"
if [ "$feature" -ge 25 ]; then
    archive="$out/arbiter.aot"
    train=("-XX:AOTCacheOutput=$archive")
    use="-XX:AOTCache=$archive"
else
    # a static archive from the classes the training run loaded: Java 17's dynamic archive
    # (-XX:ArchiveClassesAtExit) crashes the JVM at exit on this application (a SIGSEGV in
    # SystemDictionaryShared::adjust_lambda_proxy_class_dictionary, 17.0.15), and so does a
    # static dump unless the lambda proxies are left out of its list
    archive="$out/arbiter.jsa"
    train=("-XX:DumpLoadedClassList=$out/classes.lst")
    use="-XX:SharedArchiveFile=$archive"
fi

training="$out/training"
mkdir -p "$training"
setsid "$java" "${train[@]}" -jar "$app_jar" "--arbiter.db.data-dir=$training/postgres" \
    "--arbiter.security.keys-dir=$training/keys" "--server.port=$port" >"$out/training.log" 2>&1 &
app=$!
trap 'kill -KILL -- "-$app" 2>/dev/null || true' EXIT
sed "s/\"A-2026-000123\"/\"cds-training-$(date +%s%N)\"/" examples/application.json >"$training/application.json"
until [ "$(ARBITER_URL="http://127.0.0.1:${port}" scripts/arbiter-curl -k "$training/keys/originator.key" \
    POST /v1/decisions "$training/application.json" -o /dev/null -w '%{http_code}' 2>/dev/null || true)" = 201 ]; do
    if ! kill -0 "$app" 2>/dev/null; then
        echo "the training run exited before answering; log: $out/training.log" >&2
        tail -20 "$out/training.log" >&2
        exit 1
    fi
    sleep 0.2
done
# a graceful stop: the archive is written when the JVM exits (an AOT cache takes a while longer)
kill -TERM "$app"
wait "$app" || true
trap - EXIT
if [ "$feature" -lt 25 ]; then
    grep -v '^@lambda-proxy' "$out/classes.lst" >"$out/classes-archived.lst"
    "$java" -Xshare:dump "-XX:SharedClassListFile=$out/classes-archived.lst" "-XX:SharedArchiveFile=$archive" \
        -jar "$app_jar" >"$out/dump.log" 2>&1 || true
fi
if [ ! -s "$archive" ]; then
    echo "no archive was written; log: $out/training.log" >&2
    exit 1
fi
rm -rf "$training"
echo "$use" >"$out/java-options"
echo "archive: $archive ($(du -h "$archive" | cut -f1))"
echo "launch:  $java $use -jar $app_jar"
