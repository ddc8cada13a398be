package dev.arbiter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.audit.DecisionDiff;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.Effect;
import dev.arbiter.decision.EffectKind;
import dev.arbiter.decision.FiredRule;
import dev.arbiter.decision.Guardrail;
import dev.arbiter.decision.Intervention;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stored decisions read back whether their trace was stored as text (before it was typed) or typed. */
class TraceJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new TraceJson())
            .build();

    private static final String NOTE = "thin-file applicant (tf-1: [NO_CREDIT_FILE]) denied on the primary model's "
            + "factors alone; referred to manual review";

    private static final Decision TYPED = new Decision(
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "app-1",
            Outcome.REFER,
            List.of(new Reason("R-TERM", "Length of the requested term")),
            null,
            "v1",
            "e1",
            null,
            List.of(),
            List.of(
                    new FiredRule(
                            1,
                            "RK-01 primary risk above review band",
                            "RK-01",
                            null,
                            List.of(
                                    new Effect(EffectKind.DENY, null, null),
                                    new Effect(EffectKind.FACTOR_REASON, "R-TERM", "primary-credit"))),
                    new FiredRule(
                            2, "AF-01 debt-to-income above maximum", "AF-01", "R-DTI", List.of(Effect.deny("R-DTI"))),
                    new FiredRule(
                            3,
                            "PR-01 approve in risk band A",
                            "PR-01",
                            null,
                            List.of(Effect.approve("4000.00", "0.0690"))),
                    new FiredRule(4, "MN-01 monitoring only", "MN-01", null, List.of())),
            List.of(Guardrail.THIN_FILE_DENY_UNCORROBORATED.intervention(NOTE)),
            Instant.parse("2026-11-26T01:59:18Z"));

    /** The decision as a row stored before the trace was typed holds it, text for text. */
    private static final String LEGACY = """
            {"id":"00000000-0000-0000-0000-000000000001","applicationId":"app-1","outcome":"REFER",
             "reasons":[{"code":"R-TERM","text":"Length of the requested term"}],"terms":null,"rulesetVersion":"v1",
             "ensembleVersion":"e1","features":null,"scores":[],
             "firedRules":[
               {"order":1,"name":"RK-01 primary risk above review band","ruleCode":"RK-01","reasonCode":null,
                "effect":"DENY; REASON R-TERM from primary-credit"},
               {"order":2,"name":"AF-01 debt-to-income above maximum","ruleCode":"AF-01","reasonCode":"R-DTI",
                "effect":"DENY R-DTI"},
               {"order":3,"name":"PR-01 approve in risk band A","ruleCode":"PR-01","reasonCode":null,
                "effect":"APPROVE limit 4000.00 apr 0.0690"},
               {"order":4,"name":"MN-01 monitoring only","ruleCode":"MN-01","reasonCode":null,"effect":"NONE"}],
             "guardrails":["THIN_FILE_DENY_UNCORROBORATED: %s"],
             "decidedAt":"2026-11-26T01:59:18Z"}
            """.formatted(NOTE);

    @Test
    void aDecisionStoredWithTextTracesReadsAsTheTypedDecision() {
        Decision legacy = JSON.readValue(LEGACY, Decision.class);

        assertThat(legacy.firedRules()).isEqualTo(TYPED.firedRules());
        assertThat(legacy.guardrails()).isEqualTo(TYPED.guardrails());
        assertThat(legacy).isEqualTo(TYPED);
    }

    @Test
    void aReplayOfALegacyRecordComparesIdenticalToTheSameDecisionMadeToday() {
        Decision recorded = JSON.readValue(LEGACY, Decision.class);

        assertThat(DecisionDiff.between(recorded, TYPED)).isEmpty();
    }

    @Test
    void aTypedTraceIsWrittenAsObjectsAndReadsBackEqual() {
        String written = JSON.writeValueAsString(TYPED);
        JsonNode tree = JSON.readTree(written);

        assertThat(JSON.readValue(written, Decision.class)).isEqualTo(TYPED);
        JsonNode effect = tree.path("firedRules").get(1).path("effects").get(0);
        assertThat(effect.path("kind").asString()).isEqualTo("DENY");
        assertThat(effect.path("reasonCode").asString()).isEqualTo("R-DTI");
        assertThat(tree.path("firedRules").get(1).has("effect")).isFalse();
        JsonNode note = tree.path("guardrails").get(0);
        assertThat(note.path("guardrail").asString()).isEqualTo("THIN_FILE_DENY_UNCORROBORATED");
        assertThat(note.path("from").asString()).isEqualTo("DENY");
        assertThat(note.path("to").asString()).isEqualTo("REFER");
    }

    @Test
    void aLegacyNoteOfAGuardrailThisVersionDoesNotKnowStillReads() {
        Intervention note = JSON.readValue("\"RETIRED_CHECK: was once here\"", Intervention.class);

        assertThat(note).isEqualTo(new Intervention("RETIRED_CHECK", null, null, "was once here"));
    }
}
