package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.minor;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static dev.arbiter.AuditFixtures.overdrawnWithLittleSavings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import dev.arbiter.decision.Effect;
import dev.arbiter.decision.FiredRule;
import dev.arbiter.decision.Intervention;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A decision stored before its trace was typed (each fired rule's effect one text, each
 * guardrail note a prefixed text) is still read, answered and replayed identically.
 */
@ArbiterIT
class LegacyTraceReplayIT {

    @Autowired
    ApplicationContext context;

    /** Rows are rewritten to the older text form as the schema owner: Arbiter's own role may not. */
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    Http http;

    @BeforeEach
    void client() {
        http = Http.workflow(context);
        jdbc = OwnerJdbc.of(context);
    }

    @Test
    void aDecisionWhoseRowHoldsTheTextTraceReplaysIdenticallyAndAnswersTyped() {
        for (Map<String, Object> application : List.of(
                steadyEmployedRenter("app-" + UUID.randomUUID()),
                minor("app-" + UUID.randomUUID()),
                overdrawnWithLittleSavings("app-" + UUID.randomUUID()))) {
            String id = http.post("/v1/decisions", application)
                    .json()
                    .path("decisionId")
                    .asString();
            JsonNode typedAnswer = http.get("/v1/decisions/" + id).json().path("explanation");
            Map<String, String> row = jdbc.sql(
                            "select fired_rules::text as f, guardrails::text as g from decision where id = ?::uuid")
                    .param(id)
                    .query((rs, n) -> Map.of("f", rs.getString("f"), "g", rs.getString("g")))
                    .single();
            storeAsText(id, row);
            try {
                String stored = jdbc.sql("select fired_rules::text from decision where id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single();
                assertThat(stored).contains("\"effect\"").doesNotContain("\"effects\"");

                var replay = http.post("/v1/decisions/" + id + "/replay", "");
                var answer = http.get("/v1/decisions/" + id);

                assertThat(replay.status()).isEqualTo(200);
                assertThat(replay.json().path("identical").asBoolean())
                        .as(replay.body())
                        .isTrue();
                assertThat(replay.json().path("differences")).isEmpty();
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.json().path("explanation")).isEqualTo(typedAnswer);
            } finally {
                jdbc.sql("update decision set fired_rules = ?::jsonb, guardrails = ?::jsonb where id = ?::uuid")
                        .params(row.get("f"), row.get("g"), id)
                        .update();
            }
        }
    }

    /** Rewrites the row's trace the way decisions were stored before it was typed. */
    private void storeAsText(String id, Map<String, String> row) {
        List<FiredRule> rules = json.readValue(row.get("f"), new TypeReference<List<FiredRule>>() {});
        List<Intervention> notes = json.readValue(row.get("g"), new TypeReference<List<Intervention>>() {});
        List<Map<String, Object>> legacyRules = rules.stream()
                .map(rule -> {
                    Map<String, Object> legacy = new LinkedHashMap<>();
                    legacy.put("order", rule.order());
                    legacy.put("name", rule.name());
                    legacy.put("ruleCode", rule.ruleCode());
                    legacy.put("reasonCode", rule.reasonCode());
                    legacy.put(
                            "effect",
                            rule.effects().isEmpty()
                                    ? "NONE"
                                    : rule.effects().stream().map(Effect::text).collect(Collectors.joining("; ")));
                    return legacy;
                })
                .toList();
        List<String> legacyNotes = notes.stream().map(Intervention::text).toList();
        jdbc.sql("update decision set fired_rules = ?::jsonb, guardrails = ?::jsonb where id = ?::uuid")
                .params(json.writeValueAsString(legacyRules), json.writeValueAsString(legacyNotes), id)
                .update();
    }
}
