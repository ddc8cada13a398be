package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.ScoreFactor;
import java.time.Duration;
import java.util.List;

/**
 * How one request to a remote model ended.
 *
 * @param transientFailure whether trying again may help (timeouts, 429, 5xx, a dropped connection)
 * @param retryAfter       the wait the provider asked for, when it did
 * @param raw              the record's raw response: HTTP status, body and any problem found in it
 */
record Exchange(
        ModelStatus status,
        Double risk,
        Double confidence,
        List<ScoreFactor> factors,
        boolean transientFailure,
        Duration retryAfter,
        String raw) {

    static Exchange failed(ModelStatus status, boolean transientFailure, String raw) {
        return new Exchange(status, null, null, List.of(), transientFailure, null, raw);
    }
}
