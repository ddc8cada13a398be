package dev.arbiter.ensemble;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A model provider played by a real HTTP server on 127.0.0.1, answering with whatever
 * behaviour the test sets, and keeping every request it received.
 */
final class LoopbackProvider implements AutoCloseable {

    record Received(String method, String path, Map<String, List<String>> headers, String body, long atNanos) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    @FunctionalInterface
    interface Behaviour {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour;

    private LoopbackProvider(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body,
                    System.nanoTime()));
            try {
                this.behaviour.answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // the client gave up (a timeout under test); nothing to answer
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    static LoopbackProvider answering(Behaviour behaviour) throws IOException {
        return new LoopbackProvider(behaviour);
    }

    static LoopbackProvider scoring(double score, double confidence) throws IOException {
        return answering(
                json(200, "{\"score\":" + score + ",\"confidence\":" + confidence + ",\"reasons\":[\"R-REMOTE\"]}"));
    }

    static Behaviour json(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    static Behaviour rateLimited(String retryAfter) {
        return exchange -> {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
            exchange.sendResponseHeaders(429, -1);
        };
    }

    static Behaviour slow(long millis, Behaviour then) {
        return exchange -> {
            Thread.sleep(millis);
            then.answer(exchange);
        };
    }

    void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A provider whose connection drops mid-request: it accepts, reads, then resets the socket. */
    static final class Resetting implements AutoCloseable {

        private final ServerSocket socket;
        private final List<Long> connections = new CopyOnWriteArrayList<>();

        Resetting() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try (Socket s = socket.accept()) {
                                connections.add(System.nanoTime());
                                InputStream in = s.getInputStream();
                                in.read(new byte[1024]);
                                s.setSoLinger(true, 0);
                            } catch (IOException e) {
                                // closed by the test, or the reset itself
                            }
                        }
                    },
                    "resetting-provider");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        }

        int connections() {
            return connections.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
