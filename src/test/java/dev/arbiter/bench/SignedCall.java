package dev.arbiter.bench;

import dev.arbiter.decision.ModelInput;
import dev.arbiter.ensemble.RequestSigner;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The raw exchange an {@code http-json} model makes, with nothing around it: the model input
 * as flat JSON, the HMAC signature headers, one POST on the same kind of client, and the
 * answer's score read back. The baseline the remote second opinion's overhead is measured
 * against.
 */
final class SignedCall {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final RequestSigner signer;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    SignedCall(URI endpoint, RequestSigner signer) {
        this.endpoint = endpoint;
        this.signer = signer;
    }

    double score(ModelInput input) throws IOException, InterruptedException {
        byte[] body = body(input);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(1))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.sign("POST", endpoint.getRawPath(), body).forEach(request::header);
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("provider answered HTTP " + response.statusCode());
        }
        JsonNode answer = JSON.readTree(response.body());
        double score = answer.path("score").asDouble(-1);
        if (score < 0 || score > 1) {
            throw new IOException("provider answered no usable score: " + new String(response.body()));
        }
        return score;
    }

    private static byte[] body(ModelInput input) {
        ObjectNode node = JSON.createObjectNode();
        for (Map.Entry<String, Object> e : input.values().entrySet()) {
            Object v = e.getValue();
            if (v instanceof BigDecimal b) {
                node.put(e.getKey(), b);
            } else if (v instanceof Integer i) {
                node.put(e.getKey(), i);
            } else if (v instanceof Double d) {
                node.put(e.getKey(), d);
            } else if (v instanceof Boolean b) {
                node.put(e.getKey(), b);
            } else {
                node.put(e.getKey(), String.valueOf(v));
            }
        }
        return JSON.writeValueAsBytes(node);
    }
}
