/**
 * Measurements of the decision path: JMH throughput benchmarks (run by {@code scripts/jmh.sh},
 * never by the test phases), an HTTP load client and the start-up timing used by
 * {@code docs/benchmarks.md}.
 */
package dev.arbiter.bench;
