package dev.arbiter.recording;

import java.util.UUID;

/** Work that must commit with a later event on a decision, such as its chain entry; runs inside the event's transaction. */
@FunctionalInterface
public interface EventAppendHook {

    void appended(UUID eventId);
}
