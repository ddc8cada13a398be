package dev.arbiter.recording;

import static dev.arbiter.ApplicationFixture.applicant;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Every kind of bad request is refused with a problem that names the field, why, and what is allowed; nothing is stored. */
@ArbiterIT
class BadInputIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    Http http;
    String id;

    @BeforeEach
    void setUp() {
        http = new Http(port, Keys.of(context).role("originator"));
        id = "bad-" + UUID.randomUUID();
    }

    private JsonNode refused(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("type").asString())
                .isEqualTo("/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(jdbc.sql("select count(*) from decision where application_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isZero();
        return problem;
    }

    private static JsonNode error(JsonNode problem, String field) {
        return StreamSupport.stream(problem.path("errors").spliterator(), false)
                .filter(e -> e.path("field").asString().equals(field))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + " in " + problem));
    }

    @Test
    void aNegativeAmountIsRefusedWithTheAllowedRange() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.put("requestedAmount", -500);

        JsonNode e = error(refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST"), "requestedAmount");

        assertThat(e.path("pointer").asString()).isEqualTo("/requestedAmount");
        assertThat(e.path("reason").asString()).isNotBlank();
        assertThat(e.path("allowed").asString()).contains("at least 0.01").contains("at most 2 decimal places");
    }

    @Test
    void anUnknownProductIsRefusedListingTheProducts() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.put("product", "PAYDAY_LOAN");

        JsonNode e = error(refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST"), "product");

        assertThat(e.path("allowed").asString()).contains("PERSONAL_LOAN, CREDIT_CARD, MICRO_LOAN, MORTGAGE");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.put("currency", "EURO");
        app.put("termMonths", 0);
        applicant(app).remove("monthlyIncome");
        applicant(app).put("age", 200);

        JsonNode problem = refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST");

        assertThat(error(problem, "currency").path("allowed").asString()).contains("ISO 4217");
        assertThat(error(problem, "termMonths").path("allowed").asString())
                .contains("at least 1")
                .contains("at most 480");
        assertThat(error(problem, "applicant.monthlyIncome").path("reason").asString())
                .isEqualTo("is required");
        assertThat(error(problem, "applicant.age").path("pointer").asString()).isEqualTo("/applicant/age");
        assertThat(problem.path("errors").size()).isEqualTo(4);
    }

    @Test
    void missingRequiredPartsAreNamed() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.remove("applicant");
        app.remove("product");

        JsonNode problem = refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST");

        assertThat(error(problem, "applicant").path("reason").asString()).isEqualTo("is required");
        assertThat(error(problem, "product").path("reason").asString()).isEqualTo("is required");
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        String broken = Http.json(steadyEmployedRenter(id)).replaceFirst(",", ",,");

        JsonNode problem = refused(http.postRaw("/v1/decisions", broken, "application/json"), 400, "MALFORMED_JSON");

        assertThat(problem.path("detail").asString()).contains("line 1");
    }

    @Test
    void aStringWhereANumberBelongsIsAWrongType() {
        Map<String, Object> app = steadyEmployedRenter(id);
        applicant(app).put("age", "thirty-eight");

        JsonNode e = error(refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST"), "applicant.age");

        assertThat(e.path("reason").asString()).isEqualTo("has the wrong type");
        assertThat(e.path("allowed").asString()).isEqualTo("an integer");
    }

    @Test
    void aFractionalTermIsAWrongType() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.put("termMonths", 24.5);

        JsonNode e = error(refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST"), "termMonths");

        assertThat(e.path("allowed").asString()).isEqualTo("an integer");
    }

    @Test
    void anUnknownFieldIsRefusedListingTheKnownOnes() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.put("requestedAmmount", 5000);

        JsonNode e = error(refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST"), "requestedAmmount");

        assertThat(e.path("allowed").asString()).contains("requestedAmount");
    }

    @Test
    void attributesMustBeFlat() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.put("attributes", Map.of("nested", Map.of("a", 1), "list", List.of(1, 2)));

        JsonNode problem = refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST");

        assertThat(error(problem, "attributes.nested").path("reason").asString())
                .contains("number, a string or a boolean");
        assertThat(error(problem, "attributes.list")).isNotNull();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.put("purpose", "X".repeat(100_000));

        refused(http.post("/v1/decisions", app), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        refused(
                http.postRaw("/v1/decisions", "applicationId=" + id, "application/x-www-form-urlencoded"),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anEmptyBodyIsMalformed() {
        refused(http.postRaw("/v1/decisions", "", "application/json"), 400, "MALFORMED_JSON");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingItRatherThanTheLastOneWinning() {
        String body = Http.json(steadyEmployedRenter(id)).replaceFirst("\\{", "{\"requestedAmount\":1.0,");

        JsonNode problem = refused(http.postRaw("/v1/decisions", body, "application/json"), 400, "INVALID_REQUEST");

        JsonNode e = error(problem, "requestedAmount");
        assertThat(e.path("pointer").asString()).isEqualTo("/requestedAmount");
        assertThat(e.path("reason").asString()).isEqualTo("appears more than once");
    }

    @Test
    void aNestedKeyGivenTwiceIsNamedWithItsPointer() {
        String body = Http.json(steadyEmployedRenter(id)).replace("\"applicant\":{", "\"applicant\":{\"age\":18,");

        JsonNode problem = refused(http.postRaw("/v1/decisions", body, "application/json"), 400, "INVALID_REQUEST");

        assertThat(error(problem, "applicant.age").path("pointer").asString()).isEqualTo("/applicant/age");
    }

    @Test
    void anApplicationIdThatIsNotAJsonStringIsAWrongType() {
        for (String literal : List.of("true", "123", "1.5e3", "{}", "[\"a\"]")) {
            Map<String, Object> app = steadyEmployedRenter(id);
            String body = Http.json(app).replace("\"applicationId\":\"" + id + "\"", "\"applicationId\":" + literal);

            JsonNode e = error(
                    refused(http.postRaw("/v1/decisions", body, "application/json"), 400, "INVALID_REQUEST"),
                    "applicationId");

            assertThat(e.path("reason").asString()).as(literal).isEqualTo("has the wrong type");
            assertThat(e.path("allowed").asString()).isEqualTo("a string");
            assertThat(jdbc.sql("select count(*) from decision where application_id = ?")
                            .param(literal)
                            .query(Integer.class)
                            .single())
                    .isZero();
        }
    }

    @Test
    void otherStringsAreNotCoercedFromNumbersOrBooleansNorNumbersFromStrings() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.put("currency", 978);
        app.put("product", false);
        app.put("dataRegion", 1);
        app.put("termMonths", "24");
        app.put("requestedAmount", "5000.00");
        applicant(app).put("housing", 2);

        JsonNode problem = refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST");

        for (String field : List.of("currency", "product", "dataRegion", "applicant.housing")) {
            assertThat(error(problem, field).path("allowed").asString())
                    .as(field)
                    .isEqualTo("a string");
        }
        assertThat(error(problem, "termMonths").path("allowed").asString()).isEqualTo("an integer");
        assertThat(error(problem, "requestedAmount").path("allowed").asString()).isEqualTo("a number");
        assertThat(problem.path("errors").size()).isEqualTo(6);
    }

    @Test
    void typeErrorsAndConstraintViolationsAreReportedTogetherInOneAnswer() {
        Map<String, Object> app = steadyEmployedRenter(id);
        app.put("requestedAmount", "x");
        app.put("termMonths", "y");
        applicant(app).put("age", 500);
        applicant(app).put("dependents", "two");
        app.put("currency", "EURO");

        JsonNode problem = refused(http.post("/v1/decisions", app), 400, "INVALID_REQUEST");

        assertThat(error(problem, "requestedAmount").path("reason").asString()).isEqualTo("has the wrong type");
        assertThat(error(problem, "termMonths").path("reason").asString()).isEqualTo("has the wrong type");
        assertThat(error(problem, "applicant.dependents").path("allowed").asString())
                .isEqualTo("an integer");
        assertThat(error(problem, "applicant.age").path("allowed").asString()).contains("at most 130");
        assertThat(error(problem, "currency").path("allowed").asString()).contains("ISO 4217");
        // a field refused for its type is not reported a second time as missing
        assertThat(problem.path("errors").size()).isEqualTo(5);
        assertThat(problem.path("detail").asString()).startsWith("5 invalid fields");
    }

    @Test
    void anIntegerTooLargeForItsFieldIsOutOfRangeNamingTheField() {
        String body = Http.json(steadyEmployedRenter(id)).replace("\"termMonths\":24,", "\"termMonths\":2147483648,");
        assertThat(body).contains("2147483648");

        JsonNode e = error(
                refused(http.postRaw("/v1/decisions", body, "application/json"), 400, "INVALID_REQUEST"), "termMonths");

        assertThat(e.path("pointer").asString()).isEqualTo("/termMonths");
        assertThat(e.path("reason").asString()).isEqualTo("is out of range");
        assertThat(e.path("allowed").asString())
                .contains("an integer")
                .contains("at least 1")
                .contains("at most 480");
    }

    @Test
    void noRefusalOfAHostileBodySpeaksOfJavaOrJackson() {
        String valid = Http.json(steadyEmployedRenter(id));
        List<String> bodies = List.of(
                "[]",
                "\"text\"",
                "null",
                "123",
                "{",
                "{\"a\":}",
                "{'applicationId':'x'}",
                valid + " {}",
                valid + "]",
                "{\"applicant\":[]}",
                "{\"applicant\":\"x\"}",
                "{\"attributes\":[1]}",
                "{\"termMonths\":1e999999}",
                "{\"requestedAmount\":1e999999999}",
                "\u0000",
                "{\"x\":NaN}",
                valid.replace("\"applicationId\"", "\"applicationId\":\"a\",\"applicationId\""),
                "{\"pii\":{\"email\":123}}",
                "{\"creditFile\":{\"bureauScore\":\"x\"}}",
                "{\"alternativeData\":{\"onTimeRentRatio\":1e400}}",
                "[".repeat(3000) + "]".repeat(3000),
                "{\"applicant\":{\"age\":-99999999999999999999999}}",
                valid.replace("}", ",}"),
                "{\"monitoring\":{\"a\":{\"b\":1}}}",
                "{\"applicationId\":\"\\ud800\"}");
        for (String body : bodies) {
            Http.Answer answer = http.postRaw("/v1/decisions", body, "application/json");
            String shown = body.length() > 60 ? body.substring(0, 60) : body;

            assertThat(answer.status()).as(shown + " -> " + answer.body()).isBetween(400, 499);
            assertThat(answer.contentType()).as(shown).startsWith("application/problem+json");
            assertThat(answer.body())
                    .as(shown)
                    .doesNotContain(
                            "dev.arbiter",
                            "java.",
                            "tools.jackson",
                            "Exception",
                            "Feature",
                            "FAIL_ON",
                            "ALLOW_",
                            "START_OBJECT",
                            "JsonToken",
                            "`",
                            "DecisionRequest",
                            "Part`");
        }
        assertThat(jdbc.sql("select count(*) from decision where application_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
