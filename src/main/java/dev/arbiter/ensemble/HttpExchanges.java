package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelStatus;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one request and classifies how it ended, the same way for every remote protocol:
 * what counts as transient, how {@code Retry-After} is read, what the raw record holds.
 */
final class HttpExchanges {

    private HttpExchanges() {}

    static Exchange send(HttpClient client, HttpRequest request, Function<String, StrictAnswer.Result> parse)
            throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return Exchange.failed(ModelStatus.TIMEOUT, true, envelope(null, null, "timed out: " + e.getMessage()));
        } catch (IOException e) {
            return Exchange.failed(
                    ModelStatus.HTTP_ERROR,
                    true,
                    envelope(null, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        int status = response.statusCode();
        String body = response.body();
        if (status == 429) {
            Optional<String> header = response.headers().firstValue("Retry-After");
            Exchange ex = Exchange.failed(
                    ModelStatus.RATE_LIMITED,
                    true,
                    envelope(
                            status,
                            body,
                            "rate limited"
                                    + header.map(h -> ", Retry-After: " + h).orElse("")));
            Duration wait = header.flatMap(HttpExchanges::retryAfter).orElse(null);
            return new Exchange(ex.status(), null, null, ex.factors(), true, wait, ex.raw());
        }
        if (status != 200) {
            boolean transientFailure = status == 500 || status == 502 || status == 503 || status == 504;
            return Exchange.failed(ModelStatus.HTTP_ERROR, transientFailure, envelope(status, body, "HTTP " + status));
        }
        StrictAnswer.Result result = parse.apply(body);
        if (!result.ok()) {
            return Exchange.failed(ModelStatus.MALFORMED, false, envelope(status, body, result.problem()));
        }
        StrictAnswer.Parsed a = result.answer();
        return new Exchange(
                ModelStatus.OK, a.risk(), a.confidence(), a.factors(), false, null, envelope(status, body, null));
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; unreadable values are ignored. */
    static Optional<Duration> retryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(ZonedDateTime.now(at.getZone()), at))
                        .filter(d -> !d.isNegative());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** The raw response kept in the record: HTTP status, the body exactly as received, and any problem. */
    static String envelope(Integer status, String body, String problem) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (status != null) {
            node.put("httpStatus", status);
        }
        if (body != null) {
            node.put("body", body);
        }
        if (problem != null) {
            node.put("error", problem);
        }
        return Json.MAPPER.writeValueAsString(node);
    }
}
