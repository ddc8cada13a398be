package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.Guardrails;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.RuleEvaluator;
import dev.arbiter.decision.RuleVerdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.kie.api.runtime.KieSession;

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

    /** An evaluator with nothing to serve yet; the start-up activates the stored version, see {@link RulesetStartup}. */
    DroolsRuleEvaluator() {
        this.active = new AtomicReference<>();
    }

    /**
     * Makes {@code next} the ruleset of every evaluation that starts from now on. Evaluations
     * already running finish on the ruleset they started with; its session pool is left to
     * {@link RulesetCache} rather than shut down under them.
     *
     * @return the ruleset that served until now, or null at start
     */
    public CompiledRuleset activate(CompiledRuleset next) {
        return active.getAndSet(Objects.requireNonNull(next));
    }

    /** The ruleset that serves. */
    public CompiledRuleset active() {
        CompiledRuleset ruleset = active.get();
        if (ruleset == null) {
            throw new IllegalStateException("no ruleset activated yet: the start-up has not finished");
        }
        return ruleset;
    }

    /** The ruleset that serves, empty only before the start-up activated one. */
    public Optional<CompiledRuleset> current() {
        return Optional.ofNullable(active.get());
    }

    @Override
    public RuleVerdict evaluate(Application application, Features features, List<ModelScore> scores) {
        CompiledRuleset ruleset = active();
        VerdictBuilder verdict = new VerdictBuilder(application, ruleset.reasons());
        FiredRuleTrace trace = new FiredRuleTrace(verdict);
        CompiledRuleset.Session lease = ruleset.openSession();
        KieSession session = lease.kie();
        try {
            session.addEventListener(trace);
            session.insert(ruleset.parameters().resolve(application));
            session.insert(application);
            session.insert(features);
            scores.forEach(session::insert);
            session.insert(verdict);
            session.fireAllRules();
        } finally {
            session.removeEventListener(trace);
            ruleset.close(lease);
        }
        return new RuleVerdict(
                ruleset.version(),
                verdict.outcome(),
                verdict.reasons(Guardrails.MAX_REASONS),
                verdict.terms(),
                trace.fired());
    }
}
