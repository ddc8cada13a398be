package dev.arbiter.rules;

import dev.arbiter.decision.RuleEvaluator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stored ruleset versions compiled on first use and kept, a few at a time: compiling takes
 * tens of milliseconds warm, a replay should not. The active version is served as it runs.
 */
public final class CompiledRulesetCache implements StoredRulesets {

    private static final int KEEP = 8;

    private final JdbcRulesetFiles files;
    private final DroolsRuleEvaluator active;
    private final RulesetCompiler compiler = new RulesetCompiler();
    private final Map<String, RuleEvaluator> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RuleEvaluator> eldest) {
            return size() > KEEP;
        }
    };

    public CompiledRulesetCache(JdbcRulesetFiles files, DroolsRuleEvaluator active) {
        this.files = files;
        this.active = active;
    }

    @Override
    public Optional<RuleEvaluator> evaluator(String version) {
        if (active.active().version().equals(version)) {
            return Optional.of(active);
        }
        synchronized (compiled) {
            RuleEvaluator cached = compiled.get(version);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Map<String, byte[]>> stored = files.files(version);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Ruleset ruleset = Ruleset.of(stored.get());
        if (!ruleset.version().equals(version)) {
            throw new IllegalStateException("stored files of ruleset " + version + " hash to " + ruleset.version());
        }
        RuleEvaluator evaluator = new DroolsRuleEvaluator(compiler.compile(ruleset));
        synchronized (compiled) {
            compiled.put(version, evaluator);
        }
        return Optional.of(evaluator);
    }
}
