package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.Guardrails;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.RuleEvaluator;
import dev.arbiter.decision.RuleVerdict;
import org.kie.api.runtime.KieSession;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the active ruleset. Each evaluation reads the active ruleset once and uses a session
 * of its own, taken from that ruleset's pool and returned in {@code finally}; everything
 * about the request (the facts, the verdict, the trace listener) lives in that session, so
 * concurrent evaluations share nothing and an activation never splits one evaluation
 * between two versions.
 */
public final class DroolsRuleEvaluator implements RuleEvaluator {

    private final AtomicReference<CompiledRuleset> active;

    public DroolsRuleEvaluator(CompiledRuleset initial) {
        this.active = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    /**
     * Makes {@code next} the ruleset of every evaluation that starts from now on. Evaluations
     * already running finish on the ruleset they started with; its session pool is left to
     * the garbage collector rather than shut down under them.
     */
    public void activate(CompiledRuleset next) {
        active.set(Objects.requireNonNull(next));
    }

    public CompiledRuleset active() {
        return active.get();
    }

    @Override
    public RuleVerdict evaluate(Application application, Features features, List<ModelScore> scores) {
        CompiledRuleset ruleset = active.get();
        VerdictBuilder verdict = new VerdictBuilder(application, ruleset.reasons());
        FiredRuleTrace trace = new FiredRuleTrace(verdict);
        KieSession session = ruleset.sessions().newKieSession();
        try {
            session.addEventListener(trace);
            session.insert(ruleset.parameters());
            session.insert(application);
            session.insert(features);
            scores.forEach(session::insert);
            session.insert(verdict);
            session.fireAllRules();
        } finally {
            session.removeEventListener(trace);
            session.dispose();
        }
        return new RuleVerdict(ruleset.version(), verdict.outcome(), verdict.reasons(Guardrails.MAX_REASONS),
                verdict.terms(), trace.fired());
    }
}
