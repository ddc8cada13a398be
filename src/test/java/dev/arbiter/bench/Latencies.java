package dev.arbiter.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** Per-request latencies and status codes of one load phase, and the summary line printed for it. */
final class Latencies {

    private final AtomicLongArray nanos;
    private final AtomicInteger count = new AtomicInteger();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();

    Latencies(int requests) {
        this.nanos = new AtomicLongArray(requests);
    }

    void record(long latencyNanos, String status) {
        nanos.set(count.getAndIncrement(), latencyNanos);
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    String summary(String phase, double wallSeconds) {
        int n = count.get();
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = nanos.get(i);
        }
        Arrays.sort(sorted);
        Map<String, Integer> byStatus = new TreeMap<>();
        statuses.forEach((s, c) -> byStatus.put(s, c.get()));
        return String.format(
                Locale.ROOT,
                "%-22s %6d requests in %6.2f s = %8.1f req/s   p50 %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f ms   %s",
                phase,
                n,
                wallSeconds,
                n / wallSeconds,
                ms(sorted, 0.50),
                ms(sorted, 0.90),
                ms(sorted, 0.99),
                n == 0 ? 0 : sorted[n - 1] / 1e6,
                byStatus);
    }

    /** Nearest-rank percentile. */
    private static double ms(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
