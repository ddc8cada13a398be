package dev.arbiter.audit;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How far the audit chain is behind, for people to read (the console's Home): the same figures
 * as the chain's readiness check.
 */
@Component
public final class ChainStatus {

    /**
     * @param unlinked       committed records not yet linked into the chain
     * @param oldestUnlinked how long the oldest of them has waited
     * @param bound          readiness fails beyond this wait
     * @param checkpointAge  the age of the latest signed checkpoint; null before the first
     */
    public record Snapshot(long unlinked, Duration oldestUnlinked, Duration bound, Duration checkpointAge) {
        /** Behind the bound: what this node answers is not yet tamper-evident. */
        public boolean behind() {
            return oldestUnlinked.compareTo(bound) > 0;
        }
    }

    private final ChainLag lag;
    private final Duration bound;

    ChainStatus(ChainLag lag, AuditProperties audit) {
        this.lag = lag;
        this.bound = audit.linkLagBound();
    }

    public Snapshot now() {
        ChainLag.Unlinked unlinked = lag.unlinked();
        return new Snapshot(
                unlinked.count(), unlinked.oldest(), bound, lag.checkpointAge().orElse(null));
    }
}
