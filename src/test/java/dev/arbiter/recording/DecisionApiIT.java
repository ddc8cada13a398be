package dev.arbiter.recording;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ArbiterIT
class DecisionApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port, Keys.of(context).role("originator"));
    }

    private static String newId() {
        return "app-" + UUID.randomUUID();
    }

    private int storedDecisions(String applicationId) {
        return jdbc.sql("select count(*) from decision where application_id = ?")
                .param(applicationId)
                .query(Integer.class)
                .single();
    }

    @Test
    void aDecisionIsAnsweredWithOutcomeReasonsRulesetScoresAndExplanation() {
        String id = newId();
        var answer = http.post("/v1/decisions", steadyEmployedRenter(id));

        assertThat(answer.status()).isEqualTo(201);
        JsonNode body = answer.json();
        assertThat(body.path("applicationId").asString()).isEqualTo(id);
        assertThat(body.path("outcome").asString()).isIn("APPROVE", "DENY", "REFER");
        assertThat(body.path("rulesetVersion").asString()).matches("[0-9a-f]{64}");
        assertThat(body.path("ensembleVersion").asString()).matches("[0-9a-f]{64}");
        assertThat(body.path("scores").get(0).path("role").asString()).isEqualTo("PRIMARY");
        assertThat(body.path("scores").get(0).path("risk").asDouble()).isBetween(0.0, 1.0);
        assertThat(body.path("explanation").path("firedRules").isArray()).isTrue();
        assertThat(body.path("explanation")
                        .path("features")
                        .path("debtToIncome")
                        .isNumber())
                .isTrue();
        assertThat(answer.headers().firstValue("Location"))
                .hasValue("/v1/decisions/" + body.path("decisionId").asString());
        assertThat(storedDecisions(id)).isEqualTo(1);
    }

    @Test
    void aCleanWellPaidApplicantIsApprovedWithALimitAndAnApr() {
        JsonNode body =
                http.post("/v1/decisions", steadyEmployedRenter(newId())).json();

        assertThat(body.path("outcome").asString()).isEqualTo("APPROVE");
        assertThat(body.path("terms").path("creditLimit").decimalValue()).isPositive();
        assertThat(body.path("terms").path("apr").decimalValue()).isPositive();
    }

    @Test
    void aMinorIsDeniedWithASpecificReason() {
        JsonNode body =
                http.post("/v1/decisions", ApplicationFixture.minor(newId())).json();

        assertThat(body.path("outcome").asString()).isEqualTo("DENY");
        assertThat(body.path("reasons")).isNotEmpty();
        assertThat(body.path("reasons").size()).isLessThanOrEqualTo(4);
        assertThat(body.path("reasons").get(0).path("text").asString()).isNotBlank();
        assertThat(body.path("terms").isNull() || body.path("terms").isMissingNode())
                .isTrue();
    }

    @Test
    void theStoredDecisionCanBeFetchedByItsId() {
        JsonNode decided =
                http.post("/v1/decisions", steadyEmployedRenter(newId())).json();

        var fetched = http.get("/v1/decisions/" + decided.path("decisionId").asString());

        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(decided);
    }

    @Test
    void repeatingTheSameRequestReturnsTheStoredDecisionAndStoresNoSecond() {
        String id = newId();
        Map<String, Object> request = steadyEmployedRenter(id);
        var first = http.post("/v1/decisions", request);
        Map<String, Object> reordered = new LinkedHashMap<>();
        List<String> keys = new java.util.ArrayList<>(request.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> reordered.put(k, request.get(k)));

        var second = http.post("/v1/decisions", reordered);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.headers().firstValue(DecisionController.REPLAYED_HEADER))
                .hasValue("true");
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(storedDecisions(id)).isEqualTo(1);
    }

    @Test
    void reusingAnApplicationIdWithADifferentBodyIsAConflict() {
        String id = newId();
        JsonNode first = http.post("/v1/decisions", steadyEmployedRenter(id)).json();
        Map<String, Object> changed = steadyEmployedRenter(id);
        changed.put("requestedAmount", 9000);

        var answer = http.post("/v1/decisions", changed);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asString()).isEqualTo("APPLICATION_CONFLICT");
        assertThat(answer.json().path("decisionId").asString())
                .isEqualTo(first.path("decisionId").asString());
        assertThat(storedDecisions(id)).isEqualTo(1);
    }

    @Test
    void anUnknownDecisionIdIsNotFound() {
        var answer = http.get("/v1/decisions/" + UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asString()).isEqualTo("DECISION_NOT_FOUND");
    }

    @Test
    void aDecisionIdThatIsNotAUuidIsRefusedSayingWhatAnIdLooksLike() {
        var answer = http.get("/v1/decisions/not-a-uuid");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(answer.json().path("errors").get(0).path("allowed").asString())
                .contains("UUID");
    }

    @Test
    void monitoringFieldsAreStoredApartFromTheApplication() {
        String id = newId();
        JsonNode body = http.post("/v1/decisions", steadyEmployedRenter(id)).json();
        UUID decisionId = UUID.fromString(body.path("decisionId").asString());

        String application = jdbc.sql("select application::text from decision where id = ?")
                .param(decisionId)
                .query(String.class)
                .single();
        String monitoring = jdbc.sql("select fields::text from decision_monitoring where decision_id = ?")
                .param(decisionId)
                .query(String.class)
                .single();

        assertThat(monitoring).contains("female").contains("married");
        assertThat(application)
                .doesNotContain("female")
                .doesNotContain("married")
                .doesNotContain("monitoring");
        assertThat(body.toString()).doesNotContain("female");
    }

    @Test
    void theOpenApiDescriptionListsTheDecisionEndpointsAndTheSignatureHeaders() {
        var answer = new Http(port).get("/v3/api-docs");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode api = answer.json();
        assertThat(api.path("info").path("title").asString()).isEqualTo("Arbiter");
        assertThat(api.path("paths").path("/v1/decisions").has("post")).isTrue();
        assertThat(api.path("paths").path("/v1/decisions/{id}").has("get")).isTrue();
        assertThat(api.path("components").path("securitySchemes").has("X-Arbiter-Signature"))
                .isTrue();
        assertThat(answer.body()).doesNotContain("\"caller\"");
    }
}
