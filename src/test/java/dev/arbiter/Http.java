package dev.arbiter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests: real requests over loopback, answers read as JSON trees. Built
 * with a key ({@code new Http(port, Keys.of(context).role("originator"))}, or {@code http.as(key)}),
 * it signs every request as docs/security.md describes, with its own implementation of the
 * canonical string (JDK crypto), so the server's is tested against an independent one.
 */
public final class Http {

    public record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        public String code() {
            return json().path("code").asString();
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Keys.Key key;
    private final java.util.function.BiFunction<String, String, Keys.Key> keyFor;

    /** Sends unsigned requests. */
    public Http(int port) {
        this(port, null);
    }

    public Http(int port, Keys.Key key) {
        this(port, key, null);
    }

    private Http(int port, Keys.Key key, java.util.function.BiFunction<String, String, Keys.Key> keyFor) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
        this.keyFor = keyFor;
    }

    /**
     * A client that signs each request as the person who would make it in a decision's life:
     * the originator posts applications and passes on an applicant's request for review, the
     * reviewer works the review queue, and the auditor reads, searches, replays and verifies.
     * For tests of those workflows; which role may call what is tested against the
     * authorization table in {@code AuthorizationIT}.
     */
    public static Http workflow(org.springframework.context.ApplicationContext context) {
        Keys keys = Keys.of(context);
        int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) context)
                .getWebServer()
                .getPort();
        return new Http(port, null, (method, path) -> keys.role(workflowRole(method, path)));
    }

    /** A client that picks its signing key for each request, e.g. by the step of a workflow the request is. */
    public static Http signingWith(int port, java.util.function.BiFunction<String, String, Keys.Key> keyFor) {
        return new Http(port, null, keyFor);
    }

    static String workflowRole(String method, String path) {
        String route = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if ("POST".equals(method)
                && (route.equals("/v1/decisions")
                        || route.endsWith("/human-review-request")
                        || route.endsWith("/performance"))) {
            return "originator";
        }
        if (route.startsWith("/v1/reviews") || ("POST".equals(method) && route.endsWith("/review"))) {
            return "reviewer";
        }
        return "auditor";
    }

    /** A client of a running Arbiter signing with the local key of {@code role} (e.g. "originator"). */
    public static Http to(org.springframework.context.ApplicationContext context, String role) {
        int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) context)
                .getWebServer()
                .getPort();
        return new Http(port, Keys.of(context).role(role));
    }

    public int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    /** The same server, signing with another key. */
    public Http as(Keys.Key other) {
        return new Http(port(), other);
    }

    public static String json(Object tree) {
        return JSON.writeValueAsString(tree);
    }

    public Answer post(String path, Object body) {
        return postRaw(path, body instanceof String s ? s : json(body), "application/json");
    }

    public Answer postRaw(String path, String body, String contentType) {
        return send("POST", path, body.getBytes(StandardCharsets.UTF_8), contentType, Map.of());
    }

    public Answer get(String path) {
        return send("GET", path, new byte[0], null, Map.of());
    }

    public Answer delete(String path) {
        return send("DELETE", path, new byte[0], null, Map.of());
    }

    /** Signs (when this client has a key) and sends; {@code extra} headers win over the signature headers. */
    public Answer send(String method, String pathAndQuery, byte[] body, String contentType, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        Keys.Key signer = keyFor != null ? keyFor.apply(method, pathAndQuery) : key;
        if (signer != null) {
            headers.putAll(signature(signer, method, pathAndQuery, body, System.currentTimeMillis() / 1000, nonce()));
        }
        headers.putAll(extra);
        return sendExactly(method, pathAndQuery, body, contentType, headers);
    }

    /** Sends exactly these headers and body: for replaying a captured request or tampering with one. */
    public Answer sendExactly(
            String method, String pathAndQuery, byte[] body, String contentType, Map<String, String> headers) {
        SentPersonalData.record(body);
        var request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .method(
                        method,
                        body.length == 0 && !"POST".equals(method)
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request);
    }

    public static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** The four signature headers for a request, as a client computes them. */
    public static Map<String, String> signature(
            Keys.Key key, String method, String pathAndQuery, byte[] body, long epochSeconds, String nonce) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                // as docs/security.md says: each name and value decoded, then re-encoded as RFC 3986
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                pairs.add(rfc3986(name) + "=" + rfc3986(value));
            }
        }
        pairs.sort(null);
        String canonical = String.join(
                "\n",
                method,
                path,
                String.join("&", pairs),
                Long.toString(epochSeconds),
                nonce,
                HEX.formatHex(sha256(body)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Arbiter-Key-Id", key.keyId());
        headers.put("X-Arbiter-Timestamp", Long.toString(epochSeconds));
        headers.put("X-Arbiter-Nonce", nonce);
        headers.put("X-Arbiter-Signature", HEX.formatHex(hmac(key.secret(), canonical)));
        return headers;
    }

    private static String rfc3986(String encoded) {
        String decoded = java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        return java.net.URLEncoder.encode(decoded, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
