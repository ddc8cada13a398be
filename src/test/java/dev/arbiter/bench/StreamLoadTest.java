package dev.arbiter.bench;

import dev.arbiter.Keys;
import dev.arbiter.security.Signatures;
import dev.arbiter.tools.GermanCredit;
import dev.arbiter.tools.RunGermanCredit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open-loop load on a running Arbiter, over the decision stream and over HTTP at the same
 * concurrency: decisions are offered at a fixed arrival rate whatever the answers do, and each
 * latency runs from the intended send time to the answer, so queueing is measured and not
 * hidden (no coordinated omission). Over the stream, K connections take the decisions in turn;
 * over HTTP, K clients (connections) do.
 *
 * <p>Usage: {@code StreamLoadTest [baseUrl] [connections] [rates] [seconds] [mode]}; defaults
 * {@code http://localhost:8080 8 100,200 10 both}. {@code rates} is a comma-separated list of
 * decisions per second, each run in turn; {@code mode} is {@code ws}, {@code http} or
 * {@code both} (the stream first, then HTTP, at each rate). Loopback addresses only.
 */
public final class StreamLoadTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StreamLoadTest() {}

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0].replaceAll("/+$", "") : "http://localhost:8080";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String rates = args.length > 2 ? args[2] : "100,200";
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String mode = args.length > 4 ? args[4] : "both";
        if (!Loopback.host(URI.create(base).getHost())) {
            System.err.println("refusing " + base + ": the load test targets loopback addresses only");
            System.exit(2);
        }
        Keys.Key key = key();
        List<GermanCredit.Row> rows = Workload.germanCreditRows();
        String run = "sload-" + Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("target %s, %d connections, %d s per rate, run %s%n", base, connections, seconds, run);
        // warm-up, not counted: both paths at the first rate for a few seconds
        int first = Integer.parseInt(rates.split(",")[0].trim());
        stream(base, key, connections, first, 3, rows, run + "-ws-warm");
        http(base, key, connections, first, 3, rows, run + "-http-warm");
        List<Run> runs = new ArrayList<>();
        for (String r : rates.split(",")) {
            int rate = Integer.parseInt(r.trim());
            if (!mode.equals("http")) {
                runs.add(Run.of(
                        "stream", rate, stream(base, key, connections, rate, seconds, rows, run + "-ws-" + rate)));
            }
            if (!mode.equals("ws")) {
                runs.add(
                        Run.of("http", rate, http(base, key, connections, rate, seconds, rows, run + "-http-" + rate)));
            }
        }
        int streamMax = highestSustained(runs, "stream");
        if (streamMax > 0 && !mode.equals("http")) {
            // the latency figure: p99 at 70 % of the highest rate the stream sustained
            int seventy = Math.max(1, (int) Math.round(streamMax * 0.7));
            runs.add(Run.of(
                    "stream",
                    seventy,
                    stream(base, key, connections, seventy, seconds, rows, run + "-ws-70-" + seventy)));
            if (!mode.equals("ws")) {
                runs.add(Run.of(
                        "http",
                        seventy,
                        http(base, key, connections, seventy, seconds, rows, run + "-http-70-" + seventy)));
            }
        }
        System.out.println();
        System.out.printf(
                "side by side, %d connections (stream) / %d clients (http), %d s per rate, latency ms from intended send%n",
                connections, connections, seconds);
        System.out.printf(
                Locale.ROOT,
                "%10s | %-52s | %-52s%n",
                "offered/s",
                "stream: req/s   p50    p90    p99    max  sustained",
                "http: req/s     p50    p90    p99    max  sustained");
        List<Integer> offered = runs.stream().map(Run::rate).distinct().toList();
        for (int rate : offered) {
            System.out.printf(
                    Locale.ROOT,
                    "%8d/s | %-52s | %-52s%n",
                    rate,
                    cells(runs, "stream", rate),
                    cells(runs, "http", rate));
        }
        int httpMax = highestSustained(runs, "http");
        streamMax = highestSustained(runs, "stream");
        System.out.printf(
                "highest sustained rate (every decision answered 201, throughput >= 95 %% of offered): stream %s, http %s%n",
                streamMax > 0 ? streamMax + "/s" : "none of the rates tried",
                httpMax > 0 ? httpMax + "/s" : "none of the rates tried");
        System.exit(0);
    }

    /** One measured phase: its summary line and the figures parsed back from it. */
    record Run(
            String path,
            int rate,
            String line,
            double throughput,
            double p50,
            double p90,
            double p99,
            double max,
            boolean sustained) {

        private static final java.util.regex.Pattern FIGURES = java.util.regex.Pattern.compile(
                "(\\d+) requests in +[0-9.]+ s = +([0-9.]+) req/s +p50 +([0-9.]+) +p90 +([0-9.]+) +p99 +([0-9.]+)"
                        + " +max +([0-9.]+) ms +\\{(.*)\\}(.*)");

        static Run of(String path, int rate, String line) {
            System.out.println(line);
            var m = FIGURES.matcher(line);
            if (!m.find()) {
                return new Run(path, rate, line, 0, 0, 0, 0, 0, false);
            }
            double throughput = Double.parseDouble(m.group(2));
            boolean allDecided =
                    m.group(7).equals("201=" + m.group(1)) && !m.group(8).contains("unanswered");
            return new Run(
                    path,
                    rate,
                    line,
                    throughput,
                    Double.parseDouble(m.group(3)),
                    Double.parseDouble(m.group(4)),
                    Double.parseDouble(m.group(5)),
                    Double.parseDouble(m.group(6)),
                    allDecided && throughput >= 0.95 * rate);
        }
    }

    private static int highestSustained(List<Run> runs, String path) {
        return runs.stream()
                .filter(r -> r.path().equals(path) && r.sustained())
                .mapToInt(Run::rate)
                .max()
                .orElse(0);
    }

    private static String cells(List<Run> runs, String path, int rate) {
        return runs.stream()
                .filter(r -> r.path().equals(path) && r.rate() == rate)
                .reduce((a, b) -> b)
                .map(r -> String.format(
                        Locale.ROOT,
                        "%8.1f %6.1f %6.1f %6.1f %6.1f  %s",
                        r.throughput(),
                        r.p50(),
                        r.p90(),
                        r.p99(),
                        r.max(),
                        r.sustained() ? "yes" : "NO"))
                .orElse("-");
    }

    static byte[] application(List<GermanCredit.Row> rows, String run, int i) {
        GermanCredit.Row row = rows.get(i % rows.size());
        String id = "%s-%06d".formatted(run, i);
        return JSON.writeValueAsBytes(RunGermanCredit.request(row.application(), id, row.monitoring()));
    }

    /** Decisions at {@code rate} per second for {@code seconds} over K stream connections; the summary line. */
    static String stream(
            String base, Keys.Key key, int connections, int rate, int seconds, List<GermanCredit.Row> rows, String run)
            throws Exception {
        int total = rate * seconds;
        long[] intended = new long[total];
        Latencies latencies = new Latencies(total);
        CountDownLatch answered = new CountDownLatch(total);
        AtomicLong lastAnswer = new AtomicLong();
        List<WebSocket> sockets = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        for (int c = 0; c < connections; c++) {
            CountDownLatch ready = new CountDownLatch(1);
            StringBuilder partial = new StringBuilder();
            WebSocket.Listener listener = new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String text = partial.toString();
                        partial.setLength(0);
                        if (text.startsWith("{\"type\":\"ready\"")) {
                            ready.countDown();
                        } else {
                            String id = field(text, "\"id\":\"");
                            if (id != null) {
                                long now = System.nanoTime();
                                int i = Integer.parseInt(id);
                                String status = text.startsWith("{\"type\":\"decision\"")
                                        ? field(text, "\"status\":")
                                        : field(text, "\"code\":\"");
                                latencies.record(now - intended[i], status);
                                lastAnswer.accumulateAndGet(now, Math::max);
                                answered.countDown();
                            }
                        }
                    }
                    ws.request(1);
                    return null;
                }
            };
            var signature = signature(key, "GET", "/v1/stream", new byte[0]);
            WebSocket.Builder builder = client.newWebSocketBuilder();
            signature.forEach(builder::header);
            sockets.add(builder.buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/v1/stream"), listener)
                    .join());
            ready.await(10, TimeUnit.SECONDS);
        }
        byte[][] messages = new byte[total][];
        for (int i = 0; i < total; i++) {
            messages[i] = ("{\"type\":\"decide\",\"id\":\"" + i + "\",\"application\":"
                            + new String(application(rows, run, i), java.nio.charset.StandardCharsets.UTF_8) + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        long start = System.nanoTime();
        long period = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            intended[i] = start + i * period;
            waitUntil(intended[i]);
            sockets.get(i % connections)
                    .sendText(new String(messages[i], java.nio.charset.StandardCharsets.UTF_8), true)
                    .join(); // a late send still counts from its intended time: waiting is measured, not hidden
        }
        answered.await(120, TimeUnit.SECONDS);
        double wall = (Math.max(lastAnswer.get(), start + 1) - start) / 1e9;
        for (WebSocket ws : sockets) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        long unanswered = answered.getCount();
        return latencies.summary("stream " + rate + "/s", wall)
                + (unanswered > 0 ? "   " + unanswered + " unanswered after 120 s" : "");
    }

    /** The same offered load over HTTP: K clients, each request sent at its intended time or as soon as a client is free. */
    static String http(
            String base, Keys.Key key, int connections, int rate, int seconds, List<GermanCredit.Row> rows, String run)
            throws Exception {
        int total = rate * seconds;
        Latencies latencies = new Latencies(total);
        AtomicLong lastAnswer = new AtomicLong();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        long period = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long intended = start + i * period;
            int index = i;
            waitUntil(intended);
            clients.execute(() -> {
                byte[] body = application(rows, run, index);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/decisions"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                signature(key, "POST", "/v1/decisions", body).forEach(request::header);
                String status;
                try {
                    status = Integer.toString(client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode());
                } catch (Exception e) {
                    status = e.getClass().getSimpleName();
                }
                long now = System.nanoTime();
                latencies.record(now - intended, status);
                lastAnswer.accumulateAndGet(now, Math::max);
            });
        }
        clients.shutdown();
        clients.awaitTermination(5, TimeUnit.MINUTES);
        double wall = (Math.max(lastAnswer.get(), start + 1) - start) / 1e9;
        return latencies.summary("http   " + rate + "/s", wall);
    }

    static void waitUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static String field(String text, String prefix) {
        int at = text.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int from = at + prefix.length();
        int to = from;
        while (to < text.length() && text.charAt(to) != '"' && text.charAt(to) != ',' && text.charAt(to) != '}') {
            to++;
        }
        return text.substring(from, to);
    }

    static java.util.Map<String, String> signature(Keys.Key key, String method, String path, byte[] body) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String nonceHex = HexFormat.of().formatHex(nonce);
        return java.util.Map.of(
                Signatures.KEY_ID,
                key.keyId(),
                Signatures.TIMESTAMP,
                timestamp,
                Signatures.NONCE,
                nonceHex,
                Signatures.SIGNATURE,
                Signatures.sign(key.secret(), Signatures.canonical(method, path, null, timestamp, nonceHex, body)));
    }

    static Keys.Key key() throws java.io.IOException {
        java.nio.file.Path file =
                java.nio.file.Path.of(System.getenv().getOrDefault("ARBITER_KEY_FILE", "data/keys/originator.key"));
        String keyId = null;
        String secret = null;
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (line.startsWith("key_id=")) {
                keyId = line.substring(7).trim();
            } else if (line.startsWith("secret=")) {
                secret = line.substring(7).trim();
            }
        }
        return Keys.Key.of(keyId, secret);
    }
}
