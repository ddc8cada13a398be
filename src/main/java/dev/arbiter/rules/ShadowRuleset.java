package dev.arbiter.rules;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The challenger that runs beside the active ruleset on live traffic, if any. */
public final class ShadowRuleset {

    private final AtomicReference<CompiledRuleset> challenger = new AtomicReference<>();

    void run(CompiledRuleset ruleset) {
        challenger.set(ruleset);
    }

    void stop() {
        challenger.set(null);
    }

    public Optional<CompiledRuleset> current() {
        return Optional.ofNullable(challenger.get());
    }
}
