package dev.arbiter.rules;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The challenger that runs beside the active ruleset on live traffic, if any. */
public final class ShadowRuleset {

    private final AtomicReference<CompiledRuleset> challenger = new AtomicReference<>();

    /** @return the challenger that ran until now, or null */
    CompiledRuleset run(CompiledRuleset ruleset) {
        return challenger.getAndSet(ruleset);
    }

    /** @return the challenger that ran until now, or null */
    CompiledRuleset stop() {
        return challenger.getAndSet(null);
    }

    public Optional<CompiledRuleset> current() {
        return Optional.ofNullable(challenger.get());
    }
}
