package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Every attempt one role's chain made, in order, plus the attempt in flight. When the
 * decision's deadline passes, {@link #close} turns the attempt in flight into a TIMEOUT and
 * ignores whatever the abandoned call reports later, so the record never changes afterwards.
 */
final class ChainTrace {

    private final ModelRole role;
    private final List<ModelScore> attempts = new ArrayList<>();
    private InFlight inFlight;
    private boolean closed;
    private boolean finished;

    private record InFlight(ModelConfig model, String version, int attempt, String trigger, long startedNanos) {}

    ChainTrace(ModelRole role) {
        this.role = role;
    }

    ModelRole role() {
        return role;
    }

    synchronized void begin(ModelConfig model, String version, int attempt, String trigger) {
        if (!closed) {
            inFlight = new InFlight(model, version, attempt, trigger, System.nanoTime());
        }
    }

    synchronized void record(ModelScore score) {
        if (!closed) {
            attempts.add(score);
            inFlight = null;
        }
    }

    synchronized void finish() {
        finished = true;
    }

    synchronized boolean closed() {
        return closed;
    }

    /**
     * Ends the chain: an attempt still in flight is recorded as TIMEOUT, and when the chain had
     * not finished, {@code notReached} (the models it had yet to try) are recorded as SKIPPED.
     */
    synchronized List<ModelScore> close(List<Skipped> notReached) {
        if (!closed && !finished) {
            if (inFlight != null) {
                long millis = (System.nanoTime() - inFlight.startedNanos) / 1_000_000;
                attempts.add(new ModelScore(
                        role,
                        inFlight.model.id(),
                        inFlight.version,
                        inFlight.model.providerRegion(),
                        inFlight.attempt,
                        inFlight.trigger,
                        ModelStatus.TIMEOUT,
                        null,
                        null,
                        List.of(),
                        millis,
                        "{\"error\":\"decision deadline reached while waiting for the answer\"}"));
            }
            for (Skipped s : notReached) {
                attempts.add(new ModelScore(
                        role,
                        s.model.id(),
                        s.version,
                        s.model.providerRegion(),
                        1,
                        s.trigger,
                        ModelStatus.SKIPPED,
                        null,
                        null,
                        List.of(),
                        0,
                        "{\"error\":\"decision deadline reached before this model could be asked\"}"));
            }
        }
        closed = true;
        return List.copyOf(attempts);
    }

    record Skipped(ModelConfig model, String version, String trigger) {}
}
