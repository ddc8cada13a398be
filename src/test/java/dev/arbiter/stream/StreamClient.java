package dev.arbiter.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test client of {@code GET /v1/stream} on the JDK's {@code java.net.http.WebSocket}: the
 * upgrade is signed like any request (GET, the path, an empty body), messages are read into
 * a queue. {@link #reading(boolean)} false stops requesting frames, as a client that does not
 * read.
 */
final class StreamClient implements WebSocket.Listener, AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** How the server closed the connection, or the error that ended it. */
    record Closed(int code, String reason, Throwable error) {}

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private volatile boolean reading = true;
    private WebSocket socket;

    private StreamClient() {}

    static Map<String, String> signedUpgrade(Keys.Key key) {
        return Http.signature(key, "GET", "/v1/stream", new byte[0], System.currentTimeMillis() / 1000, Http.nonce());
    }

    static StreamClient connect(int port, Keys.Key key) {
        return connect(port, signedUpgrade(key), true);
    }

    static StreamClient connect(int port, Map<String, String> headers, boolean reading) {
        return connect(port, "/v1/stream", headers, reading);
    }

    static StreamClient connect(int port, String path, Map<String, String> headers, boolean reading) {
        StreamClient client = new StreamClient();
        client.reading = reading;
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), client)
                .join();
        return client;
    }

    /** The upgrade answered by the server, read from a raw socket: status line, headers and body (the problem document). */
    record Upgrade(int status, String head, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        /** The first value of a header, or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    static Upgrade rawUpgrade(int port, Map<String, String> headers) throws IOException {
        return rawUpgrade(port, "/v1/stream", headers);
    }

    static Upgrade rawUpgrade(int port, String path, Map<String, String> headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            String body;
            if (chunked) {
                StringBuilder b = new StringBuilder();
                while (true) {
                    int size = Integer.parseInt(readLine(in).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    b.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                    readLine(in);
                }
                body = b.toString();
            } else {
                body = length < 0 ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
            return new Upgrade(status, head, body);
        }
    }

    /**
     * Asserts that the upgrade with these headers is refused with this status and code: read on a
     * raw socket (for the problem document and its headers) and tried with the JDK's client, each
     * with fresh headers from {@code headers}. Returns the raw answer.
     */
    static Upgrade refusedAtUpgrade(int port, Supplier<Map<String, String>> headers, int status, String code)
            throws IOException {
        Upgrade raw = rawUpgrade(port, headers.get());
        assertThat(raw.status()).as(raw.body()).isEqualTo(status);
        assertThat(raw.header("Content-Type")).as(code).startsWith("application/problem+json");
        JsonNode problem = raw.json();
        // the document the HTTP API gives for this refusal: its code, status, type and a sentence
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString())
                .isEqualTo("/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(problem.path("detail").asString()).isNotBlank();
        if (status == 401) {
            assertThat(raw.header("WWW-Authenticate")).as(code).startsWith("ArbiterHMAC");
        }
        if (status == 429) {
            assertThat(Long.parseLong(raw.header("Retry-After"))).as(code).isPositive();
        }
        assertThatThrownBy(() -> connect(port, headers.get(), true))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(
                                ((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(status));
        return raw;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    void send(Object message) {
        sendText(message instanceof String s ? s : JSON.writeValueAsString(message));
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    void decide(String id, Map<String, Object> application) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "decide");
        message.put("id", id);
        message.put("application", application);
        send(message);
    }

    /** The next message, or null after the timeout. */
    JsonNode next(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode next() {
        JsonNode message = next(Duration.ofSeconds(30));
        if (message == null) {
            throw new AssertionError("no message within 30 s");
        }
        return message;
    }

    /** {@code n} messages; fails if they do not all come within the timeout. */
    List<JsonNode> take(int n, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        List<JsonNode> messages = new ArrayList<>();
        while (messages.size() < n) {
            long left = until - System.nanoTime();
            JsonNode m = left <= 0 ? null : next(Duration.ofNanos(left));
            if (m == null) {
                throw new AssertionError("only " + messages.size() + " of " + n + " messages within " + timeout);
            }
            messages.add(m);
        }
        return messages;
    }

    /** Starts (or keeps) requesting frames. */
    void reading(boolean on) {
        reading = on;
        if (on) {
            socket.request(1);
        }
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !closed.isDone();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason, null));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, null, error));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // already closed, or the server is gone
        }
        socket.abort();
    }
}
