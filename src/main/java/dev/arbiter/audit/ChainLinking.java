package dev.arbiter.audit;

import dev.arbiter.recording.DecisionRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Links a committed decision into the chain soon after its commit rather than at the next tick
 * of the background linker, which still sweeps up whatever this misses. Whichever node holds
 * the linker's lock links; the others return at once.
 */
final class ChainLinking {

    private final JdbcChain chain;

    ChainLinking(JdbcChain chain) {
        this.chain = chain;
    }

    @ApplicationModuleListener
    void on(DecisionRecorded recorded) {
        chain.linkPending(false);
    }
}
