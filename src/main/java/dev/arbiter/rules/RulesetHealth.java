package dev.arbiter.rules;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Readiness of the rules: a compiled ruleset is active, so a decision can be made now. */
final class RulesetHealth implements HealthIndicator {

    private final DroolsRuleEvaluator evaluator;

    RulesetHealth(DroolsRuleEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Health health() {
        return evaluator
                .current()
                .map(active -> Health.up()
                        .withDetail("active", active.version())
                        .withDetail("rules", active.rules().size()))
                .orElseGet(() -> Health.down().withDetail("active", "none: no compiled ruleset serves decisions"))
                .build();
    }
}
