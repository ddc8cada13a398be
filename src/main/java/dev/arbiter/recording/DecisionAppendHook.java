package dev.arbiter.recording;

import dev.arbiter.decision.StoredDecision;

/** Work that must commit with a decision or not at all, such as its chain entry; runs inside the decision's transaction. */
@FunctionalInterface
public interface DecisionAppendHook {

    DecisionAppendHook NONE = stored -> {};

    void stored(StoredDecision stored);

    /** This hook, then {@code next}, in the same transaction. */
    default DecisionAppendHook andThen(DecisionAppendHook next) {
        return stored -> {
            stored(stored);
            next.stored(stored);
        };
    }
}
