package dev.arbiter.rules;

import dev.arbiter.decision.FiredRule;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/** Records, for one evaluation only, each rule that fired with its metadata and what it did. */
final class FiredRuleTrace extends DefaultAgendaEventListener {

    private final VerdictBuilder verdict;
    private final List<FiredRule> fired = new ArrayList<>();

    FiredRuleTrace(VerdictBuilder verdict) {
        this.verdict = verdict;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        fired.add(new FiredRule(
                fired.size() + 1,
                rule.getName(),
                text(rule, RulesetCompiler.RULE_CODE),
                text(rule, RulesetCompiler.REASON_CODE),
                verdict.drainEffects()));
    }

    List<FiredRule> fired() {
        return List.copyOf(fired);
    }

    private static String text(Rule rule, String key) {
        Object value = rule.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
