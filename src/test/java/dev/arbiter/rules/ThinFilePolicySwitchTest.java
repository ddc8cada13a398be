package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** thinFile.policyEnabled 0 turns the rules' thin-file policy off; the core guardrail still holds. */
class ThinFilePolicySwitchTest {

    private static final Path SHIPPED = Path.of("rules");

    private static GoldenCase thinFileWithoutSecondOpinion() {
        return GoldenCases.load(SHIPPED).stream()
                .filter(c -> c.file().equals("thin-file-refer-without-second-opinion.json"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void withThePolicyOffTheRulesDenyAThinFileOnThePrimaryScoreAndTheGuardrailRefersIt() {
        Ruleset shipped = Ruleset.load(SHIPPED);
        String parameters = new String(shipped.content("parameters.json"), StandardCharsets.UTF_8);
        assertThat(parameters).contains("\"policyEnabled\": 1");
        Ruleset off = shipped.with(
                "parameters.json",
                parameters
                        .replace("\"policyEnabled\": 1", "\"policyEnabled\": 0")
                        .getBytes(StandardCharsets.UTF_8));

        var result = new GoldenCases(new DroolsRuleEvaluator(new RulesetCompiler().compile(off)))
                .run(thinFileWithoutSecondOpinion());

        assertThat(result.firedRuleCodes()).containsExactly("RK-01");
        assertThat(result.decision().outcome()).isEqualTo(Outcome.REFER);
        assertThat(result.decision().reasons()).extracting(r -> r.code()).containsExactly("R-NO-FILE");
        assertThat(result.decision().guardrails()).singleElement().satisfies(note -> {
            assertThat(note.guardrail()).isEqualTo("THIN_FILE_DENY_UNCORROBORATED");
            assertThat(note.to()).isEqualTo(Outcome.REFER);
        });
    }
}
