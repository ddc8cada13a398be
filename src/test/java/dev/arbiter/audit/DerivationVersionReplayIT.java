package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Feature derivation is versioned: a decision recorded before the annuity instalment (its
 * features straight-line, amount / term, and no derivation version in the row) still replays
 * identically, because the replay derives again under the recorded version, not the current one.
 */
@ArbiterIT
class DerivationVersionReplayIT {

    @Autowired
    ApplicationContext context;

    /** Rows are rewritten to the older form as the schema owner: Arbiter's own role may not. */
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = Http.workflow(context);
        jdbc = OwnerJdbc.of(context);
    }

    @Test
    void newDecisionsRecordTheAnnuityInstalmentAndItsVersion() {
        JsonNode decided = http.post("/v1/decisions", steadyEmployedRenter("app-" + UUID.randomUUID()))
                .json();
        String features = featuresOf(decided.path("decisionId").asString());

        // 4000 over 24 months at the personal-loan stress rate of 17 %: 197.77 a month, not 166.67
        assertThat(features).contains("\"derivation\": \"fd-2\"").contains("\"monthlyPayment\": 197.77");
    }

    @Test
    void aDecisionRecordedUnderTheStraightLineInstalmentReplaysIdentically() {
        String id = http.post("/v1/decisions", steadyEmployedRenter("app-" + UUID.randomUUID()))
                .json()
                .path("decisionId")
                .asString();
        String recorded = featuresOf(id);
        // the row as a decision before versioning wrote it: 4000 / 24, its ratios, and no version
        jdbc.sql("""
                        update decision set features = (features - 'derivation')
                            || '{"monthlyPayment": 166.67, "paymentToIncome": 0.0439, "debtToIncome": 0.1228}'::jsonb
                        where id = ?::uuid""").param(id).update();
        try {
            JsonNode replay = http.post("/v1/decisions/" + id + "/replay", "").json();

            assertThat(replay.path("identical").asBoolean())
                    .as(replay.toString())
                    .isTrue();
            assertThat(replay.path("differences")).isEmpty();

            // and the same row claiming the current version is caught: its figures are not fd-2's
            jdbc.sql(
                            "update decision set features = features || '{\"derivation\": \"fd-2\"}'::jsonb where id = ?::uuid")
                    .param(id)
                    .update();
            JsonNode claimed = http.post("/v1/decisions/" + id + "/replay", "").json();
            assertThat(claimed.path("identical").asBoolean()).isFalse();
            assertThat(claimed.path("differences")
                            .valueStream()
                            .map(d -> d.path("field").asString()))
                    .contains("features.monthlyPayment", "features.paymentToIncome", "features.debtToIncome");
        } finally {
            jdbc.sql("update decision set features = ?::jsonb where id = ?::uuid")
                    .params(recorded, id)
                    .update();
        }
    }

    private String featuresOf(String id) {
        return jdbc.sql("select features::text from decision where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
    }
}
