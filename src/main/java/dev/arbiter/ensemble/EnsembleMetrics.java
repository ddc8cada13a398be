package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelScore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;

/**
 * The ensemble's meters: {@code arbiter.model.calls}, a timer of every model attempt by model,
 * role and status (attempts that were not made, such as an open circuit, count with zero
 * latency), and each remote model's Resilience4j circuit breaker, bulkhead and retry meters.
 */
final class EnsembleMetrics implements MeterBinder {

    private final RoutedEnsemble ensemble;

    EnsembleMetrics(RoutedEnsemble ensemble) {
        this.ensemble = ensemble;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        ensemble.remoteModels().values().forEach(model -> model.bindTo(meters));
        ensemble.observe(scores -> {
            for (ModelScore score : scores) {
                Timer.builder("arbiter.model.calls")
                        .description("Model attempts, by model, role and outcome status")
                        .tag("model", score.modelId())
                        .tag("role", score.role().name().toLowerCase())
                        .tag("status", score.status().name())
                        .register(meters)
                        .record(Duration.ofMillis(score.latencyMillis()));
            }
        });
    }
}
