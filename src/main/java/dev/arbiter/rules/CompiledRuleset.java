package dev.arbiter.rules;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A ruleset that compiled and passed every check, ready to be activated. Only
 * {@link RulesetCompiler} makes one.
 */
public final class CompiledRuleset {

    private final String version;
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final ReasonCodeTable reasons;
    private final Parameters parameters;

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

    KieBase kieBase() {
        return kieBase;
    }

    KieSessionsPool sessions() {
        return sessions;
    }
}
