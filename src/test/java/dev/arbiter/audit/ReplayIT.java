package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.minor;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static dev.arbiter.AuditFixtures.overdrawnSaverAskingTooMuch;
import static dev.arbiter.AuditFixtures.overdrawnWithLittleSavings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.rules.JdbcRulesetFiles;
import dev.arbiter.rules.JdbcRulesetStore;
import dev.arbiter.rules.Ruleset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@ArbiterIT
class ReplayIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    JdbcRulesetStore store;

    @Autowired
    ObjectMapper json;

    Http http;

    @BeforeEach
    void client() {
        http = Http.workflow(context);
        // the replay tests edit stored decisions, which only the schema owner may do
        jdbc = dev.arbiter.OwnerJdbc.of(context);
    }

    private JsonNode decide(Map<String, Object> application) {
        return http.post("/v1/decisions", application).json();
    }

    private int decisions() {
        return jdbc.sql("select count(*) from decision").query(Integer.class).single();
    }

    /** Stores a copy of the decision's ruleset with a higher minimum age and returns its version. */
    private String storedVersionWithMinimumAge(String baseVersion, int minAge) {
        Map<String, byte[]> files =
                new JdbcRulesetFiles(jdbc, json).files(baseVersion).orElseThrow();
        String parameters = new String(files.get("parameters.json"), StandardCharsets.UTF_8)
                .replace("\"minAge\": 18", "\"minAge\": " + minAge);
        files.put("parameters.json", parameters.getBytes(StandardCharsets.UTF_8));
        Ruleset changed = Ruleset.of(files);
        store.storeIfAbsent(changed.version(), files);
        return changed.version();
    }

    @Test
    void approvalsDenialsReferralsAndCounteroffersReplayIdentically() {
        for (Map<String, Object> application : new Map[] {
            steadyEmployedRenter("app-" + UUID.randomUUID()),
            minor("app-" + UUID.randomUUID()),
            overdrawnWithLittleSavings("app-" + UUID.randomUUID()),
            overdrawnSaverAskingTooMuch("app-" + UUID.randomUUID())
        }) {
            String id = decide(application).path("decisionId").asString();

            var answer = http.post("/v1/decisions/" + id + "/replay", "");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("identical").asBoolean())
                    .as(answer.body())
                    .isTrue();
            assertThat(answer.json().path("differences")).isEmpty();
            assertThat(answer.json().path("sameRuleset").asBoolean()).isTrue();
        }
    }

    @Test
    void replayUsesTheRecordedModelAnswersNotTheModelAsItIsNow() {
        JsonNode decided = decide(steadyEmployedRenter("app-" + UUID.randomUUID()));
        String id = decided.path("decisionId").asString();
        String scores = jdbc.sql("select scores::text from decision where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        jdbc.sql("update decision set scores = jsonb_set(scores, '{0,risk}', '0.97') where id = ?::uuid")
                .param(id)
                .update();
        try {
            JsonNode replay = http.post("/v1/decisions/" + id + "/replay", "").json();

            assertThat(replay.path("identical").asBoolean()).isFalse();
            assertThat(replay.path("differences").get(0).path("field").asString())
                    .isEqualTo("outcome");
            assertThat(replay.path("differences").get(0).path("recorded").asString())
                    .isEqualTo("APPROVE");
            assertThat(replay.path("differences").get(0).path("replayed").asString())
                    .isEqualTo("DENY");
        } finally {
            jdbc.sql("update decision set scores = ?::jsonb where id = ?::uuid")
                    .params(scores, id)
                    .update();
        }
    }

    @Test
    void replayDerivesTheFeaturesAgainFromTheRecordedApplicationAndShowsARecordThatDisagrees() {
        JsonNode decided = decide(steadyEmployedRenter("app-" + UUID.randomUUID()));
        String id = decided.path("decisionId").asString();
        String features = jdbc.sql("select features::text from decision where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        jdbc.sql("update decision set features = jsonb_set(features, '{debtToIncome}', '0.9') where id = ?::uuid")
                .param(id)
                .update();
        try {
            JsonNode replay = http.post("/v1/decisions/" + id + "/replay", "").json();

            assertThat(replay.path("identical").asBoolean()).isFalse();
            assertThat(replay.path("differences")
                            .valueStream()
                            .map(d -> d.path("field").asString()))
                    .contains("features.debtToIncome");
        } finally {
            jdbc.sql("update decision set features = ?::jsonb where id = ?::uuid")
                    .params(features, id)
                    .update();
        }
    }

    @Test
    void anotherStoredRulesetVersionShowsWhatItWouldHaveDecided() {
        JsonNode decided = decide(steadyEmployedRenter("app-" + UUID.randomUUID()));
        String other =
                storedVersionWithMinimumAge(decided.path("rulesetVersion").asString(), 40);
        int before = decisions();

        JsonNode replay = http.post(
                        "/v1/decisions/" + decided.path("decisionId").asString() + "/replay?rulesetVersion=" + other,
                        "")
                .json();

        assertThat(replay.path("identical").asBoolean()).isFalse();
        assertThat(replay.path("sameRuleset").asBoolean()).isFalse();
        assertThat(replay.path("replayed").path("rulesetVersion").asString()).isEqualTo(other);
        assertThat(replay.path("replayed").path("outcome").asString()).isEqualTo("DENY");
        assertThat(replay.path("replayed").path("reasons").get(0).path("code").asString())
                .isEqualTo("R-UNDERAGE");
        assertThat(replay.path("differences")
                        .valueStream()
                        .map(d -> d.path("field").asString()))
                .contains("outcome", "reasons", "terms", "firedRules");
        assertThat(decisions()).isEqualTo(before);
        assertThat(http.get("/v1/decisions/" + decided.path("decisionId").asString())
                        .json()
                        .path("outcome")
                        .asString())
                .isEqualTo("APPROVE");
    }

    @Test
    void anUnknownRulesetVersionIsAProblemAndChangesNothing() {
        String id = decide(steadyEmployedRenter("app-" + UUID.randomUUID()))
                .path("decisionId")
                .asString();
        int before = decisions();

        var unknown = http.post("/v1/decisions/" + id + "/replay?rulesetVersion=" + "ab".repeat(32), "");
        var malformed = http.post("/v1/decisions/" + id + "/replay?rulesetVersion=latest", "");

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("code").asString()).isEqualTo("RULESET_VERSION_NOT_FOUND");
        assertThat(unknown.json().path("errors").get(0).path("field").asString())
                .isEqualTo("rulesetVersion");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("code").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void replayingAnUnknownDecisionIsNotFound() {
        var answer = http.post("/v1/decisions/" + UUID.randomUUID() + "/replay", "");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("code").asString()).isEqualTo("DECISION_NOT_FOUND");
    }
}
