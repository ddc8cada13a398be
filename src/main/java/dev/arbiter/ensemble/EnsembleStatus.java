package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the ensemble is now, for people to read (the console's Home): its version, each
 * model's type, roles, circuit state, and its attempts on this node since start by status,
 * from the {@code arbiter.model.calls} meter (empty without a meter registry).
 */
@Component
public final class EnsembleStatus {

    /**
     * One model.
     *
     * @param circuit  the circuit breaker's state (CLOSED, OPEN, HALF_OPEN, ...); "in process" for a model in this JVM
     * @param attempts this node's attempts since start
     * @param failed   of which not OK (timeout, HTTP error, open circuit, ...)
     */
    public record Model(
            String id, String type, List<String> roles, String circuit, boolean open, long attempts, long failed) {
        /** Failed attempts as a share of all attempts, 0 to 1; 0 without attempts. */
        public double errorRate() {
            return attempts == 0 ? 0 : (double) failed / attempts;
        }
    }

    private final RoutedEnsemble ensemble;
    private final ObjectProvider<MeterRegistry> meters;

    EnsembleStatus(RoutedEnsemble ensemble, ObjectProvider<MeterRegistry> meters) {
        this.ensemble = ensemble;
        this.meters = meters;
    }

    public String version() {
        return ensemble.version();
    }

    public List<Model> models() {
        EnsembleConfig config = ensemble.config();
        Map<String, RemoteModel> remote = ensemble.remoteModels();
        MeterRegistry registry = meters.getIfAvailable();
        List<Model> models = new ArrayList<>();
        config.models().forEach((id, model) -> {
            List<String> roles = new ArrayList<>();
            for (ModelRole role : ModelRole.values()) {
                if (config.chain(role).contains(id)) {
                    roles.add(role.name().toLowerCase());
                }
            }
            RemoteModel behindNetwork = remote.get(id);
            CircuitBreaker.State state = behindNetwork == null ? null : behindNetwork.circuitState();
            long attempts = 0;
            long failed = 0;
            if (registry != null) {
                for (Timer timer :
                        registry.find("arbiter.model.calls").tag("model", id).timers()) {
                    long count = timer.count();
                    attempts += count;
                    if (!ModelStatus.OK.name().equals(timer.getId().getTag("status"))) {
                        failed += count;
                    }
                }
            }
            models.add(new Model(
                    id,
                    model.type().name().toLowerCase(),
                    roles,
                    state == null ? "in process" : state.name(),
                    state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN,
                    attempts,
                    failed));
        });
        return models;
    }
}
