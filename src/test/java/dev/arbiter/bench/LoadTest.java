package dev.arbiter.bench;

import dev.arbiter.tools.GermanCredit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP load on a running Arbiter: posts German credit applicants (fresh application ids every
 * run, so each one is a new decision) from C concurrent clients, then fetches every decision
 * it made, and prints throughput and latency percentiles of both.
 *
 * <p>Usage: {@code LoadTest [baseUrl] [requests] [clients] [warmup]}; defaults
 * {@code http://localhost:8080 2000 4 200}. Loopback addresses only.
 */
public final class LoadTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private LoadTest() {}

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0].replaceAll("/+$", "") : "http://localhost:8080";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        URI root = URI.create(base);
        if (!Loopback.host(root.getHost())) {
            System.err.println("refusing " + base + ": the load test targets loopback addresses only");
            System.exit(2);
        }
        List<GermanCredit.Row> rows = Workload.germanCreditRows();
        String run = "load-" + Long.toString(System.currentTimeMillis(), 36);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        System.out.printf("target %s, %d clients, run %s (%d warm-up posts not counted)%n", base, clients, run, warmup);

        ConcurrentLinkedQueue<String> decided = new ConcurrentLinkedQueue<>();
        phase(client, clients, warmup, i -> post(base, rows, run + "-w", i), null);
        CpuAccount cpu = CpuAccount.fromEnvironment();
        CpuAccount.Snapshot beforePosts = cpu.snapshot();
        Latencies posts = new Latencies(requests);
        double postSeconds = phase(client, clients, requests, i -> post(base, rows, run, i), (response, latency) -> {
            posts.record(latency, Integer.toString(response.statusCode()));
            if (response.statusCode() == 201) {
                decided.add(JSON.readTree(response.body()).path("decisionId").asString());
            }
        });
        System.out.println(posts.summary("POST /v1/decisions", postSeconds));
        System.out.println(cpu.between(beforePosts, cpu.snapshot(), requests));

        List<String> ids = new ArrayList<>(decided);
        Latencies gets = new Latencies(ids.size());
        CpuAccount.Snapshot beforeGets = cpu.snapshot();
        double getSeconds = phase(
                client,
                clients,
                ids.size(),
                i -> signed(
                                HttpRequest.newBuilder(URI.create(base + "/v1/decisions/" + ids.get(i))),
                                "GET",
                                "/v1/decisions/" + ids.get(i),
                                new byte[0])
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                (response, latency) -> gets.record(latency, Integer.toString(response.statusCode())));
        System.out.println(gets.summary("GET /v1/decisions/{id}", getSeconds));
        System.out.println(cpu.between(beforeGets, cpu.snapshot(), ids.size()));
    }

    @FunctionalInterface
    interface Recorder {
        void record(HttpResponse<byte[]> response, long latencyNanos) throws Exception;
    }

    /** Sends {@code count} requests from {@code clients} threads, each taking the next index; returns the wall time in seconds. */
    private static double phase(
            HttpClient client, int clients, int count, IntFunction<HttpRequest> request, Recorder recorder)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    HttpRequest r = request.apply(i);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
                        if (recorder != null) {
                            recorder.record(response, System.nanoTime() - t0);
                        }
                    } catch (Exception e) {
                        System.err.println(r.method() + " " + r.uri() + ": " + e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return (System.nanoTime() - started) / 1e9;
    }

    private static HttpRequest post(String base, List<GermanCredit.Row> rows, String run, int i) {
        GermanCredit.Row row = rows.get(i % rows.size());
        String id = "%s-%06d-%s".formatted(run, i, row.application().applicationId());
        byte[] json = JSON.writeValueAsBytes(
                dev.arbiter.tools.RunGermanCredit.request(row.application(), id, row.monitoring()));
        return signed(HttpRequest.newBuilder(URI.create(base + "/v1/decisions")), "POST", "/v1/decisions", json)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
    }

    /** Signs as the originator key in ARBITER_KEY_FILE (default data/keys/originator.key); docs/security.md. */
    private static HttpRequest.Builder signed(HttpRequest.Builder request, String method, String path, byte[] body) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        byte[] nonce = new byte[16];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(nonce);
        String nonceHex = java.util.HexFormat.of().formatHex(nonce);
        String signature = dev.arbiter.security.Signatures.sign(
                KEY.secret(), dev.arbiter.security.Signatures.canonical(method, path, null, timestamp, nonceHex, body));
        return request.header(dev.arbiter.security.Signatures.KEY_ID, KEY.keyId())
                .header(dev.arbiter.security.Signatures.TIMESTAMP, timestamp)
                .header(dev.arbiter.security.Signatures.NONCE, nonceHex)
                .header(dev.arbiter.security.Signatures.SIGNATURE, signature);
    }

    private static final dev.arbiter.Keys.Key KEY = originatorKey();

    static dev.arbiter.Keys.Key originatorKey() {
        java.nio.file.Path file =
                java.nio.file.Path.of(System.getenv().getOrDefault("ARBITER_KEY_FILE", "data/keys/originator.key"));
        try {
            String keyId = null;
            String secret = null;
            for (String line : java.nio.file.Files.readAllLines(file)) {
                if (line.startsWith("key_id=")) {
                    keyId = line.substring(7).trim();
                } else if (line.startsWith("secret=")) {
                    secret = line.substring(7).trim();
                }
            }
            return dev.arbiter.Keys.Key.of(keyId, secret);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no originator key at " + file + " (set ARBITER_KEY_FILE)", e);
        }
    }
}
