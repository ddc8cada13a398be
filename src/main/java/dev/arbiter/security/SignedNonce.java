package dev.arbiter.security;

import java.time.Instant;

/**
 * A signed request's nonce not yet recorded: the request that creates a decision records it in
 * the decision's own transaction instead of one of its own ({@link SignedRequests}), so the
 * nonce is used up exactly when the decision is committed.
 *
 * @param keyId  the key that signed the request
 * @param nonce  the request's nonce
 * @param seenAt when the request was verified
 */
public record SignedNonce(String keyId, String nonce, Instant seenAt) {

    /** The request attribute that carries it from the filter to the handler. */
    public static final String ATTRIBUTE = "dev.arbiter.security.SignedNonce";
}
