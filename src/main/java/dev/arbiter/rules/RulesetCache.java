package dev.arbiter.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.arbiter.decision.RuleEvaluator;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place stored ruleset versions are compiled and kept: authoring, activation, shadow,
 * backtests, coverage and replays all take a version from here, so a version is compiled once
 * however many of them ask, and a few are kept (compiling takes tens of milliseconds warm).
 *
 * <p>What the cache lets go has its session pool shut ({@link CompiledRuleset#retire}), except
 * the version that serves and the one in shadow: those are retired when they leave service
 * ({@link #leftService}). Retiring never breaks an evaluation that still holds the version.
 */
final class RulesetCache implements StoredRulesets {

    private final RulesetRepository repository;
    private final RulesetCheck check;
    private final DroolsRuleEvaluator active;
    private final ShadowRuleset shadow;
    private final Cache<String, RulesetCheck.Checked> cache;

    /**
     * @param versions how many versions to keep compiled besides any that serve or run in shadow
     */
    RulesetCache(
            RulesetRepository repository,
            RulesetCheck check,
            DroolsRuleEvaluator active,
            ShadowRuleset shadow,
            int versions) {
        this.repository = repository;
        this.check = check;
        this.active = active;
        this.shadow = shadow;
        // the listener runs on the thread that evicts: a pool is shut promptly, and tests see it at once
        this.cache = Caffeine.newBuilder()
                .maximumSize(versions)
                .executor(Runnable::run)
                .<String, RulesetCheck.Checked>removalListener((version, checked, cause) -> removed(checked, cause))
                .build();
    }

    /** The stored version compiled with its cases read. */
    RulesetCheck.Checked checked(String version) {
        return cache.get(version, v -> {
            Ruleset files = repository.files(v).orElseThrow(() -> new RulesetNotFoundException(v));
            return checkedAs(v, files);
        });
    }

    /** Files about to be stored, compiled with their cases read; the same files checked before are not checked again. */
    RulesetCheck.Checked checked(Ruleset ruleset) {
        return cache.get(ruleset.version(), v -> check.check(ruleset));
    }

    /**
     * Keeps a version compiled elsewhere from the same files (its version is their hash), unless
     * one is kept already; then this one is retired.
     */
    void adopt(RulesetCheck.Checked checked) {
        if (cache.asMap().putIfAbsent(checked.compiled().version(), checked) != null) {
            checked.compiled().retire();
        }
    }

    /** For replays: the evaluator of a stored version, the serving one itself when it is that version. */
    @Override
    public Optional<RuleEvaluator> evaluator(String version) {
        if (active.current()
                .map(CompiledRuleset::version)
                .filter(version::equals)
                .isPresent()) {
            return Optional.of(active);
        }
        try {
            return Optional.of(new DroolsRuleEvaluator(checked(version).compiled()));
        } catch (RulesetNotFoundException notStored) {
            return Optional.empty();
        }
    }

    /**
     * A version that served or ran in shadow no longer does: shut its pool unless the cache
     * still keeps it (then the cache does when it lets go of it) or it is back in service.
     */
    void leftService(CompiledRuleset previous) {
        if (previous != null && !inService(previous) && !sameAsCached(previous)) {
            previous.retire();
        }
    }

    /** Lets maintenance (eviction and its listener) run now rather than on the next access. */
    void cleanUp() {
        cache.cleanUp();
    }

    /** Lets every version go the way eviction does, retiring what does not serve. */
    void forgetAll() {
        cache.invalidateAll();
        cache.cleanUp();
    }

    /** Whether this very compilation is the one kept for its version. */
    boolean holds(CompiledRuleset compiled) {
        return sameAsCached(compiled);
    }

    private boolean sameAsCached(CompiledRuleset compiled) {
        RulesetCheck.Checked cached = cache.getIfPresent(compiled.version());
        return cached != null && cached.compiled() == compiled;
    }

    private void removed(RulesetCheck.Checked checked, RemovalCause cause) {
        if (checked != null && !inService(checked.compiled())) {
            checked.compiled().retire();
        }
    }

    private boolean inService(CompiledRuleset compiled) {
        return active.current().orElse(null) == compiled || shadow.current().orElse(null) == compiled;
    }

    private RulesetCheck.Checked checkedAs(String version, Ruleset files) {
        if (!Objects.equals(files.version(), version)) {
            throw new IllegalStateException("stored files of ruleset " + version + " hash to " + files.version());
        }
        return check.check(files);
    }
}
