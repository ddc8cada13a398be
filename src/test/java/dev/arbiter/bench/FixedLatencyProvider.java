package dev.arbiter.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A second-opinion scoring service on 127.0.0.1 that takes a fixed time to answer every
 * request, so the time a decision spends beyond it is Arbiter's own.
 */
final class FixedLatencyProvider implements AutoCloseable {

    static final String ANSWER = "{\"score\":0.22,\"confidence\":0.8,\"reasons\":[\"R-REMOTE-CASHFLOW\"]}";

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "loopback-provider");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong answered = new AtomicLong();

    FixedLatencyProvider(long latencyMillis) throws IOException {
        // Without it the JDK server writes headers and body as two segments and Nagle holds the
        // second until the client's delayed ACK: every answer would arrive ~40 ms late.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(workers);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(latencyMillis);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
                answered.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    long answered() {
        return answered.get();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
