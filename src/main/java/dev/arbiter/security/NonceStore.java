package dev.arbiter.security;

import java.time.Instant;

/** Port: nonces seen within the timestamp window, shared by every node. */
public interface NonceStore {

    /** Records the nonce for the key; false when it was already recorded (a replay). */
    boolean firstUse(String keyId, String nonce, Instant seenAt);

    /**
     * Records a nonce whose recording {@link RequestVerifier} left to the request's handler; in the
     * handler's transaction when there is one, so the nonce is used up only if that commits.
     */
    default boolean firstUse(SignedNonce nonce) {
        return firstUse(nonce.keyId(), nonce.nonce(), nonce.seenAt());
    }

    /** Forgets nonces seen before {@code before}; returns how many. */
    int purgeBefore(Instant before);
}
