package dev.arbiter.security;

import java.time.Instant;

/** Port: nonces seen within the timestamp window, shared by every node. */
public interface NonceStore {

    /** Records the nonce for the key; false when it was already recorded (a replay). */
    boolean firstUse(String keyId, String nonce, Instant seenAt);

    /** Forgets nonces seen before {@code before}; returns how many. */
    int purgeBefore(Instant before);
}
