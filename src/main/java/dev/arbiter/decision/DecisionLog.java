package dev.arbiter.decision;

import java.util.Optional;
import java.util.UUID;

/** Port: durable storage of decisions. {@link #append} returns only once the decision is committed. */
public interface DecisionLog {

    Optional<StoredDecision> find(UUID decisionId);

    Optional<StoredDecision> findByApplicationId(String applicationId);

    /**
     * Stores a decision and everything it was made from in one transaction.
     *
     * @throws DuplicateApplicationException when a decision for the same application id exists
     */
    void append(StoredDecision decision);

    final class DuplicateApplicationException extends RuntimeException {
        public DuplicateApplicationException(String applicationId, Throwable cause) {
            super("a decision for application " + applicationId + " is already stored", cause);
        }
    }
}
