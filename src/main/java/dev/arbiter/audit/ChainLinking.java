package dev.arbiter.audit;

import dev.arbiter.recording.DecisionRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Links a committed decision into the chain soon after its commit rather than at the next tick
 * of the background linker, which still sweeps up whatever this misses. Not final: the
 * listener runs through a proxy (asynchronous, in a transaction of its own). Whichever node holds
 * the linker's lock links; the others return at once.
 */
class ChainLinking {

    private final JdbcChain chain;

    ChainLinking(JdbcChain chain) {
        this.chain = chain;
    }

    @ApplicationModuleListener
    public void on(DecisionRecorded recorded) {
        chain.linkPending(false);
    }
}
