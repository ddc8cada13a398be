package dev.arbiter.audit;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the audit trail: down while a committed decision has waited longer than the
 * bound to be linked into the chain (the linker is stuck or far behind, so what this node
 * answers is not yet tamper-evident).
 */
final class ChainHealth implements HealthIndicator {

    private final ChainLag lag;
    private final Duration bound;

    ChainHealth(ChainLag lag, Duration bound) {
        this.lag = lag;
        this.bound = bound;
    }

    @Override
    public Health health() {
        ChainLag.Unlinked unlinked = lag.unlinked();
        Health.Builder health = unlinked.oldest().compareTo(bound) > 0 ? Health.down() : Health.up();
        health.withDetail("unlinked", unlinked.count())
                .withDetail("oldestUnlinkedSeconds", unlinked.oldest().toSeconds())
                .withDetail("boundSeconds", bound.toSeconds());
        lag.checkpointAge().ifPresent(age -> health.withDetail("checkpointAgeSeconds", age.toSeconds()));
        return health.build();
    }
}
