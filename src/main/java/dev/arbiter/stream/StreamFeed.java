package dev.arbiter.stream;

import dev.arbiter.recording.DecisionRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** The live feed: each committed decision, once, to every subscriber whose filter it matches. */
@Component
public class StreamFeed {

    private final DecisionStream stream;

    StreamFeed(DecisionStream stream) {
        this.stream = stream;
    }

    @ApplicationModuleListener
    public void on(DecisionRecorded recorded) {
        stream.committed(recorded.decisionId());
    }
}
