package dev.arbiter.web;

/** One invalid field of an admin or personal-data request, with what would be valid. */
public final class InvalidFieldException extends RuntimeException {
    final String field;
    final String reason;
    final String allowed;

    public InvalidFieldException(String field, String reason, String allowed) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
        this.allowed = allowed;
    }
}
