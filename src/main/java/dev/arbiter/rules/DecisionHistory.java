package dev.arbiter.rules;

import dev.arbiter.decision.StoredDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Port: the stored decisions of a period, read back for backtests and rule coverage. */
public interface DecisionHistory {

    /**
     * Hands the decisions made in [from, to) to {@code batch} in order of decision time, one
     * batch at a time, never holding more than one batch in memory on its side. A batch comes
     * undecoded: {@code get()} decodes it on the thread that calls it, so the reading thread
     * is free to fetch the next batch meanwhile.
     */
    void forEachBatch(Instant from, Instant to, int batchSize, Consumer<Supplier<List<StoredDecision>>> batch);

    /** How many decisions {@code version} made in [from, to). */
    long decisions(String version, Instant from, Instant to);

    /** For decisions {@code version} made in [from, to): how many times each rule code fired. */
    Map<String, Long> firedRuleCounts(String version, Instant from, Instant to);
}
