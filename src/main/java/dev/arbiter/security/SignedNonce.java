package dev.arbiter.security;

import java.time.Instant;

/**
 * A signed request's nonce not yet recorded: the request that creates a decision records it in
 * the decision's own transaction instead of one of its own ({@link SignedRequests}), so the
 * nonce is used up exactly when the decision is committed; the read of one decision records it
 * in the statement that reads the decision.
 *
 * @param keyId  the key that signed the request
 * @param nonce  the request's nonce
 * @param seenAt when the request was verified
 */
public record SignedNonce(String keyId, String nonce, Instant seenAt) {

    /** The request attribute that carries it from the filter to the handler. */
    public static final String ATTRIBUTE = "dev.arbiter.security.SignedNonce";

    /**
     * The request attribute a handler sets when it found the nonce used and refused the request
     * as a replay: the filter then treats it as one it refused itself (a failed authentication,
     * and the request given back to the client's budget).
     */
    public static final String REPLAYED = "dev.arbiter.security.SignedNonce.replayed";
}
