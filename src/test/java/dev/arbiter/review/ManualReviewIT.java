package dev.arbiter.review;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static dev.arbiter.AuditFixtures.overdrawnWithLittleSavings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ArbiterIT
class ManualReviewIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = Http.workflow(context);
    }

    private String decide(Map<String, Object> application) {
        return http.post("/v1/decisions", application).json().path("decisionId").asString();
    }

    private String referred() {
        String id = decide(overdrawnWithLittleSavings("app-" + UUID.randomUUID()));
        assertThat(http.get("/v1/decisions/" + id).json().path("outcome").asString())
                .isEqualTo("REFER");
        return id;
    }

    private static Map<String, Object> approval() {
        return Map.of(
                "reviewer", "j.doe", "outcome", "APPROVE", "reasons", List.of(), "note", "income verified by payslips");
    }

    private List<String> openQueue() {
        JsonNode items = http.get("/v1/reviews?status=open&limit=1000").json().path("items");
        return items.valueStream().map(i -> i.path("decisionId").asString()).toList();
    }

    private int events(String decisionId) {
        return jdbc.sql("select count(*) from decision_event where decision_id = ?::uuid")
                .param(decisionId)
                .query(Integer.class)
                .single();
    }

    @Test
    void aReferredDecisionWaitsInTheOpenQueue() {
        String id = referred();

        assertThat(openQueue()).contains(id);
    }

    @Test
    void aReviewIsAppendedAndBecomesTheFinalOutcomeWithoutOverwritingTheDecision() {
        String id = referred();

        var answer = http.post("/v1/decisions/" + id + "/review", approval());

        assertThat(answer.status()).isEqualTo(201);
        JsonNode fetched = http.get("/v1/decisions/" + id).json();
        assertThat(fetched.path("outcome").asString()).isEqualTo("REFER");
        assertThat(fetched.path("finalOutcome").asString()).isEqualTo("APPROVE");
        assertThat(fetched.path("review").path("reviewer").asString()).isEqualTo("j.doe");
        assertThat(fetched.path("review").path("note").asString()).isEqualTo("income verified by payslips");
        assertThat(openQueue()).doesNotContain(id);
        JsonNode closed = http.get("/v1/reviews?status=closed").json().path("items");
        assertThat(closed.valueStream().map(i -> i.path("decisionId").asString()))
                .contains(id);
        assertThat(jdbc.sql("select outcome from decision where id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("REFER");
    }

    @Test
    void aReviewIsALinkInTheChain() {
        String id = referred();
        http.post("/v1/decisions/" + id + "/review", approval());
        http.get("/v1/audit/verify");

        long links = jdbc.sql("""
                select count(*) from chain_link c join decision_event e on e.id = c.subject_id
                 where e.decision_id = ?::uuid and c.subject_kind = 'EVENT' and c.position is not null
                """).param(id).query(Long.class).single();
        assertThat(links).isEqualTo(1);
    }

    @Test
    void aDenialOnReviewCarriesItsReasonsInConsumerWording() {
        String id = referred();

        JsonNode body = http.post(
                        "/v1/decisions/" + id + "/review",
                        Map.of("reviewer", "j.doe", "outcome", "DENY", "reasons", List.of("R-CHECKING", "R-SAVINGS")))
                .json();

        assertThat(body.path("finalOutcome").asString()).isEqualTo("DENY");
        assertThat(body.path("review").path("reasons").get(0).path("code").asString())
                .isEqualTo("R-CHECKING");
        assertThat(body.path("review").path("reasons").get(0).path("text").asString())
                .isNotBlank();
    }

    @Test
    void aSecondReviewIsRefusedAndChangesNothing() {
        String id = referred();
        http.post("/v1/decisions/" + id + "/review", approval());

        var second = http.post(
                "/v1/decisions/" + id + "/review",
                Map.of("reviewer", "m.roe", "outcome", "DENY", "reasons", List.of("R-CHECKING")));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("code").asString()).isEqualTo("ALREADY_REVIEWED");
        assertThat(http.get("/v1/decisions/" + id).json().path("finalOutcome").asString())
                .isEqualTo("APPROVE");
        assertThat(events(id)).isEqualTo(1);
    }

    @Test
    void anAutomatedDecisionCannotBeReviewedUnlessTheApplicantAskedForIt() {
        String id = decide(steadyEmployedRenter("app-" + UUID.randomUUID()));

        var answer = http.post("/v1/decisions/" + id + "/review", approval());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("code").asString()).isEqualTo("REVIEW_NOT_ALLOWED");
        assertThat(events(id)).isZero();
    }

    @Test
    void anApplicantsRequestForHumanReviewIsRecordedAndPutsTheDecisionInTheQueue() {
        String id = decide(steadyEmployedRenter("app-" + UUID.randomUUID()));

        var requested = http.post(
                "/v1/decisions/" + id + "/human-review-request",
                Map.of("requestedBy", "applicant via branch 12", "statement", "my income has risen"));

        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.json().path("humanReviewRequest").path("statement").asString())
                .isEqualTo("my income has risen");
        assertThat(openQueue()).contains(id);
        var reviewed = http.post("/v1/decisions/" + id + "/review", approval());
        assertThat(reviewed.status()).isEqualTo(201);
        assertThat(openQueue()).doesNotContain(id);
    }

    @Test
    void aSecondRequestForHumanReviewIsRefused() {
        String id = decide(steadyEmployedRenter("app-" + UUID.randomUUID()));
        http.post("/v1/decisions/" + id + "/human-review-request", Map.of("requestedBy", "applicant"));

        var again = http.post("/v1/decisions/" + id + "/human-review-request", Map.of("requestedBy", "applicant"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("REVIEW_ALREADY_REQUESTED");
        assertThat(events(id)).isEqualTo(1);
    }

    @Test
    void aReviewWithAnUnknownReasonCodeOrAnOutcomeOtherThanApproveOrDenyIsRefused() {
        String id = referred();

        var unknownReason = http.post(
                "/v1/decisions/" + id + "/review",
                Map.of("reviewer", "j.doe", "outcome", "DENY", "reasons", List.of("R-NOPE")));
        var refer = http.post("/v1/decisions/" + id + "/review", Map.of("reviewer", "j.doe", "outcome", "REFER"));
        var denialWithoutReasons =
                http.post("/v1/decisions/" + id + "/review", Map.of("reviewer", "j.doe", "outcome", "DENY"));

        assertThat(unknownReason.status()).isEqualTo(400);
        assertThat(unknownReason.json().path("errors").get(0).path("field").asString())
                .isEqualTo("reasons[0]");
        assertThat(refer.status()).isEqualTo(400);
        assertThat(refer.json().path("errors").get(0).path("field").asString()).isEqualTo("outcome");
        assertThat(refer.json().path("errors").get(0).path("allowed").asString())
                .contains("APPROVE", "DENY");
        assertThat(denialWithoutReasons
                        .json()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("reasons");
        assertThat(events(id)).isZero();
    }

    @Test
    void reviewingAnUnknownDecisionIsNotFound() {
        var answer = http.post("/v1/decisions/" + UUID.randomUUID() + "/review", approval());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("code").asString()).isEqualTo("DECISION_NOT_FOUND");
    }

    @Test
    void anUnknownQueueStatusIsRefused() {
        var answer = http.get("/v1/reviews?status=pending");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("allowed").asString())
                .isEqualTo("open or closed");
    }
}
