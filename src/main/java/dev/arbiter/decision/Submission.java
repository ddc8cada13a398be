package dev.arbiter.decision;

import java.util.Map;

/**
 * An application as it arrived: the part rules and models may see, the demographic
 * monitoring fields that are stored apart for fairness reports only, and a fingerprint of
 * the canonical request that makes a repeat recognisable.
 */
public record Submission(Application application, Map<String, Object> monitoring, String fingerprint) {

    public Submission {
        monitoring = monitoring == null ? Map.of() : Map.copyOf(monitoring);
    }
}
