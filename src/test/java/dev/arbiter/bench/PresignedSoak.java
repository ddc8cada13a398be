package dev.arbiter.bench;

import dev.arbiter.security.Signatures;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Open loop at a fixed arrival rate, from requests signed ahead ({@link PresignedRequests}'s
 * file, as wrk uses), so that the load tool takes little of the cores it shares with Arbiter and
 * PostgreSQL: {@link SoakTest} serialises and signs each request and sends it through
 * {@code java.net.http}, which costs about as much CPU per request as PostgreSQL spends on it
 * (docs/benchmarks.md). Here a fixed set of worker threads sends over blocking keep-alive
 * connections (OkHttp, which OpenTelemetry's exporter brings).
 *
 * <p>Request {@code n} is due at {@code start + n / rate}. A free worker takes the next request,
 * waits for its due time and sends it; its latency runs from the due time, not from when it left,
 * so a server that falls behind shows as latency and not as a lower rate (no coordinated
 * omission). Requests that left more than a millisecond after their due time (every worker was
 * busy) are counted and printed per interval: their latency includes that wait.
 *
 * <p>With {@code warmupSeconds}, the run starts with that many seconds at the same rate whose
 * latencies are printed on a line of their own and left out of the intervals: this tool is a
 * JVM started for the run, on the cores it shares with the server, and its first second or two
 * measure its own start (docs/benchmarks.md: two runs back to back on a warm server, p99 595 ms in
 * the second run's first 2 s, then 14 to 36 ms).
 *
 * <p>Usage: {@code PresignedSoak <baseUrl> <requests-file> <rate> <seconds> [intervalSeconds]
 * [workers] [warmupSeconds]}; defaults: a line every 10 s, 64 workers, no warm-up. The file needs
 * {@code rate x (warmupSeconds + seconds)} lines and must be used within the server's timestamp
 * window (5 minutes by default). Loopback addresses only.
 */
public final class PresignedSoak {

    private static final MediaType JSON = MediaType.get("application/json");

    private PresignedSoak() {}

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        Path file = Path.of(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int interval = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int workers = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        if (!Loopback.host(URI.create(base).getHost())) {
            System.err.println("refusing " + base + ": the load test targets loopback addresses only");
            System.exit(2);
        }
        List<PresignedRequests.Line> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!text.isEmpty()) {
                lines.add(PresignedRequests.Line.parse(text));
            }
        }
        int warmupTotal = rate * warmup;
        int total = warmupTotal + rate * seconds;
        if (lines.size() < total) {
            System.err.printf(
                    Locale.ROOT,
                    "%s has %d requests; %d/s for %d s needs %d%n",
                    file,
                    lines.size(),
                    rate,
                    warmup + seconds,
                    total);
            System.exit(2);
        }
        OkHttpClient client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(workers, 5, TimeUnit.MINUTES))
                .readTimeout(Duration.ofSeconds(60))
                .retryOnConnectionFailure(false)
                .build();
        int intervals = (seconds + interval - 1) / interval;
        Latencies[] latencies = new Latencies[intervals];
        AtomicInteger[] late = new AtomicInteger[intervals];
        for (int k = 0; k < intervals; k++) {
            latencies[k] = new Latencies(rate * interval);
            late[k] = new AtomicInteger();
        }
        Latencies warming = new Latencies(Math.max(1, warmupTotal));
        AtomicInteger lateWarming = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        long period = 1_000_000_000L / rate;
        System.out.printf(
                Locale.ROOT,
                "target %s, %d requests/s for %d s (after %d s of warm-up) from %s, open loop (latency from the due"
                        + " time), %d workers%n",
                base,
                rate,
                seconds,
                warmup,
                file,
                workers);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(
                    () -> {
                        for (long n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                            long due = start + n * period;
                            StreamLoadTest.waitUntil(due);
                            boolean warm = n < warmupTotal;
                            int at = warm ? 0 : (int) ((n - warmupTotal) / ((long) rate * interval));
                            Latencies into = warm ? warming : latencies[at];
                            if (System.nanoTime() - due > 1_000_000L) {
                                (warm ? lateWarming : late[at]).incrementAndGet();
                            }
                            String status = send(client, base, lines.get((int) n));
                            if (!status.startsWith("2")) {
                                errors.incrementAndGet();
                            }
                            into.record(System.nanoTime() - due, status);
                        }
                    },
                    "presigned-soak-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        String phase = lines.get(0).method() + " " + path(lines.get(0));
        if (warmupTotal > 0) {
            System.out.printf(Locale.ROOT, "warm-up, not in the intervals: left late %5d  ", lateWarming.get());
            System.out.println(warming.summary(phase, warmup));
        }
        for (int k = 0; k < intervals; k++) {
            System.out.printf(Locale.ROOT, "%3d  left late %5d  ", k + 1, late[k].get());
            System.out.println(latencies[k].summary(phase, interval));
        }
        System.out.println(errors.get() == 0 ? "no errors" : errors.get() + " errors");
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    private static String path(PresignedRequests.Line line) {
        return line.path().startsWith("/v1/decisions/") ? "/v1/decisions/{id}" : line.path();
    }

    private static String send(OkHttpClient client, String base, PresignedRequests.Line line) {
        Request.Builder request = new Request.Builder()
                .url(base + line.path())
                .header(Signatures.KEY_ID, line.keyId())
                .header(Signatures.TIMESTAMP, line.timestamp())
                .header(Signatures.NONCE, line.nonce())
                .header(Signatures.SIGNATURE, line.signature());
        if (line.body().length > 0) {
            request.method(line.method(), RequestBody.create(line.body(), JSON));
        } else {
            request.method(line.method(), null);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            response.body().bytes();
            return Integer.toString(response.code());
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }
}
