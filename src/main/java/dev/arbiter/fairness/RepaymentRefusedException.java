package dev.arbiter.fairness;

/** A repayment observation that was not stored, with why and which field caused it ({@code ""} for none). */
public final class RepaymentRefusedException extends RuntimeException {

    public enum Why {
        DECISION_NOT_FOUND,
        NOT_APPROVED,
        INVALID_OBSERVATION,
        CONFLICT
    }

    private final Why why;
    private final String field;

    RepaymentRefusedException(Why why, String field, String message) {
        super(message);
        this.why = why;
        this.field = field;
    }

    public Why why() {
        return why;
    }

    public String field() {
        return field;
    }
}
