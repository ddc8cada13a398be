package dev.arbiter.decision;

import java.util.function.Supplier;

/**
 * Watches the steps of a decision, for tracing: each step runs inside {@link #observe}. The
 * default, {@link #NONE}, only runs the step; an adapter outside the core turns each step into
 * an observation (a span when tracing is on).
 */
@FunctionalInterface
public interface DecisionObserver {

    /** The steps of one decision, in order; {@code DECIDE} encloses the others. */
    enum Step {
        DECIDE,
        FEATURES,
        MODELS,
        RULES,
        COMMIT
    }

    <T> T observe(Step step, Supplier<T> work);

    DecisionObserver NONE = new DecisionObserver() {
        @Override
        public <T> T observe(Step step, Supplier<T> work) {
            return work.get();
        }
    };
}
