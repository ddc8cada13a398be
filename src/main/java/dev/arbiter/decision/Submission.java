package dev.arbiter.decision;

import java.util.Map;

/**
 * An application as it arrived: the part rules and models may see, the demographic
 * monitoring fields that are stored apart for fairness reports only, and a fingerprint of
 * the canonical request that makes a repeat recognisable. Beside them, who submitted it
 * ({@code clientId}, null when unknown) and the applicant's personal data (null when none was
 * sent, or after it was forgotten), both kept away from rules and models like monitoring.
 */
public record Submission(
        Application application,
        Map<String, Object> monitoring,
        String fingerprint,
        String clientId,
        PersonalData personalData) {

    public Submission {
        monitoring = monitoring == null ? Map.of() : Map.copyOf(monitoring);
        personalData = personalData == null || personalData.isEmpty() ? null : personalData;
    }

    public Submission(Application application, Map<String, Object> monitoring, String fingerprint) {
        this(application, monitoring, fingerprint, null, null);
    }

    /** The same submission as stored alongside its owner and personal data. */
    public Submission with(String owner, PersonalData personal) {
        return new Submission(application, monitoring, fingerprint, owner, personal);
    }
}
