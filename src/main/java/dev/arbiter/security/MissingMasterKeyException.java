package dev.arbiter.security;

/** The production profile was started without a master key; it never generates one. */
public final class MissingMasterKeyException extends RuntimeException {
    public MissingMasterKeyException() {
        super("no master key: the production profile needs ARBITER_MASTER_KEY (base64 of 32 random bytes) "
                + "or ARBITER_MASTER_KEY_FILE (a file holding it)");
    }
}
