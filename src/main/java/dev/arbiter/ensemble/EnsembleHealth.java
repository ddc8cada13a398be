package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelRole;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness of the model ensemble: its configuration loaded (it refuses to start otherwise),
 * and the circuit state of every model behind the network. An open circuit makes the ensemble
 * {@link #DEGRADED}, never down: every node shares the same providers, so taking this one out
 * of rotation would not help, and decisions still come back (a missing second opinion or fraud
 * score is recorded and the rules refer what they cannot decide). Only when every model of the
 * primary chain is open is the ensemble down, since then no decision can rest on a primary score.
 */
final class EnsembleHealth implements HealthIndicator {

    /** Answers, but with less than the configured ensemble; served with HTTP 200. */
    static final Status DEGRADED = new Status("DEGRADED");

    private final RoutedEnsemble ensemble;

    EnsembleHealth(RoutedEnsemble ensemble) {
        this.ensemble = ensemble;
    }

    @Override
    public Health health() {
        Map<String, RemoteModel> remote = ensemble.remoteModels();
        Map<String, String> circuits = new LinkedHashMap<>();
        List<String> open = new ArrayList<>();
        remote.forEach((id, model) -> {
            CircuitBreaker.State state = model.circuitState();
            circuits.put(id, state.name());
            if (isOpen(state)) {
                open.add(id);
            }
        });
        List<String> primary = ensemble.config().chain(ModelRole.PRIMARY);
        boolean primaryGone = !primary.isEmpty() && open.containsAll(primary);
        Health.Builder health = primaryGone ? Health.down() : open.isEmpty() ? Health.up() : Health.status(DEGRADED);
        health.withDetail("version", ensemble.version());
        if (!circuits.isEmpty()) {
            health.withDetail("circuits", circuits);
        }
        if (!open.isEmpty()) {
            health.withDetail("open", open);
        }
        return health.build();
    }

    private static boolean isOpen(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }
}
