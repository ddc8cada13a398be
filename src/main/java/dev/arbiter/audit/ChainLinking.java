package dev.arbiter.audit;

import dev.arbiter.recording.DecisionRecorded;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Links committed decisions into the chain soon after their commit rather than at the next tick
 * of the background linker. One worker thread links: a commit asks it to run, and every commit
 * that asks while a run is already due joins that run, so under load one transaction links all
 * the entries committed meanwhile, in sequence order.
 *
 * <p>The request for a run is not durable and need not be: the chain entry itself, committed in
 * the decision's transaction, is the durable record of the work still to do. Whatever a request
 * misses (a crash between the commit and the run, another node holding the linker's lock) the
 * background linker sweeps up, and every start links all unlinked entries before the node
 * serves ({@link AuditJobs}). An event publication per decision (a row written with the
 * decision, then removed in transactions of its own) would only repeat what the unlinked entry
 * already says.
 */
final class ChainLinking implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChainLinking.class);

    private final JdbcChain chain;
    private final AtomicBoolean due = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "arbiter-chain-linking");
        thread.setDaemon(true);
        return thread;
    });

    ChainLinking(JdbcChain chain) {
        this.chain = chain;
    }

    /** In the decision's transaction: asks for a run once it has committed (nothing on a rollback). */
    @EventListener
    public void on(DecisionRecorded recorded) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    linkSoon();
                }
            });
        } else {
            linkSoon();
        }
    }

    /** A run on the worker unless one is already due; it links every entry committed before it starts. */
    void linkSoon() {
        if (!due.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::link);
        } catch (RejectedExecutionException stopping) {
            due.set(false);
        }
    }

    private void link() {
        // cleared before linking: an entry committed after this point asks for a run of its own
        due.set(false);
        try {
            chain.linkPending(false);
        } catch (RuntimeException e) {
            log.debug("linking after a commit failed, the background linker retries: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
