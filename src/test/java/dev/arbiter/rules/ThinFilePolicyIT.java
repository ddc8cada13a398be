package dev.arbiter.rules;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The thin-file policy end to end: shipped model, shipped rules, core guardrails, stored decision. */
@ArbiterIT
class ThinFilePolicyIT {

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.context.ApplicationContext context;

    Http http;

    @BeforeEach
    void client() {
        http = Http.to(context, "originator");
    }

    /** Overdrawn, no savings or property, a long term for education: the primary model puts risk near 0.9. */
    private static Map<String, Object> riskyProfile() {
        Map<String, Object> app = steadyEmployedRenter("tf-" + UUID.randomUUID());
        app.put("termMonths", 48);
        app.put("purpose", "EDUCATION");
        app.put("attributes", Map.of("checkingStatus", "LT_0", "savingsStatus", "LT_100", "propertyMagnitude", "NONE"));
        return app;
    }

    private static JsonNode firedRule(JsonNode decision, String code) {
        for (JsonNode rule : decision.path("explanation").path("firedRules")) {
            if (rule.path("ruleCode").asString().equals(code)) {
                return rule;
            }
        }
        return null;
    }

    @Test
    void thinFileApplicantIsNotDeniedOnPrimaryScoreAlone() {
        Map<String, Object> app = riskyProfile();
        app.remove("creditFile");

        JsonNode decision = http.post("/v1/decisions", app).json();

        assertThat(decision.path("scores").get(0).path("risk").asDouble()).isGreaterThan(0.5);
        assertThat(decision.path("scores").get(0).path("confidence").asDouble()).isLessThanOrEqualTo(0.5);
        assertThat(decision.path("outcome").asString()).isEqualTo("REFER");
        // no file and no bank data: the referral also asks for the applicant's bank-account data
        assertThat(decision.path("reasons").findValuesAsString("code"))
                .containsExactly("R-THIN-FILE", "R-BANK-DATA-NEEDED");
        assertThat(firedRule(decision, "RK-02")).isNotNull();
        assertThat(firedRule(decision, "RK-07")).isNotNull();
        JsonNode features = decision.path("explanation").path("features");
        assertThat(features.path("thinFile").asBoolean()).isTrue();
        assertThat(features.path("thinFileDefinition").asString()).isEqualTo("tf-1");
        assertThat(features.path("thinFileReasons").get(0).asString()).isEqualTo("NO_CREDIT_FILE");
    }

    @Test
    void theSameApplicantWithAThickFileIsDeniedWithTheModelsOwnFactors() {
        JsonNode decision = http.post("/v1/decisions", riskyProfile()).json();

        assertThat(decision.path("outcome").asString()).isEqualTo("DENY");
        assertThat(firedRule(decision, "RK-01")).isNotNull();
        assertThat(decision.path("reasons").findValuesAsString("code"))
                .contains("R-CHECKING")
                .doesNotContain("R-THIN-FILE", "R-NO-FILE");
        assertThat(decision.path("explanation").path("guardrails").isEmpty()).isTrue();
    }
}
