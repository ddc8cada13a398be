package dev.arbiter.bench;

import dev.arbiter.Keys;
import dev.arbiter.tools.GermanCredit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak: signed decisions over HTTP at a fixed arrival rate for a long time (ten minutes by
 * default), open loop: each request leaves at its intended time whether or not earlier ones
 * were answered (sent asynchronously, so no client thread holds it back), and its latency runs
 * from that intended time, so a stall shows as latency and is not hidden by a slower sender.
 * Every interval (a minute by default) prints the requests of that interval, their errors,
 * p50/p99/max, and Arbiter's heap from its metrics, read every second: the lowest heap in use
 * seen in the interval (what a collection left, as near as sampling gets) and the old generation
 * as the last major collection left it ({@code jvm_gc_live_data_size_bytes}, 0 until there was
 * one). A heap low that keeps growing from interval to interval is a leak, a p99 that keeps
 * growing is a queue that does not drain.
 *
 * <p>Usage: {@code SoakTest [baseUrl] [rate] [seconds] [intervalSeconds]}; defaults
 * {@code http://localhost:8080 100 600 60}. Loopback addresses only; the key as in
 * {@link LoadTest} (ARBITER_KEY_FILE).
 */
public final class SoakTest {

    private static final Pattern LIVE_DATA =
            Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? ([0-9.eE+-]+)$");
    private static final Pattern HEAP_USED =
            Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)$");

    private SoakTest() {}

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0].replaceAll("/+$", "") : "http://localhost:8080";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        int interval = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        if (!Loopback.host(URI.create(base).getHost())) {
            System.err.println("refusing " + base + ": the load test targets loopback addresses only");
            System.exit(2);
        }
        Keys.Key key = StreamLoadTest.key();
        List<GermanCredit.Row> rows = Workload.germanCreditRows();
        String run = "soak-" + Long.toString(System.currentTimeMillis(), 36);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        System.out.printf(
                Locale.ROOT,
                "target %s, %d decisions/s for %d s, open loop (latency from the intended send time), "
                        + "a line every %d s, run %s%n",
                base,
                rate,
                seconds,
                interval,
                run);

        // a few seconds at the same rate first, not counted
        send(client, base, key, rows, run + "-warm", rate, Math.min(5, seconds), interval, false);
        int errors = send(client, base, key, rows, run, rate, seconds, interval, true);
        System.out.println(errors == 0 ? "no errors" : errors + " errors");
        System.exit(errors == 0 ? 0 : 1);
    }

    /** Sends for {@code seconds}; prints a line per interval when {@code report}; returns the number of errors. */
    private static int send(
            HttpClient client,
            String base,
            Keys.Key key,
            List<GermanCredit.Row> rows,
            String run,
            int rate,
            int seconds,
            int interval,
            boolean report)
            throws Exception {
        int intervals = (seconds + interval - 1) / interval;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        // the heap in use, read every second; the lowest reading of each interval
        double[] lowest = new double[intervals];
        java.util.Arrays.fill(lowest, Double.NaN);
        var sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        if (report) {
            sampler.scheduleAtFixedRate(
                    () -> {
                        int at = (int) ((System.nanoTime() - start) / TimeUnit.SECONDS.toNanos(interval));
                        double used = heap(client, base)[1];
                        if (at < intervals && !Double.isNaN(used)) {
                            synchronized (lowest) {
                                lowest[at] = Double.isNaN(lowest[at]) ? used : Math.min(lowest[at], used);
                            }
                        }
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);
        }
        AtomicInteger errors = new AtomicInteger();
        List<Thread> reporters = new java.util.ArrayList<>();
        int sent = 0;
        for (int k = 0; k < intervals; k++) {
            int count = (int) Math.min((long) rate * interval, (long) rate * seconds - (long) sent);
            Latencies latencies = new Latencies(count);
            CountDownLatch answered = new CountDownLatch(count);
            for (int j = 0; j < count; j++, sent++) {
                long intended = start + sent * period;
                StreamLoadTest.waitUntil(intended);
                byte[] body = StreamLoadTest.application(rows, run, sent);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/decisions"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                StreamLoadTest.signature(key, "POST", "/v1/decisions", body).forEach(request::header);
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> {
                            String status = failure != null
                                    ? failure.getClass().getSimpleName()
                                    : Integer.toString(response.statusCode());
                            if (!"201".equals(status)) {
                                errors.incrementAndGet();
                            }
                            latencies.record(System.nanoTime() - intended, status);
                            answered.countDown();
                        });
            }
            if (report) {
                // the next interval's sending starts at its time; this interval's stragglers are awaited on the side
                int index = k;
                Thread reporter = new Thread(() -> {
                    try {
                        answered.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    double[] now = heap(client, base);
                    double low;
                    synchronized (lowest) {
                        low = lowest[index];
                    }
                    System.out.println(String.format(
                                    Locale.ROOT,
                                    "%s  %3d  heap low %7.1f MB, after last major GC %7.1f MB  ",
                                    Instant.now(),
                                    index + 1,
                                    low / 1e6,
                                    now[0] / 1e6)
                            + latencies.summary("POST /v1/decisions", interval));
                });
                reporter.setDaemon(true);
                reporter.start();
                reporters.add(reporter);
            } else {
                answered.await(120, TimeUnit.SECONDS);
            }
        }
        for (Thread reporter : reporters) {
            reporter.join();
        }
        sampler.shutdownNow();
        return errors.get();
    }

    /** Arbiter's old generation after the last major collection and its heap in use now, in bytes (NaN if unknown). */
    private static double[] heap(HttpClient client, String base) {
        try {
            String metrics = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher live = LIVE_DATA.matcher(metrics);
            double used = 0;
            Matcher heap = HEAP_USED.matcher(metrics);
            while (heap.find()) {
                used += Double.parseDouble(heap.group(1));
            }
            return new double[] {live.find() ? Double.parseDouble(live.group(1)) : Double.NaN, used};
        } catch (Exception e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }
}
