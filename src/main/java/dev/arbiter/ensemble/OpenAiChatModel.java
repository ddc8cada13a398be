package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A second opinion from a chat model behind an OpenAI-compatible endpoint (LiteLLM,
 * OpenRouter, vLLM, ...). The prompt is a template filled with the model input; the answer
 * must be the JSON object {@code {risk, confidence, reasons}} in the assistant message, asked
 * for as structured output where the endpoint supports it. Anything else is MALFORMED.
 */
final class OpenAiChatModel extends RemoteModel {

    static final String DEFAULT_TEMPLATE = """
            You are a credit risk analyst giving a second opinion on a consumer loan application.
            Estimate the probability that the applicant defaults (risk, 0 to 1) and how confident
            you are in that estimate (confidence, 0 to 1), and give up to four short reason codes
            in upper case with hyphens (for example CASHFLOW-THIN). Use only these facts:

            {{features}}

            Answer with a JSON object {"risk": number, "confidence": number, "reasons": [string]}
            and nothing else.""";

    private static final String SYSTEM = "You answer only with the JSON object you are asked for.";

    private final HttpClient client;
    private final String apiKey;
    private final String template;
    private final URI completions;

    OpenAiChatModel(ModelConfig config, HttpClient client, String apiKey, String template) {
        super(config);
        this.client = client;
        this.apiKey = apiKey;
        this.template = template;
        String base = config.endpoint().toString().replaceAll("/+$", "");
        this.completions = URI.create(base + "/v1/chat/completions");
    }

    @Override
    Exchange exchange(ModelInput input, Duration timeout, Map<String, String> traceHeaders)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(completions)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body(input))));
        traceHeaders.forEach(request::header);
        return HttpExchanges.send(client, request.build(), this::answer);
    }

    String prompt(ModelInput input) {
        String facts = input.values().entrySet().stream()
                .map(e -> "- " + e.getKey() + ": "
                        + (e.getValue() instanceof BigDecimal b ? b.toPlainString() : e.getValue()))
                .collect(Collectors.joining("\n"));
        return template.replace("{{features}}", facts);
    }

    private ObjectNode body(ModelInput input) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", config().chat().model());
        body.put("temperature", 0);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", prompt(input));
        if (config().chat().structuredOutput()) {
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode schema = format.putObject("json_schema");
            schema.put("name", "credit_risk_opinion");
            schema.put("strict", true);
            schema.set("schema", schema());
        }
        return body;
    }

    private static JsonNode schema() {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        props.putObject("risk").put("type", "number").put("minimum", 0).put("maximum", 1);
        props.putObject("confidence").put("type", "number").put("minimum", 0).put("maximum", 1);
        props.putObject("reasons").put("type", "array").putObject("items").put("type", "string");
        s.putArray("required").add("risk").add("confidence").add("reasons");
        s.put("additionalProperties", false);
        return s;
    }

    /** The assistant message's content, parsed strictly; the chat envelope must be well formed too. */
    private StrictAnswer.Result answer(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return new StrictAnswer.Result(null, "not JSON: " + e.getOriginalMessage());
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (!content.isString()) {
            return new StrictAnswer.Result(null, "no assistant message content in choices[0]");
        }
        return StrictAnswer.parse(content.stringValue(), "risk", config().id());
    }
}
