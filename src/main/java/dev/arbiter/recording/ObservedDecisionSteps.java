package dev.arbiter.recording;

import dev.arbiter.decision.DecisionObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Each step of a decision as a Micrometer observation named {@code arbiter.decision.step},
 * tagged with its {@code step}: a timer always, and a span (named for the step) when tracing
 * is on, so one decision is one trace of {@code decide} enclosing {@code features},
 * {@code models} (with a span per model call), {@code rules} and {@code commit}.
 */
final class ObservedDecisionSteps implements DecisionObserver {

    static final String NAME = "arbiter.decision.step";

    private final ObservationRegistry registry;

    ObservedDecisionSteps(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <T> T observe(Step step, Supplier<T> work) {
        String name = step.name().toLowerCase(Locale.ROOT);
        return Observation.createNotStarted(NAME, registry)
                .contextualName(name)
                .lowCardinalityKeyValue("step", name)
                .observe(work);
    }
}
