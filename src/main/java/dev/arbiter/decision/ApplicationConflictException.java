package dev.arbiter.decision;

import java.util.UUID;

/** The application id was decided before, from a different request body. */
public final class ApplicationConflictException extends RuntimeException {

    private final String applicationId;
    private final UUID existingDecisionId;

    public ApplicationConflictException(String applicationId, UUID existingDecisionId) {
        super(
                "application " + applicationId + " was already decided (decision " + existingDecisionId
                        + ") from a different request; send the original body to fetch that decision, or use a new applicationId");
        this.applicationId = applicationId;
        this.existingDecisionId = existingDecisionId;
    }

    public String applicationId() {
        return applicationId;
    }

    /** The decision that holds the id, or null when the caller may not know it. */
    public UUID existingDecisionId() {
        return existingDecisionId;
    }
}
