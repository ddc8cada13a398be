package dev.arbiter.recording;

import dev.arbiter.security.SignedNonce;
import java.util.function.Supplier;

/**
 * Carries a request's unrecorded nonce from {@link DecisionIntake} to the transaction that
 * stores the decision ({@link DecisionRecorder#append}), across the core's
 * {@code DecisionService}, which knows nothing of requests: set on the request's thread for the
 * duration of one decision, read (and used up) inside the decision's transaction on that thread.
 */
final class NonceWithDecision {

    private static final ThreadLocal<SignedNonce> PENDING = new ThreadLocal<>();

    private NonceWithDecision() {}

    static <T> T during(SignedNonce nonce, Supplier<T> work) {
        if (nonce == null) {
            return work.get();
        }
        PENDING.set(nonce);
        try {
            return work.get();
        } finally {
            PENDING.remove();
        }
    }

    /** The nonce to record with the decision being stored on this thread, once; null when there is none. */
    static SignedNonce take() {
        SignedNonce nonce = PENDING.get();
        PENDING.remove();
        return nonce;
    }
}
