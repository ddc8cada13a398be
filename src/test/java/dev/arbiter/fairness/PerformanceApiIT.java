package dev.arbiter.fairness;

import static dev.arbiter.ApplicationFixture.minor;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ArbiterIT
class PerformanceApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    Http http;

    private final String today = LocalDate.now(ZoneOffset.UTC).toString();

    @BeforeEach
    void client() {
        http = Http.to(context, "originator");
    }

    private String decide(Map<String, Object> application, String expectedOutcome) {
        JsonNode decision = http.post("/v1/decisions", application).json();
        assertThat(decision.path("outcome").asString()).isEqualTo(expectedOutcome);
        return decision.path("decisionId").asString();
    }

    private String approved() {
        return decide(steadyEmployedRenter("perf-" + UUID.randomUUID()), "APPROVE");
    }

    private int observations(String decisionId) {
        return jdbc.sql("select count(*) from decision_performance where decision_id = ?::uuid")
                .param(decisionId)
                .query(Integer.class)
                .single();
    }

    private static JsonNode refused(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("code").asString()).isEqualTo(code);
        return problem;
    }

    @Test
    void aRepaymentOutcomeOfAnApprovedDecisionIsStoredOnce() {
        String id = approved();

        var first = http.post("/v1/decisions/" + id + "/performance", Map.of("status", "GOOD", "observedOn", today));
        var again = http.post("/v1/decisions/" + id + "/performance", Map.of("observedOn", today, "status", "GOOD"));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("status").asString()).isEqualTo("GOOD");
        assertThat(first.json().path("observedOn").asString()).isEqualTo(today);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(observations(id)).isEqualTo(1);
    }

    @Test
    void anotherStatusForTheSameDayIsAConflictAndChangesNothing() {
        String id = approved();
        http.post("/v1/decisions/" + id + "/performance", Map.of("status", "GOOD", "observedOn", today));

        JsonNode problem = refused(
                http.post("/v1/decisions/" + id + "/performance", Map.of("status", "DEFAULT", "observedOn", today)),
                409,
                "REPAYMENT_CONFLICT");

        assertThat(problem.path("detail").asString()).contains("already has status GOOD");
        assertThat(jdbc.sql("select status from decision_performance where decision_id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("GOOD");
    }

    @Test
    void anUnknownDecisionIsNotFound() {
        refused(
                http.post(
                        "/v1/decisions/" + UUID.randomUUID() + "/performance",
                        Map.of("status", "GOOD", "observedOn", today)),
                404,
                "DECISION_NOT_FOUND");
    }

    @Test
    void aDecisionThatWasNotApprovedTakesNoRepaymentOutcome() {
        String denied = decide(minor("perf-minor-" + UUID.randomUUID()), "DENY");

        JsonNode problem = refused(
                http.post("/v1/decisions/" + denied + "/performance", Map.of("status", "DEFAULT", "observedOn", today)),
                409,
                "DECISION_NOT_APPROVED");

        assertThat(problem.path("detail").asString()).contains("was DENY");
        assertThat(observations(denied)).isZero();
    }

    @Test
    void anUnknownStatusAndAMalformedDateAreNamedWithWhatIsAllowed() {
        String id = approved();

        JsonNode problem = refused(
                http.post(
                        "/v1/decisions/" + id + "/performance",
                        Map.of("status", "PAID_LATE", "observedOn", "30.11.2026")),
                400,
                "INVALID_REQUEST");

        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("observedOn", "status");
        assertThat(problem.path("errors").get(1).path("allowed").asString()).contains("GOOD, DELINQUENT, DEFAULT");
        assertThat(observations(id)).isZero();
    }

    @Test
    void aDateThatIsNoCalendarDayOrInTheFutureOrBeforeTheDecisionIsRefused() {
        String id = approved();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String lastYear = LocalDate.now(ZoneOffset.UTC).minusYears(1).toString();

        for (String day : new String[] {"2026-02-30", tomorrow, lastYear}) {
            JsonNode problem = refused(
                    http.post("/v1/decisions/" + id + "/performance", Map.of("status", "GOOD", "observedOn", day)),
                    400,
                    "INVALID_REQUEST");
            assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("observedOn");
        }
        assertThat(observations(id)).isZero();
    }

    @Test
    void aMissingBodyAndAMissingStatusAreProblems() {
        String id = approved();

        refused(http.postRaw("/v1/decisions/" + id + "/performance", "", "application/json"), 400, "MALFORMED_JSON");
        JsonNode problem = refused(
                http.post("/v1/decisions/" + id + "/performance", Map.of("observedOn", today)), 400, "INVALID_REQUEST");
        assertThat(problem.path("errors").get(0).path("reason").asString()).isEqualTo("is required");
    }

    @Test
    void aReferralApprovedOnReviewTakesRepaymentOutcomes() {
        String id = decide(dev.arbiter.AuditFixtures.overdrawnWithLittleSavings("perf-" + UUID.randomUUID()), "REFER");
        assertThat(Http.to(context, "reviewer")
                        .post(
                                "/v1/decisions/" + id + "/review",
                                Map.of(
                                        "reviewer",
                                        "j.doe",
                                        "outcome",
                                        "APPROVE",
                                        "reasons",
                                        java.util.List.of(),
                                        "note",
                                        "income verified"))
                        .status())
                .isEqualTo(201);

        var answer = http.post(
                "/v1/decisions/" + id + "/performance",
                Map.of(
                        "status",
                        "GOOD",
                        "observedOn",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @Test
    void aRepaymentOutcomeIsALinkInTheAuditChain() {
        String id = approved();
        String events = "select count(*) from chain_link c join decision_event e on e.id = c.subject_id"
                + " where e.decision_id = ? and e.kind = 'REPAYMENT_OUTCOME'";

        http.post(
                "/v1/decisions/" + id + "/performance",
                Map.of(
                        "status",
                        "DELINQUENT",
                        "observedOn",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()));

        assertThat(jdbc.sql(events)
                        .param(UUID.fromString(id))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
