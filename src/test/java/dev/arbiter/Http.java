package dev.arbiter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: real requests over loopback, answers read as JSON trees. */
public final class Http {

    public record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final java.util.Map<String, String> headers;

    public Http(int port) {
        this("http://127.0.0.1:" + port, java.util.Map.of());
    }

    private Http(String base, java.util.Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** The same client sending {@code X-Arbiter-User: user} on every request. */
    public Http as(String user) {
        return new Http(base, java.util.Map.of("X-Arbiter-User", user));
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public static String json(Object tree) {
        return JSON.writeValueAsString(tree);
    }

    public Answer post(String path, Object body) {
        return postRaw(path, body instanceof String s ? s : json(body), "application/json");
    }

    public Answer postRaw(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
