package dev.arbiter.stream;

import static dev.arbiter.ApplicationFixture.applicant;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import dev.arbiter.OwnerJdbc;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Every invalid application that {@code POST /v1/decisions} refuses (the bodies of
 * BadInputIT, one by one) sent both as that POST and as a {@code decide} message: the stream
 * answers with the same code, status and list of invalid fields, under the message's id, and
 * the connection stays open. Then what only a message can get wrong: malformed JSON, an
 * unknown type, a missing id, a message over the size limit.
 */
@ArbiterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamValidationIT {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    private Http http;
    private StreamClient stream;
    private int sent;

    @BeforeAll
    void open() {
        http = Http.to(context, "originator");
        stream = StreamClient.connect(port, Keys.of(context).role("originator"));
        assertThat(stream.next().path("type").asString()).isEqualTo("ready");
    }

    @AfterAll
    void close() {
        stream.close();
    }

    /** An application in JSON text, built from the valid one. */
    private static Arguments changed(String name, Consumer<Map<String, Object>> change) {
        Map<String, Object> app = steadyEmployedRenter("same-" + UUID.randomUUID());
        change.accept(app);
        return Arguments.of(name, Http.json(app));
    }

    private static Arguments raw(String name, String body) {
        return Arguments.of(name, body);
    }

    /** The invalid bodies of BadInputIT, each as it is sent there. */
    static Stream<Arguments> invalidApplications() {
        String id = "same-" + UUID.randomUUID();
        String valid = Http.json(steadyEmployedRenter(id));
        List<Arguments> corpus = new ArrayList<>(List.of(
                changed("negative amount", a -> a.put("requestedAmount", -500)),
                changed("unknown product", a -> a.put("product", "PAYDAY_LOAN")),
                changed("every invalid field at once", a -> {
                    a.put("currency", "EURO");
                    a.put("termMonths", 0);
                    applicant(a).remove("monthlyIncome");
                    applicant(a).put("age", 200);
                }),
                changed("missing applicant and product", a -> {
                    a.remove("applicant");
                    a.remove("product");
                }),
                changed("a string where a number belongs", a -> applicant(a).put("age", "thirty-eight")),
                changed("a fractional term", a -> a.put("termMonths", 24.5)),
                changed("an unknown field", a -> a.put("requestedAmmount", 5000)),
                changed(
                        "nested attributes",
                        a -> a.put("attributes", Map.of("nested", Map.of("a", 1), "list", List.of(1, 2)))),
                changed("no coercion", a -> {
                    a.put("currency", 978);
                    a.put("product", false);
                    a.put("dataRegion", 1);
                    a.put("termMonths", "24");
                    a.put("requestedAmount", "5000.00");
                    applicant(a).put("housing", 2);
                }),
                changed("type errors and violations together", a -> {
                    a.put("requestedAmount", "x");
                    a.put("termMonths", "y");
                    applicant(a).put("age", 500);
                    applicant(a).put("dependents", "two");
                    a.put("currency", "EURO");
                }),
                changed("zero amount", a -> a.put("requestedAmount", new BigDecimal("0"))),
                changed("three decimals", a -> a.put("requestedAmount", new BigDecimal("100.001"))),
                raw("a key given twice", valid.replaceFirst("\\{", "{\"requestedAmount\":1.0,")),
                raw("a nested key given twice", valid.replace("\"applicant\":{", "\"applicant\":{\"age\":18,")),
                raw("an int too large", valid.replace("\"termMonths\":24,", "\"termMonths\":2147483648,")),
                raw("an empty object", "{}")));
        for (String literal : List.of("true", "123", "1.5e3", "{}", "[\"a\"]")) {
            corpus.add(raw(
                    "applicationId " + literal,
                    valid.replace("\"applicationId\":\"" + id + "\"", "\"applicationId\":" + literal)));
        }
        // the hostile bodies that are JSON values: as the message's application they leave the message readable
        List<String> hostile = List.of(
                "[]",
                "\"text\"",
                "null",
                "123",
                "{\"applicant\":[]}",
                "{\"applicant\":\"x\"}",
                "{\"attributes\":[1]}",
                "{\"termMonths\":1e999999}",
                "{\"requestedAmount\":1e999999999}",
                valid.replace("\"applicationId\"", "\"applicationId\":\"a\",\"applicationId\""),
                "{\"pii\":{\"email\":123}}",
                "{\"creditFile\":{\"bureauScore\":\"x\"}}",
                "{\"alternativeData\":{\"onTimeRentRatio\":1e400}}",
                "{\"applicant\":{\"age\":-99999999999999999999999}}",
                "{\"monitoring\":{\"a\":{\"b\":1}}}",
                "{\"applicationId\":\"\\ud800\"}");
        for (String body : hostile) {
            corpus.add(raw("hostile " + (body.length() > 40 ? body.substring(0, 40) : body), body));
        }
        return corpus.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidApplications")
    void anInvalidApplicationGetsTheSameProblemOverTheStreamAsOverHttp(String name, String body) {
        var overHttp = http.postRaw("/v1/decisions", body, "application/json");
        assertThat(overHttp.status()).as(overHttp.body()).isBetween(400, 499);

        String messageId = "v-" + sent++;
        stream.sendText("{\"type\":\"decide\",\"id\":\"" + messageId + "\",\"application\":" + body + "}");
        JsonNode answer = stream.next();
        assertThat(answer.path("type").asString()).as(answer.toString()).isEqualTo("problem");
        assertThat(answer.path("id").asString()).as(answer.toString()).isEqualTo(messageId);
        JsonNode problem = answer.path("problem");
        JsonNode expected = overHttp.json();
        assertThat(problem.path("code").asString())
                .as(answer.toString())
                .isEqualTo(expected.path("code").asString());
        assertThat(problem.path("status").asInt()).isEqualTo(overHttp.status());
        assertThat(problem.path("type").asString())
                .isEqualTo(expected.path("type").asString());
        assertThat(problem.path("title").asString())
                .isEqualTo(expected.path("title").asString());
        assertThat(problem.path("detail").asString())
                .isEqualTo(expected.path("detail").asString());
        assertThat(problem.path("errors")).as(answer.toString()).isEqualTo(expected.path("errors"));
        assertThat(stream.isOpen()).isTrue();
    }

    @Test
    void malformedJsonIsRefusedAsOverHttpAndTheConnectionStaysOpen() {
        for (String text :
                List.of("{\"type\":\"decide\",", "{'type':'decide'}", "\u0000", "{\"type\":\"decide\"} {}")) {
            var overHttp = http.postRaw("/v1/decisions", text, "application/json");
            stream.sendText(text);
            JsonNode answer = stream.next();
            assertThat(answer.path("id").isNull()).as(answer.toString()).isTrue();
            assertThat(answer.path("problem").path("code").asString())
                    .isEqualTo(overHttp.code())
                    .isEqualTo("MALFORMED_JSON");
            assertThat(answer.path("problem").path("status").asInt()).isEqualTo(overHttp.status());
        }
        // an application that is not JSON makes the whole message unreadable: nothing in it, not its id, is trusted
        stream.sendText("{\"type\":\"decide\",\"id\":\"broken\",\"application\":{\"a\":}}");
        JsonNode broken = stream.next();
        assertThat(broken.path("id").isNull()).isTrue();
        assertThat(broken.path("problem").path("code").asString()).isEqualTo("MALFORMED_JSON");
        stillDeciding();
    }

    @Test
    void aMessageThatIsNotAnObjectOrHasAnUnknownTypeGetsItsProblem() {
        stream.sendText("[1,2]");
        JsonNode array = stream.next();
        assertThat(array.path("problem").path("code").asString()).isEqualTo("MALFORMED_JSON");

        stream.sendText("{\"type\":\"explode\",\"id\":\"t-1\"}");
        JsonNode unknown = stream.next();
        assertThat(unknown.path("id").asString()).isEqualTo("t-1");
        assertThat(unknown.path("problem").path("code").asString()).isEqualTo("UNKNOWN_MESSAGE_TYPE");
        assertThat(unknown.path("problem").path("status").asInt()).isEqualTo(400);

        stream.sendText("{\"id\":\"t-2\",\"application\":{}}");
        JsonNode untyped = stream.next();
        assertThat(untyped.path("id").asString()).isEqualTo("t-2");
        assertThat(untyped.path("problem").path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(untyped.path("problem").path("errors").get(0).path("field").asString())
                .isEqualTo("type");
        stillDeciding();
    }

    @Test
    void aDecideWithoutAnIdIsRefusedAndNothingIsDecided() {
        String applicationId = "no-id-" + UUID.randomUUID();
        Map<String, Object> message = Map.of("type", "decide", "application", steadyEmployedRenter(applicationId));
        stream.send(message);
        JsonNode answer = stream.next();
        assertThat(answer.path("id").isNull()).isTrue();
        assertThat(answer.path("problem").path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.path("problem").path("status").asInt()).isEqualTo(400);
        JsonNode error = answer.path("problem").path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("id");
        assertThat(error.path("reason").asString()).isEqualTo("is required");

        for (String badId : List.of("\"\"", "17", "\"" + "x".repeat(129) + "\"")) {
            stream.sendText("{\"type\":\"decide\",\"id\":" + badId + ",\"application\":{}}");
            JsonNode refused = stream.next();
            assertThat(refused.path("problem")
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asString())
                    .as(badId)
                    .isEqualTo("id");
        }
        Integer stored = OwnerJdbc.of(context)
                .sql("select count(*) from decision where application_id = ?")
                .param(applicationId)
                .query(Integer.class)
                .single();
        assertThat(stored).isZero();
        stillDeciding();
    }

    @Test
    void anApplicationIsLimitedAsTheSameHttpBodyIsAndTheMessageAroundItBarely() {
        int limit = announcedLimit();
        for (int size : List.of(limit - 1, limit, limit + 1)) {
            // the same size over both paths: two applications whose ids differ but are as long
            String overHttp = sized("sz-h-" + UUID.randomUUID(), size);
            String overStream = sized("sz-s-" + UUID.randomUUID(), size);
            assertThat(overHttp.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .hasSize(size);
            var answer = http.postRaw("/v1/decisions", overHttp, "application/json");
            String messageId = "size-" + size;
            stream.sendText("{\"type\":\"decide\",\"id\":\"" + messageId + "\",\"application\":" + overStream + "}");
            JsonNode streamed = stream.next();
            assertThat(streamed.path("id").asString()).as(streamed.toString()).isEqualTo(messageId);
            if (answer.status() >= 400) {
                assertThat(streamed.path("problem").path("code").asString())
                        .as(size + " bytes: " + answer.body())
                        .isEqualTo(answer.code());
                assertThat(streamed.path("problem").path("status").asInt()).isEqualTo(answer.status());
            } else {
                assertThat(streamed.path("status").asInt())
                        .as(streamed.toString())
                        .isEqualTo(answer.status());
            }
            if (size > limit) {
                assertThat(answer.status()).isEqualTo(413);
            }
        }
        // the message around the application may be small only: a limit-size application with a large extra field
        stream.sendText("{\"type\":\"decide\",\"id\":\"padded\",\"padding\":\"" + "p".repeat(2000)
                + "\",\"application\":" + sized("sz-p-" + UUID.randomUUID(), limit) + "}");
        JsonNode padded = stream.next();
        assertThat(padded.path("problem").path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(padded.path("problem").path("status").asInt()).isEqualTo(413);
        stillDeciding();
    }

    /** A valid application padded (in its purpose) to exactly {@code bytes} bytes of JSON. */
    private static String sized(String applicationId, int bytes) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        app.put("purpose", "");
        int base = Http.json(app).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        app.put("purpose", "X".repeat(bytes - base));
        return Http.json(app);
    }

    /** The limit the server announced in its ready message (the HTTP body limit). */
    private int announcedLimit() {
        try (StreamClient other = StreamClient.connect(port, Keys.of(context).role("originator"))) {
            JsonNode ready = other.next();
            assertThat(ready.path("maxMessageBytes").asLong()).isEqualTo(65536);
            return (int) ready.path("maxMessageBytes").asLong();
        }
    }

    private void stillDeciding() {
        stream.decide("ok-" + sent++, steadyEmployedRenter("ok-" + UUID.randomUUID()));
        assertThat(stream.next().path("status").asInt()).isEqualTo(201);
    }
}
