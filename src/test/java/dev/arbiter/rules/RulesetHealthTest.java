package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class RulesetHealthTest {

    @Test
    void withoutAnActiveRulesetTheRulesAreDown() {
        var health = new RulesetHealth(new DroolsRuleEvaluator()).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void theActiveRulesetIsNamed() {
        var compiled = new RulesetCompiler().compile(Ruleset.load(Path.of("rules")));
        var health = new RulesetHealth(new DroolsRuleEvaluator(compiled)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("active", compiled.version());
    }
}
