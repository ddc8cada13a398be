package dev.arbiter.rules;

/** A version cannot take the step asked of it; {@link #reason} says why in a stable form. */
public final class RulesetStateException extends RuntimeException {

    public enum Reason {
        /** approval by the version's own author */
        OWN_APPROVAL,
        /** approval of a version that is no longer a draft */
        NOT_A_DRAFT,
        /** activation or shadowing of a version nobody approved */
        NOT_APPROVED,
        /** activation of a version whose golden cases do not all pass */
        CASES_FAILING,
        /** activation of the version already active, or a race lost to another activation */
        ALREADY_ACTIVE,
        /** the parent named on upload does not exist */
        UNKNOWN_PARENT
    }

    private final Reason reason;
    private final String version;

    public RulesetStateException(Reason reason, String version, String message) {
        super(message);
        this.reason = reason;
        this.version = version;
    }

    public Reason reason() {
        return reason;
    }

    public String version() {
        return version;
    }
}
