package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.minor;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static dev.arbiter.AuditFixtures.overdrawnSaverAskingTooMuch;
import static dev.arbiter.AuditFixtures.overdrawnWithLittleSavings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ArbiterIT
class AdverseActionIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = Http.workflow(context);
    }

    private String decide(Map<String, Object> application) {
        return http.post("/v1/decisions", application).json().path("decisionId").asString();
    }

    private JsonNode notice(String decisionId) {
        var answer = http.get("/v1/decisions/" + decisionId + "/adverse-action");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> kinds(JsonNode notice) {
        return notice.path("dataSources")
                .valueStream()
                .map(s -> s.path("kind").asString())
                .toList();
    }

    @Test
    void aDenialNamesItsPrincipalReasonsTheScoreUsedAndTheDataConsulted() {
        JsonNode notice = notice(decide(minor("app-" + UUID.randomUUID())));

        assertThat(notice.path("adverseAction").asBoolean()).isTrue();
        assertThat(notice.path("actionTaken").asString()).isEqualTo("DENIED");
        assertThat(notice.path("principalReasons").size()).isBetween(1, 4);
        assertThat(notice.path("principalReasons").get(0).path("code").asString())
                .isEqualTo("R-UNDERAGE");
        assertThat(notice.path("principalReasons").get(0).path("text").asString())
                .isNotBlank();
        JsonNode score = notice.path("score");
        assertThat(score.path("modelId").asString()).isEqualTo("primary-credit");
        assertThat(score.path("value").asDouble()).isBetween(0.0, 1.0);
        assertThat(score.path("rangeLow").asDouble()).isEqualTo(0.0);
        assertThat(score.path("rangeHigh").asDouble()).isEqualTo(1.0);
        assertThat(score.path("bureauScore").asInt()).isEqualTo(730);
        assertThat(score.path("bureauScoreRange").asString()).isEqualTo("300-900");
        assertThat(kinds(notice)).containsExactly("APPLICATION", "CREDIT_BUREAU", "MODEL", "MODEL");
        assertThat(notice.path("dataSources")
                        .valueStream()
                        .map(s -> s.path("description").asString()))
                .anyMatch(d -> d.startsWith("primary model primary-credit"))
                .anyMatch(d -> d.startsWith("fraud model device-fraud"));
        assertThat(notice.path("counteroffer").isNull()).isTrue();
    }

    @Test
    void aCounterofferComparesTheRequestedWithTheOfferedTerms() {
        JsonNode notice = notice(decide(overdrawnSaverAskingTooMuch("app-" + UUID.randomUUID())));

        assertThat(notice.path("adverseAction").asBoolean()).isTrue();
        assertThat(notice.path("actionTaken").asString()).isEqualTo("COUNTEROFFER");
        JsonNode terms = notice.path("counteroffer");
        assertThat(terms.path("requestedAmount").decimalValue()).isEqualByComparingTo("9000");
        assertThat(terms.path("offeredAmount").decimalValue())
                .isLessThan(terms.path("requestedAmount").decimalValue());
        assertThat(terms.path("requestedTermMonths").asInt()).isEqualTo(48);
        assertThat(terms.path("offeredApr").decimalValue()).isPositive();
        assertThat(notice.path("principalReasons").get(0).path("code").asString())
                .isEqualTo("R-INCOME-AMOUNT");
        assertThat(notice.path("explanation").get(1).asString()).contains("approved for less");
    }

    @Test
    void anApprovalIsNotAdverseButIsStillExplainedInPlainLanguage() {
        JsonNode notice = notice(decide(steadyEmployedRenter("app-" + UUID.randomUUID())));

        assertThat(notice.path("adverseAction").asBoolean()).isFalse();
        assertThat(notice.path("principalReasons")).isEmpty();
        assertThat(notice.path("explanation").get(0).asString())
                .isEqualTo("You applied for a personal loan of 4000.00 EUR over 24 months.");
        assertThat(notice.path("explanation").valueStream().map(JsonNode::asString))
                .anyMatch(line -> line.contains("ask for it to be reviewed by a person"));
    }

    @Test
    void aReferralDeniedOnReviewIsAnAdverseActionWithTheReviewersReasons() {
        String id = decide(overdrawnWithLittleSavings("app-" + UUID.randomUUID()));
        http.post(
                "/v1/decisions/" + id + "/review",
                Map.of("reviewer", "j.doe", "outcome", "DENY", "reasons", List.of("R-SAVINGS", "R-CHECKING")));

        JsonNode notice = notice(id);

        assertThat(notice.path("automatedOutcome").asString()).isEqualTo("REFER");
        assertThat(notice.path("finalOutcome").asString()).isEqualTo("DENY");
        assertThat(notice.path("actionTaken").asString()).isEqualTo("DENIED");
        assertThat(notice.path("principalReasons").get(0).path("code").asString())
                .isEqualTo("R-SAVINGS");
        assertThat(notice.path("score").path("keyFactors").get(0).path("text").asString())
                .isNotBlank();
    }

    @Test
    void anUnknownDecisionIsNotFound() {
        var answer = http.get("/v1/decisions/" + UUID.randomUUID() + "/adverse-action");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("code").asString()).isEqualTo("DECISION_NOT_FOUND");
    }
}
