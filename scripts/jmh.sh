#!/usr/bin/env bash
# Runs Arbiter's JMH benchmarks (src/test/java/dev/arbiter/bench) in forked JVMs and prints
# decisions per second and the ensemble's overhead over calling the models directly.
#
#   scripts/jmh.sh [regex] [extra JMH args]
#   scripts/jmh.sh                                   # everything (~4 min)
#   scripts/jmh.sh InProcess -f 2 -i 10              # one class, longer
#   scripts/jmh.sh Remote -p providerMillis=20       # a slower provider
#
# Settings are on the benchmark classes (1 fork; 8 warm-up iterations of 2 s in process, 3 for
# the remote one; 5 measured iterations of 2 s); JMH arguments given here override them.
# Results: target/jmh-result.json (JMH's JSON) and the summary printed at the end;
# several saved result files summarise together: BenchmarkSummary a.json b.json ...
set -euo pipefail
cd "$(dirname "$0")/.."

regex="${1:-dev.arbiter.bench.}"
shift || true

mvn -B -q test-compile
# the test classpath, so the forked benchmark JVMs see exactly what the tests see
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/classpath.txt)"

java -cp "$classpath" org.openjdk.jmh.Main "$regex" -rf json -rff target/jmh-result.json "$@"

java -cp "$classpath" dev.arbiter.bench.BenchmarkSummary target/jmh-result.json
