package dev.arbiter.rules;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A ruleset that compiled and passed every check, ready to be activated. Only
 * {@link RulesetCompiler} makes one.
 *
 * <p>Its sessions come from a pool, which {@link #retire} shuts down once no pooled session
 * is out: an evaluation that holds one when the ruleset is retired (a replay, a backtest)
 * finishes on it, and one that starts later gets a session of its own, slower but correct.
 */
public final class CompiledRuleset {

    private final String version;
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final ReasonCodeTable reasons;
    private final Parameters parameters;
    /** Pooled sessions out, plus one for the pool's owner until {@link #retire}; at zero the pool is shut. */
    private final AtomicInteger holds = new AtomicInteger(1);

    private final AtomicBoolean retired = new AtomicBoolean();

    CompiledRuleset(String version, KieBase kieBase, ReasonCodeTable reasons, Parameters parameters) {
        this.version = version;
        this.kieBase = kieBase;
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors() * 2);
        this.reasons = reasons;
        this.parameters = parameters;
    }

    /** The content hash of the ruleset's files, see {@link Ruleset}. */
    public String version() {
        return version;
    }

    public ReasonCodeTable reasons() {
        return reasons;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Every rule of the version, by rule code. */
    public java.util.List<RuleDefinition> rules() {
        return kieBase.getKiePackages().stream()
                .flatMap(pkg -> pkg.getRules().stream())
                .map(rule -> new RuleDefinition(
                        String.valueOf(rule.getMetaData().get(RulesetCompiler.RULE_CODE)),
                        rule.getName(),
                        rule.getMetaData().get(RulesetCompiler.REASON_CODE) == null
                                ? null
                                : rule.getMetaData()
                                        .get(RulesetCompiler.REASON_CODE)
                                        .toString()))
                .sorted(java.util.Comparator.comparing(RuleDefinition::ruleCode))
                .toList();
    }

    KieBase kieBase() {
        return kieBase;
    }

    KieSessionsPool sessions() {
        return sessions;
    }

    /** A session of one evaluation and whether it came from the pool. */
    record Session(KieSession kie, boolean pooled) {}

    /** A session for one evaluation, from the pool while it is open; hand it back with {@link #close}. */
    Session openSession() {
        for (int n = holds.get(); n > 0; n = holds.get()) {
            if (holds.compareAndSet(n, n + 1)) {
                return new Session(sessions.newKieSession(), true);
            }
        }
        return new Session(kieBase.newKieSession(), false);
    }

    /** Disposes a session of {@link #openSession}; the last one out of a retired pool shuts it. */
    void close(Session session) {
        try {
            session.kie().dispose();
        } finally {
            if (session.pooled()) {
                release();
            }
        }
    }

    /** Shuts the session pool as soon as no evaluation holds a pooled session; safe to call twice. */
    void retire() {
        if (retired.compareAndSet(false, true)) {
            release();
        }
    }

    private void release() {
        if (holds.decrementAndGet() == 0) {
            sessions.shutdown();
        }
    }
}
