package dev.arbiter.security;

/**
 * Why a request was refused before it reached an endpoint. The names are the stable codes
 * clients see ({@code code}, and {@code type} = {@code /problems/<kebab-case>}).
 */
public enum AuthFailure {
    MISSING_CREDENTIALS(401),
    UNKNOWN_KEY(401),
    KEY_NOT_YET_VALID(401),
    KEY_EXPIRED(401),
    KEY_REVOKED(401),
    SIGNATURE_MISMATCH(401),
    TIMESTAMP_OUTSIDE_WINDOW(401),
    NONCE_REPLAYED(401),
    ENVIRONMENT_MISMATCH(403),
    ROLE_NOT_ALLOWED(403);

    private final int status;

    AuthFailure(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
