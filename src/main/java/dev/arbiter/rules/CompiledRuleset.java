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

    /** Every rule of the version, by rule code. */
    public java.util.List<RuleDefinition> rules() {
        return kieBase.getKiePackages().stream()
                .flatMap(pkg -> pkg.getRules().stream())
                .map(rule -> new RuleDefinition(String.valueOf(rule.getMetaData().get(RulesetCompiler.RULE_CODE)),
                        rule.getName(), rule.getMetaData().get(RulesetCompiler.REASON_CODE) == null ? null
                                : rule.getMetaData().get(RulesetCompiler.REASON_CODE).toString()))
                .sorted(java.util.Comparator.comparing(RuleDefinition::ruleCode))
                .toList();
    }

    KieBase kieBase() {
        return kieBase;
    }

    KieSessionsPool sessions() {
        return sessions;
    }
}
