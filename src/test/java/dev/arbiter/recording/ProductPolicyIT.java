package dev.arbiter.recording;

import static dev.arbiter.ApplicationFixture.applicant;
import static dev.arbiter.ApplicationFixture.creditFile;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** A product's own model and policy, through the decision API. */
@ArbiterIT
class ProductPolicyIT {

    @Autowired
    ApplicationContext context;

    Http http;

    @BeforeEach
    void client() {
        http = Http.workflow(context);
    }

    private static Map<String, Object> mortgage(String currency) {
        Map<String, Object> app = steadyEmployedRenter("app-" + UUID.randomUUID());
        app.put("product", "MORTGAGE");
        app.put("requestedAmount", 150000);
        app.put("currency", currency);
        app.put("termMonths", 360);
        app.put("purpose", "HOME_PURCHASE");
        app.put("dataRegion", "US");
        applicant(app).put("monthlyIncome", 5000);
        creditFile(app).put("monthlyDebtPayments", 450);
        creditFile(app).put("bureauScore", 760);
        return app;
    }

    @Test
    void aThirtyYearMortgageOf150000UsdOn5000AMonthIsApprovedByTheMortgageModelAndPolicy() {
        JsonNode decision = http.post("/v1/decisions", mortgage("USD")).json();

        assertThat(decision.path("outcome").asString()).as(decision.toString()).isEqualTo("APPROVE");
        assertThat(decision.path("terms").path("creditLimit").decimalValue()).isEqualByComparingTo("150000");
        assertThat(decision.path("scores").get(0).path("modelId").asString()).isEqualTo("bureau-score");
        assertThat(decision.path("scores").get(0).path("outOfDomain").asBoolean())
                .isFalse();
        assertThat(decision.path("explanation")
                        .path("features")
                        .path("monthlyPayment")
                        .decimalValue())
                .isEqualByComparingTo("997.95");
    }

    @Test
    void aMortgageOutsideItsModelsDomainIsFlaggedAndNeverDeniedOnThatScore() {
        JsonNode decision = http.post("/v1/decisions", mortgage("EUR")).json();

        JsonNode primary = decision.path("scores").get(0);
        assertThat(primary.path("outOfDomain").asBoolean())
                .as(decision.toString())
                .isTrue();
        assertThat(decision.path("scores")
                        .valueStream()
                        .map(s -> s.path("trigger").asString()))
                .contains("out-of-domain");
        assertThat(decision.path("outcome").asString()).isNotEqualTo("DENY");
    }
}
