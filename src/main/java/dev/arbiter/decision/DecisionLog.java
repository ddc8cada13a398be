package dev.arbiter.decision;

import java.util.Optional;
import java.util.UUID;

/** Port: durable storage of decisions. {@link #append} returns only once the decision is committed. */
public interface DecisionLog {

    Optional<StoredDecision> find(UUID decisionId);

    /**
     * The decision a client made under its application id: ids are the client's own references,
     * so another client's decision under the same id is not found (a null client matches only
     * decisions stored without one).
     */
    Optional<StoredDecision> findByApplicationId(String clientId, String applicationId);

    /**
     * Stores a decision and everything it was made from in one transaction.
     *
     * @throws DuplicateApplicationException when the same client already has a decision for the application id
     */
    void append(StoredDecision decision);

    final class DuplicateApplicationException extends RuntimeException {
        public DuplicateApplicationException(String applicationId, Throwable cause) {
            super("a decision for application " + applicationId + " is already stored", cause);
        }
    }
}
