package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scoring service that takes the model input as a flat JSON object and answers
 * {@code {score, confidence, reasons}}. Every request is signed ({@link RequestSigner}).
 */
final class HttpJsonModel extends RemoteModel {

    private final HttpClient client;
    private final RequestSigner signer;

    HttpJsonModel(ModelConfig config, HttpClient client, RequestSigner signer) {
        super(config);
        this.client = client;
        this.signer = signer;
    }

    @Override
    Exchange exchange(ModelInput input, Duration timeout, Map<String, String> traceHeaders)
            throws InterruptedException {
        byte[] body = body(input);
        String path = config().endpoint().getRawPath().isEmpty()
                ? "/"
                : config().endpoint().getRawPath();
        HttpRequest.Builder request = HttpRequest.newBuilder(config().endpoint())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.sign("POST", path, body).forEach(request::header);
        traceHeaders.forEach(request::header);
        return HttpExchanges.send(client, request.build(), b -> StrictAnswer.parse(b, "score", config().id()));
    }

    /** The model input's values, and nothing else, as one flat JSON object. */
    static byte[] body(ModelInput input) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, Object> e : input.values().entrySet()) {
            Object v = e.getValue();
            if (v instanceof BigDecimal b) {
                node.put(e.getKey(), b);
            } else if (v instanceof Integer i) {
                node.put(e.getKey(), i);
            } else if (v instanceof Long l) {
                node.put(e.getKey(), l);
            } else if (v instanceof Double d) {
                node.put(e.getKey(), d);
            } else if (v instanceof Boolean b) {
                node.put(e.getKey(), b);
            } else {
                node.put(e.getKey(), String.valueOf(v));
            }
        }
        return Json.MAPPER.writeValueAsBytes(node);
    }
}
