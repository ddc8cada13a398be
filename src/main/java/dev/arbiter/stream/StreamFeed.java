package dev.arbiter.stream;

import dev.arbiter.recording.DecisionRecorded;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The live feed: each committed decision, once, to every subscriber whose filter it matches,
 * sent after the commit off the request thread.
 *
 * <p>Live, not durable: it is no event publication, which would write a row with every decision
 * and remove it in transactions of their own, feed or no feed. What a durable publication would
 * add is a delivery after a crash, at the next start, and by then the subscribers it was meant
 * for are gone with their connections (a feed delivers only what commits while one listens). So
 * nothing is registered while no one subscribes, and a decision committed during a crash is
 * simply not in anyone's feed; it is in the decision store, where a reader finds it.
 */
@Component
public class StreamFeed {

    private final DecisionStream stream;
    private final Executor executor;

    StreamFeed(DecisionStream stream, @Qualifier("applicationTaskExecutor") Executor executor) {
        this.stream = stream;
        this.executor = executor;
    }

    /** In the decision's transaction: sends it once committed, if anyone subscribes. */
    @EventListener
    public void on(DecisionRecorded recorded) {
        if (!stream.feeding()) {
            return;
        }
        UUID id = recorded.decisionId();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send(id);
                }
            });
        } else {
            send(id);
        }
    }

    private void send(UUID decisionId) {
        try {
            executor.execute(() -> stream.committed(decisionId));
        } catch (RejectedExecutionException stopping) {
            // the node is stopping and its subscribers' connections with it
        }
    }
}
